/*
 * Host tests for hv/hypercall/ipi_input.c: decoding of
 * HvCallSendSyntheticClusterIpi (0x000B) and ...Ex (0x0015) inputs.
 */
#include "harness.h"
#include "hv/hypercall/ipi_input.h"
#include "unihv/hv_hypercall.h"
#include "unihv/hv_status.h"
#include "unihv/hv_types.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define IPI HVCALL_SEND_SYNTHETIC_CLUSTER_IPI
#define IPI_EX HVCALL_SEND_SYNTHETIC_CLUSTER_IPI_EX
#define P HV_STATUS_INVALID_PARAMETER
#define I HV_STATUS_INVALID_HYPERCALL_INPUT
/* Bytes 0-7: vector u32, target VTL u8, flags u8, reserved u16. */
#define HDR(vec, vtl, flags, rsvd) \
	((uint64_t)(vec) | (uint64_t)(vtl) << 32 | (uint64_t)(flags) << 40 | (uint64_t)(rsvd) << 48)

#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

struct ipi_case {
	const char *name;
	uint16_t code;
	uint64_t in[6];     /* fixed header, then bank words */
	uint32_t var_qwords;
	uint16_t status;
	uint8_t vector;
	bool all;
	uint64_t mask;
};

static const struct ipi_case cases[] = {
	{ "vector 0x40 to VP 1", IPI, { HDR(0x40, 0, 0, 0), 2 }, 0, 0, 0x40, false, 2 },
	{ "vector 0x10", IPI, { HDR(0x10, 0, 0, 0), 1 }, 0, 0, 0x10, false, 1 },
	{ "vector 0xff", IPI, { HDR(0xff, 0, 0, 0), 1 }, 0, 0, 0xff, false, 1 },
	{ "VTL 0 named", IPI, { HDR(0x20, 0x10, 0, 0), 1 }, 0, 0, 0x20, false, 1 },
	{ "vector 0x0f", IPI, { HDR(0x0f, 0, 0, 0), 1 }, 0, P },
	{ "vector 0x100", IPI, { HDR(0x100, 0, 0, 0), 1 }, 0, P },
	{ "VTL 1", IPI, { HDR(0x40, 0x11, 0, 0), 1 }, 0, P },
	{ "VTL bits without use", IPI, { HDR(0x40, 0x01, 0, 0), 1 }, 0, P },
	{ "flags byte", IPI, { HDR(0x40, 0, 1, 0), 1 }, 0, P },
	{ "reserved word", IPI, { HDR(0x40, 0, 0, 0x8000), 1 }, 0, P },
	{ "empty mask", IPI, { HDR(0x40, 0, 0, 0), 0 }, 0, P },
	{ "ex sparse VP 0 and 3", IPI_EX, { HDR(0x41, 0, 0, 0), HV_GENERIC_SET_SPARSE_4K, 1, 9 },
	  1, 0, 0x41, false, 9 },
	{ "ex all", IPI_EX, { HDR(0x42, 0, 0, 0), HV_GENERIC_SET_ALL, 0 }, 0, 0, 0x42, true, 0 },
	{ "ex bank count mismatch", IPI_EX, { HDR(0x40, 0, 0, 0), HV_GENERIC_SET_SPARSE_4K, 1 },
	  0, I },
	{ "ex bank count before vector", IPI_EX, { HDR(0x01, 0, 0, 0), HV_GENERIC_SET_SPARSE_4K,
	  3, 1 }, 1, I },
	{ "ex empty set", IPI_EX, { HDR(0x40, 0, 0, 0), HV_GENERIC_SET_SPARSE_4K, 0 }, 0, P },
	{ "ex bank 1 (VP >= 64)", IPI_EX, { HDR(0x40, 0, 0, 0), HV_GENERIC_SET_SPARSE_4K, 2, 1 },
	  1, P },
	{ "ex unknown format", IPI_EX, { HDR(0x40, 0, 0, 0), 7, 1, 1 }, 1, P },
	{ "ex bad vector", IPI_EX, { HDR(0x05, 0, 0, 0), HV_GENERIC_SET_ALL, 0 }, 0, P },
	{ "ex VTL 1", IPI_EX, { HDR(0x40, 0x11, 0, 0), HV_GENERIC_SET_ALL, 0 }, 0, P },
};

static void run_case(void **state)
{
	const struct ipi_case *c = *state;
	struct hc_flush_target t = { true, 0xdead };
	uint8_t vector = 0xee;

	uint16_t st = hc_ipi_decode(c->code, (const uint8_t *)c->in, c->var_qwords, &vector, &t);
	assert_int_equal(st, c->status);
	if (st == HV_STATUS_SUCCESS) {
		assert_int_equal(vector, c->vector);
		assert_int_equal(t.all, c->all);
		assert_int_equal(t.mask, c->mask);
	}
}

static struct CMUnitTest tests[ARRAY_SIZE(cases)];

int main(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++)
		tests[i] = (struct CMUnitTest){ cases[i].name, run_case, NULL, NULL,
						(void *)&cases[i] };
	return cmocka_run_group_tests_name("test_ipi_input", tests, NULL, NULL);
}

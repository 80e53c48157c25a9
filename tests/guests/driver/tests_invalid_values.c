/*
 * invalid_values: SetVpRegisters refuses values the architecture forbids
 * with INVALID_REGISTER_VALUE and leaves the register as it was.  Register
 * states that pass those checks but that VM entry refuses (IA-32e mode
 * without paging, a TR that is not a busy TSS) make the dispatch return
 * INVALID_VP_REGISTER_VALUE (the partition is not crashed, the state reads
 * back as set); once fixed, the VP runs on (tests/guests/io.S).
 */
#include <string.h>
#include "tests/guests/driver/gtest.h"
#include "hv/vp_ops.h"
#include "unihv/hv_types.h"

const char *gt_test_invalid_values(void);

static const struct {
	const char *what;
	uint32_t name;
	uint64_t lo, hi;
} bad[] = {
	{ "RFLAGS without bit 1", HV_X64_REGISTER_RFLAGS, 0x200, 0 },
	{ "CR0.PG without PE", HV_X64_REGISTER_CR0, 0x80000010, 0 },
	{ "CR0 bit 32", HV_X64_REGISTER_CR0, 0x100000011, 0 },
	{ "CR4.VMXE", HV_X64_REGISTER_CR4, 0x2000, 0 },
	{ "CR8 16", HV_X64_REGISTER_CR8, 16, 0 },
	{ "XFEM without x87", HV_X64_REGISTER_XFEM, 2, 0 },
	{ "EFER bit 1", HV_X64_REGISTER_EFER, 2, 0 },
	{ "PAT type 2", HV_X64_REGISTER_PAT, 0x0007040600070402, 0 },
	{ "non-canonical RIP", HV_X64_REGISTER_RIP, 0x0000800000000000, 0 },
	/* base 0, limit 0xffff, selector 0, attributes 0x019b (bit 8 set) */
	{ "segment attribute bits 11:8", HV_X64_REGISTER_CS, 0, 0x019b00000000ffffull },
	/* pending, type 3 (exception), vector 40 */
	{ "exception vector 40", HV_REGISTER_PENDING_INTERRUPTION, 1 | 3 << 1 | 40ull << 16, 0 },
};

static uint16_t get16(struct gt_vm *vm, uint32_t name, union hv_register_value *v)
{
	uint32_t done;
	return hv_get_vp_registers(vm->id, 0, &name, 1, v, &done);
}

/* Dispatch: VM entry must refuse the state, and say so in a message. */
static const char *expect_refused(struct gt_vm *vm, const char *why)
{
	struct hv_message m;
	const char *err = gt_run_expect(vm, 0, HV_MESSAGE_TYPE_INVALID_VP_REGISTER_VALUE, &m);

	if (err)
		return gt_fail("%s: %s", why, err);
	if (m.u.invalid_vp_register.vp_index != 0 || m.header.origination_id != vm->id ||
	    m.header.payload_size != sizeof(m.u.invalid_vp_register))
		return gt_fail("%s: vp %u origin %llu payload %u", why, m.u.invalid_vp_register.vp_index,
			       (unsigned long long)m.header.origination_id, m.header.payload_size);
	return NULL;
}

const char *gt_test_invalid_values(void)
{
	struct gt_vm vm;
	struct hv_message m;
	const char *err;
	uint64_t v;

	GT_TRY(gt_vm_create(&vm, 16, 16));
	GT_TRY(gt_vm_load(&vm, 0x1000, GT_BLOB(io)));
	GT_TRY_STATUS(hv_create_vp(vm.id, 0), HV_STATUS_SUCCESS);
	GT_TRY(gt_setup_real_mode(&vm, 0, 0x1000));

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		union hv_register_value before, after;
		struct hv_register_assoc a;
		uint32_t done = 99;

		memset(&a, 0, sizeof(a));
		a.name = bad[i].name;
		a.value.reg128.low = bad[i].lo;
		a.value.reg128.high = bad[i].hi;
		GT_TRY_STATUS(get16(&vm, bad[i].name, &before), HV_STATUS_SUCCESS);
		uint16_t st = hv_set_vp_registers(vm.id, 0, &a, 1, &done);
		GT_TRY_CHECK(st == HV_STATUS_INVALID_REGISTER_VALUE && done == 0,
			     "%s: set gave %s (done %u), want INVALID_REGISTER_VALUE", bad[i].what,
			     hv_status_name(st), done);
		GT_TRY_STATUS(get16(&vm, bad[i].name, &after), HV_STATUS_SUCCESS);
		GT_TRY_CHECK(!memcmp(&before, &after, 16), "%s: the register changed", bad[i].what);
	}

	/* IA-32e mode (EFER.LMA) with CR0.PG clear: VM entry refuses it. */
	GT_TRY_STATUS(gt_set(&vm, 0, HV_X64_REGISTER_EFER, 0x500), HV_STATUS_SUCCESS);
	GT_TRY(expect_refused(&vm, "EFER.LMA without paging"));
	GT_TRY_CHECK(gt_get(&vm, 0, HV_X64_REGISTER_EFER) == 0x500 &&
			     gt_get(&vm, 0, HV_X64_REGISTER_RIP) == 0x1000,
		     "after the refused entry: EFER 0x%llx RIP 0x%llx",
		     (unsigned long long)gt_get(&vm, 0, HV_X64_REGISTER_EFER),
		     (unsigned long long)gt_get(&vm, 0, HV_X64_REGISTER_RIP));
	GT_TRY(expect_refused(&vm, "EFER.LMA without paging, again")); /* not crashed */
	GT_TRY_STATUS(gt_set(&vm, 0, HV_X64_REGISTER_EFER, 0), HV_STATUS_SUCCESS);
	GT_TRY(gt_run_out(&vm, 0, 0x1234, 1, &v));
	GT_TRY_CHECK(v == 0x5a, "io guest wrote 0x%llx, want 0x5a", (unsigned long long)v);

	/* TR must be a busy TSS: an available one (type 9) is refused. */
	GT_TRY_STATUS(gt_set_segment(&vm, 0, HV_X64_REGISTER_TR, 0, 0x67, 0, 0x89), HV_STATUS_SUCCESS);
	GT_TRY(expect_refused(&vm, "TR type 9"));
	union hv_register_value tr;
	GT_TRY_STATUS(get16(&vm, HV_X64_REGISTER_TR, &tr), HV_STATUS_SUCCESS);
	GT_TRY_CHECK(tr.segment.attributes == 0x89 && tr.segment.limit == 0x67,
		     "TR after the refused entry: attributes 0x%x limit 0x%x", tr.segment.attributes,
		     tr.segment.limit);
	GT_TRY_STATUS(gt_set_segment(&vm, 0, HV_X64_REGISTER_TR, 0, 0x67, 0, 0x8b), HV_STATUS_SUCCESS);
	/* The guest goes on where it was: IN from port 0x1235. */
	GT_TRY(gt_run_expect(&vm, 0, HV_MESSAGE_TYPE_X64_IO_PORT_INTERCEPT, &m));
	GT_TRY_CHECK(m.u.io_port.port_number == 0x1235 &&
			     m.u.io_port.header.intercept_access_type == HV_INTERCEPT_ACCESS_READ,
		     "after the fix: port 0x%x access %u, want IN from 0x1235",
		     m.u.io_port.port_number, m.u.io_port.header.intercept_access_type);
out:
	return gt_finish(&vm, err);
}

/*
 * Host tests for hv/hypercall/vp_set.c (decoding of the TLB-flush calls:
 * flags, address space, processor mask and HV_VP_SET) and for the table
 * entries of the guest-facing calls of hv/hypercall/hc_guest.c (table.c is
 * linked with stub handlers).
 */
#include "harness.h"
#include "hv/hypercall/handlers.h"
#include "hv/hypercall/vp_set.h"
#include "unihv/hv_hypercall.h"
#include "unihv/hv_status.h"
#include "unihv/hv_types.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Failing cases leave the expected target out. */
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

/* Handlers: tests/unit/hc_handler_stubs.c (never called here). */

#define ALLP HV_FLUSH_ALL_PROCESSORS
#define ALLAS HV_FLUSH_ALL_VIRTUAL_ADDRESS_SPACES
#define NONGLOBAL HV_FLUSH_NON_GLOBAL_MAPPINGS_ONLY
#define SPACE HVCALL_FLUSH_VIRTUAL_ADDRESS_SPACE
#define LIST HVCALL_FLUSH_VIRTUAL_ADDRESS_LIST
#define SPACE_EX HVCALL_FLUSH_VIRTUAL_ADDRESS_SPACE_EX
#define LIST_EX HVCALL_FLUSH_VIRTUAL_ADDRESS_LIST_EX

struct flush_case {
	const char *name;
	uint16_t code;
	/* Non-Ex: address space, flags, processor mask.  Ex: address space,
	 * flags, format, valid banks, then the bank words. */
	uint64_t words[8];
	uint32_t var_qwords;
	uint16_t status;
	bool all;
	uint64_t mask;
};

static const struct flush_case flush_cases[] = {
	/* Good inputs. */
	{ "space_mask", SPACE, { 0x1000, 0, 0x5 }, 0, HV_STATUS_SUCCESS, false, 0x5 },
	{ "space_all_processors", SPACE, { 0, ALLP | ALLAS, 0 }, 0, HV_STATUS_SUCCESS, true, 0 },
	{ "space_all_ignores_mask", SPACE, { 0, ALLP, ~0ull }, 0, HV_STATUS_SUCCESS, true, 0 },
	{ "space_nonglobal", SPACE, { 0x1000, NONGLOBAL, 1 }, 0, HV_STATUS_SUCCESS, false, 1 },
	{ "space_target_vtl0", SPACE, { 0, HV_FLUSH_TARGET_VTL0, 1 }, 0, HV_STATUS_SUCCESS, false,
	  1 },
	{ "space_cr3_rsvd_ignored_all_as", SPACE, { ~0ull, ALLAS, 1 }, 0, HV_STATUS_SUCCESS, false,
	  1 },
	{ "list_mask", LIST, { 0x2000, 0, 0x80000000000000ull }, 0, HV_STATUS_SUCCESS, false,
	  0x80000000000000ull },
	{ "ex_sparse_bank0", SPACE_EX, { 0, 0, HV_GENERIC_SET_SPARSE_4K, 1, 0x21 }, 1,
	  HV_STATUS_SUCCESS, false, 0x21 },
	{ "ex_sparse_bank0_and_empty_bank1", SPACE_EX, { 0, 0, 0, 3, 0x4, 0 }, 2,
	  HV_STATUS_SUCCESS, false, 0x4 },
	{ "ex_format_all", SPACE_EX, { 0, 0, HV_GENERIC_SET_ALL, 0 }, 0, HV_STATUS_SUCCESS, true,
	  0 },
	{ "ex_format_all_with_banks", LIST_EX, { 0, 0, HV_GENERIC_SET_ALL, 1, 0 }, 1,
	  HV_STATUS_SUCCESS, true, 0 },
	{ "ex_all_processors_high_bank", SPACE_EX, { 0, ALLP, 0, 2, 1 }, 1, HV_STATUS_SUCCESS,
	  true, 0 },
	{ "ex_all_processors_empty", SPACE_EX, { 0, ALLP, 0, 0 }, 0, HV_STATUS_SUCCESS, true, 0 },
	/* Framing: the bank words must match the valid-banks mask. */
	{ "ex_too_few_words", SPACE_EX, { 0, 0, 0, 3, 1 }, 1, HV_STATUS_INVALID_HYPERCALL_INPUT },
	{ "ex_too_many_words", SPACE_EX, { 0, 0, 0, 1, 1, 0 }, 2,
	  HV_STATUS_INVALID_HYPERCALL_INPUT },
	{ "ex_words_without_banks", LIST_EX, { 0, 0, 0, 0, 1 }, 1,
	  HV_STATUS_INVALID_HYPERCALL_INPUT },
	{ "ex_all_format_words_mismatch", SPACE_EX, { 0, ALLP, HV_GENERIC_SET_ALL, 1 }, 0,
	  HV_STATUS_INVALID_HYPERCALL_INPUT },
	{ "ex_framing_before_flags", SPACE_EX, { 0, 1ull << 40, 0, 1 }, 0,
	  HV_STATUS_INVALID_HYPERCALL_INPUT },
	/* Flags. */
	{ "space_rsvd_flag_bit5", SPACE, { 0, 1ull << 5, 1 }, 0, HV_STATUS_INVALID_PARAMETER },
	{ "space_rsvd_flag_bit10", SPACE, { 0, 1ull << 10, 1 }, 0, HV_STATUS_INVALID_PARAMETER },
	{ "space_rsvd_flag_bit63", SPACE, { 0, ALLP | 1ull << 63, 1 }, 0,
	  HV_STATUS_INVALID_PARAMETER },
	{ "ex_rsvd_flag", LIST_EX, { 0, 1ull << 7, 0, 1, 1 }, 1, HV_STATUS_INVALID_PARAMETER },
	{ "extended_range_not_offered", LIST, { 0, HV_FLUSH_USE_EXTENDED_RANGE_FORMAT, 1 }, 0,
	  HV_STATUS_INVALID_PARAMETER },
	{ "list_nonglobal", LIST, { 0, NONGLOBAL, 1 }, 0, HV_STATUS_INVALID_PARAMETER },
	{ "list_ex_nonglobal", LIST_EX, { 0, NONGLOBAL, 0, 1, 1 }, 1,
	  HV_STATUS_INVALID_PARAMETER },
	{ "use_target_vtl", SPACE, { 0, HV_FLUSH_USE_TARGET_VTL, 1 }, 0,
	  HV_STATUS_INVALID_PARAMETER },
	{ "target_vtl1", SPACE, { 0, HV_FLUSH_TARGET_VTL1, 1 }, 0, HV_STATUS_INVALID_PARAMETER },
	/* Address space. */
	{ "cr3_rsvd_bits", SPACE, { 1ull << 52, 0, 1 }, 0, HV_STATUS_INVALID_PARAMETER },
	{ "cr3_rsvd_bit63", LIST, { 1ull << 63, 0, 1 }, 0, HV_STATUS_INVALID_PARAMETER },
	/* Processor mask / VP set. */
	{ "space_mask_zero", SPACE, { 0, 0, 0 }, 0, HV_STATUS_INVALID_PARAMETER },
	{ "list_mask_zero", LIST, { 0, ALLAS, 0 }, 0, HV_STATUS_INVALID_PARAMETER },
	{ "ex_empty_set", SPACE_EX, { 0, 0, 0, 0 }, 0, HV_STATUS_INVALID_PARAMETER },
	{ "ex_empty_bank", SPACE_EX, { 0, 0, 0, 1, 0 }, 1, HV_STATUS_INVALID_PARAMETER },
	{ "ex_bad_format", SPACE_EX, { 0, 0, 2, 1, 1 }, 1, HV_STATUS_INVALID_PARAMETER },
	{ "ex_bad_format_all_processors", SPACE_EX, { 0, ALLP, 7, 0 }, 0,
	  HV_STATUS_INVALID_PARAMETER },
	{ "ex_vp_index_64", SPACE_EX, { 0, 0, 0, 2, 1 }, 1, HV_STATUS_INVALID_PARAMETER },
	{ "ex_vp_index_4095", LIST_EX, { 0, 0, 0, 1ull << 63 | 1, 1, 1ull << 63 }, 2,
	  HV_STATUS_INVALID_PARAMETER },
};

static void run_flush_case(void **state)
{
	const struct flush_case *c = *state;
	struct hc_flush_target t = { true, 0xdead };
	uint64_t input[8];

	memcpy(input, c->words, sizeof(input));
	uint16_t st = hc_flush_decode(c->code, (const uint8_t *)input, c->var_qwords, &t);
	assert_int_equal(st, c->status);
	if (st == HV_STATUS_SUCCESS) {
		assert_int_equal(t.all, c->all);
		assert_int_equal(t.mask, c->mask);
	}
}

static void vp_set_decode_direct(void **state)
{
	(void)state;
	struct hc_flush_target t;
	const uint64_t banks[] = { 0xff, 0 };

	assert_int_equal(hc_vp_set_decode(0, 0x9, banks, 2, &t), HV_STATUS_SUCCESS);
	assert_false(t.all);
	assert_int_equal(t.mask, 0xff);
	/* Bank 0 absent: the set names no VP below 64. */
	assert_int_equal(hc_vp_set_decode(0, 0x2, banks + 1, 1, &t), HV_STATUS_SUCCESS);
	assert_int_equal(t.mask, 0);
	assert_int_equal(hc_vp_set_decode(1, 0, banks, 0, &t), HV_STATUS_SUCCESS);
	assert_true(t.all);
	assert_int_equal(hc_vp_set_decode(0, 0x3, banks, 1, &t), HV_STATUS_INVALID_HYPERCALL_INPUT);
}

/* The table entries of the guest-facing calls: class, forms, sizes, gate. */
struct table_case {
	uint16_t code;
	bool rep, fast, xmm_fast, var_header;
	uint16_t in_size, in_elem, out_size, out_elem;
	uint64_t privilege;
	hc_handler handler;
};

static void table_entries(void **state)
{
	(void)state;
	const struct table_case cases[] = {
		{ SPACE, false, false, true, false, 24, 0, 0, 0, 0, hc_flush_virtual_address },
		{ LIST, true, false, true, false, 24, 8, 0, 0, 0, hc_flush_virtual_address },
		{ HVCALL_NOTIFY_LONG_SPIN_WAIT, false, true, false, false, 8, 0, 0, 0, 0,
		  hc_notify_long_spin_wait },
		{ SPACE_EX, false, false, true, true, 32, 0, 0, 0, 0, hc_flush_virtual_address },
		{ LIST_EX, true, false, true, true, 32, 8, 0, 0, 0, hc_flush_virtual_address },
		{ HVCALL_GET_VP_INDEX_FROM_APIC_ID, true, false, true, false, 16, 4, 0, 4,
		  HV_PARTITION_PRIVILEGE_ACCESS_VP_INDEX, hc_get_vp_index_from_apic_id },
		{ HVCALL_SEND_SYNTHETIC_CLUSTER_IPI, false, true, false, false, 16, 0, 0, 0, 0,
		  hc_send_synthetic_cluster_ipi },
		{ HVCALL_SEND_SYNTHETIC_CLUSTER_IPI_EX, false, false, true, true, 24, 0, 0, 0, 0,
		  hc_send_synthetic_cluster_ipi },
		{ HVCALL_START_VIRTUAL_PROCESSOR, false, false, false, false, 240, 0, 0, 0,
		  HV_PARTITION_PRIVILEGE_START_VIRTUAL_PROCESSOR, hc_start_virtual_processor },
	};
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		const struct table_case *c = &cases[i];
		const struct hc_desc *d = hc_lookup(c->code);
		assert_non_null(d);
		assert_ptr_equal(d->handler, c->handler);
		assert_int_equal(d->rep, c->rep);
		assert_int_equal(d->fast, c->fast);
		assert_int_equal(d->xmm_fast, c->xmm_fast);
		assert_int_equal(d->var_header, c->var_header);
		assert_int_equal(d->in_size, c->in_size);
		assert_int_equal(d->in_elem, c->in_elem);
		assert_int_equal(d->out_size, c->out_size);
		assert_int_equal(d->out_elem, c->out_elem);
		assert_int_equal(d->privilege, c->privilege);
	}
	/* Nested-only flushes are not offered (INVALID_HYPERCALL_CODE). */
	const struct hc_desc *d = hc_lookup(HVCALL_FLUSH_GUEST_PHYSICAL_ADDRESS_SPACE);
	assert_true(d == NULL || d->handler == NULL);
	d = hc_lookup(HVCALL_FLUSH_GUEST_PHYSICAL_ADDRESS_LIST);
	assert_true(d == NULL || d->handler == NULL);
}

static struct CMUnitTest tests[ARRAY_SIZE(flush_cases) + 2];

int main(void)
{
	size_t n = 0;

	for (size_t i = 0; i < ARRAY_SIZE(flush_cases); i++)
		tests[n++] = (struct CMUnitTest){ flush_cases[i].name, run_flush_case, NULL, NULL,
						  (void *)&flush_cases[i] };
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(vp_set_decode_direct);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(table_entries);
	return cmocka_run_group_tests_name("test_vp_set", tests, NULL, NULL);
}

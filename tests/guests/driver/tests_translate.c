/*
 * translate: a 64-bit guest (identity 2 MiB pages for the first GiB, plus
 * GVA 0x40000000 -> GPA 0x30000 through its own PDPT entry, PD and PT with a
 * read-only 4 KiB leaf).  TranslateVirtualAddress gives success and GPA
 * page 0x30 for a read, PAGE_NOT_PRESENT for unmapped or non-canonical
 * GVAs, PRIVILEGE_VIOLATION for a write (CR0.WP), INVALID_PARAMETER for
 * bad control flags, sets the accessed bit on request; and the guest's
 * own read of GVA 0x40000000 (tests/guests/read64.S) returns the dword at
 * GPA 0x30000, before and after which the translation agrees.
 */
#include "tests/guests/driver/gtest.h"
#include "hv/vp_ops.h"
#include "unihv/hv_types.h"

const char *gt_test_translate(void);

#define PT_GPA 0x10000ull   /* PML4; PDPT +0x1000; PD (identity) +0x2000 */
#define PD2_GPA 0x13000ull  /* PD for GVA 1 GiB */
#define PT2_GPA 0x14000ull  /* its PT */
#define DATA_GPA 0x30000ull
#define GVA 0x40000000ull
#define READ HV_TRANSLATE_GVA_VALIDATE_READ
#define WRITE HV_TRANSLATE_GVA_VALIDATE_WRITE

static const char *expect(struct gt_vm *vm, uint64_t flags, uint64_t gva_page, uint32_t want,
			  uint64_t want_gpa_page)
{
	uint64_t result = ~0ull, gpa_page = ~0ull;
	uint16_t st = hv_translate_virtual_address(vm->id, 0, flags, gva_page, &result, &gpa_page);

	if (st)
		return gt_fail("translate 0x%llx flags 0x%llx: %s", (unsigned long long)gva_page,
			       (unsigned long long)flags, hv_status_name(st));
	if ((result & HV_TRANSLATE_GVA_RESULT_CODE_MASK) != want ||
	    (want == HV_TRANSLATE_GVA_SUCCESS && gpa_page != want_gpa_page))
		return gt_fail("translate 0x%llx flags 0x%llx: result %llu GPA page 0x%llx, want %u 0x%llx",
			       (unsigned long long)gva_page, (unsigned long long)flags,
			       (unsigned long long)result, (unsigned long long)gpa_page, want,
			       (unsigned long long)want_gpa_page);
	return NULL;
}

const char *gt_test_translate(void)
{
	struct gt_vm vm;
	struct hv_message m;
	const char *err;
	uint64_t v, x, y, e;
	const uint32_t data = 0xfeedc0de;

	GT_TRY(gt_vm_create(&vm, 16, 32));
	GT_TRY(gt_vm_map(&vm, DATA_GPA, 1, HV_MAP_GPA_READABLE | HV_MAP_GPA_WRITABLE));
	GT_TRY(gt_vm_write(&vm, DATA_GPA, &data, 4));
	GT_TRY(gt_vm_load(&vm, 0x1000, GT_BLOB(read64)));
	GT_TRY_STATUS(hv_create_vp(vm.id, 0), HV_STATUS_SUCCESS);
	GT_TRY(gt_setup_long_mode(&vm, 0, 0x1000, PT_GPA));
	e = PD2_GPA | 7; /* P, RW, US */
	GT_TRY(gt_vm_write(&vm, PT_GPA + 0x1000 + 8 * (GVA >> 30), &e, 8));
	e = PT2_GPA | 7;
	GT_TRY(gt_vm_write(&vm, PD2_GPA, &e, 8));
	e = DATA_GPA | 5; /* P, US: read-only */
	GT_TRY(gt_vm_write(&vm, PT2_GPA, &e, 8));
	GT_TRY_STATUS(gt_set(&vm, 0, HV_X64_REGISTER_CR0, 0x80010011), HV_STATUS_SUCCESS); /* + WP */

	GT_TRY(expect(&vm, READ, GVA >> 12, HV_TRANSLATE_GVA_SUCCESS, DATA_GPA >> 12));
	GT_TRY(expect(&vm, WRITE, GVA >> 12, HV_TRANSLATE_GVA_PRIVILEGE_VIOLATION, 0));
	GT_TRY(expect(&vm, READ, (GVA >> 12) + 1, HV_TRANSLATE_GVA_PAGE_NOT_PRESENT, 0));
	GT_TRY(expect(&vm, READ, 0x80000, HV_TRANSLATE_GVA_PAGE_NOT_PRESENT, 0)); /* 2 GiB */
	GT_TRY(expect(&vm, READ, 0x800000000ull, HV_TRANSLATE_GVA_PAGE_NOT_PRESENT, 0)); /* 2^47 */
	GT_TRY(expect(&vm, READ | WRITE | HV_TRANSLATE_GVA_VALIDATE_EXECUTE, 0x201,
		      HV_TRANSLATE_GVA_SUCCESS, 0x201)); /* identity 2 MiB page */
	GT_TRY_STATUS(hv_translate_virtual_address(vm.id, 0, 0, GVA >> 12, &x, &y),
		      HV_STATUS_INVALID_PARAMETER);
	GT_TRY_STATUS(hv_translate_virtual_address(vm.id, 0, READ | (1ull << 11), GVA >> 12, &x, &y),
		      HV_STATUS_INVALID_PARAMETER);
	GT_TRY_STATUS(hv_translate_virtual_address(vm.id, 1, READ, GVA >> 12, &x, &y),
		      HV_STATUS_INVALID_VP_INDEX);

	/* SET_PAGE_TABLE_BITS: the walk sets the leaf's accessed bit. */
	GT_TRY(expect(&vm, READ | HV_TRANSLATE_GVA_SET_PAGE_TABLE_BITS, GVA >> 12,
		      HV_TRANSLATE_GVA_SUCCESS, DATA_GPA >> 12));
	GT_TRY(gt_vm_read(&vm, PT2_GPA, &e, 8));
	GT_TRY_CHECK(e == (DATA_GPA | 0x25), "leaf PTE 0x%llx after the walk, want 0x%llx",
		     (unsigned long long)e, DATA_GPA | 0x25);

	/* The guest's own walk agrees. */
	GT_TRY(gt_run_out(&vm, 0, 0x1240, 4, &v));
	GT_TRY_CHECK(v == data, "guest read 0x%llx at GVA 0x40000000, want 0x%x",
		     (unsigned long long)v, data);
	GT_TRY(gt_run_expect(&vm, 0, HV_MESSAGE_TYPE_X64_HALT, &m));
	GT_TRY_CHECK(m.u.halt.header.execution_state & HV_X64_EXECUTION_STATE_EFER_LMA,
		     "execution state 0x%x: not long mode", m.u.halt.header.execution_state);
	GT_TRY(expect(&vm, READ, GVA >> 12, HV_TRANSLATE_GVA_SUCCESS, DATA_GPA >> 12));
	GT_TRY(expect(&vm, WRITE, GVA >> 12, HV_TRANSLATE_GVA_PRIVILEGE_VIOLATION, 0));
out:
	return gt_finish(&vm, err);
}

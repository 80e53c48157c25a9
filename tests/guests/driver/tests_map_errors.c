/*
 * map_errors: what MapGpaPages refuses, with nothing mapped by a refusal:
 *   INVALID_PARAMETER  write-only, execute-only (kernel, user), write+execute
 *                      without read, the undefined flag 0x40000000, a GPA at
 *                      or beyond 2^39 or a run crossing it, count 0;
 *   OPERATION_DENIED   a page of the hypervisor image (1 MiB), a free RAM page
 *                      the root never got, a page beyond RAM;
 *   INVALID_PARTITION_STATE  an uninitialized partition;
 *   INVALID_PARTITION_ID     an unknown partition;
 *   a run of 3 root pages then a hypervisor page: OPERATION_DENIED with
 *   done = 3, the 3 pages mapped (in order) and the 4th GPA not; finalize
 *   gives the 3 back to the root.
 */
#include <string.h>
#include "tests/guests/driver/gtest.h"
#include "hv/hv.h"
#include "hv/memory.h"
#include "hv/partition.h"
#include "mm/pmm.h"
#include "unihv/hv_types.h"

const char *gt_test_map_errors(void);

#define R HV_MAP_GPA_READABLE
#define W HV_MAP_GPA_WRITABLE
#define KX HV_MAP_GPA_KERNEL_EXECUTABLE
#define UX HV_MAP_GPA_USER_EXECUTABLE
#define GPA_PAGE 0x20ull
#define GPA_LIMIT_PAGE (1ull << (39 - 12))

/* One refused map: status want, nothing done. */
static const char *refused(uint64_t id, uint64_t gpa_page, uint32_t flags, const uint64_t *pfns,
			   uint32_t count, uint16_t want, const char *what)
{
	uint32_t done = 77;
	uint16_t st = hv_map_gpa_pages(id, gpa_page, flags, pfns, count, &done);

	if (st != want || done != 0)
		return gt_fail("%s: %s done %u, want %s done 0", what, hv_status_name(st), done,
			       hv_status_name(want));
	return NULL;
}

const char *gt_test_map_errors(void)
{
	struct gt_vm vm;
	const char *err;
	uint64_t pages[4] = { 0 }, other = 0;
	bool own = false;
	uint32_t done = 0;
	uint8_t b;
	const uint16_t INVAL = HV_STATUS_INVALID_PARAMETER, DENIED = HV_STATUS_OPERATION_DENIED;

	memset(&vm, 0, sizeof(vm));
	GT_TRY_CHECK(hv_root_alloc_pages(pages, 3), "root allocation failed");
	own = true;
	GT_TRY(gt_vm_create(&vm, 16, 0));

	GT_TRY(refused(vm.id, GPA_PAGE, W, pages, 1, INVAL, "write-only"));
	GT_TRY(refused(vm.id, GPA_PAGE, KX, pages, 1, INVAL, "kernel-execute-only"));
	GT_TRY(refused(vm.id, GPA_PAGE, UX, pages, 1, INVAL, "user-execute-only"));
	GT_TRY(refused(vm.id, GPA_PAGE, W | KX, pages, 1, INVAL, "write+execute without read"));
	GT_TRY(refused(vm.id, GPA_PAGE, R | 0x40000000u, pages, 1, INVAL, "flag 0x40000000"));
	GT_TRY(refused(vm.id, GPA_LIMIT_PAGE, R, pages, 1, INVAL, "GPA 2^39"));
	GT_TRY(refused(vm.id, ~0ull >> 12, R, pages, 1, INVAL, "GPA 2^64 - 4096"));
	GT_TRY(refused(vm.id, GPA_LIMIT_PAGE - 1, R, pages, 2, INVAL, "a run crossing 2^39"));
	GT_TRY(refused(vm.id, GPA_PAGE, R, pages, 0, INVAL, "count 0"));

	other = 0x100; /* 1 MiB: the hypervisor image */
	GT_TRY(refused(vm.id, GPA_PAGE, R, &other, 1, DENIED, "a hypervisor page"));
	uint64_t phys = pmm_alloc_pages(1, 1);
	GT_TRY_CHECK(phys != 0, "pmm allocation failed");
	pmm_free_pages(phys, 1);
	other = phys >> 12; /* free RAM, never the root's */
	GT_TRY(refused(vm.id, GPA_PAGE, R, &other, 1, DENIED, "a free page not the root's"));
	other = pmm_end_phys() >> 12; /* beyond RAM */
	GT_TRY(refused(vm.id, GPA_PAGE, R, &other, 1, DENIED, "a page beyond RAM"));
	GT_TRY(refused(vm.id + 1000, GPA_PAGE, R, pages, 1, HV_STATUS_INVALID_PARTITION_ID,
		       "an unknown partition"));

	uint64_t id2 = 0;
	GT_TRY_STATUS(hv_create_partition(0, &id2), HV_STATUS_SUCCESS);
	err = refused(id2, GPA_PAGE, R, pages, 1, HV_STATUS_INVALID_PARTITION_STATE,
		      "an uninitialized partition");
	uint16_t st = hv_delete_partition(id2);
	if (err)
		goto out;
	GT_TRY_CHECK(st == HV_STATUS_SUCCESS, "delete the uninitialized partition: %s",
		     hv_status_name(st));

	/* Nothing of the above mapped anything. */
	for (uint64_t p = GPA_PAGE; p < GPA_PAGE + 4; p++)
		GT_TRY_CHECK(gt_vm_read(&vm, p << 12, &b, 1) != NULL,
			     "GPA 0x%llx mapped after refused calls", (unsigned long long)(p << 12));

	/* Partial success: 3 root pages, then a hypervisor page. */
	for (unsigned i = 0; i < 3; i++)
		*(volatile uint8_t *)(uintptr_t)(pages[i] << 12) = (uint8_t)(0xc0 + i);
	pages[3] = 0x100;
	GT_TRY_STATUS(hv_map_gpa_pages(vm.id, GPA_PAGE, R | W, pages, 4, &done), DENIED);
	GT_TRY_CHECK(done == 3, "the partial map reports done %u, want 3", done);
	for (unsigned i = 0; i < 3; i++) {
		GT_TRY(gt_vm_read(&vm, (GPA_PAGE + i) << 12, &b, 1));
		GT_TRY_CHECK(b == 0xc0 + i, "GPA 0x%llx holds 0x%02x, want 0x%02x",
			     (unsigned long long)((GPA_PAGE + i) << 12), b, 0xc0 + i);
	}
	GT_TRY_CHECK(gt_vm_read(&vm, (GPA_PAGE + 3) << 12, &b, 1) != NULL,
		     "the refused 4th page is mapped");
	/* Mapped pages are not the root's any more. */
	GT_TRY_CHECK(hv_root_free_pages(pages, 3) == 0, "the root could free a mapped page");

	err = gt_finish(&vm, NULL);
	if (err)
		goto out;
	own = false;
	GT_TRY_CHECK(hv_root_free_pages(pages, 3) == 3,
		     "the mapped pages did not all come back to the root at finalize");
out:
	err = gt_finish(&vm, err);
	if (own)
		hv_root_free_pages(pages, 3);
	return err;
}

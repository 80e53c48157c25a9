/*
 * free_pages: a partition with several VPs, mappings spread over the GPA
 * space (each region needs its own EPT tables), runs, unmaps, a replaced
 * mapping and a deleted VP gives every page back: after finalize,
 * withdraw and delete the allocator's free count and the page-ownership
 * counts (root, pool, guest) are where they started; on the way the pool
 * and guest counts and the memory balance are exact.
 */
#include "tests/guests/driver/gtest.h"
#include "hv/hv.h"
#include "hv/memory.h"
#include "hv/vp_ops.h"
#include "mm/pmm.h"
#include "unihv/hv_types.h"

const char *gt_test_free_pages(void);

#define RW (HV_MAP_GPA_READABLE | HV_MAP_GPA_WRITABLE)
#define POOL 40

struct counts {
	uint64_t free, root, pool, guest;
};

static struct counts now(void)
{
	struct page_alloc_stats s;
	pmm_get_stats(&s);
	return (struct counts){ s.free, page_owner_count(&hv_page_owner, PAGE_OWNER_ROOT),
				page_owner_count(&hv_page_owner, PAGE_OWNER_POOL),
				page_owner_count(&hv_page_owner, PAGE_OWNER_GUEST) };
}

const char *gt_test_free_pages(void)
{
	struct counts c0 = now(), c;
	struct gt_vm vm = { 0 };
	const char *err;
	uint64_t v, avail, used;
	uint32_t done;

	GT_TRY(gt_vm_create(&vm, POOL, 16));               /* GPA 0: PDPT, PD 0, PT 0 */
	GT_TRY(gt_vm_map(&vm, 0x200000, 8, RW));           /* PT 1 */
	GT_TRY(gt_vm_map(&vm, 0x40000000, 8, RW));         /* PD 1, PT */
	GT_TRY(gt_vm_map(&vm, 0x7fc0000000ull, 8, RW));    /* PD 511, PT: top of 512 GiB */
	c = now();
	GT_TRY_CHECK(c.pool == c0.pool + POOL && c.guest == c0.guest + 40,
		     "pool pages %llu guest pages %llu, want %llu %llu", (unsigned long long)c.pool,
		     (unsigned long long)c.guest, (unsigned long long)(c0.pool + POOL),
		     (unsigned long long)(c0.guest + 40));

	GT_TRY(gt_vm_load(&vm, 0x1000, GT_BLOB(io)));
	for (uint32_t i = 0; i < 4; i++)
		GT_TRY_STATUS(hv_create_vp(vm.id, i), HV_STATUS_SUCCESS);
	for (uint32_t i = 0; i < 4; i += 2) {
		GT_TRY(gt_setup_real_mode(&vm, i, 0x1000));
		GT_TRY(gt_run_out(&vm, i, 0x1234, 1, &v));
		GT_TRY_CHECK(v == 0x5a, "VP %u wrote 0x%llx", i, (unsigned long long)v);
	}

	GT_TRY_STATUS(hv_unmap_gpa_pages(vm.id, 0x200, 4, &done), HV_STATUS_SUCCESS);
	GT_TRY(gt_vm_map(&vm, 0x40000000, 1, RW)); /* replaces a page */
	GT_TRY_STATUS(hv_delete_vp(vm.id, 3), HV_STATUS_SUCCESS);
	c = now();
	GT_TRY_CHECK(c.guest == c0.guest + 36, "guest pages %llu, want %llu",
		     (unsigned long long)c.guest, (unsigned long long)(c0.guest + 36));
	/* PML4, PDPT, PD 0, PT 0, PT 1, PD 1 + PT, PD 511 + PT; 3 VPs of 2 pages. */
	GT_TRY_STATUS(hv_get_memory_balance(vm.id, &avail, &used), HV_STATUS_SUCCESS);
	GT_TRY_CHECK(used == 9 + 6 && avail == POOL - used, "balance %llu available %llu in use",
		     (unsigned long long)avail, (unsigned long long)used);

	GT_TRY(gt_vm_destroy(&vm));
	vm.id = 0;
	c = now();
	GT_TRY_CHECK(c.free == c0.free && c.root == c0.root && c.pool == c0.pool &&
			     c.guest == c0.guest,
		     "after teardown free %llu root %llu pool %llu guest %llu, at start %llu %llu %llu %llu",
		     (unsigned long long)c.free, (unsigned long long)c.root, (unsigned long long)c.pool,
		     (unsigned long long)c.guest, (unsigned long long)c0.free,
		     (unsigned long long)c0.root, (unsigned long long)c0.pool,
		     (unsigned long long)c0.guest);
out:
	return gt_finish(&vm, err);
}

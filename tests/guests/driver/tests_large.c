/*
 * 2 MiB guest mappings (HV_MAP_GPA_LARGE_PAGE): one EPT entry for 512
 * contiguous root pages, usable by the guest; unmapping one 4 KiB page
 * inside splits the mapping and only that page faults; every page comes
 * back to the root.
 */
#include "tests/guests/driver/gtest.h"
#include "hv/hv.h"
#include "hv/memory.h"
#include "hv/partition.h"
#include "hv/vp_ops.h"
#include "unihv/hv_types.h"

const char *gt_test_large_page(void);

const char *gt_test_large_page(void)
{
	struct gt_vm vm;
	struct hv_message m;
	uint64_t first = 0;
	uint32_t done = 0;
	unsigned level = 0;
	uint32_t split_freed = 0;
	const char *err;

	if ((err = gt_vm_create(&vm, 16, 16)))
		return err;
	if (!hv_root_alloc_contiguous(512, 512, &first)) {
		err = gt_fail("no 2 MiB of contiguous root memory");
		goto out_vm;
	}
	uint32_t flags = HV_MAP_GPA_READABLE | HV_MAP_GPA_WRITABLE | HV_MAP_GPA_EXECUTABLE |
			 HV_MAP_GPA_LARGE_PAGE;
	/* Misaligned source: refused, nothing mapped. */
	uint64_t bad = first + 1;
	uint16_t st = hv_map_gpa_pages(vm.id, 1, flags, &bad, 1, &done);
	if (st != HV_STATUS_INVALID_PARAMETER || done != 0) {
		err = gt_fail("misaligned large source: %s", hv_status_name(st));
		goto out;
	}
	if ((st = hv_map_gpa_pages(vm.id, 1, flags, &first, 1, &done)) || done != 1) {
		err = gt_fail("map 2 MiB: %s", hv_status_name(st));
		goto out;
	}
	spin_lock(&hv_lock);
	ept_lookup(&partition_find(vm.id)->ept, 0x2ff000, NULL, NULL, &level);
	spin_unlock(&hv_lock);
	if (level != EPT_LEVEL_2M) {
		err = gt_fail("mapped at EPT level %u, not as a 2 MiB page", level);
		goto out;
	}
	if ((err = gt_vm_load(&vm, 0x1000, GT_BLOB(large))) ||
	    (hv_create_vp(vm.id, 0) && (err = gt_fail("create vp"))) ||
	    (err = gt_setup_protected_mode(&vm, 0, 0x1000)) ||
	    (err = gt_run_expect(&vm, 0, HV_MESSAGE_TYPE_X64_IO_PORT_INTERCEPT, &m)))
		goto out;
	if (m.u.io_port.port_number != 0x70 || (uint32_t)m.u.io_port.rax != 0x33333333) {
		err = gt_fail("port 0x%x sum 0x%x", m.u.io_port.port_number, (uint32_t)m.u.io_port.rax);
		goto out;
	}
	/* Unmap the second 4 KiB page: the 2 MiB entry is split. */
	if ((st = hv_unmap_gpa_pages(vm.id, 0x201, 1, &done)) || done != 1) {
		err = gt_fail("unmap inside the 2 MiB page: %s", hv_status_name(st));
		goto out;
	}
	if ((err = gt_skip(&vm, 0, &m)) ||
	    (err = gt_run_expect(&vm, 0, HV_MESSAGE_TYPE_UNMAPPED_GPA, &m)))
		goto out;
	if (m.u.memory.guest_physical_address != 0x201000)
		err = gt_fail("fault at GPA 0x%llx", (unsigned long long)m.u.memory.guest_physical_address);
	/* The split-off page is the root's again, at once. */
	else if ((split_freed = hv_root_free_pages(&(uint64_t){ first + 1 }, 1)) != 1)
		err = gt_fail("the unmapped page did not come back to the root");
out:;
	/* Finalize gives every remaining page of the mapping back to the root. */
	const char *e2 = gt_vm_destroy(&vm);
	uint64_t run[512];
	for (unsigned i = 0; i < 512; i++)
		run[i] = first + i;
	uint32_t back = hv_root_free_pages(run, 512);
	if (!err && back != 512 - split_freed)
		err = gt_fail("%u of %u pages came back to the root", back, 512 - split_freed);
	return err ? err : e2;
out_vm:;
	const char *e3 = gt_vm_destroy(&vm);
	return err ? err : e3;
}

/*
 * Without VMX (QEMU TCG) unihv still manages partitions and memory
 * (initialize, map, read and write guest memory, unmap), and every
 * operation that needs VMX (CreateVp, DispatchVp) fails with
 * HV_STATUS_FEATURE_UNAVAILABLE instead of crashing.
 */
#include "tests/guests/driver/gtest.h"
#include "hv/hv.h"
#include "hv/memory.h"
#include "hv/partition.h"
#include "hv/vp_ops.h"
#include "unihv/hv_types.h"

const char *gt_test_novmx(void);

/* Map a root page at GPA 0x5000, write and read back through the EPT,
 * unmap (the page returns to the root). */
static const char *map_read_write(uint64_t id)
{
	uint64_t pfn, back = 0, value = 0x1122334455667788ull;
	uint32_t done;
	struct partition *p;
	bool ok;

	if (!hv_root_alloc_pages(&pfn, 1))
		return gt_fail("root allocation failed");
	uint16_t st = hv_map_gpa_pages(id, 5, HV_MAP_GPA_READABLE | HV_MAP_GPA_WRITABLE, &pfn, 1,
				       &done);
	if (st || done != 1) {
		hv_root_free_pages(&pfn, 1);
		return gt_fail("map without VMX: %s", hv_status_name(st));
	}
	spin_lock(&hv_lock);
	p = partition_find(id);
	ok = p && partition_write_gpa(p, 0x5008, &value, 8) && partition_read_gpa(p, 0x5008, &back, 8);
	spin_unlock(&hv_lock);
	if ((st = hv_unmap_gpa_pages(id, 5, 1, &done)) || done != 1)
		return gt_fail("unmap without VMX: %s", hv_status_name(st));
	if (hv_root_free_pages(&pfn, 1) != 1)
		return gt_fail("the unmapped page did not return to the root");
	if (!ok || back != value)
		return gt_fail("guest memory without VMX: wrote 0x%llx, read 0x%llx",
			       (unsigned long long)value, (unsigned long long)back);
	return NULL;
}

const char *gt_test_novmx(void)
{
	uint64_t id, pfns[4], out[4];
	uint32_t done;
	uint64_t avail = 0, in_use = 0;
	struct hv_message m;

	if (hv_create_partition(0, &id) != HV_STATUS_SUCCESS)
		return gt_fail("create partition failed");
	if (!hv_root_alloc_pages(pfns, 4))
		return gt_fail("root allocation failed");
	const char *err = NULL;
	uint16_t st = hv_deposit_memory(id, pfns, 4, &done);
	if (st || done != 4)
		err = gt_fail("deposit: %s, %u done", hv_status_name(st), done);
	else if ((st = hv_get_memory_balance(id, &avail, &in_use)) || avail != 4 || in_use != 0)
		err = gt_fail("balance: %s %llu/%llu", hv_status_name(st), (unsigned long long)avail,
			      (unsigned long long)in_use);
	else if ((st = hv_create_vp(id, 0)) != HV_STATUS_INVALID_PARTITION_STATE)
		err = gt_fail("create VP in an uninitialized partition: %s", hv_status_name(st));
	else if ((st = hv_initialize_partition(id)) != HV_STATUS_SUCCESS)
		err = gt_fail("initialize without VMX: %s", hv_status_name(st));
	else if ((err = map_read_write(id)))
		;
	else if ((st = hv_create_vp(id, 0)) != HV_STATUS_FEATURE_UNAVAILABLE)
		err = gt_fail("create VP without VMX: %s", hv_status_name(st));
	else if ((st = hv_dispatch_vp(id, 0, &m)) != HV_STATUS_FEATURE_UNAVAILABLE)
		err = gt_fail("dispatch without VMX: %s", hv_status_name(st));
	if ((st = hv_finalize_partition(id)) && !err)
		err = gt_fail("finalize: %s", hv_status_name(st));
	st = hv_withdraw_memory(id, 4, out, &done);
	if (!err && (st || done != 4))
		err = gt_fail("withdraw: %s, %u done", hv_status_name(st), done);
	hv_root_free_pages(out, done);
	st = hv_delete_partition(id);
	if (!err && st)
		err = gt_fail("delete: %s", hv_status_name(st));
	return err;
}

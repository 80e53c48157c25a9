/*
 * Without VMX (QEMU TCG) unihv still manages partitions and memory, and
 * every operation that needs VMX fails with HV_STATUS_FEATURE_UNAVAILABLE
 * instead of crashing.
 */
#include "tests/guests/driver/gtest.h"
#include "hv/hv.h"
#include "hv/memory.h"
#include "hv/partition.h"
#include "hv/vp_ops.h"

const char *gt_test_novmx(void);

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
	else if ((st = hv_initialize_partition(id)) != HV_STATUS_FEATURE_UNAVAILABLE)
		err = gt_fail("initialize without VMX: %s", hv_status_name(st));
	else if ((st = hv_create_vp(id, 0)) != HV_STATUS_INVALID_PARTITION_STATE)
		err = gt_fail("create VP in an uninitialized partition: %s", hv_status_name(st));
	else if ((st = hv_dispatch_vp(id, 0, &m)) != HV_STATUS_FEATURE_UNAVAILABLE)
		err = gt_fail("dispatch without VMX: %s", hv_status_name(st));
	st = hv_withdraw_memory(id, 4, out, &done);
	if (!err && (st || done != 4))
		err = gt_fail("withdraw: %s, %u done", hv_status_name(st), done);
	hv_root_free_pages(out, done);
	st = hv_delete_partition(id);
	if (!err && st)
		err = gt_fail("delete: %s", hv_status_name(st));
	return err;
}

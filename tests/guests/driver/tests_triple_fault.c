/*
 * triple_fault: a real-mode guest with an empty IDT (limit 0) executes
 * INT3: #GP, #DF, triple fault.  The dispatch returns
 * UNRECOVERABLE_EXCEPTION; the partition is crashed (no VP of it runs
 * again: INVALID_PARTITION_STATE) but can be destroyed, and a partition
 * created afterwards runs normally.
 */
#include <string.h>
#include "tests/guests/driver/gtest.h"
#include "hv/vp_ops.h"
#include "unihv/hv_types.h"

const char *gt_test_triple_fault(void);

const char *gt_test_triple_fault(void)
{
	struct gt_vm vm, vm2;
	struct hv_message m;
	const char *err;
	uint64_t v;

	memset(&vm2, 0, sizeof(vm2));
	GT_TRY(gt_vm_create(&vm, 16, 16));
	GT_TRY(gt_vm_load(&vm, 0x1000, GT_BLOB(triple)));
	GT_TRY_STATUS(hv_create_vp(vm.id, 0), HV_STATUS_SUCCESS);
	GT_TRY_STATUS(hv_create_vp(vm.id, 1), HV_STATUS_SUCCESS);
	GT_TRY(gt_setup_real_mode(&vm, 0, 0x1000));

	GT_TRY(gt_run_expect(&vm, 0, HV_MESSAGE_TYPE_UNRECOVERABLE_EXCEPTION, &m));
	GT_TRY_CHECK(m.header.origination_id == vm.id && m.u.unrecoverable_exception.header.vp_index == 0 &&
			     m.header.payload_size == sizeof(m.u.unrecoverable_exception),
		     "unrecoverable exception: origin %llu vp %u payload %u",
		     (unsigned long long)m.header.origination_id,
		     m.u.unrecoverable_exception.header.vp_index, m.header.payload_size);

	/* Crashed: neither this VP nor another one of the partition runs. */
	GT_TRY_STATUS(hv_dispatch_vp(vm.id, 0, &m), HV_STATUS_INVALID_PARTITION_STATE);
	GT_TRY_STATUS(hv_dispatch_vp(vm.id, 1, &m), HV_STATUS_INVALID_PARTITION_STATE);
	GT_TRY(gt_vm_destroy(&vm));
	vm.id = 0;

	/* Another partition is not affected. */
	GT_TRY(gt_vm_create(&vm2, 16, 16));
	GT_TRY(gt_vm_load(&vm2, 0x1000, GT_BLOB(io)));
	GT_TRY_STATUS(hv_create_vp(vm2.id, 0), HV_STATUS_SUCCESS);
	GT_TRY(gt_setup_real_mode(&vm2, 0, 0x1000));
	GT_TRY(gt_run_out(&vm2, 0, 0x1234, 1, &v));
	GT_TRY_CHECK(v == 0x5a, "io guest in the second partition wrote 0x%llx, want 0x5a",
		     (unsigned long long)v);
out:
	err = gt_finish(&vm, err);
	return gt_finish(&vm2, err);
}

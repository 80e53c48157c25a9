/*
 * protected32: a 32-bit protected-mode guest (tests/guests/checksum.S)
 * computes FNV-1a over 6000 bytes that cross a page boundary, from ESI/ECX
 * set by the manager, and OUTs the 32-bit result: it must equal the
 * driver's own computation.
 */
#include "tests/guests/driver/gtest.h"
#include "hv/vp_ops.h"
#include "unihv/hv_types.h"

const char *gt_test_protected32(void);

#define BUF_GPA 0x4800u
#define LEN 6000u

const char *gt_test_protected32(void)
{
	static uint8_t buf[LEN];
	struct gt_vm vm;
	struct hv_message m;
	const char *err;
	uint32_t seed = 12345, want = 0x811c9dc5;
	uint64_t v;

	for (unsigned i = 0; i < LEN; i++) {
		seed = seed * 1103515245 + 12345;
		buf[i] = (uint8_t)(seed >> 16);
		want = (want ^ buf[i]) * 0x01000193u;
	}
	GT_TRY(gt_vm_create(&vm, 16, 16));
	GT_TRY(gt_vm_load(&vm, 0x1000, GT_BLOB(checksum)));
	GT_TRY(gt_vm_write(&vm, BUF_GPA, buf, LEN));
	GT_TRY_STATUS(hv_create_vp(vm.id, 0), HV_STATUS_SUCCESS);
	GT_TRY(gt_setup_protected_mode(&vm, 0, 0x1000));
	GT_TRY_STATUS(gt_set(&vm, 0, HV_X64_REGISTER_RSI, BUF_GPA), HV_STATUS_SUCCESS);
	GT_TRY_STATUS(gt_set(&vm, 0, HV_X64_REGISTER_RCX, LEN), HV_STATUS_SUCCESS);

	GT_TRY(gt_run_out(&vm, 0, 0x1240, 4, &v));
	GT_TRY_CHECK(v == want, "guest checksum 0x%llx, want 0x%x", (unsigned long long)v, want);
	GT_TRY(gt_run_expect(&vm, 0, HV_MESSAGE_TYPE_X64_HALT, &m));
	GT_TRY_CHECK(m.u.halt.header.execution_state == HV_X64_EXECUTION_STATE_CR0_PE &&
			     m.u.halt.header.rip == 0x101a,
		     "HLT: execution state 0x%x rip 0x%llx, want PE only at 0x101a",
		     m.u.halt.header.execution_state, (unsigned long long)m.u.halt.header.rip);
	GT_TRY_CHECK(gt_get(&vm, 0, HV_X64_REGISTER_RSI) == BUF_GPA + LEN &&
			     gt_get(&vm, 0, HV_X64_REGISTER_RCX) == 0,
		     "final ESI 0x%llx ECX 0x%llx", (unsigned long long)gt_get(&vm, 0, HV_X64_REGISTER_RSI),
		     (unsigned long long)gt_get(&vm, 0, HV_X64_REGISTER_RCX));
out:
	return gt_finish(&vm, err);
}

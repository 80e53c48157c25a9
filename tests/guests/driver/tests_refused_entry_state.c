/*
 * refused_entry_state: when VM entry refuses the register state (here a TR
 * that is not a busy TSS) the VP has not run a single instruction, so
 * every register, a pending interruption included, must read back exactly
 * as the manager set it; after the fix the VP runs (tests/guests/io.S).
 */
#include <stdio.h>
#include <string.h>
#include "tests/guests/driver/gtest.h"
#include "hv/vp_ops.h"
#include "unihv/hv_types.h"

const char *gt_test_refused_entry_state(void);

static const uint32_t fixed_names[] = {
	HV_X64_REGISTER_RIP, HV_X64_REGISTER_RFLAGS, HV_X64_REGISTER_CR0, HV_X64_REGISTER_CR2,
	HV_X64_REGISTER_CR3, HV_X64_REGISTER_CR4, HV_X64_REGISTER_CR8, HV_X64_REGISTER_XFEM,
	HV_X64_REGISTER_DR0, HV_X64_REGISTER_DR1, HV_X64_REGISTER_DR2, HV_X64_REGISTER_DR3,
	HV_X64_REGISTER_DR6, HV_X64_REGISTER_DR7, HV_X64_REGISTER_ES, HV_X64_REGISTER_CS,
	HV_X64_REGISTER_SS, HV_X64_REGISTER_DS, HV_X64_REGISTER_FS, HV_X64_REGISTER_GS,
	HV_X64_REGISTER_LDTR, HV_X64_REGISTER_TR, HV_X64_REGISTER_IDTR, HV_X64_REGISTER_GDTR,
	HV_X64_REGISTER_EFER, HV_X64_REGISTER_KERNEL_GS_BASE, HV_X64_REGISTER_APIC_BASE,
	HV_X64_REGISTER_PAT, HV_X64_REGISTER_SYSENTER_CS, HV_X64_REGISTER_SYSENTER_EIP,
	HV_X64_REGISTER_SYSENTER_ESP, HV_X64_REGISTER_STAR, HV_X64_REGISTER_LSTAR,
	HV_X64_REGISTER_CSTAR, HV_X64_REGISTER_SFMASK, HV_X64_REGISTER_TSC_AUX,
	HV_REGISTER_PENDING_INTERRUPTION, HV_REGISTER_INTERRUPT_STATE,
	HV_X64_REGISTER_PENDING_DEBUG_EXCEPTION, HV_X64_REGISTER_FP_CONTROL_STATUS,
};
#define NFIXED (sizeof(fixed_names) / sizeof(fixed_names[0]))
#define N (NFIXED + 16 + 16) /* + GPRs + XMM0-15 */

const char *gt_test_refused_entry_state(void)
{
	static uint32_t names[N];
	static union hv_register_value before[N], after[N];
	struct gt_vm vm;
	struct hv_message m;
	const char *err;
	char bad[200] = "";
	uint32_t done;
	uint64_t v;

	for (uint32_t i = 0; i < N; i++)
		names[i] = i < NFIXED ? fixed_names[i]
			 : i < NFIXED + 16 ? HV_X64_REGISTER_RAX + (i - NFIXED)
					   : HV_X64_REGISTER_XMM0 + (i - NFIXED - 16);
	GT_TRY(gt_vm_create(&vm, 16, 16));
	GT_TRY(gt_vm_load(&vm, 0x1000, GT_BLOB(io)));
	GT_TRY_STATUS(hv_create_vp(vm.id, 0), HV_STATUS_SUCCESS);
	GT_TRY(gt_setup_real_mode(&vm, 0, 0x1000));
	/* A pending #UD (exception, vector 6), and a TR VM entry refuses. */
	GT_TRY_STATUS(gt_set(&vm, 0, HV_REGISTER_PENDING_INTERRUPTION, 1 | 3 << 1 | 6 << 16),
		      HV_STATUS_SUCCESS);
	GT_TRY_STATUS(gt_set(&vm, 0, HV_X64_REGISTER_RBP, 0x1234abcd), HV_STATUS_SUCCESS);
	GT_TRY_STATUS(gt_set_segment(&vm, 0, HV_X64_REGISTER_TR, 0, 0x67, 0, 0x89), HV_STATUS_SUCCESS);

	GT_TRY_STATUS(hv_get_vp_registers(vm.id, 0, names, N, before, &done), HV_STATUS_SUCCESS);
	GT_TRY(gt_run_expect(&vm, 0, HV_MESSAGE_TYPE_INVALID_VP_REGISTER_VALUE, &m));
	GT_TRY_STATUS(hv_get_vp_registers(vm.id, 0, names, N, after, &done), HV_STATUS_SUCCESS);
	for (uint32_t i = 0; i < N; i++) {
		size_t n = strlen(bad);
		if (memcmp(&before[i], &after[i], 16) && n < sizeof(bad) - 1)
			snprintf(bad + n, sizeof(bad) - n, "%s0x%x: 0x%llx -> 0x%llx", n ? "; " : "",
				 names[i], (unsigned long long)before[i].reg64,
				 (unsigned long long)after[i].reg64);
	}
	GT_TRY_CHECK(!bad[0], "changed by the refused entry: %s", bad);

	/* Fixed (and without the #UD, which would vector through an empty IVT). */
	GT_TRY_STATUS(gt_set(&vm, 0, HV_REGISTER_PENDING_INTERRUPTION, 0), HV_STATUS_SUCCESS);
	GT_TRY_STATUS(gt_set_segment(&vm, 0, HV_X64_REGISTER_TR, 0, 0x67, 0, 0x8b), HV_STATUS_SUCCESS);
	GT_TRY(gt_run_out(&vm, 0, 0x1234, 1, &v));
	GT_TRY_CHECK(v == 0x5a, "io guest wrote 0x%llx, want 0x5a", (unsigned long long)v);
out:
	return gt_finish(&vm, err);
}

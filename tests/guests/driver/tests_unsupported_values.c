/*
 * unsupported_values: register values that no VM-entry check catches but
 * that the hardware refuses when the hypervisor loads them itself (a #GP
 * in the hypervisor at the next dispatch) or silently drops must be
 * refused by SetVpRegisters with INVALID_REGISTER_VALUE:
 *   TSC_AUX with bits 63:32 set (WRMSR IA32_TSC_AUX: #GP on Intel);
 *   MXCSR with reserved bit 16 (FXRSTOR: #GP), also after the manager
 *   wrote a wider MXCSR_MASK in the same register;
 *   CR4 with a bit this CPU cannot set (IA32_VMX_CR4_FIXED1 clear): the VMCS
 *   gets CR4 without it while the guest and TranslateVirtualAddress see it.
 * The VP is never run.  Every accepted value is reported.
 */
#include <stdio.h>
#include <string.h>
#include "tests/guests/driver/gtest.h"
#include "hv/vp_ops.h"
#include "unihv/hv_types.h"
#include "arch/cpu.h"

const char *gt_test_unsupported_values(void);

#define MSR_VMX_CR4_FIXED1 0x489

static uint16_t set128(struct gt_vm *vm, uint32_t name, uint64_t lo, uint64_t hi)
{
	struct hv_register_assoc a;
	uint32_t done;

	memset(&a, 0, sizeof(a));
	a.name = name;
	a.value.reg128.low = lo;
	a.value.reg128.high = hi;
	return hv_set_vp_registers(vm->id, 0, &a, 1, &done);
}

static void check(char *bad, size_t size, const char *what, uint16_t st)
{
	size_t n = strlen(bad);
	if (st != HV_STATUS_INVALID_REGISTER_VALUE)
		snprintf(bad + n, size - n, "%s%s: %s", n ? "; " : "", what, hv_status_name(st));
}

const char *gt_test_unsupported_values(void)
{
	struct gt_vm vm;
	const char *err;
	char bad[240] = "";

	GT_TRY(gt_vm_create(&vm, 16, 0));
	GT_TRY_STATUS(hv_create_vp(vm.id, 0), HV_STATUS_SUCCESS);

	check(bad, sizeof(bad), "TSC_AUX bit 32", gt_set(&vm, 0, HV_X64_REGISTER_TSC_AUX, 1ull << 32));

	/* XMM control/status: FDP in the low half, MXCSR and MXCSR_MASK above. */
	set128(&vm, HV_X64_REGISTER_XMM_CONTROL_STATUS, 0, 0xffffffff00001f80ull);
	check(bad, sizeof(bad), "MXCSR bit 16",
	      set128(&vm, HV_X64_REGISTER_XMM_CONTROL_STATUS, 0, 0xffffffff00011f80ull));

	uint64_t fixed1 = rdmsr(MSR_VMX_CR4_FIXED1), bit = 0;
	for (unsigned i = 0; i <= 24 && !bit; i++)
		if (i != 13 && !(fixed1 & (1ull << i))) /* 13: VMXE, refused anyway */
			bit = 1ull << i;
	if (bit) {
		char what[48];
		snprintf(what, sizeof(what), "CR4 bit %d (not settable here)", __builtin_ctzll(bit));
		check(bad, sizeof(bad), what, gt_set(&vm, 0, HV_X64_REGISTER_CR4, 0x20 | bit));
	}
	if (bad[0])
		err = gt_fail("accepted: %s", bad);
out:
	return gt_finish(&vm, err);
}

/*
 * msr_intercept (guest tests/guests/msr.S, 32-bit protected mode):
 *   an RDMSR of an MSR the hypervisor does not implement (0x12345678)
 *   reaches the manager as X64_MSR_INTERCEPT (READ, MsrNumber, RIP, length
 *   2, CR0.PE and CPL 0 in the execution state); the RAX/RDX the manager
 *   sets are what the guest reads.  A WRMSR of it gives WRITE with the
 *   guest's EDX:EAX in Rdx/Rax.  IA32_APIC_BASE (0x1b) is answered by the
 *   hypervisor (no message): 0xfee00900 for VP 0 (base, BSP, enable).
 */
#include "tests/guests/driver/gtest.h"
#include "hv/vp_ops.h"
#include "unihv/hv_types.h"

const char *gt_test_msr_intercept(void);

#define PORT 0x1240
#define MSR 0x12345678u

/* The MSR message: number, access, RIP, length, state, payload size. */
static const char *check_msr(const struct gt_vm *vm, const struct hv_message *m, uint8_t access,
			     uint64_t rip)
{
	const struct hv_x64_msr_intercept_message *mi = &m->u.msr;
	const struct hv_x64_intercept_message_header *h = &mi->header;

	if (mi->msr_number != MSR || h->intercept_access_type != access || h->rip != rip)
		return gt_fail("MSR 0x%x access %u rip 0x%llx, want 0x%x %u 0x%llx", mi->msr_number,
			       h->intercept_access_type, (unsigned long long)h->rip, MSR, access,
			       (unsigned long long)rip);
	if ((h->instruction_length & HV_X64_INTERCEPT_INSTRUCTION_LENGTH_MASK) != 2)
		return gt_fail("instruction length %u, want 2",
			       h->instruction_length & HV_X64_INTERCEPT_INSTRUCTION_LENGTH_MASK);
	if (h->execution_state != HV_X64_EXECUTION_STATE_CR0_PE || h->vp_index != 0 ||
	    m->header.payload_size != sizeof(*mi) || m->header.origination_id != vm->id)
		return gt_fail("state 0x%x vp %u payload %u origin %llu, want 0x%x 0 %zu %llu",
			       h->execution_state, h->vp_index, m->header.payload_size,
			       (unsigned long long)m->header.origination_id,
			       HV_X64_EXECUTION_STATE_CR0_PE, sizeof(*mi),
			       (unsigned long long)vm->id);
	return NULL;
}

static const char *expect_out(struct gt_vm *vm, const char *what, uint64_t want)
{
	uint64_t v;
	const char *err = gt_run_out(vm, 0, PORT, 4, &v);

	if (!err && v != want)
		err = gt_fail("%s = 0x%llx, want 0x%llx", what, (unsigned long long)v,
			      (unsigned long long)want);
	return err;
}

const char *gt_test_msr_intercept(void)
{
	struct gt_vm vm;
	struct hv_message m;
	const char *err;

	GT_TRY(gt_vm_create(&vm, 16, 16));
	GT_TRY(gt_vm_load(&vm, 0x1000, GT_BLOB(msr)));
	GT_TRY_STATUS(hv_create_vp(vm.id, 0), HV_STATUS_SUCCESS);
	GT_TRY(gt_setup_protected_mode(&vm, 0, 0x1000));

	/* RDMSR: the manager answers EDX:EAX = 0x8badf00d:cafef00d. */
	GT_TRY(gt_run_expect(&vm, 0, HV_MESSAGE_TYPE_X64_MSR_INTERCEPT, &m));
	GT_TRY(check_msr(&vm, &m, HV_INTERCEPT_ACCESS_READ, 0x100a));
	GT_TRY_CHECK(m.u.msr.rax == 0xaaaa5555, "RDMSR message rax 0x%llx, want 0xaaaa5555",
		     (unsigned long long)m.u.msr.rax);
	GT_TRY_STATUS(gt_set(&vm, 0, HV_X64_REGISTER_RAX, 0xcafef00d), HV_STATUS_SUCCESS);
	GT_TRY_STATUS(gt_set(&vm, 0, HV_X64_REGISTER_RDX, 0x8badf00d), HV_STATUS_SUCCESS);
	GT_TRY(gt_skip(&vm, 0, &m));
	GT_TRY(expect_out(&vm, "EAX after the intercepted RDMSR", 0xcafef00d));
	GT_TRY(expect_out(&vm, "EDX after the intercepted RDMSR", 0x8badf00d));

	/* WRMSR: EDX:EAX in the message. */
	GT_TRY(gt_run_expect(&vm, 0, HV_MESSAGE_TYPE_X64_MSR_INTERCEPT, &m));
	GT_TRY(check_msr(&vm, &m, HV_INTERCEPT_ACCESS_WRITE, 0x1020));
	GT_TRY_CHECK(m.u.msr.rdx == 0x11223344 && m.u.msr.rax == 0x55667788,
		     "WRMSR message rdx:rax 0x%llx:0x%llx, want 0x11223344:0x55667788",
		     (unsigned long long)m.u.msr.rdx, (unsigned long long)m.u.msr.rax);
	GT_TRY(gt_skip(&vm, 0, &m));

	/* IA32_APIC_BASE: the hypervisor's own answer, no message. */
	GT_TRY(expect_out(&vm, "IA32_APIC_BASE low", 0xfee00900));
	GT_TRY(expect_out(&vm, "IA32_APIC_BASE high", 0));
	GT_TRY(gt_run_expect(&vm, 0, HV_MESSAGE_TYPE_X64_HALT, &m));
	GT_TRY_CHECK(m.u.halt.header.rip == 0x1034, "HLT message rip 0x%llx, want 0x1034",
		     (unsigned long long)m.u.halt.header.rip);
out:
	return gt_finish(&vm, err);
}

/*
 * The TLFS synthetic MSRs 0x40000000-0x400000FF a guest reads and writes
 * with RDMSR/WRMSR (TLFS Appendix C, hypercall-interface.md, timers.md,
 * vp-properties.md; digest enlightenments.md §2-§3, hypercall-abi.md
 * §2-§3).  hv/emulate.c sends every such access here.
 *
 * Implemented (access gated by the partition's privilege bit in brackets;
 * without it RDMSR and WRMSR #GP):
 *   GUEST_OS_ID      0x40000000 [5] RW partition-wide (= the read-only
 *                    partition property HV_PARTITION_PROPERTY_GUEST_OS_ID).
 *                    Writing 0 clears the hypercall page's Enable (unless
 *                    the hypercall MSR is locked).
 *   HYPERCALL        0x40000001 [5] RW partition-wide.  Enable needs a
 *                    non-zero GUEST_OS_ID (else the write is taken with
 *                    Enable left clear).  Once Locked is set, writes are
 *                    ignored (no #GP) until the partition is recreated.
 *                    RsvdP bits 11:2 read back as 0.  A GPFN beyond the GPA
 *                    space #GPs.  Not an overlay: enabling writes the page
 *                    image (VMCALL; RET at offset 0, INT3 elsewhere) into
 *                    the guest page mapped at that GPA; no page mapped
 *                    there -> #GP and the MSR keeps its old value.
 *   VP_INDEX         0x40000002 [6] R    this VP's index.
 *   RESET            0x40000003 [7] RW   reads 0; a write with bit 0 set
 *                    goes to the manager as an ordinary MSR intercept (the
 *                    manager owns partition reset); bit 0 clear is a no-op.
 *   VP_RUNTIME       0x40000010 [0] R    100 ns units this VP spent in
 *                    dispatches (guest time plus exit handling on its
 *                    behalf; halts and intercepts waiting for the manager
 *                    are not counted).
 *   TIME_REF_COUNT   0x40000020 [1] R    partition reference time: 100 ns
 *                    units since the partition was created (kernel clock,
 *                    clock_ns()); never decreases across the partition's VPs.
 *   REFERENCE_TSC    0x40000021 [9] RW partition-wide.  Bit 0 enable, 11:1
 *                    RsvdP (read back as 0), 63:12 GPN.  Enabling writes
 *                    the page (TscSequence 0, then scale/offset, then a new
 *                    non-zero TscSequence) into the guest page at the GPN;
 *                    no page mapped there -> silently nothing (digest:
 *                    "page silently inaccessible").  Sequence stays 0 (use
 *                    TIME_REF_COUNT) if the kernel clock has no usable TSC
 *                    rate.  Not an overlay either.
 *   TSC_FREQUENCY    0x40000022 [11] R   clock_tsc_hz() (guests run on the
 *                    host TSC: no offset, no scaling).
 *   APIC_FREQUENCY   0x40000023 [11] R   SYNTHETIC_MSR_APIC_FREQUENCY_HZ.
 *   SynIC  0x40000080-84, 0x40000090-9F [2] per VP: hv/synic.h.
 *   STIMER 0x400000B0-B7 [3] per VP: hv/stimer.h.
 * Writes to read-only MSRs #GP.  Every other MSR in the range #GPs (no
 * intercept): EOI/ICR/TPR/VP_ASSIST_PAGE (no virtual APIC to back them),
 * GUEST_IDLE, NPIEP_CONFIG, ...
 * #GP is injected with error code 0 and RIP left at the instruction.
 */
#ifndef UNIHV_HV_SYNTHETIC_MSR_H
#define UNIHV_HV_SYNTHETIC_MSR_H

#include <stdbool.h>
#include <stdint.h>
#include "hv/exit.h"
#include "unihv/hv_types.h"

struct partition;
struct vp;

#define SYNTHETIC_MSR_FIRST 0x40000000u
#define SYNTHETIC_MSR_LAST  0x400000FFu

/*
 * HV_X64_MSR_APIC_FREQUENCY.  unihv has no virtual local APIC of its own;
 * a manager that emulates the APIC timer must count at this rate (1 GHz:
 * one tick per nanosecond of clock_ns(), KVM's value).
 */
#define SYNTHETIC_MSR_APIC_FREQUENCY_HZ 1000000000ull

/* The MSR privileges (CPUID 0x40000003 EAX) whose MSRs are implemented
 * here; hv/enlight_cpuid.c advertises no other bit of EAX. */
#define SYNTHETIC_MSR_PRIVILEGES                                           \
	(HV_PARTITION_PRIVILEGE_ACCESS_VP_RUN_TIME_REG |                    \
	 HV_PARTITION_PRIVILEGE_ACCESS_PARTITION_REFERENCE_COUNTER |        \
	 HV_PARTITION_PRIVILEGE_ACCESS_HYPERCALL_MSRS |                     \
	 HV_PARTITION_PRIVILEGE_ACCESS_VP_INDEX |                           \
	 HV_PARTITION_PRIVILEGE_ACCESS_RESET_REG |                          \
	 HV_PARTITION_PRIVILEGE_ACCESS_PARTITION_REFERENCE_TSC |            \
	 HV_PARTITION_PRIVILEGE_ACCESS_FREQUENCY_REGS |                     \
	 HV_PARTITION_PRIVILEGE_ACCESS_SYNIC_REGS |                         \
	 HV_PARTITION_PRIVILEGE_ACCESS_SYNTHETIC_TIMER_REGS)

static inline bool synthetic_msr_in_range(uint32_t msr)
{
	return msr >= SYNTHETIC_MSR_FIRST && msr <= SYNTHETIC_MSR_LAST;
}

/*
 * RDMSR/WRMSR exit e of vp for an MSR in the synthetic range (state in the
 * VMCS, EDX:EAX/ECX in vp->regs).  Returns true when handled: completed
 * (RIP advanced, RDMSR result in EDX:EAX) or #GP injected.  Returns false
 * when the manager must see it as an MSR intercept (HV_X64_MSR_RESET).
 * Takes hv_lock for partition-wide changes.
 */
bool synthetic_msr_access(struct vp *vp, const struct hv_exit *e);

/* At partition creation: TIME_REF_COUNT starts at 0 now.  Any lock. */
void synthetic_msr_partition_init(struct partition *p);

/* The partition's reference time now (HV_X64_MSR_TIME_REF_COUNT), 100 ns. */
uint64_t synthetic_msr_reference_time(struct partition *p);

/* Around one dispatch of vp (hv/vp.c run loop): VP_RUNTIME accounting. */
void synthetic_msr_dispatch_begin(struct vp *vp);
void synthetic_msr_dispatch_end(struct vp *vp);

#endif

/*
 * The hypervisor CPUID leaves 0x40000000-0x4FFFFFFF a partition's guests
 * see (TLFS feature-discovery.md; digest enlightenments.md §0-§1).  Every
 * bit set is a promise that the feature works as the TLFS defines it, so
 * only what unihv implements is advertised:
 *
 *   0x40000000  EAX 0x4000000A (highest leaf), "Microsoft Hv"
 *   0x40000001  "Hv#1"
 *   0x40000002  hypervisor version, encoded below
 *   0x40000003  EAX:EBX the partition's privilege mask, EAX limited to the
 *               MSR groups hv/synthetic_msr.c implements
 *               (SYNTHETIC_MSR_PRIVILEGES: no SynIC, timer or APIC MSR bits
 *               until those exist); EBX (hypercall privileges) as granted:
 *               the dispatcher gates calls by exactly these bits and
 *               answers INVALID_HYPERCALL_CODE for calls it lacks.
 *               ECX 0.  EDX: XMM fast hypercall input (64-bit callers, the
 *               dispatcher reads XMM0-5), timer frequency MSRs, hypercall
 *               MSR lock.  Not XMM fast output (no guest call returns
 *               output that way yet), no idle/crash/debug MSRs.
 *   0x40000004  EAX relaxed timing only (no flush, APIC-MSR, reset, x2APIC
 *               or Ex recommendations: those calls and MSRs do not exist);
 *               EBX 0xFFFFFFFF (never call NotifyLongSpinWait); ECX 0
 *               (implemented physical address bits not reported); EDX 0.
 *   0x40000005  EAX HV_MAX_VPS_PER_PARTITION, EBX MAX_CPUS (logical
 *               processors the image supports), ECX 0 (no interrupt
 *               remapping).
 *   0x40000006  EAX MSR bitmaps, SLAT (EPT), unrestricted guest (the VT-x
 *               backend requires all three); nesting level 0.
 *   0x40000007-0x4000000A  0: not a root partition (7, 8), no nested
 *               virtualization (9, 0xA; guests see no VMX).
 *   0x4000000B-0x4FFFFFFF  0.
 */
#ifndef UNIHV_HV_ENLIGHT_CPUID_H
#define UNIHV_HV_ENLIGHT_CPUID_H

#include <stdbool.h>
#include <stdint.h>

struct partition;

#define ENLIGHT_CPUID_FIRST 0x40000000u
#define ENLIGHT_CPUID_LAST  0x4FFFFFFFu
#define ENLIGHT_CPUID_MAX_LEAF 0x4000000Au

/*
 * Leaf 0x40000002 (informational; guests must test features, not
 * versions): EAX build number, EBX major.minor of unihv's Hyper-V
 * interface implementation (31:16 major, 15:0 minor), ECX service pack 0,
 * EDX service branch 0 (31:24) and service number 0 (23:0).  Version 1.0
 * build 1; the build number grows when the guest-visible interface gains
 * something, the minor version with ABI additions, the major one when a
 * published behaviour changes.  HvRegisterHypervisorVersion returns the
 * same 16 bytes.
 */
#define UNIHV_HV_BUILD_NUMBER   1u
#define UNIHV_HV_VERSION_MAJOR  1u
#define UNIHV_HV_VERSION_MINOR  0u

static inline bool enlight_cpuid_in_range(uint32_t leaf)
{
	return leaf >= ENLIGHT_CPUID_FIRST && leaf <= ENLIGHT_CPUID_LAST;
}

/* out = EAX, EBX, ECX, EDX of hypervisor leaf `leaf` for p's guests. */
void enlight_cpuid(const struct partition *p, uint32_t leaf, uint32_t out[4]);

/* CPUID 0x40000002 (also HvRegisterHypervisorVersion). */
void enlight_hypervisor_version(uint32_t out[4]);

/* The privilege mask CPUID 0x40000003 EAX:EBX reports for p. */
uint64_t enlight_advertised_privileges(const struct partition *p);

/* CPUID 0x40000003 EDX for p. */
uint32_t enlight_features_edx(const struct partition *p);

/* XMM fast hypercall input is advertised to p (hv/hypercall/guest_call.c). */
bool enlight_xmm_fast_input(const struct partition *p);

#endif

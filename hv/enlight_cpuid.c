/*
 * Hypervisor CPUID leaves (TLFS feature-discovery.md; digest
 * enlightenments.md §1).  What each leaf holds and why is in
 * hv/enlight_cpuid.h.
 */
#include <string.h>
#include "hv/enlight_cpuid.h"
#include "hv/partition.h"
#include "hv/synthetic_msr.h"
#include "unihv/hv_cpuid.h"
#include "unihv/hv_types.h"
#include "core/config.h"

/* The low (MSR) half of the privilege mask is limited to what exists. */
#define ADVERTISED_PRIVILEGES (SYNTHETIC_MSR_PRIVILEGES | 0xFFFFFFFF00000000ull)

uint64_t enlight_advertised_privileges(const struct partition *p)
{
	return p->privilege_flags & ADVERTISED_PRIVILEGES;
}

uint32_t enlight_features_edx(const struct partition *p)
{
	(void)p;
	return HV_CPUID_FEATURES_EDX_XMM_HYPERCALL_INPUT | HV_CPUID_FEATURES_EDX_TIMER_FREQUENCY_MSRS |
	       HV_CPUID_FEATURES_EDX_HYPERCALL_MSR_LOCK;
}

bool enlight_xmm_fast_input(const struct partition *p)
{
	return (enlight_features_edx(p) & HV_CPUID_FEATURES_EDX_XMM_HYPERCALL_INPUT) != 0;
}

void enlight_hypervisor_version(uint32_t out[4])
{
	out[0] = UNIHV_HV_BUILD_NUMBER;
	out[1] = (UNIHV_HV_VERSION_MAJOR << HV_CPUID_VERSION_EBX_MAJOR_SHIFT) |
		 (UNIHV_HV_VERSION_MINOR & HV_CPUID_VERSION_EBX_MINOR_MASK);
	out[2] = 0; /* service pack */
	out[3] = 0; /* service branch, service number */
}

void enlight_cpuid(const struct partition *p, uint32_t leaf, uint32_t out[4])
{
	uint64_t privileges;

	memset(out, 0, 4 * sizeof(uint32_t));
	switch (leaf) {
	case HV_CPUID_LEAF_VENDOR_AND_MAX:
		out[0] = ENLIGHT_CPUID_MAX_LEAF;
		out[1] = HV_CPUID_VENDOR_EBX;
		out[2] = HV_CPUID_VENDOR_ECX;
		out[3] = HV_CPUID_VENDOR_EDX;
		break;
	case HV_CPUID_LEAF_INTERFACE:
		out[0] = HV_CPUID_INTERFACE_SIGNATURE_HV1;
		break;
	case HV_CPUID_LEAF_VERSION:
		enlight_hypervisor_version(out);
		break;
	case HV_CPUID_LEAF_FEATURES:
		privileges = enlight_advertised_privileges(p);
		out[0] = HV_CPUID_FEATURES_EAX(privileges);
		out[1] = HV_CPUID_FEATURES_EBX(privileges);
		out[2] = 0;
		out[3] = enlight_features_edx(p);
		break;
	case HV_CPUID_LEAF_RECOMMENDATIONS:
		out[0] = HV_CPUID_RECOMMEND_EAX_RELAXED_TIMING;
		out[1] = HV_CPUID_RECOMMEND_EBX_SPIN_NEVER_NOTIFY;
		break;
	case HV_CPUID_LEAF_IMPLEMENTATION_LIMITS:
		out[0] = HV_MAX_VPS_PER_PARTITION;
		out[1] = MAX_CPUS;
		break;
	case HV_CPUID_LEAF_HARDWARE_FEATURES:
		out[0] = HV_CPUID_HW_EAX_MSR_BITMAPS | HV_CPUID_HW_EAX_SLAT |
			 HV_CPUID_HW_EAX_UNRESTRICTED_GUEST;
		break;
	default:
		/* 0x40000007-0x4000000A: root-only and nested leaves, all zero
		 * for a non-root, non-nesting hypervisor; above: nothing. */
		break;
	}
}

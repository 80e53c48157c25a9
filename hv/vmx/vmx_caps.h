/*
 * VT-x capabilities read once from the VMX capability MSRs, and the
 * control values unihv runs every VMCS with.
 */
#ifndef UNIHV_HV_VMX_VMX_CAPS_H
#define UNIHV_HV_VMX_VMX_CAPS_H

#include <stdbool.h>
#include <stdint.h>

struct vmx_caps {
	uint32_t revision;
	uint32_t pin, proc, proc2, exit, entry; /* chosen control values */
	uint64_t cr0_fixed0, cr0_fixed1, cr4_fixed0, cr4_fixed1;
	uint64_t ept_vpid;
	bool ept_ad;  /* EPT accessed/dirty flags available */
	bool invvpid;
	uint32_t preemption_slice; /* timer value for one time slice, 0 = none */
};

extern struct vmx_caps vmx_caps;

/* Per-CPU pages shared by every VMCS: I/O bitmaps A and B, MSR bitmap. */
extern uint64_t vmx_io_bitmap_a, vmx_io_bitmap_b, vmx_msr_bitmap;

#endif

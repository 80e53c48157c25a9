/*
 * Exits the hypervisor answers itself, without the manager: CPUID, the
 * MSRs it owns (hypercalls: hv/hypercall/).
 */
#ifndef UNIHV_HV_EMULATE_H
#define UNIHV_HV_EMULATE_H

#include <stdbool.h>
#include <stdint.h>
#include "hv/exit.h"

struct vp;

/* Answer CPUID from the host's leaves, filtered (no VMX, no AVX state the
 * hypervisor does not switch), plus the hypervisor leaves 0x400000xx. */
void emulate_cpuid(struct vp *vp, const struct hv_exit *e);
/* The answer emulate_cpuid gives for leaf/subleaf: out = EAX, EBX, ECX, EDX. */
void emulate_cpuid_result(const struct vp *vp, uint32_t leaf, uint32_t sub, uint32_t out[4]);
/* RDMSR/WRMSR of an MSR the hypervisor owns; false = not ours (the
 * manager gets an MSR intercept). */
bool emulate_msr(struct vp *vp, const struct hv_exit *e);

#endif

#ifndef UNIHV_HV_HYPERCALL_GUEST_CALL_H
#define UNIHV_HV_HYPERCALL_GUEST_CALL_H

#include "hv/exit.h"

struct vp;

/*
 * Handle a VMCALL exit of vp (its state in the VMCS, GPRs and XMM in
 * vp->regs): the TLFS hypercall ABI end to end.  Called by the run loop.
 */
void guest_hypercall(struct vp *vp, const struct hv_exit *e);

#endif

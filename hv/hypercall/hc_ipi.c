/*
 * Synthetic IPIs (TLFS "Virtual Interrupt Controller": HvCallSend
 * SyntheticClusterIpi 0x000B and ...Ex 0x0015; digest hypercalls.md 2).
 *
 * A guest VP sends a fixed, edge-triggered vector (0x10-0xFF) to VPs of
 * its own partition named by a 64-bit processor mask (0x000B, simple; the
 * 16-byte fast register form or memory) or an HV_VP_SET (0x0015, variable
 * header; memory or XMM fast; format ALL = every VP).  Delivery is the
 * hv/vp.c virtual interrupt path (vp_post_interrupts): the vector becomes
 * pending on each target and is injected as an external interrupt before
 * its next entry with RFLAGS.IF=1; a target in the guest on another CPU is
 * kicked.  The call returns once the vectors are pending, not delivered.
 *
 * Statuses: INVALID_PARAMETER for a bad vector, a target VTL other than
 * 0, non-zero reserved bytes, an empty mask/set, or a named VP that does
 * not exist (then nothing is sent); INVALID_HYPERCALL_INPUT for an Ex
 * bank-word count mismatch (ipi_input.c).  The root has no VPs here:
 * ACCESS_DENIED.  No privilege gates these calls.
 */
#include "hv/hypercall/handlers.h"
#include "hv/hypercall/ipi_input.h"
#include "hv/hv.h"
#include "hv/partition.h"
#include "hv/vp_ops.h"
#include "unihv/hv_status.h"

uint16_t hc_send_synthetic_cluster_ipi(struct hc_call *call, uint32_t *done)
{
	struct hc_flush_target t;
	uint8_t vector;

	(void)done;
	if (call->caller->is_root)
		return HV_STATUS_ACCESS_DENIED;
	uint16_t st = hc_ipi_decode(call->code, call->input, call->var_bytes / 8, &vector, &t);
	if (st)
		return st;
	struct partition *p = hc_caller_partition(call);
	if (!p)
		return HV_STATUS_INVALID_PARTITION_ID;
	return vp_post_interrupts(p, t.all, t.mask, vector);
}

/*
 * Guest-facing calls whose subject unihv does not offer, answered with
 * the status the TLFS prescribes for a partition in that situation
 * (docs/hypercalls.md "Calls without a subject").
 *
 * VSM (0x000C ModifyVtlProtectionMask, 0x000D EnablePartitionVtl,
 * 0x000F EnableVpVtl): gated by AccessVsm, which a partition does not get
 * by default; without it the dispatcher answers ACCESS_DENIED before any
 * handler runs.  A root that grants the bit anyway still gets
 * ACCESS_DENIED here: unihv has no VTL 1 to enable, and the TLFS lists
 * ACCESS_DENIED for every caller not allowed to manage VTLs.
 * (0x0011 VtlCall / 0x0012 VtlReturn have no status: the dispatcher
 * injects #UD, the TLFS's answer when no higher/lower VTL is enabled.)
 *
 * 0x007E RetargetDeviceInterrupt: unihv assigns no physical devices to
 * partitions, so no device ID is ever valid.  The input is checked first
 * (TLFS order: partition, reserved fields, parameters) and a well-formed
 * request gets INVALID_DEVICE_ID.
 */
#include "hv/hypercall/handlers.h"
#include "hv/hypercall/vp_set.h"
#include "unihv/hv_hypercall.h"
#include "unihv/hv_status.h"
#include "unihv/hv_types.h"

uint16_t hc_vsm_refused(struct hc_call *call, uint32_t *done)
{
	(void)call;
	(void)done;
	return HV_STATUS_ACCESS_DENIED;
}

#define TARGET_KNOWN_FLAGS (HV_DEVICE_INTERRUPT_TARGET_MULTICAST | \
			    HV_DEVICE_INTERRUPT_TARGET_PROCESSOR_SET)
#define VP_SET_FORMAT_SPARSE_4K 0u

uint16_t hc_retarget_device_interrupt(struct hc_call *call, uint32_t *done)
{
	const struct hv_input_retarget_device_interrupt *in = (const void *)call->input;
	const struct hv_device_interrupt_target *t = &in->interrupt_target;
	bool set = t->flags & HV_DEVICE_INTERRUPT_TARGET_PROCESSOR_SET;

	(void)done;
	if (call->caller->is_root)
		return HV_STATUS_ACCESS_DENIED; /* the root has no devices to retarget */
	if (in->partition_id != HV_PARTITION_ID_SELF &&
	    in->partition_id != call->caller->partition_id)
		return HV_STATUS_INVALID_PARTITION_ID;
	if (in->rsvdz || in->interrupt_entry.rsvd || (t->flags & ~TARGET_KNOWN_FLAGS))
		return HV_STATUS_INVALID_PARAMETER;
	if (in->interrupt_entry.source != HV_INTERRUPT_SOURCE_MSI &&
	    in->interrupt_entry.source != HV_INTERRUPT_SOURCE_IOAPIC)
		return HV_STATUS_INVALID_PARAMETER;
	if (t->vector < 0x10 || t->vector > 0xFF)
		return HV_STATUS_INVALID_PARAMETER;
	/* A processor set is the sparse format with [ValidBanksMask, banks]
	 * in the variable header ("all processors" is invalid here; a bank
	 * count that does not match the mask is INVALID_HYPERCALL_INPUT, as
	 * for every HV_VP_SET); a mask comes without a variable header.  Both
	 * must name at least one VP. */
	if (set) {
		const uint64_t *var = (const uint64_t *)(call->input + sizeof(*in));
		struct hc_flush_target target;
		if (t->vp_set_format != VP_SET_FORMAT_SPARSE_4K || call->var_bytes < 8)
			return HV_STATUS_INVALID_PARAMETER;
		uint16_t st = hc_vp_set_decode(t->vp_set_format, var[0], var + 1,
					       call->var_bytes / 8 - 1, &target);
		if (st)
			return st;
		if (!target.mask)
			return HV_STATUS_INVALID_PARAMETER;
	} else if (call->var_bytes || !t->processor_mask) {
		return HV_STATUS_INVALID_PARAMETER;
	}
	return HV_STATUS_INVALID_DEVICE_ID;
}

/*
 * Guest-facing calls of the calling partition (TLFS "Virtual MMU and
 * caching", "Virtual processor"; digest hypercalls.md 2):
 *
 *   0x0008 NotifyLongSpinWait: a scheduler hint.  unihv schedules nothing
 *          itself (the manager dispatches VPs), so it always succeeds with
 *          no effect; the reserved upper half is ignored (advisory call).
 *   0x0002/0x0003/0x0013/0x0014 FlushVirtualAddressSpace/List[Ex]: every
 *          targeted VP of the caller's partition drops all its cached
 *          linear translations (INVVPID single context, hv/vmx) before it
 *          next runs guest code; a target in the guest on another CPU is
 *          kicked out and waited for, so the flush is complete when the
 *          call returns.  The List forms flush the whole VPID too (allowed
 *          by the TLFS; every rep is reported complete) and the address
 *          space and NON_GLOBAL_MAPPINGS_ONLY are honoured by over-flushing.
 *          Input checks: hv/hypercall/vp_set.c.  A named VP that does not
 *          exist: INVALID_PARAMETER.  The root has no VPs: ACCESS_DENIED.
 *   0x009A GetVpIndexFromApicId: unihv gives VP n the initial APIC ID n,
 *          so the VP index is the APIC ID of an existing VP; an APIC ID
 *          with no VP stops the call with INVALID_PARAMETER and the reps
 *          done so far.
 *
 * 0x00AF/0x00B0 FlushGuestPhysicalAddressSpace/List are for nested
 * hypervisors (L2 GPA -> L1 GPA translations); unihv offers no nested
 * virtualization, so they stay unimplemented: INVALID_HYPERCALL_CODE, as
 * the digest says for a non-nesting hypervisor.
 */
#include "hv/hypercall/handlers.h"
#include "hv/hypercall/vp_set.h"
#include "hv/hv.h"
#include "hv/partition.h"
#include "hv/vp.h"
#include "hv/vp_ops.h"
#include "unihv/hv_hypercall.h"
#include "unihv/hv_status.h"
#include "unihv/hv_types.h"

uint16_t hc_notify_long_spin_wait(struct hc_call *call, uint32_t *done)
{
	(void)call;
	(void)done;
	return HV_STATUS_SUCCESS;
}

struct partition *hc_caller_partition(const struct hc_call *call)
{
	spin_lock(&hv_lock);
	struct partition *p = partition_find(call->caller->partition_id);
	spin_unlock(&hv_lock);
	return p;
}

uint16_t hc_flush_virtual_address(struct hc_call *call, uint32_t *done)
{
	struct hc_flush_target t;
	bool list = call->code == HVCALL_FLUSH_VIRTUAL_ADDRESS_LIST ||
		    call->code == HVCALL_FLUSH_VIRTUAL_ADDRESS_LIST_EX;

	if (call->caller->is_root)
		return HV_STATUS_ACCESS_DENIED; /* only a guest VP has a TLB here */
	uint16_t st = hc_flush_decode(call->code, call->input, call->var_bytes / 8, &t);
	if (st)
		return st;
	struct partition *p = hc_caller_partition(call);
	if (!p)
		return HV_STATUS_INVALID_PARTITION_ID;
	st = vp_flush_guest_tlbs(p, t.all, t.mask);
	/* GVA ranges need no checks (bits 11:0 count pages, 63:12 the page;
	 * GVAs beyond the GVA space are ignored): the whole VPID is flushed. */
	if (list && st == HV_STATUS_SUCCESS)
		*done = call->rep_count;
	return st;
}

uint16_t hc_get_vp_index_from_apic_id(struct hc_call *call, uint32_t *done)
{
	const struct hv_input_get_vp_index_from_apic_id *in = (const void *)call->input;
	const uint32_t *apic = (const uint32_t *)call->in_elems;
	uint32_t *vp_index = (uint32_t *)call->out_elems;
	const struct hc_caller *c = call->caller;
	uint64_t id = in->partition_id;

	if (id == HV_PARTITION_ID_SELF) {
		if (c->is_root)
			return HV_STATUS_INVALID_PARTITION_ID; /* the root has no VPs here */
		id = c->partition_id;
	} else if (!c->is_root && id != c->partition_id) {
		return HV_STATUS_ACCESS_DENIED; /* not its parent */
	}
	/* No VSM: the current VTL or VTL 0 named explicitly. */
	if (in->target_vtl != 0 && in->target_vtl != hv_input_vtl_target(0))
		return HV_STATUS_INVALID_PARAMETER;
	for (unsigned i = 0; i < sizeof(in->padding); i++)
		if (in->padding[i])
			return HV_STATUS_INVALID_PARAMETER;

	spin_lock(&hv_lock);
	struct partition *p = partition_find(id);
	uint16_t st = HV_STATUS_SUCCESS;
	if (!p)
		st = HV_STATUS_INVALID_PARTITION_ID;
	else if (p->state != PARTITION_ACTIVE)
		st = HV_STATUS_INVALID_PARTITION_STATE;
	uint32_t i = call->rep_start;
	for (; st == HV_STATUS_SUCCESS && i < call->rep_count; i++) {
		/* Initial APIC ID = VP index (CPUID, hv/emulate.c). */
		if (apic[i] >= HV_MAX_VPS_PER_PARTITION || !p->vps[apic[i]]) {
			st = HV_STATUS_INVALID_PARAMETER;
			break;
		}
		vp_index[i] = apic[i];
	}
	spin_unlock(&hv_lock);
	*done = i;
	return st;
}

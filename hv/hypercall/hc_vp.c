/*
 * Handlers for VP-level calls: SwitchVirtualAddressSpace (0x0001),
 * Get/SetVpRegisters (0x0050/0x0051, rep),
 * TranslateVirtualAddress (0x0052), and the guest-facing calls that only
 * read partition facts (GetPartitionId 0x0046, GetVpIndexFromApicId
 * 0x009A).
 */
#include <string.h>
#include "hv/hypercall/handlers.h"
#include "hv/vp_ops.h"
#include "unihv/hv_hypercall.h"
#include "unihv/hv_status.h"

/* TranslateVirtualAddress: the root names a child; a guest is refused. */
static uint16_t target(const struct hc_call *call, uint64_t id, uint64_t *out)
{
	if (!call->caller->is_root)
		return HV_STATUS_ACCESS_DENIED;
	*out = id;
	return HV_STATUS_SUCCESS;
}

/*
 * Get/SetVpRegisters' target (TLFS: AccessVpRegisters, checked by the
 * dispatcher).  The root names any child VP, which must not be running.
 * A guest names its own partition (HV_PARTITION_ID_SELF or its ID;
 * another one -> ACCESS_DENIED) and either itself (HV_VP_INDEX_SELF or
 * its index: *self) or another of its VPs that is not running
 * (INVALID_VP_STATE otherwise).  VTL 0 only until VSM; reserved fields
 * zero.
 */
static uint16_t registers_target(const struct hc_call *call,
				 const struct hv_input_get_set_vp_registers *in, uint64_t *id,
				 uint32_t *vp_index, bool *self)
{
	const struct hc_caller *c = call->caller;

	*self = false;
	*id = in->partition_id;
	*vp_index = in->vp_index;
	if (!c->is_root) {
		if (in->partition_id != HV_PARTITION_ID_SELF && in->partition_id != c->partition_id)
			return HV_STATUS_ACCESS_DENIED;
		*id = c->partition_id;
		if (in->vp_index == HV_VP_INDEX_SELF)
			*vp_index = c->vp_index;
		*self = *vp_index == c->vp_index;
	}
	if (in->input_vtl || in->rsvd1 || in->rsvd2)
		return HV_STATUS_INVALID_PARAMETER;
	return HV_STATUS_SUCCESS;
}

uint16_t hc_get_vp_registers(struct hc_call *call, uint32_t *done)
{
	const struct hv_input_get_set_vp_registers *in = (const void *)call->input;
	const uint32_t *names = (const uint32_t *)call->in_elems + call->rep_start;
	union hv_register_value *values = (union hv_register_value *)call->out_elems + call->rep_start;
	uint32_t count = call->rep_count - call->rep_start;
	uint64_t id;
	uint32_t vp_index, n = 0;
	bool self;
	uint16_t st = registers_target(call, in, &id, &vp_index, &self);

	if (st)
		return st;
	if (self)
		st = vp_get_own_registers(call->caller->vp, names, count, values, &n);
	else
		st = hv_get_vp_registers(id, vp_index, names, count, values, &n);
	*done = call->rep_start + n;
	return st;
}

uint16_t hc_set_vp_registers(struct hc_call *call, uint32_t *done)
{
	const struct hv_input_get_set_vp_registers *in = (const void *)call->input;
	const struct hv_register_assoc *regs = (const struct hv_register_assoc *)call->in_elems;
	uint64_t id;
	uint32_t vp_index, n = 0;
	bool self;
	uint16_t st = registers_target(call, in, &id, &vp_index, &self);

	if (st)
		return st;
	for (uint32_t i = call->rep_start; i < call->rep_count; i++)
		if (regs[i].rsvd1 || regs[i].rsvd2) {
			*done = i;
			return HV_STATUS_INVALID_PARAMETER;
		}
	regs += call->rep_start;
	if (self)
		st = vp_set_own_registers(call->caller->vp, regs, call->rep_count - call->rep_start, &n);
	else
		st = hv_set_vp_registers(id, vp_index, regs, call->rep_count - call->rep_start, &n);
	*done = call->rep_start + n;
	return st;
}

/* 0x0001: load the caller's CR3 (guests only: the root has no VP). */
uint16_t hc_switch_virtual_address_space(struct hc_call *call, uint32_t *done)
{
	(void)done;
	if (call->caller->is_root || !call->caller->vp)
		return HV_STATUS_ACCESS_DENIED;
	return vp_switch_own_address_space(call->caller->vp, *(const uint64_t *)call->input);
}

uint16_t hc_translate_virtual_address(struct hc_call *call, uint32_t *done)
{
	const struct hv_input_translate_virtual_address *in = (const void *)call->input;
	struct hv_output_translate_virtual_address *out = (void *)call->output;
	uint64_t id;
	uint16_t st = target(call, in->partition_id, &id);

	(void)done;
	if (st)
		return st;
	if (in->rsvd)
		return HV_STATUS_INVALID_PARAMETER;
	return hv_translate_virtual_address(id, in->vp_index, in->control_flags, in->gva_page,
					    &out->translation_result, &out->gpa_page);
}

uint16_t hc_get_partition_id(struct hc_call *call, uint32_t *done)
{
	(void)done;
	*(uint64_t *)call->output = call->caller->partition_id;
	return HV_STATUS_SUCCESS;
}

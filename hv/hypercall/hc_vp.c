/*
 * Handlers for VP-level calls: Get/SetVpRegisters (0x0050/0x0051, rep),
 * TranslateVirtualAddress (0x0052), and the guest-facing calls that only
 * read partition facts (GetPartitionId 0x0046, GetVpIndexFromApicId
 * 0x009A, HvExtCallQueryCapabilities 0x8001).
 */
#include <string.h>
#include "hv/hypercall/handlers.h"
#include "hv/vp_ops.h"
#include "unihv/hv_hypercall.h"
#include "unihv/hv_status.h"

/* The root names a child; a guest may name only itself, and a guest VP
 * cannot read a running VP's registers (its own included) this way yet. */
static uint16_t target(const struct hc_call *call, uint64_t id, uint64_t *out)
{
	if (!call->caller->is_root)
		return HV_STATUS_ACCESS_DENIED;
	*out = id;
	return HV_STATUS_SUCCESS;
}

/* The Get/SetVpRegisters header: the target, VTL 0 only until VSM, and
 * the reserved fields zero. */
static uint16_t registers_target(const struct hc_call *call,
				 const struct hv_input_get_set_vp_registers *in, uint64_t *id)
{
	uint16_t st = target(call, in->partition_id, id);
	if (st)
		return st;
	if (in->input_vtl || in->rsvd1 || in->rsvd2)
		return HV_STATUS_INVALID_PARAMETER;
	return HV_STATUS_SUCCESS;
}

uint16_t hc_get_vp_registers(struct hc_call *call, uint32_t *done)
{
	const struct hv_input_get_set_vp_registers *in = (const void *)call->input;
	const uint32_t *names = (const uint32_t *)call->in_elems;
	union hv_register_value *values = (union hv_register_value *)call->out_elems;
	uint64_t id;
	uint32_t n = 0;
	uint16_t st = registers_target(call, in, &id);

	if (st)
		return st;
	st = hv_get_vp_registers(id, in->vp_index, names + call->rep_start,
				 call->rep_count - call->rep_start, values + call->rep_start, &n);
	*done = call->rep_start + n;
	return st;
}

uint16_t hc_set_vp_registers(struct hc_call *call, uint32_t *done)
{
	const struct hv_input_get_set_vp_registers *in = (const void *)call->input;
	const struct hv_register_assoc *regs = (const struct hv_register_assoc *)call->in_elems;
	uint64_t id;
	uint32_t n = 0;
	uint16_t st = registers_target(call, in, &id);

	if (st)
		return st;
	for (uint32_t i = call->rep_start; i < call->rep_count; i++)
		if (regs[i].rsvd1 || regs[i].rsvd2) {
			*done = i;
			return HV_STATUS_INVALID_PARAMETER;
		}
	st = hv_set_vp_registers(id, in->vp_index, regs + call->rep_start,
				 call->rep_count - call->rep_start, &n);
	*done = call->rep_start + n;
	return st;
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

uint16_t hc_ext_query_capabilities(struct hc_call *call, uint32_t *done)
{
	(void)done;
	/* No extended hypercall beyond this one is offered yet. */
	*(uint64_t *)call->output = 0;
	return HV_STATUS_SUCCESS;
}

/*
 * Handlers of the root (partition-management) hypercalls: decode the
 * block, enforce "caller is the parent", and call the hv/ operation that
 * the management plane calls too (TLFS digest hypercalls.md 3).
 * Only the root is the parent of partitions here: a guest partition
 * cannot create children (PARTITION_TOO_DEEP would follow).
 */
#include <string.h>
#include "hv/hypercall/handlers.h"
#include "hv/partition.h"
#include "hv/memory.h"
#include "hv/intercept.h"
#include "hv/vp_ops.h"
#include "unihv/hv_hypercall.h"
#include "unihv/hv_status.h"

#define GET(type, call) ((const type *)(call)->input)

static bool parent(const struct hc_call *call)
{
	return call->caller->is_root;
}

uint16_t hc_create_partition(struct hc_call *call, uint32_t *done)
{
	const struct hv_input_create_partition *in = GET(struct hv_input_create_partition, call);
	struct hv_output_create_partition *out = (void *)call->output;
	(void)done;
	if (!parent(call))
		return HV_STATUS_ACCESS_DENIED;
	if (in->rsvd_z0 || in->padding)
		return HV_STATUS_INVALID_PARAMETER;
	return hv_create_partition(in->flags, &out->partition_id);
}

uint16_t hc_partition_lifecycle(struct hc_call *call, uint32_t *done)
{
	uint64_t id = GET(struct hv_input_partition_id, call)->partition_id;
	(void)done;
	if (!parent(call))
		return HV_STATUS_ACCESS_DENIED;
	switch (call->code) {
	case HVCALL_INITIALIZE_PARTITION:
		return hv_initialize_partition(id);
	case HVCALL_FINALIZE_PARTITION:
		return hv_finalize_partition(id);
	default:
		return hv_delete_partition(id);
	}
}

uint16_t hc_get_partition_property(struct hc_call *call, uint32_t *done)
{
	const struct hv_input_get_partition_property *in =
		GET(struct hv_input_get_partition_property, call);
	(void)done;
	if (!parent(call))
		return HV_STATUS_ACCESS_DENIED;
	if (in->rsvdz)
		return HV_STATUS_INVALID_PARAMETER;
	return hv_get_partition_property(in->partition_id, in->property_code,
					 &((struct hv_output_get_partition_property *)call->output)
						  ->property_value);
}

uint16_t hc_set_partition_property(struct hc_call *call, uint32_t *done)
{
	const struct hv_input_set_partition_property *in =
		GET(struct hv_input_set_partition_property, call);
	(void)done;
	if (!parent(call))
		return HV_STATUS_ACCESS_DENIED;
	if (in->rsvdz)
		return HV_STATUS_INVALID_PARAMETER;
	return hv_set_partition_property(in->partition_id, in->property_code, in->property_value);
}

uint16_t hc_get_next_child_partition(struct hc_call *call, uint32_t *done)
{
	const struct hv_input_get_next_child_partition *in =
		GET(struct hv_input_get_next_child_partition, call);
	(void)done;
	if (!parent(call) || (in->parent_partition_id != HV_PARTITION_ID_SELF &&
			      in->parent_partition_id != 0))
		return HV_STATUS_ACCESS_DENIED;
	return hv_get_next_child_partition(
		in->previous_child_partition_id,
		&((struct hv_output_get_next_child_partition *)call->output)->next_child_partition_id);
}

uint16_t hc_deposit_memory(struct hc_call *call, uint32_t *done)
{
	uint64_t id = GET(struct hv_input_deposit_memory, call)->partition_id;
	const uint64_t *pfns = (const uint64_t *)call->in_elems;
	uint32_t n = 0;
	if (!parent(call))
		return HV_STATUS_ACCESS_DENIED;
	uint16_t st = hv_deposit_memory(id, pfns + call->rep_start,
					call->rep_count - call->rep_start, &n);
	*done = call->rep_start + n;
	return st;
}

uint16_t hc_withdraw_memory(struct hc_call *call, uint32_t *done)
{
	const struct hv_input_withdraw_memory *in = GET(struct hv_input_withdraw_memory, call);
	uint64_t *pfns = (uint64_t *)call->out_elems;
	uint32_t n = 0;
	if (!parent(call))
		return HV_STATUS_ACCESS_DENIED;
	uint16_t st = hv_withdraw_memory(in->partition_id, call->rep_count - call->rep_start,
					 pfns + call->rep_start, &n);
	*done = call->rep_start + n;
	return st;
}

uint16_t hc_get_memory_balance(struct hc_call *call, uint32_t *done)
{
	const struct hv_input_get_memory_balance *in = GET(struct hv_input_get_memory_balance, call);
	struct hv_output_get_memory_balance *out = (void *)call->output;
	(void)done;
	if (!parent(call))
		return HV_STATUS_ACCESS_DENIED;
	return hv_get_memory_balance(in->partition_id, &out->pages_available, &out->pages_in_use);
}

uint16_t hc_map_gpa_pages(struct hc_call *call, uint32_t *done)
{
	const struct hv_input_map_gpa_pages *in = GET(struct hv_input_map_gpa_pages, call);
	const uint64_t *pfns = (const uint64_t *)call->in_elems;
	uint32_t n = 0;
	if (!parent(call))
		return HV_STATUS_ACCESS_DENIED;
	if (in->padding)
		return HV_STATUS_INVALID_PARAMETER;
	uint16_t st = hv_map_gpa_pages(in->target_partition_id, in->target_gpa_base + call->rep_start,
				       in->map_flags, pfns + call->rep_start,
				       call->rep_count - call->rep_start, &n);
	*done = call->rep_start + n;
	return st;
}

uint16_t hc_unmap_gpa_pages(struct hc_call *call, uint32_t *done)
{
	const struct hv_input_unmap_gpa_pages *in = GET(struct hv_input_unmap_gpa_pages, call);
	uint32_t n = 0;
	if (!parent(call))
		return HV_STATUS_ACCESS_DENIED;
	if (in->padding)
		return HV_STATUS_INVALID_PARAMETER;
	uint16_t st = hv_unmap_gpa_pages_flags(in->target_partition_id,
					       in->target_gpa_base + call->rep_start,
					       call->rep_count - call->rep_start, in->unmap_flags, &n);
	*done = call->rep_start + n;
	return st;
}

uint16_t hc_install_intercept(struct hc_call *call, uint32_t *done)
{
	const struct hv_input_install_intercept *in = GET(struct hv_input_install_intercept, call);
	(void)done;
	if (!parent(call))
		return HV_STATUS_ACCESS_DENIED;
	return hv_install_intercept(in->partition_id, in->access_type, in->intercept_type,
				    in->intercept_parameter.as_uint64);
}

uint16_t hc_create_vp(struct hc_call *call, uint32_t *done)
{
	const struct hv_input_create_vp *in = GET(struct hv_input_create_vp, call);
	(void)done;
	if (!parent(call))
		return HV_STATUS_ACCESS_DENIED;
	if (in->flags || in->rsvdz[0] || in->rsvdz[1] || in->rsvdz[2])
		return HV_STATUS_INVALID_PARAMETER;
	return hv_create_vp(in->partition_id, in->vp_index);
}

uint16_t hc_delete_vp(struct hc_call *call, uint32_t *done)
{
	const struct hv_input_delete_vp *in = GET(struct hv_input_delete_vp, call);
	(void)done;
	if (!parent(call))
		return HV_STATUS_ACCESS_DENIED;
	if (in->rsvdz)
		return HV_STATUS_INVALID_PARAMETER;
	return hv_delete_vp(in->partition_id, in->vp_index);
}

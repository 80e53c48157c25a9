/*
 * Port hypercalls: CreatePort (0x0095), ConnectPort (0x0096), DeletePort
 * (0x0058), DisconnectPort (0x005B) for the root, and the guest-facing
 * PostMessage (0x005C) and SignalEvent (0x005D).  Semantics in
 * hv/port.h.  Only the root creates and removes ports and connections
 * here: a guest gets ACCESS_DENIED even with the CreatePort/ConnectPort
 * privileges (unihv's guests manage no partitions).
 */
#include "hv/hypercall/handlers.h"
#include "hv/port.h"
#include "unihv/hv_hypercall.h"
#include "unihv/hv_status.h"

/* HvDeletePort / HvDisconnectPort input (16 bytes, fast; Linux hvhdk). */
struct port_ref_input {
	uint64_t partition_id;
	uint32_t id;
	uint32_t rsvdz;
};

uint16_t hc_create_port(struct hc_call *call, uint32_t *done)
{
	const struct hv_input_create_port *in = (const void *)call->input;

	(void)done;
	if (!call->caller->is_root)
		return HV_STATUS_ACCESS_DENIED;
	if (in->rsvdz)
		return HV_STATUS_INVALID_PARAMETER;
	return hv_create_port(in->port_partition_id, in->port_id, in->port_vtl,
			      in->min_connection_vtl, in->connection_partition_id, &in->port_info);
}

uint16_t hc_connect_port(struct hc_call *call, uint32_t *done)
{
	const struct hv_input_connect_port *in = (const void *)call->input;

	(void)done;
	if (!call->caller->is_root)
		return HV_STATUS_ACCESS_DENIED;
	if (in->rsvdz0 || in->rsvdz1 || in->rsvdz2)
		return HV_STATUS_INVALID_PARAMETER;
	return hv_connect_port(in->connection_partition_id, in->connection_id,
			       in->connection_vtl, in->port_partition_id, in->port_id,
			       &in->connection_info);
}

uint16_t hc_delete_port(struct hc_call *call, uint32_t *done)
{
	const struct port_ref_input *in = (const void *)call->input;

	(void)done;
	if (!call->caller->is_root)
		return HV_STATUS_ACCESS_DENIED;
	if (in->rsvdz)
		return HV_STATUS_INVALID_PARAMETER;
	return hv_delete_port(in->partition_id, in->id);
}

uint16_t hc_disconnect_port(struct hc_call *call, uint32_t *done)
{
	const struct port_ref_input *in = (const void *)call->input;

	(void)done;
	if (!call->caller->is_root)
		return HV_STATUS_ACCESS_DENIED;
	if (in->rsvdz)
		return HV_STATUS_INVALID_PARAMETER;
	return hv_disconnect_port(in->partition_id, in->id);
}

/* The sending side is the calling guest's partition; the root has no
 * connections (ACCESS_DENIED). */
uint16_t hc_post_message(struct hc_call *call, uint32_t *done)
{
	const struct hv_input_post_message *in = (const void *)call->input;

	(void)done;
	if (call->caller->is_root)
		return HV_STATUS_ACCESS_DENIED;
	if (in->rsvdz)
		return HV_STATUS_INVALID_PARAMETER;
	return hv_post_message(call->caller->partition_id, in->connection_id, in->message_type,
			       in->payload_size, in->payload);
}

uint16_t hc_signal_event(struct hc_call *call, uint32_t *done)
{
	const struct hv_input_signal_event *in = (const void *)call->input;
	bool newly;

	(void)done;
	if (call->caller->is_root)
		return HV_STATUS_ACCESS_DENIED;
	if (in->rsvdz)
		return HV_STATUS_INVALID_PARAMETER;
	return hv_signal_event(call->caller->partition_id, in->connection_id, in->flag_number,
			       &newly);
}

/*
 * unihv.v1.Port: Create, Connect, Delete: the SynIC ports a guest's
 * PostMessage and SignalEvent go through (hv/port.h), made by the same hv/
 * functions as the root hypercalls CreatePort (0x0095), ConnectPort
 * (0x0096) and DeletePort (0x0058).  Statuses are the TLFS ones.
 */
#include <unihv.pb.h>
#include "mgmt/svc.h"
#include "hv/port.h"
#include "unihv/hv_status.h"
#include "unihv/hv_types.h"

enum mgmt_result svc_port_create(struct mgmt_call *call, const void *req, void *resp)
{
	const unihv_v1_CreatePortRequest *r = req;
	struct hv_port_info info = { .port_type = r->port_type };

	(void)resp;
	call->partition_id = r->partition_id;
	if (r->port_type == HV_PORT_TYPE_EVENT) {
		uint32_t count = r->flag_count ? r->flag_count : 1;
		if (r->flag_number + (uint64_t)count > HV_EVENT_FLAGS_PER_SINT)
			return mgmt_fail_hv(call, HV_STATUS_INVALID_PARAMETER,
					    "event flags %u..%u beyond %u", r->flag_number,
					    r->flag_number + count - 1, HV_EVENT_FLAGS_PER_SINT - 1);
		info.event_port_info.target_sint = r->target_sint;
		info.event_port_info.target_vp = r->target_vp;
		info.event_port_info.base_flag_number = (uint16_t)r->flag_number;
		info.event_port_info.flag_count = (uint16_t)count;
	} else {
		info.message_port_info.target_sint = r->target_sint;
		info.message_port_info.target_vp = r->target_vp;
	}
	hv_status_t st = hv_create_port(r->partition_id, r->port_id, 0, 0,
					r->connection_partition_id, &info);
	return mgmt_fail_hv(call, st, "CreatePort: partition %llu port %u",
			    (unsigned long long)r->partition_id, r->port_id);
}

enum mgmt_result svc_port_connect(struct mgmt_call *call, const void *req, void *resp)
{
	const unihv_v1_ConnectPortRequest *r = req;
	struct hv_connection_info info = { 0 };

	(void)resp;
	call->partition_id = r->connection_partition_id;
	/* The connection takes the port's type (TLFS: they must match). */
	hv_status_t st = hv_port_type(r->port_partition_id, r->port_id, &info.port_type);
	if (st == HV_STATUS_SUCCESS)
		st = hv_connect_port(r->connection_partition_id, r->connection_id, 0,
				     r->port_partition_id, r->port_id, &info);
	return mgmt_fail_hv(call, st, "ConnectPort: connection %u of partition %llu to port %u of %llu",
			    r->connection_id, (unsigned long long)r->connection_partition_id,
			    r->port_id, (unsigned long long)r->port_partition_id);
}

enum mgmt_result svc_port_delete(struct mgmt_call *call, const void *req, void *resp)
{
	const unihv_v1_PortRef *r = req;

	(void)resp;
	call->partition_id = r->partition_id;
	return mgmt_fail_hv(call, hv_delete_port(r->partition_id, r->port_id),
			    "DeletePort: partition %llu port %u",
			    (unsigned long long)r->partition_id, r->port_id);
}

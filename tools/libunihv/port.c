/* unihv.v1.Port: Create, Connect, Delete. */
#include "unihv.pb.h"
#include "internal.h"

#define PORT "unihv.v1.Port"

UNIHV_RESULT UnihvCreatePort(UNIHV_CONNECTION *c, UNIHV_PARTITION_ID id,
			     const UNIHV_PORT_INFO *port)
{
	unihv_v1_CreatePortRequest req = {
		.partition_id = id,
		.port_id = port->port_id,
		.port_type = port->port_type,
		.target_vp = port->target_vp,
		.target_sint = port->target_sint,
		.flag_number = port->flag_number,
		.flag_count = port->flag_count,
		.connection_partition_id = port->connection_partition,
	};
	return unihv_call(c, PORT, "Create", unihv_v1_CreatePortRequest_fields, &req, NULL, NULL, 0);
}

UNIHV_RESULT UnihvConnectPort(UNIHV_CONNECTION *c, UNIHV_PARTITION_ID connection_partition,
			      uint32_t connection_id, UNIHV_PARTITION_ID port_partition,
			      uint32_t port_id)
{
	unihv_v1_ConnectPortRequest req = {
		.connection_partition_id = connection_partition,
		.connection_id = connection_id,
		.port_partition_id = port_partition,
		.port_id = port_id,
	};
	return unihv_call(c, PORT, "Connect", unihv_v1_ConnectPortRequest_fields, &req, NULL, NULL,
			  0);
}

UNIHV_RESULT UnihvDeletePort(UNIHV_CONNECTION *c, UNIHV_PARTITION_ID id, uint32_t port_id)
{
	unihv_v1_PortRef req = { .partition_id = id, .port_id = port_id };
	return unihv_call(c, PORT, "Delete", unihv_v1_PortRef_fields, &req, NULL, NULL, 0);
}

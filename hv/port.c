/*
 * SynIC ports and connections; semantics in hv/port.h, statuses from the
 * digest (hypercalls.md 0x005C, 0x005D, 0x0095, 0x0096).
 */
#include <string.h>
#include "hv/port.h"
#include "hv/hv.h"
#include "hv/partition.h"
#include "hv/synic.h"
#include "hv/vp.h"
#include "unihv/hv_hypercall.h"
#include "unihv/hv_message.h"
#include "unihv/hv_status.h"

static struct hv_port *find_port(struct partition *p, uint32_t id)
{
	for (unsigned i = 0; i < HV_MAX_PORTS; i++)
		if (p->ports[i].used && p->ports[i].id == id)
			return &p->ports[i];
	return NULL;
}

static struct hv_connection *find_connection(struct partition *p, uint32_t id)
{
	for (unsigned i = 0; i < HV_MAX_CONNECTIONS; i++)
		if (p->connections[i].used && p->connections[i].id == id)
			return &p->connections[i];
	return NULL;
}

/* The port's target SINT/VP/flags from HV_PORT_INFO (data-types 13). */
static hv_status_t decode_port_info(const struct hv_port_info *info, struct hv_port *port)
{
	port->type = info->port_type;
	switch (info->port_type) {
	case HV_PORT_TYPE_MESSAGE:
		if (info->message_port_info.rsvdz)
			return HV_STATUS_INVALID_PARAMETER;
		port->target_sint = info->message_port_info.target_sint;
		port->target_vp = info->message_port_info.target_vp;
		break;
	case HV_PORT_TYPE_EVENT:
		if (info->event_port_info.rsvdz || !info->event_port_info.flag_count ||
		    (uint32_t)info->event_port_info.base_flag_number +
				    info->event_port_info.flag_count > HV_EVENT_FLAGS_PER_SINT)
			return HV_STATUS_INVALID_PARAMETER;
		port->target_sint = info->event_port_info.target_sint;
		port->target_vp = info->event_port_info.target_vp;
		port->base_flag = info->event_port_info.base_flag_number;
		port->flag_count = info->event_port_info.flag_count;
		break;
	default: /* monitor and doorbell ports are not offered */
		return HV_STATUS_INVALID_PARAMETER;
	}
	/* SINT0 belongs to the hypervisor (intercepts, timers by default). */
	if (port->target_sint == 0 || port->target_sint >= HV_SYNIC_SINT_COUNT)
		return HV_STATUS_INVALID_PARAMETER;
	if (port->target_vp != HV_ANY_VP && port->target_vp >= HV_MAX_VPS_PER_PARTITION)
		return HV_STATUS_INVALID_VP_INDEX;
	return HV_STATUS_SUCCESS;
}

hv_status_t hv_create_port(uint64_t port_partition, uint32_t port_id, uint8_t port_vtl,
			   uint8_t min_connection_vtl, uint64_t connection_partition,
			   const struct hv_port_info *info)
{
	struct partition *p;
	struct hv_port port = { .used = true, .id = port_id,
				.connection_partition = connection_partition };

	spin_lock(&hv_lock);
	hv_status_t st = partition_find_active(port_partition, &p);
	if (st == HV_STATUS_SUCCESS && (port_partition == connection_partition ||
					!partition_find(connection_partition)))
		st = HV_STATUS_INVALID_PARTITION_ID;
	if (st == HV_STATUS_SUCCESS && (port_id & ~HV_PORT_ID_MASK || find_port(p, port_id)))
		st = HV_STATUS_INVALID_PORT_ID;
	if (st == HV_STATUS_SUCCESS && (port_vtl || min_connection_vtl || info->padding))
		st = HV_STATUS_INVALID_PARAMETER;
	if (st == HV_STATUS_SUCCESS)
		st = decode_port_info(info, &port);
	if (st == HV_STATUS_SUCCESS) {
		st = HV_STATUS_NO_RESOURCES;
		for (unsigned i = 0; i < HV_MAX_PORTS; i++)
			if (!p->ports[i].used) {
				p->ports[i] = port;
				st = HV_STATUS_SUCCESS;
				break;
			}
	}
	spin_unlock(&hv_lock);
	return st;
}

hv_status_t hv_connect_port(uint64_t connection_partition, uint32_t connection_id,
			    uint8_t connection_vtl, uint64_t port_partition, uint32_t port_id,
			    const struct hv_connection_info *info)
{
	struct partition *c, *p = NULL;
	struct hv_port *port = NULL;

	spin_lock(&hv_lock);
	hv_status_t st = partition_find_active(connection_partition, &c);
	if (st == HV_STATUS_SUCCESS)
		st = partition_find_active(port_partition, &p);
	if (st == HV_STATUS_SUCCESS &&
	    (connection_id & ~HV_PORT_ID_MASK || find_connection(c, connection_id)))
		st = HV_STATUS_INVALID_CONNECTION_ID;
	if (st == HV_STATUS_SUCCESS && (connection_vtl || info->padding ||
					info->message_connection_info.rsvdz))
		st = HV_STATUS_INVALID_PARAMETER;
	if (st == HV_STATUS_SUCCESS) {
		port = find_port(p, port_id);
		if (!port || port->connected || port->connection_partition != connection_partition)
			st = HV_STATUS_INVALID_PORT_ID;
		else if (info->port_type != port->type)
			st = HV_STATUS_INVALID_PARAMETER;
	}
	if (st == HV_STATUS_SUCCESS) {
		st = HV_STATUS_NO_RESOURCES;
		for (unsigned i = 0; i < HV_MAX_CONNECTIONS; i++)
			if (!c->connections[i].used) {
				c->connections[i] = (struct hv_connection){
					.used = true, .id = connection_id,
					.port_partition = port_partition, .port_id = port_id };
				port->connected = true;
				st = HV_STATUS_SUCCESS;
				break;
			}
	}
	spin_unlock(&hv_lock);
	return st;
}

hv_status_t hv_delete_port(uint64_t port_partition, uint32_t port_id)
{
	struct partition *p = NULL;

	spin_lock(&hv_lock);
	hv_status_t st = partition_find_active(port_partition, &p);
	struct hv_port *port = st == HV_STATUS_SUCCESS ? find_port(p, port_id) : NULL;
	if (st == HV_STATUS_SUCCESS && !port)
		st = HV_STATUS_INVALID_PORT_ID;
	if (port)
		memset(port, 0, sizeof(*port));
	spin_unlock(&hv_lock);
	return st;
}

hv_status_t hv_disconnect_port(uint64_t connection_partition, uint32_t connection_id)
{
	struct partition *c = NULL, *p;

	spin_lock(&hv_lock);
	hv_status_t st = partition_find_active(connection_partition, &c);
	struct hv_connection *conn = st == HV_STATUS_SUCCESS ? find_connection(c, connection_id) : NULL;
	if (st == HV_STATUS_SUCCESS && !conn)
		st = HV_STATUS_INVALID_CONNECTION_ID;
	if (conn) {
		/* The port may take a new connection from the same partition. */
		p = partition_find(conn->port_partition);
		struct hv_port *port = p ? find_port(p, conn->port_id) : NULL;
		if (port)
			port->connected = false;
		memset(conn, 0, sizeof(*conn));
	}
	spin_unlock(&hv_lock);
	return st;
}

hv_status_t hv_port_type(uint64_t port_partition, uint32_t port_id, uint32_t *type)
{
	spin_lock(&hv_lock);
	struct partition *p = partition_find(port_partition);
	struct hv_port *port = p ? find_port(p, port_id) : NULL;
	hv_status_t st = !p ? HV_STATUS_INVALID_PARTITION_ID
			    : !port ? HV_STATUS_INVALID_PORT_ID : HV_STATUS_SUCCESS;
	if (port)
		*type = port->type;
	spin_unlock(&hv_lock);
	return st;
}

/*
 * The port behind sender's connection, of the given type, in an active
 * partition; hv_lock held.  INVALID_CONNECTION_ID / INVALID_PORT_ID.
 */
static hv_status_t route(uint64_t sender, uint32_t connection_id, uint32_t type,
			 struct partition **port_partition, struct hv_port **out)
{
	struct partition *s = partition_find(sender);
	struct hv_connection *conn = s && !(connection_id & ~HV_PORT_ID_MASK)
					     ? find_connection(s, connection_id) : NULL;
	if (!conn)
		return HV_STATUS_INVALID_CONNECTION_ID;
	struct partition *p = partition_find(conn->port_partition);
	struct hv_port *port = p && p->state == PARTITION_ACTIVE ? find_port(p, conn->port_id) : NULL;
	if (!port || port->type != type)
		return HV_STATUS_INVALID_PORT_ID;
	*port_partition = p;
	*out = port;
	return HV_STATUS_SUCCESS;
}

/* The VP a port delivers to: its target, or for HV_ANY_VP the first VP
 * that accepts (ready(vp)); NULL if none.  hv_lock held. */
static struct vp *target_vp(struct partition *p, const struct hv_port *port,
			    bool (*ready)(const struct vp *))
{
	if (port->target_vp != HV_ANY_VP)
		return p->vps[port->target_vp];
	for (unsigned i = 0; i < HV_MAX_VPS_PER_PARTITION; i++)
		if (p->vps[i] && ready(p->vps[i]))
			return p->vps[i];
	return NULL;
}

hv_status_t hv_post_message(uint64_t sender, uint32_t connection_id, uint32_t message_type,
			    uint32_t payload_size, const void *payload)
{
	struct partition *p;
	struct hv_port *port;
	struct hv_message msg;

	/* Guests may post only types with bit 31 clear (data-types 14). */
	if (message_type == HV_MESSAGE_TYPE_NONE || (message_type & 0x80000000u) ||
	    payload_size > HV_MESSAGE_MAX_PAYLOAD_BYTE_COUNT)
		return HV_STATUS_INVALID_PARAMETER;
	spin_lock(&hv_lock);
	hv_status_t st = route(sender, connection_id, HV_PORT_TYPE_MESSAGE, &p, &port);
	struct vp *vp = st == HV_STATUS_SUCCESS ? target_vp(p, port, synic_ready_for_messages) : NULL;
	if (st == HV_STATUS_SUCCESS && !vp)
		st = HV_STATUS_INVALID_VP_INDEX;
	if (st == HV_STATUS_SUCCESS) {
		memset(&msg, 0, sizeof(msg));
		msg.header.message_type = message_type;
		msg.header.payload_size = (uint8_t)payload_size;
		msg.header.origination_id = port->id;
		memcpy(msg.u.payload_bytes, payload, payload_size);
		st = synic_post_message_locked(vp, port->target_sint, &msg);
	}
	spin_unlock(&hv_lock);
	return st;
}

hv_status_t hv_signal_event(uint64_t sender, uint32_t connection_id, uint16_t flag_number,
			    bool *newly)
{
	struct partition *p;
	struct hv_port *port;

	*newly = false;
	spin_lock(&hv_lock);
	hv_status_t st = route(sender, connection_id, HV_PORT_TYPE_EVENT, &p, &port);
	if (st == HV_STATUS_SUCCESS && flag_number >= port->flag_count)
		st = HV_STATUS_INVALID_PARAMETER;
	struct vp *vp = st == HV_STATUS_SUCCESS ? target_vp(p, port, synic_ready_for_events) : NULL;
	if (st == HV_STATUS_SUCCESS && !vp)
		st = HV_STATUS_INVALID_VP_INDEX;
	if (st == HV_STATUS_SUCCESS)
		st = synic_signal_event_locked(vp, port->target_sint,
					       (uint32_t)port->base_flag + flag_number, newly);
	spin_unlock(&hv_lock);
	return st;
}

/*
 * SynIC ports and connections (TLFS "Inter-Partition Communication";
 * digest hypercalls.md 0x005C, 0x005D, 0x0095, 0x0096): the receive side
 * (a port in the receiving partition, naming a target VP and SINT) and
 * the send side (a connection in the sending partition, bound to one
 * port).  A guest's PostMessage / SignalEvent goes through its connection
 * to the port.  Created by the root (hypercalls 0x0095/0x0096, or the
 * management plane's Port service, which calls the same functions).
 *
 * Offered: message ports and event ports.  Monitor and doorbell ports
 * are refused (INVALID_PARAMETER).  Each partition holds at most
 * HV_MAX_PORTS ports and HV_MAX_CONNECTIONS connections (NO_RESOURCES
 * beyond), kept in the partition object; a message port's buffers are the
 * target VP's SynIC queue (hv/synic.h: INSUFFICIENT_BUFFERS when full).
 * VTL fields must be 0 (no VSM).  Every function takes hv_lock itself.
 */
#ifndef UNIHV_HV_PORT_H
#define UNIHV_HV_PORT_H

#include <stdbool.h>
#include <stdint.h>
#include "unihv/hv_types.h"

typedef uint16_t hv_status_t;

#define HV_MAX_PORTS 16
#define HV_MAX_CONNECTIONS 16
#define HV_PORT_ID_MASK 0x00FFFFFFu
#define HV_EVENT_FLAGS_PER_SINT 2048u

struct hv_port {
	bool used;
	uint32_t id;
	uint32_t type;               /* HV_PORT_TYPE_MESSAGE or _EVENT */
	uint32_t target_sint;        /* 1..15 */
	uint32_t target_vp;          /* or HV_ANY_VP */
	uint16_t base_flag, flag_count; /* event ports */
	uint64_t connection_partition;  /* the only partition that may connect */
	bool connected;
};

struct hv_connection {
	bool used;
	uint32_t id;
	uint64_t port_partition;
	uint32_t port_id;
};

/* HvCallCreatePort: statuses as the TLFS lists them (hv/port.c). */
hv_status_t hv_create_port(uint64_t port_partition, uint32_t port_id, uint8_t port_vtl,
			   uint8_t min_connection_vtl, uint64_t connection_partition,
			   const struct hv_port_info *info);
/* HvCallConnectPort. */
hv_status_t hv_connect_port(uint64_t connection_partition, uint32_t connection_id,
			    uint8_t connection_vtl, uint64_t port_partition, uint32_t port_id,
			    const struct hv_connection_info *info);
/* HvDeletePort / HvDisconnectPort: unknown ID -> INVALID_PORT_ID /
 * INVALID_CONNECTION_ID.  A connection to a deleted port stays but every
 * send through it gets INVALID_PORT_ID. */
hv_status_t hv_delete_port(uint64_t port_partition, uint32_t port_id);
hv_status_t hv_disconnect_port(uint64_t connection_partition, uint32_t connection_id);

/* The type (HV_PORT_TYPE_*) of port_id of port_partition, for a manager
 * connecting to it: INVALID_PARTITION_ID / INVALID_PORT_ID. */
hv_status_t hv_port_type(uint64_t port_partition, uint32_t port_id, uint32_t *type);

/*
 * HvCallPostMessage from partition sender: an HV_MESSAGE of message_type
 * with payload_size bytes of payload, origination ID = the port ID, into
 * the port's target SINT slot of its target VP (or, for HV_ANY_VP, the
 * lowest-numbered VP whose SynIC takes messages).
 */
hv_status_t hv_post_message(uint64_t sender, uint32_t connection_id, uint32_t message_type,
			    uint32_t payload_size, const void *payload);
/* HvCallSignalEvent from partition sender: flag base + flag_number of the
 * port's SINT; *newly = the flag was clear (the SINT was raised). */
hv_status_t hv_signal_event(uint64_t sender, uint32_t connection_id, uint16_t flag_number,
			    bool *newly);

#endif

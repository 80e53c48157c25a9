/*
 * One ttRPC connection: bytes in from the transport (the TLS session of
 * mgmt/tls_endpoint.c, or a test harness), frames parsed, requests
 * dispatched to the service table (mgmt/service.h), responses out through
 * the transport's send function.  No lwIP or mbedTLS knowledge: host
 * unit tests drive it directly.
 *
 * Protocol errors close the connection (rpc_conn_input returns false)
 * when the byte stream can no longer be trusted: a frame longer than
 * RPC_MAX_FRAME, an unknown message type, a Request that is not valid
 * protobuf (also: any frame type but a request, an even or zero stream id,
 * a Request without service or method; the error names are listed in
 * mgmt/rpc_conn.c).  Errors of a single request (unknown method, bad payload,
 * permission) answer that stream with an error status and keep the
 * connection.
 *
 * Boot CPU (network context) only.
 */
#ifndef UNIHV_MGMT_RPC_CONN_H
#define UNIHV_MGMT_RPC_CONN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "mgmt/mgmt_role.h"

#define RPC_FRAME_HEADER 10
#define RPC_MAX_FRAME (68 * 1024) /* largest frame body accepted or sent */

/* Send len bytes to the peer, all or nothing; false if the transport
 * cannot take them (the connection is then closed). */
typedef bool (*rpc_send_fn)(void *transport, const void *buf, size_t len);

struct rpc_conn;

/* A connection for an authenticated client; NULL when out of memory. */
struct rpc_conn *rpc_conn_open(const char *client_name, enum mgmt_role role,
			       rpc_send_fn send, void *transport);

/* Feed received bytes (any split).  Returns false when the connection must
 * be closed (after any error response has been sent). */
bool rpc_conn_input(struct rpc_conn *c, const void *data, size_t len);

/* How many bytes complete the frame being read: a transport that feeds at
 * most this many per rpc_conn_input call starts at most one request per
 * call (to bound the responses it must buffer).  At least 1. */
size_t rpc_conn_input_room(const struct rpc_conn *c);

/* Progress pending calls (Vp/Run) and send their responses; false when the
 * connection must be closed.  now_ns is the kernel clock. */
bool rpc_conn_poll(struct rpc_conn *c, uint64_t now_ns);

/* Whether a call is in progress (a session with one is not idle). */
bool rpc_conn_busy(const struct rpc_conn *c);

/* Cancel pending calls and free the connection. */
void rpc_conn_close(struct rpc_conn *c);

/* Connection-level counters, summed over all connections (Host/Status). */
struct rpc_stats {
	uint64_t requests;
	uint64_t errors;         /* responses with a non-OK status */
	uint64_t protocol_errors;/* connections closed for a bad stream */
};
const struct rpc_stats *rpc_get_stats(void);

#endif

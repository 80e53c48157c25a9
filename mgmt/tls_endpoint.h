/*
 * The management endpoint: mutually authenticated TLS 1.2 on the bundle's
 * listen_port (lwIP altcp_tls + mbedTLS), one ttRPC connection
 * (mgmt/rpc_conn.h) per authenticated session.  docs/security.md has the
 * model; mgmt/tls_session.h the life of one session.
 *
 * Boot CPU, network context only (after net_init).
 */
#ifndef UNIHV_MGMT_TLS_ENDPOINT_H
#define UNIHV_MGMT_TLS_ENDPOINT_H

#include <stdint.h>
#include "mgmt/config_bundle.h"

/*
 * Load the bundle's CA, server certificate and key into mbedTLS and listen.
 * Returns NULL when listening, or a sentence saying why the endpoint stays
 * closed (networking off, no wall clock or hardware random numbers, a PEM
 * block mbedTLS refuses, the key does not match the certificate, the port
 * is taken, ...).  Copies what it keeps of *cfg (the caller may free it
 * afterwards).  Once only.
 */
const char *mgmt_endpoint_start(const struct mgmt_config *cfg);

/*
 * Advance every session: handshake results and deadlines, sends, received
 * requests, pending calls, idle timeouts, closes.  The boot CPU calls it
 * in its loop next to net_poll(); cheap when nothing happens.
 */
void mgmt_endpoint_poll(uint64_t now_ns);

/* Sessions holding a slot now (handshaking, open or closing). */
unsigned mgmt_sessions_active(void);

/* The bundle's max_sessions; 0 when the endpoint is not running. */
unsigned mgmt_sessions_max(void);

#endif

/*
 * One session of the management endpoint: a TCP connection from the
 * endpoint's listener, wrapped in TLS (lwIP altcp_tls over mbedTLS), with a
 * client certificate required and checked, then carrying one ttRPC
 * connection (mgmt/rpc_conn.h).
 *
 * Life of a session:
 *   handshake  the client must complete a TLS 1.2 handshake with a
 *              certificate issued by the bundle's CA, valid now, whose
 *              subject CN the bundle lists, within handshake_ns
 *   open       decrypted bytes go to rpc_conn_input (no faster than
 *              responses can be queued: the TCP window closes meanwhile);
 *              responses are queued (bounded) and written as TCP's send
 *              buffer allows; idle for idle_ns (no request, no call
 *              pending) ends it
 *   closing    queued responses are still sent (for at most 5 s), then
 *              close_notify and the TCP close
 * Every end is logged with its reason.
 *
 * Only mgmt/tls_endpoint.c uses this.  Boot CPU, network context: lwIP's
 * callbacks and tls_session_poll() never run concurrently.
 */
#ifndef UNIHV_MGMT_TLS_SESSION_H
#define UNIHV_MGMT_TLS_SESSION_H

#include <stdbool.h>
#include <stdint.h>
#include "lwip/altcp.h"
#include "lwip/altcp_tls.h"
#include "mbedtls/x509_crt.h"
#include "mgmt/config_bundle.h"

/* What every session is checked against (owned by the endpoint). */
struct tls_policy {
	struct altcp_tls_config *tls;  /* server certificate and key */
	mbedtls_x509_crt *ca;          /* issuer of client certificates */
	const struct mgmt_config *cfg; /* the clients and their roles */
	uint64_t handshake_ns, idle_ns;
};

struct tls_session;

/*
 * Start TLS on tcp, a connection the listener just accepted (peer: its
 * "address:port" for the log).  Returns the session, or NULL when out of
 * memory: then tcp is untouched and the caller closes it.
 */
struct tls_session *tls_session_start(struct altcp_pcb *tcp, const struct tls_policy *policy,
				      const char *peer, uint64_t now_ns);

/*
 * Advance the session (handshake result and deadline, sending, received
 * data, pending calls, idle time, closing).  Returns false when the session
 * has ended: it is then freed and must not be used again.
 */
bool tls_session_poll(struct tls_session *s, uint64_t now_ns);

#endif

/*
 * One TLS session of the management endpoint (see mgmt/tls_session.h).
 *
 * lwIP 2.1.3's altcp_tls server configuration verifies client
 * certificates only optionally and knows no CA, so each session tightens
 * its own handshake before it starts (mbedtls_ssl_set_hs_authmode and
 * mbedtls_ssl_set_hs_ca_chain, which mbedTLS 2.28's server consults when it
 * sends CertificateRequest and verifies the Certificate message), and a
 * verify callback refuses CNs the bundle does not list (mbedTLS then ends
 * the handshake with an access_denied alert).  After the handshake the
 * result is checked again before any byte reaches the RPC layer.
 *
 * Callbacks from lwIP only record and consume; closing happens from
 * tls_session_poll(), outside lwIP's call chains.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "mgmt/tls_session.h"
#include "mgmt/rpc_conn.h"
#include "console/log.h"
#include "time/clock.h"
#include "lwip/pbuf.h"
#include "lwip/tcp.h"
#include "mbedtls/oid.h"
#include "mbedtls/ssl.h"

/* Responses waiting for TCP's send buffer: two of the largest frames. */
#define TX_QUEUE_MAX (2 * (size_t)(RPC_FRAME_HEADER + RPC_MAX_FRAME))
/* Received bytes are fed only while one more largest response fits, and in
 * pieces that end at most at the end of the frame being read
 * (rpc_conn_input_room), so that no piece completes more than one request:
 * the queue bound holds whatever the client pipelines. */
#define TX_ROOM_FOR_INPUT ((size_t)(RPC_FRAME_HEADER + RPC_MAX_FRAME))
/* A record shorter than this waits for more send buffer (unless it is all
 * that is queued). */
#define MIN_RECORD 1024
#define CLOSE_GRACE_NS 5000000000ull
/* lwIP's slow timer runs every 500 ms; altcp_tls retries its work from it. */
#define LWIP_POLL_INTERVAL 1

enum phase { PH_HANDSHAKE, PH_OPEN, PH_CLOSING, PH_GONE };

struct tx_chunk {
	struct tx_chunk *next;
	size_t len, off;
	unsigned char data[];
};

struct tls_session {
	struct altcp_pcb *pcb; /* the TLS pcb; NULL once lwIP freed it */
	const struct tls_policy *policy;
	enum phase phase;
	struct rpc_conn *rpc;
	char peer[24];
	char cn[MGMT_CLIENT_NAME_MAX];
	enum mgmt_role role;
	char refused_cn[MGMT_CLIENT_NAME_MAX]; /* set by the verify callback */
	bool alerted;       /* a fatal alert went out: no close_notify */
	bool remote_closed; /* the client closed its side */
	bool send_failed;   /* the queue could not take a response */
	uint64_t start_ns, last_rx_ns, close_deadline_ns;
	size_t max_record;
	struct pbuf *rx; /* decrypted, not yet given to the RPC layer */
	struct tx_chunk *tx_head, *tx_tail;
	size_t tx_queued;
	uint64_t bytes_in, bytes_out;
	char why[160]; /* why the session ends */
};

static mbedtls_ssl_context *ssl_of(struct tls_session *s)
{
	return s->pcb ? altcp_tls_context(s->pcb) : NULL;
}

/* Enter the closing phase (once); the reason is logged when it ends. */
static void begin_close(struct tls_session *s, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void begin_close(struct tls_session *s, const char *fmt, ...)
{
	va_list ap;

	if (s->phase == PH_CLOSING || s->phase == PH_GONE)
		return;
	va_start(ap, fmt);
	vsnprintf(s->why, sizeof(s->why), fmt, ap);
	va_end(ap);
	s->phase = PH_CLOSING;
	s->close_deadline_ns = clock_ns() + CLOSE_GRACE_NS;
	/* Held requests will not be served: count them as read, so that the
	 * final TCP close is not turned into a RST by unread data. */
	if (s->rx) {
		if (s->pcb)
			altcp_recved(s->pcb, s->rx->tot_len);
		pbuf_free(s->rx);
		s->rx = NULL;
	}
}

/* ---- client certificate ------------------------------------------------ */

/* The subject CN of crt, if it has exactly one and the bundle could name it
 * (1..63 printable ASCII bytes without blanks). */
static bool subject_cn(const mbedtls_x509_crt *crt, char out[MGMT_CLIENT_NAME_MAX])
{
	const mbedtls_x509_buf *val = NULL;
	unsigned count = 0;

	for (const mbedtls_x509_name *n = &crt->subject; n; n = n->next) {
		if (n->oid.p && MBEDTLS_OID_CMP(MBEDTLS_OID_AT_CN, &n->oid) == 0) {
			val = &n->val;
			count++;
		}
	}
	if (count != 1 || val->len == 0 || val->len >= MGMT_CLIENT_NAME_MAX)
		return false;
	for (size_t i = 0; i < val->len; i++)
		if (val->p[i] < 0x21 || val->p[i] > 0x7e)
			return false;
	memcpy(out, val->p, val->len);
	out[val->len] = '\0';
	return true;
}

/* mbedTLS's verify callback, for every certificate of the client's chain:
 * the client's own (depth 0) must carry a CN the bundle lists. */
static int verify_client(void *arg, mbedtls_x509_crt *crt, int depth, uint32_t *flags)
{
	struct tls_session *s = arg;
	char cn[MGMT_CLIENT_NAME_MAX];

	if (depth != 0)
		return 0;
	if (!subject_cn(crt, cn)) {
		snprintf(s->refused_cn, sizeof(s->refused_cn), "(none usable)");
		*flags |= MBEDTLS_X509_BADCERT_OTHER;
	} else if (!mgmt_config_find_client(s->policy->cfg, cn, strlen(cn))) {
		memcpy(s->refused_cn, cn, sizeof(cn));
		*flags |= MBEDTLS_X509_BADCERT_OTHER;
	}
	return 0;
}

static const char *alert_name(unsigned char code)
{
	switch (code) {
	case MBEDTLS_SSL_ALERT_MSG_UNEXPECTED_MESSAGE: return "unexpected_message";
	case MBEDTLS_SSL_ALERT_MSG_BAD_RECORD_MAC: return "bad_record_mac";
	case MBEDTLS_SSL_ALERT_MSG_HANDSHAKE_FAILURE: return "handshake_failure";
	case MBEDTLS_SSL_ALERT_MSG_BAD_CERT: return "bad_certificate";
	case MBEDTLS_SSL_ALERT_MSG_UNSUPPORTED_CERT: return "unsupported_certificate";
	case MBEDTLS_SSL_ALERT_MSG_CERT_EXPIRED: return "certificate_expired";
	case MBEDTLS_SSL_ALERT_MSG_CERT_UNKNOWN: return "certificate_unknown";
	case MBEDTLS_SSL_ALERT_MSG_ILLEGAL_PARAMETER: return "illegal_parameter";
	case MBEDTLS_SSL_ALERT_MSG_UNKNOWN_CA: return "unknown_ca";
	case MBEDTLS_SSL_ALERT_MSG_ACCESS_DENIED: return "access_denied";
	case MBEDTLS_SSL_ALERT_MSG_DECODE_ERROR: return "decode_error";
	case MBEDTLS_SSL_ALERT_MSG_DECRYPT_ERROR: return "decrypt_error";
	case MBEDTLS_SSL_ALERT_MSG_PROTOCOL_VERSION: return "protocol_version";
	case MBEDTLS_SSL_ALERT_MSG_INSUFFICIENT_SECURITY: return "insufficient_security";
	case MBEDTLS_SSL_ALERT_MSG_INTERNAL_ERROR: return "internal_error";
	case MBEDTLS_SSL_ALERT_MSG_UNSUPPORTED_EXT: return "unsupported_extension";
	default: return "other";
	}
}

/* The server's handshake states a client can fail in. */
static const char *state_name(int state)
{
	switch (state) {
	case MBEDTLS_SSL_HELLO_REQUEST:
	case MBEDTLS_SSL_CLIENT_HELLO: return "the client hello";
	case MBEDTLS_SSL_CLIENT_CERTIFICATE: return "the client certificate";
	case MBEDTLS_SSL_CLIENT_KEY_EXCHANGE: return "the client key exchange";
	case MBEDTLS_SSL_CERTIFICATE_VERIFY: return "the certificate verify message";
	case MBEDTLS_SSL_CLIENT_CHANGE_CIPHER_SPEC: return "the client change cipher spec";
	case MBEDTLS_SSL_CLIENT_FINISHED: return "the client finished message";
	default: return "the server's messages";
	}
}

/* Why a handshake ended, from what mbedTLS recorded. */
static void describe_failure(struct tls_session *s, mbedtls_ssl_context *ssl, char *buf,
			     size_t size)
{
	uint32_t flags = mbedtls_ssl_get_verify_result(ssl);
	char alert[48] = "";

	if (ssl->out_msgtype == MBEDTLS_SSL_MSG_ALERT && ssl->out_msg[0] == MBEDTLS_SSL_ALERT_LEVEL_FATAL)
		snprintf(alert, sizeof(alert), " (alert %s)", alert_name(ssl->out_msg[1]));
	if (s->refused_cn[0]) {
		snprintf(buf, size, "client certificate CN '%s' is not listed in the bundle%s",
			 s->refused_cn, alert);
	} else if (flags == MBEDTLS_X509_BADCERT_MISSING) {
		snprintf(buf, size, "the client sent no certificate%s", alert);
	} else if (flags != 0 && flags != 0xffffffffu) {
		char info[160];
		mbedtls_x509_crt_verify_info(info, sizeof(info), "", flags);
		for (char *c = info; *c; c++)
			if (*c == '\n')
				*c = c[1] ? ';' : '\0';
		snprintf(buf, size, "client certificate refused: %s%s", info, alert);
	} else if (alert[0]) {
		snprintf(buf, size, "refused at %s%s", state_name(ssl->state), alert);
	} else if (ssl->in_msgtype == MBEDTLS_SSL_MSG_ALERT && ssl->in_msg) {
		snprintf(buf, size, "the client sent alert %s at %s", alert_name(ssl->in_msg[1]),
			 state_name(ssl->state));
	} else {
		snprintf(buf, size, "closed by the client at %s", state_name(ssl->state));
	}
}

/* ---- sending ------------------------------------------------------------ */

/* Write queued bytes as TLS records while TCP's send buffer has room. */
static void tx_flush(struct tls_session *s)
{
	while (s->tx_head && s->pcb && (s->phase == PH_OPEN || s->phase == PH_CLOSING)) {
		struct tx_chunk *c = s->tx_head;
		size_t left = c->len - c->off;
		size_t n = altcp_sndbuf(s->pcb);
		if (n > s->max_record)
			n = s->max_record;
		if (n > left)
			n = left;
		if (n == 0 || (n < left && n < MIN_RECORD))
			break; /* resumed from the sent callback or the poll */
		err_t err = altcp_write(s->pcb, c->data + c->off, (u16_t)n, TCP_WRITE_FLAG_COPY);
		if (err == ERR_MEM)
			break;
		if (err != ERR_OK) {
			begin_close(s, "sending failed (lwIP error %d)", err);
			return;
		}
		c->off += n;
		s->tx_queued -= n;
		s->bytes_out += n;
		if (c->off == c->len) {
			s->tx_head = c->next;
			if (!s->tx_head)
				s->tx_tail = NULL;
			free(c);
		}
	}
}

/* rpc_send_fn: queue all of buf or nothing. */
static bool session_send(void *transport, const void *buf, size_t len)
{
	struct tls_session *s = transport;

	if (s->phase != PH_OPEN)
		return false;
	if (len == 0)
		return true;
	if (len > TX_QUEUE_MAX - s->tx_queued) {
		s->send_failed = true;
		return false;
	}
	struct tx_chunk *c = malloc(sizeof(*c) + len);
	if (!c) {
		s->send_failed = true;
		return false;
	}
	c->next = NULL;
	c->len = len;
	c->off = 0;
	memcpy(c->data, buf, len);
	if (s->tx_tail)
		s->tx_tail->next = c;
	else
		s->tx_head = c;
	s->tx_tail = c;
	s->tx_queued += len;
	tx_flush(s);
	return true;
}

/* ---- receiving ---------------------------------------------------------- */

/* Hand held bytes to the RPC layer while responses still fit the queue;
 * the TCP window reopens only by what was consumed. */
static void rx_consume(struct tls_session *s)
{
	while (s->rx && s->phase == PH_OPEN && s->tx_queued + TX_ROOM_FOR_INPUT <= TX_QUEUE_MAX) {
		struct pbuf *q = s->rx;
		/* Up to the end of the frame being read: one request per call. */
		size_t room = rpc_conn_input_room(s->rpc);
		u16_t n = q->len < room ? q->len : (u16_t)room;
		bool ok = n == 0 || rpc_conn_input(s->rpc, q->payload, n);
		s->rx = pbuf_free_header(q, n);
		if (n) {
			if (s->pcb)
				altcp_recved(s->pcb, n);
			s->bytes_in += n;
			s->last_rx_ns = clock_ns();
		}
		if (!ok) {
			begin_close(s, s->send_failed ? "the response queue is full (the client "
							 "does not read)"
						       : "the RPC layer closed the connection");
			return;
		}
	}
}

/* ---- the handshake's result --------------------------------------------- */

/* End a session whose client may not continue: a fatal alert, then close. */
static void refuse(struct tls_session *s, mbedtls_ssl_context *ssl, const char *why,
		   const char *cn)
{
	mbedtls_ssl_send_alert_message(ssl, MBEDTLS_SSL_ALERT_LEVEL_FATAL,
				       MBEDTLS_SSL_ALERT_MSG_ACCESS_DENIED);
	s->alerted = true;
	log_warn("mgmt: %s refused after the handshake: %s%s%s", s->peer, why, cn ? " " : "",
		 cn ? cn : "");
	begin_close(s, "refused (%s)", why);
}

/* Once the handshake is over: check the client again, then open RPC. */
static void authorize(struct tls_session *s)
{
	mbedtls_ssl_context *ssl = ssl_of(s);
	char cn[MGMT_CLIENT_NAME_MAX];

	if (!ssl || ssl->state != MBEDTLS_SSL_HANDSHAKE_OVER)
		return;
	const mbedtls_x509_crt *peer = mbedtls_ssl_get_peer_cert(ssl);
	if (mbedtls_ssl_get_verify_result(ssl) != 0 || !peer) {
		refuse(s, ssl, "client certificate not verified", NULL);
		return;
	}
	if (!subject_cn(peer, cn)) {
		refuse(s, ssl, "client certificate has no usable subject CN", NULL);
		return;
	}
	const struct mgmt_client *client =
		mgmt_config_find_client(s->policy->cfg, cn, strlen(cn));
	if (!client) {
		refuse(s, ssl, "CN not listed in the bundle:", cn);
		return;
	}
	memcpy(s->cn, cn, sizeof(cn));
	s->role = client->role;
	int rec = mbedtls_ssl_get_max_out_record_payload(ssl);
	s->max_record = rec > 0 ? (size_t)rec : 0;
	s->rpc = rpc_conn_open(s->cn, s->role, session_send, s);
	if (!s->rpc) {
		log_error("mgmt: %s: out of memory for an RPC connection", s->peer);
		begin_close(s, "out of memory");
		return;
	}
	s->phase = PH_OPEN;
	s->last_rx_ns = clock_ns();
	log_info("mgmt: %s: client '%s' (%s) connected, %s %s", s->peer, s->cn,
		 mgmt_config_role_name(s->role), mbedtls_ssl_get_version(ssl),
		 mbedtls_ssl_get_ciphersuite(ssl));
}

/* ---- lwIP callbacks ------------------------------------------------------ */

static err_t on_recv(void *arg, struct altcp_pcb *pcb, struct pbuf *p, err_t err)
{
	struct tls_session *s = arg;

	if (!s || s->phase == PH_CLOSING || s->phase == PH_GONE) { /* nobody wants the data */
		if (p) {
			altcp_recved(pcb, p->tot_len);
			pbuf_free(p);
		}
		return ERR_OK;
	}
	if (!p) {
		s->remote_closed = true;
		return ERR_OK;
	}
	if (err != ERR_OK) {
		pbuf_free(p);
		return ERR_OK;
	}
	if (s->rx)
		pbuf_cat(s->rx, p);
	else
		s->rx = p;
	if (s->phase == PH_HANDSHAKE)
		authorize(s); /* data right behind the handshake: check first */
	rx_consume(s);
	return ERR_OK;
}

static err_t on_sent(void *arg, struct altcp_pcb *pcb, u16_t len)
{
	struct tls_session *s = arg;

	(void)pcb;
	(void)len;
	if (s) {
		tx_flush(s);
		rx_consume(s);
	}
	return ERR_OK;
}

/* Our own work runs from tls_session_poll; this only lets altcp_tls retry
 * its pending work every lwIP slow-timer tick. */
static err_t on_lwip_poll(void *arg, struct altcp_pcb *pcb)
{
	(void)arg;
	(void)pcb;
	return ERR_OK;
}

/*
 * After a failed handshake altcp_tls closes the TCP connection right after
 * on_err returns.  The rest of the client's flight (mbedTLS stopped reading
 * at the bad record) is still unacknowledged to TCP, and lwIP's tcp_close
 * answers unread data with a RST that drops the alert just queued (lwIP
 * sends nothing while it is still processing the segment).  Acknowledging
 * that data here (altcp_tls's own recved does nothing before the handshake
 * completes) lets the close be a FIN behind the alert.
 */
static void ack_unread_handshake(struct altcp_pcb *tls)
{
	struct altcp_pcb *inner = tls->inner_conn;
	struct tcp_pcb *tcp = inner ? inner->state : NULL;

	if (!tcp || tcp->state == LISTEN)
		return;
	u32_t unread = (u32_t)TCP_WND_MAX(tcp) - tcp->rcv_wnd;
	while (unread > 0) {
		u16_t n = unread > 0xffff ? 0xffff : (u16_t)unread;
		altcp_recved(inner, n);
		unread -= n;
	}
}

/* The connection is gone: reset by the peer, or the handshake failed (altcp
 * closes the pcb right after this call). */
static void on_err(void *arg, err_t err)
{
	struct tls_session *s = arg;

	if (!s || s->phase == PH_GONE)
		return;
	mbedtls_ssl_context *ssl = ssl_of(s);
	if (s->phase == PH_HANDSHAKE && ssl && ssl->state == MBEDTLS_SSL_HANDSHAKE_OVER) {
		/* The client closed before the poll saw its handshake end. */
		snprintf(s->why, sizeof(s->why), "closed by the client right after the handshake");
	} else if (s->phase == PH_HANDSHAKE && ssl) {
		if (mbedtls_ssl_get_verify_result(ssl) == MBEDTLS_X509_BADCERT_MISSING) {
			/* mbedTLS 2.28 ends without an alert here; tell the client. */
			mbedtls_ssl_send_alert_message(ssl, MBEDTLS_SSL_ALERT_LEVEL_FATAL,
						       MBEDTLS_SSL_ALERT_MSG_HANDSHAKE_FAILURE);
		}
		ack_unread_handshake(s->pcb);
		char why[sizeof(s->why)];
		describe_failure(s, ssl, why, sizeof(why));
		log_warn("mgmt: %s refused: TLS handshake failed: %s", s->peer, why);
		snprintf(s->why, sizeof(s->why), "handshake failed");
	} else if (s->phase == PH_OPEN && err == ERR_CLSD) {
		/* altcp_tls reports a FIN this way when no data ever came. */
		snprintf(s->why, sizeof(s->why), "closed by the client");
	} else if (!s->why[0] || s->phase != PH_CLOSING) {
		snprintf(s->why, sizeof(s->why), "connection lost (lwIP error %d)", err);
	}
	s->pcb = NULL;
	s->phase = PH_GONE;
}

/* ---- start, poll, end ---------------------------------------------------- */

static void detach(struct altcp_pcb *pcb)
{
	altcp_arg(pcb, NULL);
	altcp_recv(pcb, NULL);
	altcp_sent(pcb, NULL);
	altcp_err(pcb, NULL);
	altcp_poll(pcb, NULL, 0);
}

struct tls_session *tls_session_start(struct altcp_pcb *tcp, const struct tls_policy *policy,
				      const char *peer, uint64_t now_ns)
{
	struct tls_session *s = calloc(1, sizeof(*s));

	if (!s)
		return NULL;
	s->pcb = altcp_tls_wrap(policy->tls, tcp);
	if (!s->pcb) {
		free(s);
		return NULL;
	}
	s->policy = policy;
	s->phase = PH_HANDSHAKE;
	s->start_ns = now_ns;
	snprintf(s->peer, sizeof(s->peer), "%s", peer);

	/* Before the first byte of the handshake: a client certificate from
	 * the bundle's CA, and a listed CN. */
	mbedtls_ssl_context *ssl = altcp_tls_context(s->pcb);
	mbedtls_ssl_set_hs_authmode(ssl, MBEDTLS_SSL_VERIFY_REQUIRED);
	mbedtls_ssl_set_hs_ca_chain(ssl, policy->ca, NULL);
	mbedtls_ssl_set_verify(ssl, verify_client, s);

	altcp_arg(s->pcb, s);
	altcp_recv(s->pcb, on_recv);
	altcp_sent(s->pcb, on_sent);
	altcp_err(s->pcb, on_err);
	altcp_poll(s->pcb, on_lwip_poll, LWIP_POLL_INTERVAL);
	altcp_nagle_disable(s->pcb);
	return s;
}

static void free_session(struct tls_session *s)
{
	if (s->rpc)
		rpc_conn_close(s->rpc);
	if (s->rx)
		pbuf_free(s->rx);
	while (s->tx_head) {
		struct tx_chunk *c = s->tx_head;
		s->tx_head = c->next;
		free(c);
	}
	free(s);
}

/* Close the TLS session (close_notify unless a fatal alert went out) and the
 * TCP connection; log the end. */
static void finish(struct tls_session *s)
{
	if (s->pcb) {
		mbedtls_ssl_context *ssl = ssl_of(s);
		if (ssl && ssl->state == MBEDTLS_SSL_HANDSHAKE_OVER && !s->alerted)
			mbedtls_ssl_close_notify(ssl);
		detach(s->pcb);
		if (altcp_close(s->pcb) != ERR_OK)
			altcp_abort(s->pcb);
		s->pcb = NULL;
	}
	if (s->cn[0])
		log_info("mgmt: %s: session of '%s' ended: %s (%llu bytes in, %llu out%s)", s->peer,
			 s->cn, s->why, (unsigned long long)s->bytes_in,
			 (unsigned long long)s->bytes_out, s->tx_queued ? ", some unsent" : "");
	else if (strcmp(s->why, "handshake failed") != 0)
		log_info("mgmt: %s: connection ended before authentication: %s", s->peer, s->why);
	free_session(s);
}

/* Everything queued has left mbedTLS and been acknowledged by the client. */
static bool tx_drained(struct tls_session *s)
{
	mbedtls_ssl_context *ssl = ssl_of(s);
	return !s->tx_head && (!ssl || ssl->out_left == 0) &&
	       (!s->pcb || altcp_sndqueuelen(s->pcb) == 0);
}

bool tls_session_poll(struct tls_session *s, uint64_t now_ns)
{
	const struct tls_policy *p = s->policy;

	switch (s->phase) {
	case PH_HANDSHAKE:
		authorize(s);
		if (s->phase == PH_HANDSHAKE && now_ns > s->start_ns &&
		    now_ns - s->start_ns > p->handshake_ns) {
			log_warn("mgmt: %s refused: no TLS handshake within %llu ms", s->peer,
				 (unsigned long long)(p->handshake_ns / 1000000));
			begin_close(s, "handshake timeout");
		}
		break;
	case PH_OPEN:
		tx_flush(s);
		rx_consume(s);
		if (s->phase == PH_OPEN && s->tx_queued + TX_ROOM_FOR_INPUT <= TX_QUEUE_MAX &&
		    !rpc_conn_poll(s->rpc, now_ns))
			begin_close(s, s->send_failed ? "the response queue is full"
						      : "the RPC layer closed the connection");
		if (s->phase != PH_OPEN)
			break;
		if (s->remote_closed && !s->rx && !rpc_conn_busy(s->rpc)) {
			begin_close(s, "closed by the client");
		} else if (!rpc_conn_busy(s->rpc) && now_ns > s->last_rx_ns &&
			   now_ns - s->last_rx_ns > p->idle_ns) {
			log_info("mgmt: %s: '%s' idle for %llu ms", s->peer, s->cn,
				 (unsigned long long)(p->idle_ns / 1000000));
			begin_close(s, "idle timeout");
		}
		break;
	case PH_CLOSING:
	case PH_GONE:
		break;
	}
	if (s->phase == PH_CLOSING) {
		tx_flush(s);
		if (tx_drained(s) || !s->pcb || now_ns >= s->close_deadline_ns) {
			finish(s);
			return false;
		}
	} else if (s->phase == PH_GONE) {
		finish(s);
		return false;
	}
	return true;
}

/*
 * The management endpoint's listener, its TLS configuration and its table
 * of sessions (see mgmt/tls_endpoint.h).
 *
 * The listener is plain TCP: a connection over max_sessions is closed at
 * the TCP level before any TLS state (two 16 KiB record buffers) exists,
 * and the others are wrapped in TLS by the session (altcp_tls_wrap).
 */
#include <stdio.h>
#include <string.h>
#include "mgmt/tls_endpoint.h"
#include "mgmt/tls_session.h"
#include "console/log.h"
#include "net/net.h"
#include "net/random.h"
#include "time/clock.h"
#include "time/rtc.h"
#include "lwip/altcp_tcp.h"
#include "lwip/ip_addr.h"
#include "mbedtls/error.h"
#include "mbedtls/pk.h"
#include "mbedtls/x509_crt.h"

#define LISTEN_BACKLOG 8

static struct {
	bool running;
	struct mgmt_config cfg; /* without its PEM blocks */
	mbedtls_x509_crt ca;
	struct tls_policy policy;
	struct tls_session *sessions[MGMT_SESSIONS_LIMIT];
	unsigned count;
	unsigned long long refused_over_cap;
	char why[200];
} ep;

/* "what: mbedTLS's description of ret". */
static const char *mbed_fail(const char *what, int ret)
{
	char err[120];

	mbedtls_strerror(ret, err, sizeof(err));
	snprintf(ep.why, sizeof(ep.why), "%s (mbedTLS: %s)", what, err);
	return ep.why;
}

/* Every certificate of the ca block must be a CA. */
static const char *load_ca(const struct mgmt_pem *pem)
{
	mbedtls_x509_crt_init(&ep.ca);
	int ret = mbedtls_x509_crt_parse(&ep.ca, (const unsigned char *)pem->text, pem->len);
	if (ret != 0)
		return mbed_fail(ret > 0 ? "the ca block has a certificate mbedTLS cannot parse"
					 : "the ca block is not a PEM certificate",
				 ret > 0 ? MBEDTLS_ERR_X509_INVALID_FORMAT : ret);
	for (const mbedtls_x509_crt *c = &ep.ca; c && c->raw.p; c = c->next) {
		if (!c->ca_istrue) {
			char dn[128];
			mbedtls_x509_dn_gets(dn, sizeof(dn), &c->subject);
			snprintf(ep.why, sizeof(ep.why), "the ca block's certificate '%s' is not a CA "
				 "(basicConstraints CA:FALSE or absent)", dn);
			return ep.why;
		}
	}
	return NULL;
}

/* The server certificate and key parse, and belong together; warn when the
 * certificate is outside its validity period (clients will refuse it). */
static const char *check_server_identity(const struct mgmt_config *cfg)
{
	mbedtls_x509_crt crt;
	mbedtls_pk_context key;
	const char *why = NULL;
	int ret;

	mbedtls_x509_crt_init(&crt);
	mbedtls_pk_init(&key);
	ret = mbedtls_x509_crt_parse(&crt, (const unsigned char *)cfg->server_cert.text,
				     cfg->server_cert.len);
	if (ret != 0) {
		why = mbed_fail("server_cert is not a certificate mbedTLS accepts", ret > 0 ?
				MBEDTLS_ERR_X509_INVALID_FORMAT : ret);
		goto out;
	}
	ret = mbedtls_pk_parse_key(&key, (const unsigned char *)cfg->server_key.text,
				   cfg->server_key.len, NULL, 0);
	if (ret != 0) {
		why = mbed_fail("server_key is not an unencrypted private key mbedTLS accepts", ret);
		goto out;
	}
	if (mbedtls_pk_check_pair(&crt.pk, &key) != 0) {
		why = "server_key does not match server_cert";
		goto out;
	}
	if (mbedtls_x509_time_is_past(&crt.valid_to) || mbedtls_x509_time_is_future(&crt.valid_from))
		log_warn("mgmt: server_cert is outside its validity period "
			 "(%04d-%02d-%02d to %04d-%02d-%02d): clients will refuse it",
			 crt.valid_from.year, crt.valid_from.mon, crt.valid_from.day,
			 crt.valid_to.year, crt.valid_to.mon, crt.valid_to.day);
out:
	mbedtls_pk_free(&key);
	mbedtls_x509_crt_free(&crt);
	return why;
}

static err_t on_accept(void *arg, struct altcp_pcb *tcp, err_t err)
{
	ip_addr_t addr;
	u16_t port = 0;
	char ip[16] = "?", peer[24];

	(void)arg;
	if (err != ERR_OK || !tcp)
		return ERR_VAL;
	if (altcp_get_tcp_addrinfo(tcp, 0, &addr, &port) == ERR_OK)
		ipaddr_ntoa_r(&addr, ip, sizeof(ip));
	snprintf(peer, sizeof(peer), "%s:%u", ip, port);

	struct tls_session *s = NULL;
	if (ep.count >= ep.cfg.max_sessions) {
		ep.refused_over_cap++;
		log_warn("mgmt: %s refused: %u sessions already (max_sessions %u)", peer, ep.count,
			 ep.cfg.max_sessions);
	} else {
		s = tls_session_start(tcp, &ep.policy, peer, clock_ns());
		if (!s)
			log_error("mgmt: %s refused: out of memory for a TLS session", peer);
	}
	if (!s) {
		if (altcp_close(tcp) != ERR_OK) {
			altcp_abort(tcp);
			return ERR_ABRT;
		}
		return ERR_OK;
	}
	ep.sessions[ep.count++] = s;
	return ERR_OK;
}

static const char *listen_on(uint16_t port)
{
	struct altcp_pcb *pcb = altcp_tcp_new_ip_type(IPADDR_TYPE_ANY);

	if (!pcb)
		return "no TCP PCB for the listener";
	if (altcp_bind(pcb, IP_ANY_TYPE, port) != ERR_OK) {
		altcp_close(pcb);
		snprintf(ep.why, sizeof(ep.why), "TCP port %u is in use", port);
		return ep.why;
	}
	struct altcp_pcb *listener = altcp_listen_with_backlog(pcb, LISTEN_BACKLOG);
	if (!listener) {
		altcp_close(pcb);
		return "lwIP could not listen";
	}
	altcp_accept(listener, on_accept);
	return NULL;
}

const char *mgmt_endpoint_start(const struct mgmt_config *cfg)
{
	const char *why;

	if (ep.running)
		return "already running";
	if (!net_enabled())
		return "networking is off";
	if (!rtc_valid())
		return "no wall-clock time (the CMOS RTC holds no valid date), so certificate "
		       "validity periods cannot be checked";
	if (!net_random_is_hw())
		return "the CPU has no working hardware random number generator (RDSEED/RDRAND) "
		       "to make keys from";

	/* First: this also points mbedTLS's allocator at lwIP's heap, where
	 * everything below must live. */
	ep.policy.tls = altcp_tls_create_config_server(1);
	if (!ep.policy.tls)
		return "the TLS layer could not start (random generator not seeded, or out of "
		       "lwIP heap)";
	why = load_ca(&cfg->ca);
	if (!why)
		why = check_server_identity(cfg);
	if (!why && altcp_tls_config_server_add_privkey_cert(
			    ep.policy.tls, (const u8_t *)cfg->server_key.text, cfg->server_key.len,
			    NULL, 0, (const u8_t *)cfg->server_cert.text,
			    cfg->server_cert.len) != ERR_OK)
		why = "the TLS layer refused server_cert or server_key";
	if (!why)
		why = listen_on(cfg->listen_port);
	if (why) {
		mbedtls_x509_crt_free(&ep.ca);
		altcp_tls_free_config(ep.policy.tls);
		ep.policy.tls = NULL;
		return why;
	}

	ep.cfg = *cfg;
	ep.cfg.ca = ep.cfg.server_cert = ep.cfg.server_key = (struct mgmt_pem){ 0 };
	ep.policy.ca = &ep.ca;
	ep.policy.cfg = &ep.cfg;
	ep.policy.handshake_ns = (uint64_t)cfg->handshake_timeout_ms * 1000000;
	ep.policy.idle_ns = (uint64_t)cfg->idle_timeout_ms * 1000000;
	ep.running = true;
	log_info("mgmt: management endpoint listening on TCP port %u: TLS 1.2, client "
		 "certificates required, %u clients listed, at most %u sessions",
		 cfg->listen_port, cfg->client_count, cfg->max_sessions);
	return NULL;
}

void mgmt_endpoint_poll(uint64_t now_ns)
{
	for (unsigned i = 0; i < ep.count;) {
		if (tls_session_poll(ep.sessions[i], now_ns)) {
			i++;
			continue;
		}
		ep.sessions[i] = ep.sessions[--ep.count];
		ep.sessions[ep.count] = NULL;
	}
}

unsigned mgmt_sessions_active(void)
{
	return ep.count;
}

unsigned mgmt_sessions_max(void)
{
	return ep.running ? ep.cfg.max_sessions : 0;
}

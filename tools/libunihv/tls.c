/*
 * UnihvConnect: TCP, then a TLS 1.2 client session with mbedTLS (the
 * client's certificate and key, the server verified against the CA and,
 * optionally, its name); the session is the connection's transport.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <mbedtls/ctr_drbg.h>
#include <mbedtls/entropy.h>
#include <mbedtls/error.h>
#include <mbedtls/net_sockets.h>
#include <mbedtls/pk.h>
#include <mbedtls/ssl.h>
#include <mbedtls/x509_crt.h>
#include "internal.h"

struct tls {
	mbedtls_net_context net;
	mbedtls_ssl_context ssl;
	mbedtls_ssl_config conf;
	mbedtls_x509_crt ca;
	mbedtls_x509_crt cert;
	mbedtls_pk_context key;
	mbedtls_entropy_context entropy;
	mbedtls_ctr_drbg_context drbg;
};

static const char *tls_error(int ret, char *buf, size_t n)
{
	mbedtls_strerror(ret, buf, n);
	return buf;
}

static void tls_free(struct tls *t)
{
	mbedtls_ssl_free(&t->ssl);
	mbedtls_ssl_config_free(&t->conf);
	mbedtls_x509_crt_free(&t->ca);
	mbedtls_x509_crt_free(&t->cert);
	mbedtls_pk_free(&t->key);
	mbedtls_ctr_drbg_free(&t->drbg);
	mbedtls_entropy_free(&t->entropy);
	mbedtls_net_free(&t->net);
	free(t);
}

static void tls_close(void *ctx)
{
	struct tls *t = ctx;
	mbedtls_ssl_close_notify(&t->ssl);
	tls_free(t);
}

/* BIO send without SIGPIPE when the peer has gone. */
static int bio_send(void *ctx, const unsigned char *buf, size_t len)
{
	mbedtls_net_context *net = ctx;
	ssize_t n = send(net->fd, buf, len, MSG_NOSIGNAL);
	if (n >= 0)
		return (int)n;
	if (errno == EAGAIN || errno == EWOULDBLOCK)
		return MBEDTLS_ERR_SSL_WANT_WRITE;
	if (errno == EINTR)
		return MBEDTLS_ERR_SSL_WANT_WRITE;
	if (errno == EPIPE || errno == ECONNRESET)
		return MBEDTLS_ERR_NET_CONN_RESET;
	return MBEDTLS_ERR_NET_SEND_FAILED;
}

static bool tls_send(void *ctx, const uint8_t *buf, size_t len, UNIHV_RESULT *err)
{
	struct tls *t = ctx;
	while (len) {
		int ret = mbedtls_ssl_write(&t->ssl, buf, len);
		if (ret == MBEDTLS_ERR_SSL_WANT_READ || ret == MBEDTLS_ERR_SSL_WANT_WRITE)
			continue;
		if (ret < 0) {
			char e[128];
			*err = unihv_fail(UNIHV_UNAVAILABLE, "UNIHV_E_CONNECTION", "send failed: %s",
					  tls_error(ret, e, sizeof(e)));
			return false;
		}
		buf += ret;
		len -= (size_t)ret;
	}
	return true;
}

static bool tls_recv(void *ctx, uint8_t *buf, size_t len, uint32_t timeout_ms, UNIHV_RESULT *err)
{
	struct tls *t = ctx;
	mbedtls_ssl_conf_read_timeout(&t->conf, timeout_ms);
	while (len) {
		int ret = mbedtls_ssl_read(&t->ssl, buf, len);
		if (ret == MBEDTLS_ERR_SSL_WANT_READ || ret == MBEDTLS_ERR_SSL_WANT_WRITE)
			continue;
		if (ret == MBEDTLS_ERR_SSL_TIMEOUT) {
			*err = unihv_fail(UNIHV_DEADLINE_EXCEEDED, "UNIHV_E_TIMEOUT",
					  "no reply within %u ms", timeout_ms);
			return false;
		}
		if (ret == 0 || ret == MBEDTLS_ERR_SSL_PEER_CLOSE_NOTIFY) {
			*err = unihv_fail(UNIHV_UNAVAILABLE, "UNIHV_E_CONNECTION",
					  "the appliance closed the connection");
			return false;
		}
		if (ret < 0) {
			char e[128];
			*err = unihv_fail(UNIHV_UNAVAILABLE, "UNIHV_E_CONNECTION", "receive failed: %s",
					  tls_error(ret, e, sizeof(e)));
			return false;
		}
		buf += ret;
		len -= (size_t)ret;
	}
	return true;
}

/* Split "host:port", "[v6]:port" or "host" (port 7443). */
static bool split_address(const char *addr, char *host, size_t hn, char *port, size_t pn)
{
	const char *colon;
	if (addr[0] == '[') {
		const char *end = strchr(addr, ']');
		if (!end || (size_t)(end - addr - 1) >= hn)
			return false;
		memcpy(host, addr + 1, (size_t)(end - addr - 1));
		host[end - addr - 1] = '\0';
		colon = end[1] == ':' ? end + 1 : NULL;
		if (end[1] && !colon)
			return false;
	} else {
		colon = strrchr(addr, ':');
		size_t l = colon ? (size_t)(colon - addr) : strlen(addr);
		if (l == 0 || l >= hn || (colon && strchr(addr, ':') != colon))
			return false;
		memcpy(host, addr, l);
		host[l] = '\0';
	}
	unihv_strlcpy(port, colon ? colon + 1 : "7443", pn);
	return port[0] != '\0' && strspn(port, "0123456789") == strlen(port);
}

UNIHV_RESULT UnihvConnect(const UNIHV_CONNECT_OPTIONS *o, UNIHV_CONNECTION **out)
{
	char e[160];
	int ret;
	*out = NULL;
	if (!o || !o->address || !o->ca_file || !o->cert_file || !o->key_file)
		return unihv_fail(UNIHV_INVALID_ARGUMENT, "UNIHV_E_CONFIG",
				  "address, CA, certificate and key are all required");
	char host[256], port[16];
	if (!split_address(o->address, host, sizeof(host), port, sizeof(port)))
		return unihv_fail(UNIHV_INVALID_ARGUMENT, "UNIHV_E_CONFIG",
				  "bad address '%s' (want host:port)", o->address);
	uint32_t timeout = o->timeout_ms ? o->timeout_ms : 30000;

	struct tls *t = calloc(1, sizeof(*t));
	if (!t)
		return unihv_fail(UNIHV_RESOURCE_EXHAUSTED, "UNIHV_E_NO_MEMORY", "out of memory");
	mbedtls_net_init(&t->net);
	mbedtls_ssl_init(&t->ssl);
	mbedtls_ssl_config_init(&t->conf);
	mbedtls_x509_crt_init(&t->ca);
	mbedtls_x509_crt_init(&t->cert);
	mbedtls_pk_init(&t->key);
	mbedtls_entropy_init(&t->entropy);
	mbedtls_ctr_drbg_init(&t->drbg);

	UNIHV_RESULT r;
	static const char pers[] = "libunihv";
	if ((ret = mbedtls_ctr_drbg_seed(&t->drbg, mbedtls_entropy_func, &t->entropy,
					 (const unsigned char *)pers, sizeof(pers) - 1))) {
		r = unihv_fail(UNIHV_INTERNAL, "UNIHV_E_TLS", "random generator: %s",
			       tls_error(ret, e, sizeof(e)));
		goto fail;
	}
	if ((ret = mbedtls_x509_crt_parse_file(&t->ca, o->ca_file))) {
		r = unihv_fail(UNIHV_INVALID_ARGUMENT, "UNIHV_E_CONFIG", "CA %s: %s", o->ca_file,
			       tls_error(ret, e, sizeof(e)));
		goto fail;
	}
	if ((ret = mbedtls_x509_crt_parse_file(&t->cert, o->cert_file))) {
		r = unihv_fail(UNIHV_INVALID_ARGUMENT, "UNIHV_E_CONFIG", "certificate %s: %s",
			       o->cert_file, tls_error(ret, e, sizeof(e)));
		goto fail;
	}
	if ((ret = mbedtls_pk_parse_keyfile(&t->key, o->key_file, NULL))) {
		r = unihv_fail(UNIHV_INVALID_ARGUMENT, "UNIHV_E_CONFIG", "key %s: %s", o->key_file,
			       tls_error(ret, e, sizeof(e)));
		goto fail;
	}
	if ((ret = mbedtls_ssl_config_defaults(&t->conf, MBEDTLS_SSL_IS_CLIENT,
					       MBEDTLS_SSL_TRANSPORT_STREAM,
					       MBEDTLS_SSL_PRESET_DEFAULT))) {
		r = unihv_fail(UNIHV_INTERNAL, "UNIHV_E_TLS", "configuration: %s",
			       tls_error(ret, e, sizeof(e)));
		goto fail;
	}
	mbedtls_ssl_conf_min_version(&t->conf, MBEDTLS_SSL_MAJOR_VERSION_3, MBEDTLS_SSL_MINOR_VERSION_3);
	mbedtls_ssl_conf_max_version(&t->conf, MBEDTLS_SSL_MAJOR_VERSION_3, MBEDTLS_SSL_MINOR_VERSION_3);
	mbedtls_ssl_conf_authmode(&t->conf, MBEDTLS_SSL_VERIFY_REQUIRED);
	mbedtls_ssl_conf_ca_chain(&t->conf, &t->ca, NULL);
	mbedtls_ssl_conf_rng(&t->conf, mbedtls_ctr_drbg_random, &t->drbg);
	mbedtls_ssl_conf_read_timeout(&t->conf, timeout);
	if ((ret = mbedtls_ssl_conf_own_cert(&t->conf, &t->cert, &t->key))) {
		r = unihv_fail(UNIHV_INVALID_ARGUMENT, "UNIHV_E_CONFIG", "certificate and key: %s",
			       tls_error(ret, e, sizeof(e)));
		goto fail;
	}
	if ((ret = mbedtls_ssl_setup(&t->ssl, &t->conf)) ||
	    (o->server_name && (ret = mbedtls_ssl_set_hostname(&t->ssl, o->server_name)))) {
		r = unihv_fail(UNIHV_INTERNAL, "UNIHV_E_TLS", "session: %s",
			       tls_error(ret, e, sizeof(e)));
		goto fail;
	}
	if ((ret = mbedtls_net_connect(&t->net, host, port, MBEDTLS_NET_PROTO_TCP))) {
		r = unihv_fail(UNIHV_UNAVAILABLE, "UNIHV_E_CONNECT", "%s: %s", o->address,
			       tls_error(ret, e, sizeof(e)));
		goto fail;
	}
	/* Requests are written whole and then answered: Nagle would hold a
	 * request's last segment until the appliance acknowledges the ones
	 * before it (which lwIP may delay), a wait on every call. */
	int one = 1;
	setsockopt(t->net.fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	mbedtls_ssl_set_bio(&t->ssl, &t->net, bio_send, mbedtls_net_recv, mbedtls_net_recv_timeout);
	while ((ret = mbedtls_ssl_handshake(&t->ssl))) {
		if (ret == MBEDTLS_ERR_SSL_WANT_READ || ret == MBEDTLS_ERR_SSL_WANT_WRITE)
			continue;
		uint32_t flags = mbedtls_ssl_get_verify_result(&t->ssl);
		if (ret == MBEDTLS_ERR_X509_CERT_VERIFY_FAILED && flags && flags != (uint32_t)-1) {
			char info[256];
			mbedtls_x509_crt_verify_info(info, sizeof(info), "", flags);
			info[strcspn(info, "\n")] = '\0';
			r = unihv_fail(UNIHV_UNAUTHENTICATED, "UNIHV_E_TLS",
				       "server certificate rejected: %s", info);
		} else if (ret == MBEDTLS_ERR_SSL_TIMEOUT) {
			r = unihv_fail(UNIHV_UNAVAILABLE, "UNIHV_E_TLS",
				       "handshake with %s: no answer within %u ms", o->address, timeout);
		} else {
			r = unihv_fail(UNIHV_UNAVAILABLE, "UNIHV_E_TLS", "handshake with %s: %s",
				       o->address, tls_error(ret, e, sizeof(e)));
		}
		goto fail;
	}

	struct unihv_transport tr = {
		.send = tls_send, .recv = tls_recv, .close = tls_close, .ctx = t,
	};
	*out = unihv_connection_new(&tr, timeout);
	if (!*out)
		return unihv_fail(UNIHV_RESOURCE_EXHAUSTED, "UNIHV_E_NO_MEMORY", "out of memory");
	return unihv_ok();
fail:
	tls_free(t);
	return r;
}

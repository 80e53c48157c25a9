/*
 * The boot configuration bundle: a text file handed to the image as its
 * first boot module (built by tools/pki-init.sh), holding the management
 * endpoint's settings, the clients it admits and the PKI material:
 *
 *   unihv-config 1
 *   listen_port 7443                  (default 7443)
 *   max_sessions 8                    (default 8, at most MGMT_SESSIONS_LIMIT)
 *   handshake_timeout_ms 10000        (default 10000)
 *   idle_timeout_ms 300000            (default 300000)
 *   network dhcp                      (default; or: network A.B.C.D/N [gw A.B.C.D])
 *   client admin-cli admin            (certificate CN and role admin|read-only;
 *   client viewer read-only            at least one, at most MGMT_MAX_CLIENTS)
 *   begin ca / ... PEM ... / end ca   (required; the CA that signs client certificates)
 *   begin server_cert ... end server_cert   (required)
 *   begin server_key ... end server_key     (required)
 *
 * '#' starts a comment line, blank lines are ignored, words are separated by
 * blanks, unknown keys and repeated settings are errors.  Lines between
 * "begin X" and "end X" are kept verbatim.  Pure C, no lwIP or mbedTLS:
 * the X.509 contents are checked by mgmt/tls_endpoint.c.
 */
#ifndef UNIHV_MGMT_CONFIG_BUNDLE_H
#define UNIHV_MGMT_CONFIG_BUNDLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "mgmt/mgmt_role.h"
#include "net/net_config.h"

#define MGMT_MAX_CLIENTS 32
#define MGMT_SESSIONS_LIMIT 16 /* lwIP's heap (lwipopts.h) is sized for this many */

#define MGMT_DEFAULT_PORT 7443
#define MGMT_DEFAULT_SESSIONS 8
#define MGMT_DEFAULT_HANDSHAKE_MS 10000
#define MGMT_DEFAULT_IDLE_MS 300000

struct mgmt_client {
	char name[MGMT_CLIENT_NAME_MAX]; /* certificate subject CN */
	enum mgmt_role role;
};

/* A PEM block: NUL-terminated text; len counts the NUL (what mbedTLS's
 * PEM parsers expect). */
struct mgmt_pem {
	char *text;
	size_t len;
};

struct mgmt_config {
	uint16_t listen_port;
	unsigned max_sessions;
	uint32_t handshake_timeout_ms;
	uint32_t idle_timeout_ms;
	struct net_config network; /* DHCP unless the bundle says otherwise */
	bool network_given;        /* the bundle has a "network" line */
	struct mgmt_client clients[MGMT_MAX_CLIENTS];
	unsigned client_count;
	struct mgmt_pem ca, server_cert, server_key;
};

/*
 * Parse len bytes of bundle text (trailing NUL bytes, as some loaders pad
 * modules, are ignored).  On success fills *out (its PEM blocks are heap
 * copies: release with mgmt_config_free) and returns true.  Otherwise
 * returns false with *out empty and a sentence in why (NUL-terminated,
 * truncated to why_size) that names the line and what is wrong with it
 * ("bundle line 7: unknown role 'root'") or what is missing ("bundle has
 * no server_key").
 */
bool mgmt_config_parse(const char *text, size_t len, struct mgmt_config *out, char *why,
		       size_t why_size);

/* Free the PEM copies (the key's is wiped first) and empty *cfg. */
void mgmt_config_free(struct mgmt_config *cfg);

/* Wipe and free only the server key's copy (once it has been loaded). */
void mgmt_config_drop_key(struct mgmt_config *cfg);

/* The client entry whose name is exactly the len bytes at name, or NULL. */
const struct mgmt_client *mgmt_config_find_client(const struct mgmt_config *cfg, const char *name,
						  size_t len);

/* "admin" or "read-only". */
const char *mgmt_config_role_name(enum mgmt_role role);

#endif

/* Host tests for mgmt/config_bundle.c (the boot configuration bundle). */
#include <stdio.h>
#include <stdlib.h>
#include "harness.h"
#include "mgmt/config_bundle.h"

#define IP(a, b, c, d) ((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8 | (uint32_t)(d))

#define PEM_CA "-----BEGIN CERTIFICATE-----\nQ0E=\n-----END CERTIFICATE-----\n"
#define PEM_CERT "-----BEGIN CERTIFICATE-----\nU0VSVkVS\n-----END CERTIFICATE-----\n"
#define PEM_KEY "-----BEGIN PRIVATE KEY-----\nS0VZ\n-----END PRIVATE KEY-----\n"

#define BLOCKS                                                                 \
	"begin ca\n" PEM_CA "end ca\n"                                         \
	"begin server_cert\n" PEM_CERT "end server_cert\n"                     \
	"begin server_key\n" PEM_KEY "end server_key\n"

static char why[256];

static bool parse(const char *text, struct mgmt_config *cfg)
{
	return mgmt_config_parse(text, strlen(text), cfg, why, sizeof(why));
}

/* text must be refused with a message that contains needle. */
static void refused(const char *text, const char *needle)
{
	struct mgmt_config cfg;

	if (parse(text, &cfg)) {
		mgmt_config_free(&cfg);
		fail_msg("accepted a bundle that should fail with \"%s\"", needle);
	}
	if (!strstr(why, needle))
		fail_msg("error \"%s\" does not mention \"%s\"", why, needle);
	assert_null(cfg.ca.text);
	assert_null(cfg.server_key.text);
}

static void test_minimal_bundle_gets_defaults(void **state)
{
	struct mgmt_config cfg;

	assert_true(parse("unihv-config 1\nclient admin-cli admin\n" BLOCKS, &cfg));
	assert_int_equal(cfg.listen_port, 7443);
	assert_int_equal(cfg.max_sessions, 8);
	assert_int_equal(cfg.handshake_timeout_ms, 10000);
	assert_int_equal(cfg.idle_timeout_ms, 300000);
	assert_true(cfg.network.dhcp);
	assert_false(cfg.network_given);
	assert_int_equal(cfg.client_count, 1);
	assert_string_equal(cfg.clients[0].name, "admin-cli");
	assert_int_equal(cfg.clients[0].role, MGMT_ROLE_ADMIN);
	/* PEM blocks are kept verbatim, NUL-terminated, len counting the NUL. */
	assert_string_equal(cfg.ca.text, PEM_CA);
	assert_int_equal(cfg.ca.len, strlen(PEM_CA) + 1);
	assert_string_equal(cfg.server_cert.text, PEM_CERT);
	assert_string_equal(cfg.server_key.text, PEM_KEY);
	assert_string_equal(why, "");
	mgmt_config_free(&cfg);
	assert_null(cfg.ca.text);
}

static void test_full_bundle(void **state)
{
	struct mgmt_config cfg;
	const char *text =
		"# made by tools/pki-init.sh\n"
		"unihv-config 1\n"
		"\n"
		"listen_port 8443\n"
		"max_sessions 2\n"
		"  handshake_timeout_ms\t5000  \n"
		"idle_timeout_ms 60000\n"
		"network 10.0.2.15/24 gw 10.0.2.2\n"
		"   # indented comment\n"
		"client admin-cli admin\n"
		"client viewer read-only\n" BLOCKS;

	assert_true(parse(text, &cfg));
	assert_int_equal(cfg.listen_port, 8443);
	assert_int_equal(cfg.max_sessions, 2);
	assert_int_equal(cfg.handshake_timeout_ms, 5000);
	assert_int_equal(cfg.idle_timeout_ms, 60000);
	assert_true(cfg.network_given);
	assert_false(cfg.network.dhcp);
	assert_int_equal(cfg.network.address, IP(10, 0, 2, 15));
	assert_int_equal(cfg.network.netmask, IP(255, 255, 255, 0));
	assert_int_equal(cfg.network.gateway, IP(10, 0, 2, 2));
	assert_int_equal(cfg.client_count, 2);
	const struct mgmt_client *c = mgmt_config_find_client(&cfg, "viewer", 6);
	assert_non_null(c);
	assert_int_equal(c->role, MGMT_ROLE_READ_ONLY);
	assert_null(mgmt_config_find_client(&cfg, "viewe", 5));
	assert_null(mgmt_config_find_client(&cfg, "viewer2", 7));
	assert_null(mgmt_config_find_client(&cfg, "ADMIN-CLI", 9));
	assert_string_equal(mgmt_config_role_name(c->role), "read-only");
	assert_string_equal(mgmt_config_role_name(MGMT_ROLE_ADMIN), "admin");
	mgmt_config_free(&cfg);
}

static void test_network_forms(void **state)
{
	struct mgmt_config cfg;

	assert_true(parse("unihv-config 1\nnetwork dhcp\nclient a admin\n" BLOCKS, &cfg));
	assert_true(cfg.network_given);
	assert_true(cfg.network.dhcp);
	mgmt_config_free(&cfg);
	assert_true(parse("unihv-config 1\nnetwork 192.168.1.7/16\nclient a admin\n" BLOCKS, &cfg));
	assert_int_equal(cfg.network.gateway, 0);
	mgmt_config_free(&cfg);

	refused("unihv-config 1\nnetwork 10.0.2.0/24\nclient a admin\n" BLOCKS,
		"bundle line 2: network: the address is the subnet's network or broadcast address");
	refused("unihv-config 1\nnetwork 10.0.2.15/24 gw 10.0.3.1\nclient a admin\n" BLOCKS,
		"bundle line 2: network: the gateway is not another address inside");
	refused("unihv-config 1\nnetwork 127.0.0.1/8\nclient a admin\n" BLOCKS, "not a unicast");
	refused("unihv-config 1\nnetwork 10.0.2.15\nclient a admin\n" BLOCKS,
		"bundle line 2: network takes 'dhcp' or 'A.B.C.D/N'");
	refused("unihv-config 1\nnetwork 10.0.2.15/24 via 10.0.2.2\nclient a admin\n" BLOCKS,
		"bundle line 2: network takes");
	refused("unihv-config 1\nnetwork 10.0.2.15/24 gw 10.0.2\nclient a admin\n" BLOCKS,
		"bundle line 2: network: not a dotted quad");
}

static void test_errors_name_the_line(void **state)
{
	refused("unihv-config 1\nclient a admin\n\n# x\nlisten_port 7443\n"
		"max_sessions 8\nclient viewer root\n" BLOCKS,
		"bundle line 7: unknown role 'root'");
	refused("unihv-config 1\nclient a admin\nlisten_pot 7443\n" BLOCKS,
		"bundle line 3: unknown key 'listen_pot'");
	refused("unihv-config 1\nlisten_port 0\n", "bundle line 2: listen_port '0' is not a number "
						   "from 1 to 65535");
	refused("unihv-config 1\nlisten_port 65536\n", "listen_port '65536' is not a number");
	refused("unihv-config 1\nlisten_port 80x\n", "listen_port '80x' is not a number");
	refused("unihv-config 1\nlisten_port -1\n", "listen_port '-1' is not a number");
	refused("unihv-config 1\nlisten_port 0080\n", "listen_port '0080' is not a number");
	refused("unihv-config 1\nlisten_port\n", "bundle line 2: listen_port takes one number");
	refused("unihv-config 1\nlisten_port 1 2\n", "bundle line 2: listen_port takes one number");
	refused("unihv-config 1\nmax_sessions 17\n", "max_sessions '17' is not a number from 1 to 16");
	refused("unihv-config 1\nmax_sessions 0\n", "max_sessions '0' is not a number");
	refused("unihv-config 1\nhandshake_timeout_ms 99\n", "from 100 to 600000");
	refused("unihv-config 1\nidle_timeout_ms 99999999999\n", "idle_timeout_ms '99999999999'");
	refused("unihv-config 1\nlisten_port 1\nlisten_port 2\n",
		"bundle line 3: listen_port given twice (first on line 2)");
	refused("unihv-config 1\nnetwork dhcp\nnetwork dhcp\n", "bundle line 3: network given twice");
	refused("unihv-config 1\nunihv-config 1\n", "bundle line 2: unihv-config given twice");
	refused("unihv-config 1\nend ca\n", "bundle line 2: 'end' without 'begin'");
	refused("unihv-config 1\na b c d e f g\n", "bundle line 2: too many words");
}

static void test_header(void **state)
{
	refused("", "bundle is empty");
	refused("# only a comment\n\n", "bundle is empty");
	refused("listen_port 7443\n", "bundle line 1: expected 'unihv-config 1' first, found "
				      "'listen_port'");
	refused("# c\nunihv-config 2\n", "bundle line 2: unsupported bundle version '2'");
	refused("unihv-config\n", "unsupported bundle version ''");

	struct mgmt_config cfg;
	static const char elf[] = "\x7f" "ELF\x02\x01\x01\0\0\0\x02";
	assert_false(mgmt_config_parse(elf, sizeof(elf), &cfg, why, sizeof(why)));
	assert_string_equal(why, "bundle holds a NUL byte: not a text file");
}

static void test_clients(void **state)
{
	char text[8192];
	struct mgmt_config cfg;
	size_t n = (size_t)snprintf(text, sizeof(text), "unihv-config 1\n");

	for (int i = 0; i < MGMT_MAX_CLIENTS; i++)
		n += (size_t)snprintf(text + n, sizeof(text) - n, "client c%d %s\n", i,
				      i % 2 ? "admin" : "read-only");
	snprintf(text + n, sizeof(text) - n, "%s", BLOCKS);
	assert_true(parse(text, &cfg));
	assert_int_equal(cfg.client_count, MGMT_MAX_CLIENTS);
	assert_int_equal(mgmt_config_find_client(&cfg, "c31", 3)->role, MGMT_ROLE_ADMIN);
	mgmt_config_free(&cfg);
	/* One more is too many. */
	snprintf(text + n, sizeof(text) - n, "client extra admin\n%s", BLOCKS);
	refused(text, "bundle line 34: more than 32 clients");

	refused("unihv-config 1\nclient a admin\nclient a read-only\n",
		"bundle line 3: client 'a' is listed twice");
	refused("unihv-config 1\nclient a\n", "bundle line 2: client takes a certificate name and a role");
	refused("unihv-config 1\nclient a admin extra\n", "client takes");
	refused("unihv-config 1\nclient a Admin\n", "unknown role 'Admin'");
	refused("unihv-config 1\nclient "
		"0123456789012345678901234567890123456789012345678901234567890123 admin\n",
		"is longer than 63 bytes");
	refused("unihv-config 1\nclient caf\xc3\xa9 admin\n", "not printable ASCII");
	/* 63 bytes is the longest name. */
	assert_true(parse("unihv-config 1\nclient "
			  "012345678901234567890123456789012345678901234567890123456789012 admin\n"
			  BLOCKS, &cfg));
	mgmt_config_free(&cfg);
}

static void test_blocks(void **state)
{
	struct mgmt_config cfg;

	refused("unihv-config 1\nclient a admin\n", "bundle has no ca");
	refused("unihv-config 1\nclient a admin\nbegin ca\n" PEM_CA "end ca\n",
		"bundle has no server_cert");
	refused("unihv-config 1\nclient a admin\nbegin ca\n" PEM_CA "end ca\nbegin server_cert\n"
		PEM_CERT "end server_cert\n", "bundle has no server_key");
	refused("unihv-config 1\n" BLOCKS, "bundle lists no client");
	refused("unihv-config 1\nclient a admin\nbegin ca\n" PEM_CA,
		"bundle line 3: 'begin ca' has no matching 'end ca'");
	refused("unihv-config 1\nclient a admin\nbegin ca\n" PEM_CA "begin server_cert\n",
		"bundle line 7: 'begin server_cert' inside the ca block (which began on line 3)");
	refused("unihv-config 1\nclient a admin\nbegin ca\n" PEM_CA "end server_key\n",
		"'end server_key' inside the ca block");
	refused("unihv-config 1\nclient a admin\nbegin ca\nnot pem\nend ca\n",
		"bundle line 3: the ca block holds no PEM data");
	refused("unihv-config 1\nclient a admin\nbegin ca\nend ca\n", "the ca block holds no PEM data");
	refused("unihv-config 1\nbegin crl\n", "bundle line 2: unknown block 'crl'");
	refused("unihv-config 1\nbegin\n", "bundle line 2: begin takes one block name");
	refused("unihv-config 1\nclient a admin\n" BLOCKS "begin ca\n" PEM_CA "end ca\n",
		"bundle line 18: ca given twice (first on line 3)");
	/* Lines after a block are counted: the error after it names its line. */
	refused("unihv-config 1\nbegin ca\n" PEM_CA "end ca\nbogus\n", "bundle line 7: unknown key");

	/* CR LF line ends, blanks around "end", trailing NUL padding, a chain of
	 * two certificates in the ca block. */
	const char *crlf = "unihv-config 1\r\nclient a admin\r\nbegin ca\r\n" PEM_CA PEM_CA
			   "  end ca  \r\nbegin server_cert\n" PEM_CERT "end server_cert\n"
			   "begin server_key\n" PEM_KEY "end server_key";
	char padded[1024];
	size_t len = strlen(crlf);
	memcpy(padded, crlf, len);
	memset(padded + len, 0, 16);
	assert_true(mgmt_config_parse(padded, len + 16, &cfg, why, sizeof(why)));
	assert_string_equal(cfg.ca.text, PEM_CA PEM_CA);
	assert_string_equal(cfg.server_key.text, PEM_KEY);
	mgmt_config_drop_key(&cfg);
	assert_null(cfg.server_key.text);
	assert_non_null(cfg.ca.text);
	mgmt_config_free(&cfg);
}

static void test_error_truncated_to_buffer(void **state)
{
	struct mgmt_config cfg;
	char small[16];

	assert_false(mgmt_config_parse("unihv-config 1\nclient a root\n", 30, &cfg, small,
				       sizeof(small)));
	assert_int_equal(strlen(small), sizeof(small) - 1);
	assert_memory_equal(small, "bundle line 2: ", 15);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_minimal_bundle_gets_defaults),
		cmocka_unit_test(test_full_bundle),
		cmocka_unit_test(test_network_forms),
		cmocka_unit_test(test_errors_name_the_line),
		cmocka_unit_test(test_header),
		cmocka_unit_test(test_clients),
		cmocka_unit_test(test_blocks),
		cmocka_unit_test(test_error_truncated_to_buffer),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* Host tests for net/net_config.c (ip= and gw= boot options). */
#include "harness.h"
#include "net/net_config.h"

#define IP(a, b, c, d) ((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8 | (uint32_t)(d))

static void test_dhcp_by_default(void **state)
{
	struct net_config c;

	assert_null(net_config_parse("", &c));
	assert_true(c.dhcp);
	assert_null(net_config_parse("test=echo loglevel=3", &c));
	assert_true(c.dhcp);
	assert_null(net_config_parse("ip=dhcp", &c));
	assert_true(c.dhcp);
	assert_int_equal(c.address, 0);
}

static void test_static_address(void **state)
{
	struct net_config c;

	assert_null(net_config_parse("ip=10.0.2.15/24 gw=10.0.2.2", &c));
	assert_false(c.dhcp);
	assert_int_equal(c.address, IP(10, 0, 2, 15));
	assert_int_equal(c.netmask, IP(255, 255, 255, 0));
	assert_int_equal(c.gateway, IP(10, 0, 2, 2));
	assert_null(net_config_parse("ip=192.168.1.7/16", &c));
	assert_int_equal(c.netmask, IP(255, 255, 0, 0));
	assert_int_equal(c.gateway, 0);
	/* /31 and /32 have no network or broadcast address (RFC 3021). */
	assert_null(net_config_parse("ip=10.0.0.0/31", &c));
	assert_null(net_config_parse("ip=10.0.0.1/32", &c));
	assert_int_equal(c.netmask, 0xffffffffu);
	assert_null(net_config_parse("ip=1.2.3.4/1", &c));
	assert_int_equal(c.netmask, 0x80000000u);
	/* The last ip= wins, as for every option. */
	assert_null(net_config_parse("ip=dhcp ip=10.1.1.1/8", &c));
	assert_int_equal(c.address, IP(10, 1, 1, 1));
}

static void test_malformed_address(void **state)
{
	struct net_config c;

	assert_error(net_config_parse("ip=10.0.2.15", &c), "A.B.C.D/N");
	assert_true(c.dhcp);
	assert_error(net_config_parse("ip=10.0.2/24", &c), "dotted quad");
	assert_error(net_config_parse("ip=10.0.2.256/24", &c), "dotted quad");
	assert_error(net_config_parse("ip=10.0.2.15.1/24", &c), "dotted quad");
	assert_error(net_config_parse("ip=10..2.15/24", &c), "dotted quad");
	assert_error(net_config_parse("ip=10.0.2.1x/24", &c), "dotted quad");
	assert_error(net_config_parse("ip=-1.0.2.1/24", &c), "dotted quad");
	assert_error(net_config_parse("ip=1000.0.2.1/24", &c), "dotted quad");
	assert_error(net_config_parse("ip=10.0.2.15/", &c), "prefix length");
	assert_error(net_config_parse("ip=10.0.2.15/0", &c), "prefix length");
	assert_error(net_config_parse("ip=10.0.2.15/33", &c), "prefix length");
	assert_error(net_config_parse("ip=10.0.2.15/2x", &c), "prefix length");
	assert_error(net_config_parse("ip=10.0.2.15/024", &c), "prefix length");
	assert_error(net_config_parse("ip", &c), "A.B.C.D/N");
	assert_error(net_config_parse("ip=0123456789012345678901234567890123/8", &c), "too long");
}

static void test_address_must_be_a_host(void **state)
{
	struct net_config c;

	assert_error(net_config_parse("ip=10.0.2.0/24", &c), "network or broadcast");
	assert_error(net_config_parse("ip=10.0.2.255/24", &c), "network or broadcast");
	assert_error(net_config_parse("ip=0.0.0.0/8", &c), "unicast");
	assert_error(net_config_parse("ip=127.0.0.1/8", &c), "unicast");
	assert_error(net_config_parse("ip=224.0.0.1/4", &c), "unicast");
	assert_error(net_config_parse("ip=255.255.255.255/32", &c), "unicast");
}

static void test_gateway(void **state)
{
	struct net_config c;

	assert_error(net_config_parse("ip=10.0.2.15/24 gw=10.0.3.1", &c), "inside the ip= subnet");
	assert_error(net_config_parse("ip=10.0.2.15/24 gw=10.0.2.15", &c), "another address");
	assert_error(net_config_parse("ip=10.0.2.15/24 gw=10.0.2", &c), "gw=");
	assert_error(net_config_parse("ip=10.0.2.15/24 gw", &c), "gw=");
	assert_error(net_config_parse("ip=10.0.2.15/24 gw=10.0.2.2.2.2.2.2.2.2", &c), "gw=");
	assert_error(net_config_parse("gw=10.0.2.2", &c), "needs ip=");
	assert_error(net_config_parse("ip=dhcp gw=10.0.2.2", &c), "needs ip=");
	assert_true(c.dhcp);
}

static void test_parse_ipv4(void **state)
{
	uint32_t v;

	assert_true(net_parse_ipv4("0.0.0.0", &v));
	assert_int_equal(v, 0);
	assert_true(net_parse_ipv4("255.255.255.255", &v));
	assert_int_equal(v, 0xffffffffu);
	assert_true(net_parse_ipv4("001.002.003.004", &v));
	assert_int_equal(v, IP(1, 2, 3, 4));
	assert_false(net_parse_ipv4("", &v));
	assert_false(net_parse_ipv4("1.2.3.4 ", &v));
	assert_false(net_parse_ipv4(" 1.2.3.4", &v));
	assert_false(net_parse_ipv4("1.2.3.", &v));
	assert_false(net_parse_ipv4("0x1.2.3.4", &v));
	assert_false(net_parse_ipv4("0001.2.3.4", &v));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dhcp_by_default),
		cmocka_unit_test(test_static_address),
		cmocka_unit_test(test_malformed_address),
		cmocka_unit_test(test_address_must_be_a_host),
		cmocka_unit_test(test_gateway),
		cmocka_unit_test(test_parse_ipv4),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

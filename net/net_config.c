#include <string.h>
#include "net/net_config.h"
#include "boot/cmdline.h"

bool net_parse_ipv4(const char *s, uint32_t *out)
{
	uint32_t v = 0;

	for (int part = 0; part < 4; part++) {
		unsigned octet = 0, digits = 0;
		while (*s >= '0' && *s <= '9') {
			octet = octet * 10 + (unsigned)(*s++ - '0');
			if (++digits > 3 || octet > 255)
				return false;
		}
		if (digits == 0 || *s != (part == 3 ? '\0' : '.'))
			return false;
		s++;
		v = v << 8 | octet;
	}
	*out = v;
	return true;
}

/* ip (A.B.C.D/N) and gw (NULL when none, "" when malformed) into *out. */
static const char *parse_static(const char *ip, const char *gw, struct net_config *out)
{
	char addr[16];
	const char *slash = strchr(ip, '/');
	unsigned prefix = 0, digits = 0;

	if (!slash || (size_t)(slash - ip) >= sizeof(addr))
		return "ip= needs the form A.B.C.D/N (for example ip=10.0.2.15/24)";
	memcpy(addr, ip, (size_t)(slash - ip));
	addr[slash - ip] = '\0';
	if (!net_parse_ipv4(addr, &out->address))
		return "ip=: the address is not a dotted quad A.B.C.D";
	for (const char *p = slash + 1; *p; p++) {
		if (*p < '0' || *p > '9' || ++digits > 2)
			return "ip=: the prefix length after / is not a number from 1 to 32";
		prefix = prefix * 10 + (unsigned)(*p - '0');
	}
	if (digits == 0 || prefix < 1 || prefix > 32)
		return "ip=: the prefix length after / is not a number from 1 to 32";
	out->netmask = (uint32_t)(0xffffffffull << (32 - prefix));
	uint32_t host = out->address & ~out->netmask;
	if (out->address == 0 || (out->address >> 24) >= 224 || (out->address >> 24) == 127)
		return "ip=: not a unicast address";
	if (prefix <= 30 && (host == 0 || host == ~out->netmask))
		return "ip=: the address is the subnet's network or broadcast address";
	if (!gw)
		return NULL;
	if (!net_parse_ipv4(gw, &out->gateway))
		return "gw=: not a dotted quad A.B.C.D";
	if ((out->gateway & out->netmask) != (out->address & out->netmask) ||
	    out->gateway == out->address)
		return "gw=: the gateway is not another address inside the ip= subnet";
	return NULL;
}

const char *net_config_parse(const char *cmdline, struct net_config *out)
{
	char ip[32];
	const char *why = NULL;

	memset(out, 0, sizeof(*out));
	out->dhcp = true;
	if (!cmdline_get(cmdline, "ip", ip, sizeof(ip))) {
		if (cmdline_has(cmdline, "ip"))
			why = "ip=: value too long";
		else if (cmdline_has(cmdline, "gw"))
			why = "gw= needs ip=A.B.C.D/N (a DHCP server names the gateway)";
		return why;
	}
	if (strcmp(ip, "dhcp") == 0)
		return cmdline_has(cmdline, "gw") ? "gw= needs ip=A.B.C.D/N (a DHCP server names the gateway)" : NULL;
	char gw[16];
	const char *gwp = NULL;
	if (cmdline_get(cmdline, "gw", gw, sizeof(gw)))
		gwp = gw;
	else if (cmdline_has(cmdline, "gw"))
		gwp = ""; /* present but too long or empty: not a dotted quad */
	return net_config_static(ip, gwp, out);
}

const char *net_config_static(const char *address, const char *gateway, struct net_config *out)
{
	memset(out, 0, sizeof(*out));
	const char *why = parse_static(address, gateway, out);
	if (why) {
		memset(out, 0, sizeof(*out));
		out->dhcp = true;
	}
	return why;
}

bool net_config_names_address(const char *cmdline)
{
	return cmdline_has(cmdline, "ip") || cmdline_has(cmdline, "gw");
}

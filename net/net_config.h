/*
 * Network settings from the boot command line:
 *   ip=A.B.C.D/N   static IPv4 address and prefix length (1..32)
 *   gw=A.B.C.D     default gateway (with ip=; must be inside the subnet)
 *   ip=dhcp        (or no ip= at all) DHCP
 * Pure functions, no lwIP.
 */
#ifndef UNIHV_NET_NET_CONFIG_H
#define UNIHV_NET_NET_CONFIG_H

#include <stdbool.h>
#include <stdint.h>

struct net_config {
	bool dhcp;
	/* Host byte order; zero when DHCP or no gateway. */
	uint32_t address, netmask, gateway;
};

/*
 * Fill *out from cmdline.  Returns NULL, or a sentence naming the option
 * and what is wrong with it (then *out is DHCP).
 */
const char *net_config_parse(const char *cmdline, struct net_config *out);

/*
 * A static address given as separate words (the configuration bundle's
 * "network A.B.C.D/N gw A.B.C.D"): address is "A.B.C.D/N", gateway a
 * dotted quad or NULL for none.  The same checks and sentences as ip= and
 * gw=; returns NULL or why (then *out is DHCP).
 */
const char *net_config_static(const char *address, const char *gateway, struct net_config *out);

/* Whether the command line chooses the address itself (has ip= or gw=). */
bool net_config_names_address(const char *cmdline);

/* Parse a strict dotted quad ("10.0.2.15": four decimal octets). */
bool net_parse_ipv4(const char *s, uint32_t *out);

#endif

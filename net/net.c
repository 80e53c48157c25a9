/*
 * Bring-up and the poll loop of the network endpoint (see net/net.h).
 */
#include <stdio.h>
#include "net/net.h"
#include "net/net_config.h"
#include "net/netif_glue.h"
#include "net/random.h"
#include "net/tcp_isn.h"
#include "drivers/netdev.h"
#include "console/log.h"
#include "time/clock.h"
#include "lwip/dhcp.h"
#include "lwip/init.h"
#include "lwip/ip4_addr.h"
#include "lwip/stats.h"
#include "lwip/timeouts.h"
#include "netif/ethernet.h"

#define POLL_BUDGET 64
#define LINK_CHECK_NS 100000000ull

static struct netif netif;
static struct netdev *nd;
static bool enabled, dhcp;
static uint64_t next_link_check;

static void format_ip(char *buf, size_t size, const ip4_addr_t *a)
{
	uint32_t v = lwip_ntohl(ip4_addr_get_u32(a));
	snprintf(buf, size, "%u.%u.%u.%u", v >> 24, (v >> 16) & 255, (v >> 8) & 255, v & 255);
}

/* lwIP calls this when the interface goes up or down or its address changes. */
static void status_changed(struct netif *n)
{
	char a[16], m[16], g[16];

	format_ip(a, sizeof(a), netif_ip4_addr(n));
	format_ip(m, sizeof(m), netif_ip4_netmask(n));
	format_ip(g, sizeof(g), netif_ip4_gw(n));
	if (ip4_addr_isany_val(*netif_ip4_addr(n)))
		log_info("net: %s has no address yet%s", nd->name, dhcp ? " (DHCP)" : "");
	else
		log_info("net: %s address %s netmask %s gateway %s (%s)", nd->name, a, m, g,
			 dhcp ? "DHCP" : "static");
}

void net_init(const char *cmdline)
{
	net_init_with(cmdline, NULL);
}

void net_init_with(const char *cmdline, const struct net_config *fallback)
{
	struct net_config cfg;
	const char *why = NULL;

	if (fallback && !net_config_names_address(cmdline))
		cfg = *fallback;
	else
		why = net_config_parse(cmdline, &cfg);

	if (netdev_probe_pci() == 0) {
		log_info("net: no supported network card (virtio-net, e1000); networking off");
		return;
	}
	if (why) {
		log_error("net: %s; networking off", why);
		return;
	}
	nd = netdev_at(0);
	if (netdev_count() > 1)
		log_info("net: using %s; the other cards stay idle", nd->name);
	net_random_init();
	tcp_isn_init();
	lwip_init();

	ip4_addr_t addr, mask, gw;
	ip4_addr_set_u32(&addr, lwip_htonl(cfg.address));
	ip4_addr_set_u32(&mask, lwip_htonl(cfg.netmask));
	ip4_addr_set_u32(&gw, lwip_htonl(cfg.gateway));
	dhcp = cfg.dhcp;
	if (!netif_add(&netif, &addr, &mask, &gw, nd, netif_glue_init, ethernet_input)) {
		log_error("net: lwIP refused the interface; networking off");
		return;
	}
	netif_set_default(&netif);
	netif_set_status_callback(&netif, status_changed);
	netif_set_up(&netif);
	netif_glue_check_link(&netif);
	next_link_check = clock_ns() + LINK_CHECK_NS;
	if (dhcp && dhcp_start(&netif) != ERR_OK) {
		log_error("net: DHCP could not start; networking off");
		netif_set_down(&netif);
		return;
	}
	enabled = true;
}

bool net_enabled(void)
{
	return enabled;
}

unsigned net_poll(void)
{
	if (!enabled)
		return 0;
	unsigned n = netif_glue_poll(&netif, POLL_BUDGET);
	uint64_t now = clock_ns();
	if (now >= next_link_check) {
		netif_glue_check_link(&netif);
		next_link_check = now + LINK_CHECK_NS;
	}
	sys_check_timeouts();
	return n;
}

bool net_is_up(void)
{
	return enabled && netif_is_up(&netif) && netif_is_link_up(&netif) &&
	       !ip4_addr_isany_val(*netif_ip4_addr(&netif));
}

void net_address_string(char *buf, size_t size)
{
	ip4_addr_t none = { 0 };
	format_ip(buf, size, enabled ? netif_ip4_addr(&netif) : &none);
}

void net_log_stats(void)
{
	if (!enabled)
		return;
	const struct netdev_stats *s = &nd->stats;
	const struct netif_glue_stats *g = netif_glue_stats();
	log_info("net: %s rx %llu frames %llu bytes, tx %llu frames %llu bytes, rx errors %llu, "
		 "tx busy %llu, tx invalid %llu, resets %llu", nd->name,
		 (unsigned long long)s->rx_frames, (unsigned long long)s->rx_bytes,
		 (unsigned long long)s->tx_frames, (unsigned long long)s->tx_bytes,
		 (unsigned long long)s->rx_errors, (unsigned long long)s->tx_busy,
		 (unsigned long long)s->tx_invalid, (unsigned long long)s->resets);
	log_info("net: frames dropped: rx no pbuf %llu, rx too long %llu, tx %llu; TCP segments "
		 "sent %u, received %u, dropped %u, memory errors %u",
		 (unsigned long long)g->rx_no_pbuf, (unsigned long long)g->rx_too_long,
		 (unsigned long long)g->tx_dropped, (unsigned)lwip_stats.tcp.xmit,
		 (unsigned)lwip_stats.tcp.recv, (unsigned)lwip_stats.tcp.drop,
		 (unsigned)lwip_stats.tcp.memerr);
}

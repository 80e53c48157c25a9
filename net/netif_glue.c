#include <string.h>
#include "net/netif_glue.h"
#include "console/log.h"
#include "time/clock.h"
#include "arch/cpu.h"
#include "lwip/etharp.h"
#include "lwip/pbuf.h"
#include "netif/ethernet.h"

/* How long lwIP's output waits for a full transmit ring to drain before
 * the frame is dropped (TCP then retransmits it). */
#define TX_WAIT_NS 10000000ull
#define MAX_RX_FRAME 2048

static struct netif_glue_stats stats;

const struct netif_glue_stats *netif_glue_stats(void)
{
	return &stats;
}

static struct netdev *dev_of(struct netif *netif)
{
	return (struct netdev *)netif->state;
}

/* netif->linkoutput: one complete Ethernet frame in a pbuf chain. */
static err_t glue_linkoutput(struct netif *netif, struct pbuf *p)
{
	static uint8_t bounce[NETDEV_MAX_FRAME];
	struct netdev_frag frags[NETDEV_MAX_FRAGS];
	struct netdev *nd = dev_of(netif);
	unsigned n = 0;
	struct pbuf *q;

	for (q = p; q && n < NETDEV_MAX_FRAGS; q = q->next)
		frags[n++] = (struct netdev_frag){ q->payload, q->len };
	if (q) { /* longer chain than the driver takes: flatten it */
		if (p->tot_len > sizeof(bounce)) {
			stats.tx_dropped++;
			return ERR_IF;
		}
		frags[0] = (struct netdev_frag){ bounce, pbuf_copy_partial(p, bounce, p->tot_len, 0) };
		n = 1;
	}
	uint64_t t0 = clock_ns();
	enum netdev_tx_status st;
	while ((st = nd->ops->transmit(nd, frags, n)) == NETDEV_TX_BUSY &&
	       clock_ns() - t0 < TX_WAIT_NS)
		cpu_relax();
	if (st == NETDEV_TX_OK)
		return ERR_OK;
	stats.tx_dropped++;
	return st == NETDEV_TX_BUSY ? ERR_MEM : ERR_IF;
}

err_t netif_glue_init(struct netif *netif)
{
	struct netdev *nd = dev_of(netif);

	netif->name[0] = 'e';
	netif->name[1] = 'n';
	netif->output = etharp_output;
	netif->linkoutput = glue_linkoutput;
	netif->mtu = 1500;
	netif->hwaddr_len = ETH_HWADDR_LEN;
	memcpy(netif->hwaddr, nd->mac, ETH_HWADDR_LEN);
	netif->flags = NETIF_FLAG_BROADCAST | NETIF_FLAG_ETHARP | NETIF_FLAG_ETHERNET;
	netif_set_hostname(netif, "unihv");
	return ERR_OK;
}

static void glue_rx(void *ctx, const void *frame, size_t len)
{
	struct netif *netif = ctx;

	if (len > MAX_RX_FRAME) {
		stats.rx_too_long++;
		return;
	}
	struct pbuf *p = pbuf_alloc(PBUF_RAW, (u16_t)len, PBUF_POOL);
	if (!p) {
		stats.rx_no_pbuf++;
		return;
	}
	pbuf_take(p, frame, (u16_t)len);
	if (netif->input(p, netif) != ERR_OK)
		pbuf_free(p);
}

unsigned netif_glue_poll(struct netif *netif, unsigned budget)
{
	struct netdev *nd = dev_of(netif);
	return nd->ops->poll(nd, glue_rx, netif, budget);
}

void netif_glue_check_link(struct netif *netif)
{
	struct netdev *nd = dev_of(netif);
	bool up = nd->ops->link_up(nd);

	if (up == (bool)netif_is_link_up(netif))
		return;
	log_info("%s: link %s", nd->name, up ? "up" : "down");
	if (up)
		netif_set_link_up(netif);
	else
		netif_set_link_down(netif);
}

/*
 * An lwIP netif over any struct netdev (drivers/netdev.h).  Internal to
 * net/: it needs lwIP's headers.
 */
#ifndef UNIHV_NET_NETIF_GLUE_H
#define UNIHV_NET_NETIF_GLUE_H

#include "lwip/netif.h"
#include "drivers/netdev.h"

/* Counters of the glue itself. */
struct netif_glue_stats {
	uint64_t rx_no_pbuf;  /* received frames dropped: lwIP's pool was empty */
	uint64_t rx_too_long; /* received frames longer than lwIP takes */
	uint64_t tx_dropped;  /* frames lwIP sent that the device would not take */
};

/*
 * netif_add() init function; netif->state must be the struct netdev.
 * Sets the MAC, MTU 1500, Ethernet/ARP flags, hostname "unihv".
 */
err_t netif_glue_init(struct netif *netif);

/* Feed up to budget received frames to netif->input.  Returns how many. */
unsigned netif_glue_poll(struct netif *netif, unsigned budget);

/* Ask the device for its carrier and tell lwIP when it changed. */
void netif_glue_check_link(struct netif *netif);

const struct netif_glue_stats *netif_glue_stats(void);

#endif

/*
 * virtio-net driver (Virtio 1.1 section 5.1) over either virtio-pci
 * transport.  Features: MAC and STATUS only, so every frame fits one
 * 2 KiB buffer behind a header that stays zero (5.1.6: no checksum or
 * segmentation offload, no mergeable receive buffers).
 *
 * Buffer i of a queue always uses descriptor i; receive buffers go back to
 * the device as soon as the frame was handed up, transmit buffers come
 * back on a free list when the device has used them.
 */
#include <stdlib.h>
#include <string.h>
#include "drivers/virtio/virtio_net.h"
#include "drivers/virtio/virtio.h"
#include "drivers/dma.h"
#include "arch/cpu_features.h"
#include "console/log.h"
#include "time/clock.h"

#define VIRTIO_NET_MODERN_ID 0x1041       /* 4.1.2.1: 0x1040 + type 1 */
#define VIRTIO_NET_TRANSITIONAL_ID 0x1000 /* 4.1.2.3 */

/* 5.1.3 Feature bits */
#define VIRTIO_NET_F_MAC (1ull << 5)
#define VIRTIO_NET_F_STATUS (1ull << 16)
/* 5.1.4 Device configuration layout */
#define CONFIG_MAC 0
#define CONFIG_STATUS 6
#define VIRTIO_NET_S_LINK_UP 1

#define RX_QUEUE 0 /* 5.1.2: receiveq1 */
#define TX_QUEUE 1 /* transmitq1 */
#define QUEUE_MAX 256
#define BUF_SIZE 2048
/* 5.1.6 struct virtio_net_hdr: 10 bytes for a legacy device without
 * MRG_RXBUF (5.1.6.1), 12 (with num_buffers) once VERSION_1 is on. */
#define HDR_LEGACY 10
#define HDR_MODERN 12
#define TX_STALL_NS 1000000000ull

struct vnet {
	struct netdev nd;
	struct virtio_dev vd;
	struct virtq rx, tx;
	uint8_t *rx_bufs, *tx_bufs; /* nrx / ntx buffers of BUF_SIZE */
	uint16_t nrx, ntx;
	uint16_t *tx_free;
	uint16_t tx_free_count;
	unsigned hdr_len;
	uint64_t tx_busy_since;
};

static uint8_t *rx_buf(struct vnet *v, uint16_t id)
{
	return v->rx_bufs + (size_t)id * BUF_SIZE;
}

static uint8_t *tx_buf(struct vnet *v, uint16_t id)
{
	return v->tx_bufs + (size_t)id * BUF_SIZE;
}

static const char *alloc_buffers(struct vnet *v)
{
	v->nrx = v->rx.size < QUEUE_MAX ? v->rx.size : QUEUE_MAX;
	v->ntx = v->tx.size < QUEUE_MAX ? v->tx.size : QUEUE_MAX;
	v->rx_bufs = dma_alloc((size_t)v->nrx * BUF_SIZE);
	v->tx_bufs = dma_alloc((size_t)v->ntx * BUF_SIZE);
	v->tx_free = calloc(v->ntx, sizeof(*v->tx_free));
	if (!v->rx_bufs || !v->tx_bufs || !v->tx_free)
		return "out of memory for buffers";
	return NULL;
}

/* Reset the device and bring it up again (3.1.1).  NULL or why. */
static const char *vnet_start(struct vnet *v)
{
	const char *why = virtio_negotiate(&v->vd, VIRTIO_NET_F_MAC | VIRTIO_NET_F_STATUS);
	if (why)
		return why;
	if ((why = virtio_setup_queue(&v->vd, &v->rx, RX_QUEUE, QUEUE_MAX)) != NULL ||
	    (why = virtio_setup_queue(&v->vd, &v->tx, TX_QUEUE, QUEUE_MAX)) != NULL)
		return why;
	if (!v->rx_bufs && (why = alloc_buffers(v)) != NULL)
		return why;
	v->hdr_len = v->vd.t->modern ? HDR_MODERN : HDR_LEGACY;
	for (uint16_t i = 0; i < v->nrx; i++)
		virtq_add(&v->rx, i, dma_addr(rx_buf(v, i)), BUF_SIZE, true);
	virtq_publish(&v->rx);
	for (uint16_t i = 0; i < v->ntx; i++)
		v->tx_free[i] = i;
	v->tx_free_count = v->ntx;
	v->tx_busy_since = 0;
	virtio_driver_ok(&v->vd);
	v->vd.t->notify(&v->vd, &v->rx);
	return NULL;
}

/* netdev_ops.restart; on failure the device is left reset, without DMA. */
static const char *vnet_restart(struct netdev *nd)
{
	struct vnet *v = (struct vnet *)nd;
	const char *why = vnet_start(v);

	if (why) {
		nd->disabled = true;
		virtio_stop(&v->vd);
	}
	return why;
}

/* The device broke the protocol: reset it and start over, or give up. */
static void vnet_fault(struct vnet *v, const char *why)
{
	if (!netdev_fault(&v->nd, "%s", why)) {
		virtio_stop(&v->vd);
		return;
	}
	const char *err = vnet_restart(&v->nd);
	if (err)
		log_error("%s: restart failed: %s; device disabled", v->nd.name, err);
}

/* Take back transmit buffers the device is done with.  False on a fault. */
static bool reap_tx(struct vnet *v)
{
	uint16_t id;
	uint32_t len;
	const char *why;

	for (;;) {
		switch (virtq_get_used(&v->tx, &id, &len, &why)) {
		case VIRTQ_EMPTY:
			return true;
		case VIRTQ_BAD:
			vnet_fault(v, why);
			return false;
		case VIRTQ_USED:
			v->tx_free[v->tx_free_count++] = id;
			v->tx_busy_since = 0;
			break;
		}
	}
}

static enum netdev_tx_status vnet_transmit(struct netdev *nd, const struct netdev_frag *frags,
					   unsigned nfrags)
{
	struct vnet *v = (struct vnet *)nd;

	if (nd->disabled || !reap_tx(v))
		return NETDEV_TX_DOWN;
	if (v->tx_free_count == 0) {
		uint64_t now = clock_ns();
		nd->stats.tx_busy++;
		if (!v->tx_busy_since)
			v->tx_busy_since = now;
		else if (now - v->tx_busy_since > TX_STALL_NS)
			vnet_fault(v, "transmit queue not drained for 1 s");
		return nd->disabled ? NETDEV_TX_DOWN : NETDEV_TX_BUSY;
	}
	uint16_t id = v->tx_free[v->tx_free_count - 1];
	uint8_t *buf = tx_buf(v, id);
	memset(buf, 0, v->hdr_len);
	size_t len = netdev_gather(buf + v->hdr_len, BUF_SIZE - v->hdr_len, frags, nfrags);
	if (len == 0) {
		nd->stats.tx_invalid++;
		return NETDEV_TX_INVALID;
	}
	v->tx_free_count--;
	virtq_add(&v->tx, id, dma_addr(buf), (uint32_t)(v->hdr_len + len), false);
	virtq_publish(&v->tx);
	if (virtq_kick_needed(&v->tx))
		v->vd.t->notify(&v->vd, &v->tx);
	nd->stats.tx_frames++;
	nd->stats.tx_bytes += len;
	return NETDEV_TX_OK;
}

static unsigned vnet_poll(struct netdev *nd, netdev_rx_fn rx, void *ctx, unsigned budget)
{
	struct vnet *v = (struct vnet *)nd;
	unsigned delivered = 0, refilled = 0;
	uint16_t id;
	uint32_t len;
	const char *why;

	if (nd->disabled || !reap_tx(v))
		return 0;
	while (delivered < budget) {
		enum virtq_used_result r = virtq_get_used(&v->rx, &id, &len, &why);
		if (r == VIRTQ_EMPTY)
			break;
		if (r == VIRTQ_BAD) {
			vnet_fault(v, why);
			return delivered;
		}
		if (len < v->hdr_len + 14) {
			nd->stats.rx_errors++;
		} else {
			nd->stats.rx_frames++;
			nd->stats.rx_bytes += len - v->hdr_len;
			rx(ctx, rx_buf(v, id) + v->hdr_len, len - v->hdr_len);
			delivered++;
		}
		virtq_add(&v->rx, id, dma_addr(rx_buf(v, id)), BUF_SIZE, true);
		refilled++;
	}
	if (refilled) {
		virtq_publish(&v->rx);
		if (virtq_kick_needed(&v->rx))
			v->vd.t->notify(&v->vd, &v->rx);
	}
	return delivered;
}

static bool vnet_link_up(struct netdev *nd)
{
	struct vnet *v = (struct vnet *)nd;
	uint8_t status[2];

	if (nd->disabled)
		return false;
	if (v->vd.t->get_status(&v->vd) & VIRTIO_STATUS_NEEDS_RESET) {
		/* 2.1.1: the device says it hit an error it cannot recover from. */
		vnet_fault(v, "device set DEVICE_NEEDS_RESET");
		return false;
	}
	if (!(v->vd.features & VIRTIO_NET_F_STATUS))
		return true;
	if (!virtio_config_read(&v->vd, CONFIG_STATUS, status, sizeof(status)))
		return false;
	return (status[0] | status[1] << 8) & VIRTIO_NET_S_LINK_UP;
}

static const struct netdev_ops vnet_ops = {
	.transmit = vnet_transmit,
	.poll = vnet_poll,
	.link_up = vnet_link_up,
	.restart = vnet_restart,
};

static bool vnet_match(const struct pci_device *pci)
{
	return pci->vendor_id == VIRTIO_PCI_VENDOR && (pci->device_id == VIRTIO_NET_MODERN_ID ||
						       pci->device_id == VIRTIO_NET_TRANSITIONAL_ID);
}

/* 5.1.5: without VIRTIO_NET_F_MAC the driver makes up a MAC address. */
static void random_mac(uint8_t mac[6])
{
	unsigned long long r = 0;
	if (!cpu_random_u64(&r))
		r = clock_ns() * 0x9e3779b97f4a7c15ull;
	for (int i = 0; i < 6; i++)
		mac[i] = (uint8_t)(r >> (8 * i));
	mac[0] = (uint8_t)((mac[0] & ~1u) | 2u); /* unicast, locally administered */
}

/* Give up on a device during probe: stop its DMA, then free its memory. */
static const char *vnet_abandon(struct vnet *v, const char *why)
{
	if (v->vd.t)
		virtio_stop(&v->vd);
	virtq_free(&v->rx);
	virtq_free(&v->tx);
	dma_free(v->rx_bufs, (size_t)v->nrx * BUF_SIZE);
	dma_free(v->tx_bufs, (size_t)v->ntx * BUF_SIZE);
	free(v->tx_free);
	free(v);
	return why;
}

static const char *vnet_probe(const struct pci_device *pci)
{
	struct vnet *v = calloc(1, sizeof(*v));
	const char *why;

	if (!v)
		return "out of memory";
	v->nd.ops = &vnet_ops;
	v->nd.pci = pci;
	if ((why = virtio_pci_open(&v->vd, pci)) != NULL)
		return vnet_abandon(v, why);
	v->nd.driver = v->vd.t->modern ? "virtio-net (modern)" : "virtio-net (legacy)";
	if ((why = vnet_start(v)) != NULL)
		return vnet_abandon(v, why);
	if (!(v->vd.features & VIRTIO_NET_F_MAC) ||
	    !virtio_config_read(&v->vd, CONFIG_MAC, v->nd.mac, sizeof(v->nd.mac)) ||
	    (v->nd.mac[0] & 1)) {
		random_mac(v->nd.mac);
		log_warn("virtio-net: the device gives no unicast MAC address, using a random one");
	}
	if (!netdev_register(&v->nd))
		return vnet_abandon(v, "too many network devices");
	log_info("%s: %s transport, %u receive and %u transmit buffers", v->nd.name,
		 v->vd.t->name, v->nrx, v->ntx);
	return NULL;
}

const struct netdev_driver virtio_net_driver = {
	.name = "virtio-net",
	.match = vnet_match,
	.probe = vnet_probe,
};

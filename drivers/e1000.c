/*
 * Intel 82540EM driver: one receive and one transmit ring of legacy
 * descriptors (8254x SDM 3.2.3, 3.3.3) in DMA memory, registers in the
 * uncached memory BAR0, no interrupts (all masked; the caller polls).
 *
 * Receive descriptor i always points at buffer i and the address is
 * rewritten from our own record each time it goes back to the device.
 * What the device writes back is checked: a descriptor without
 * end-of-packet (frames never exceed a 2 KiB buffer because long-packet
 * reception is off), a length beyond the buffer, or a register reading
 * all ones (device gone) resets the device through netdev_fault().
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "drivers/e1000.h"
#include "drivers/e1000_regs.h"
#include "drivers/dma.h"
#include "drivers/pci_util.h"
#include "console/log.h"
#include "time/clock.h"

#define INTEL_VENDOR 0x8086
#define E1000_82540EM 0x100e
#define RX_COUNT 256 /* ring lengths are multiples of 8 descriptors (128 bytes) */
#define TX_COUNT 128
#define BUF_SIZE 2048
#define RESET_TIMEOUT_NS 10000000ull
#define EERD_TIMEOUT_NS 10000000ull
#define TX_STALL_NS 1000000000ull

struct e1000 {
	struct netdev nd;
	volatile uint8_t *regs;
	struct e1000_rx_desc *rx;
	struct e1000_tx_desc *tx;
	uint8_t *rx_bufs, *tx_bufs;
	uint16_t rx_next;  /* next receive descriptor the device completes */
	uint16_t tx_tail;  /* next transmit descriptor we fill */
	uint16_t tx_clean; /* oldest transmit descriptor the device holds */
	uint64_t tx_busy_since;
};

static uint32_t rd(struct e1000 *e, unsigned reg)
{
	return mmio_read32(e->regs, reg);
}

static void wr(struct e1000 *e, unsigned reg, uint32_t v)
{
	mmio_write32(e->regs, reg, v);
}

static uint8_t *rx_buf(struct e1000 *e, unsigned i)
{
	return e->rx_bufs + (size_t)i * BUF_SIZE;
}

static uint8_t *tx_buf(struct e1000 *e, unsigned i)
{
	return e->tx_bufs + (size_t)i * BUF_SIZE;
}

/*
 * Global reset (CTRL.RST self-clears), interrupts masked.  NULL or why.
 * The emulated 82540EMs (QEMU's, Bochs's) treat CTRL.RST as a no-op, so
 * the receiver and transmitter are also stopped explicitly: otherwise the
 * device keeps writing into the old ring while it is being rebuilt (seen
 * under Bochs as a completed descriptor with no buffer and no
 * end-of-packet after a restart).
 */
static const char *hw_reset(struct e1000 *e)
{
	wr(e, E1000_RCTL, 0);
	wr(e, E1000_TCTL, 0);
	wr(e, E1000_CTRL, rd(e, E1000_CTRL) | E1000_CTRL_RST);
	uint64_t t0 = clock_ns();
	clock_delay_us(10);
	for (;;) {
		uint32_t ctrl = rd(e, E1000_CTRL);
		if (ctrl == 0xffffffffu)
			return "registers read as all ones (device gone)";
		if (!(ctrl & E1000_CTRL_RST))
			break;
		if (clock_ns() - t0 > RESET_TIMEOUT_NS)
			return "the device did not complete its reset";
	}
	wr(e, E1000_RCTL, 0);
	wr(e, E1000_TCTL, 0);
	wr(e, E1000_IMC, 0xffffffffu);
	(void)rd(e, E1000_ICR); /* reading clears pending causes */
	return NULL;
}

/* One 16-bit EEPROM word through EERD; false on timeout. */
static bool eeprom_read(struct e1000 *e, uint8_t addr, uint16_t *out)
{
	wr(e, E1000_EERD, E1000_EERD_START | (uint32_t)addr << E1000_EERD_ADDR_SHIFT);
	uint64_t t0 = clock_ns();
	for (;;) {
		uint32_t v = rd(e, E1000_EERD);
		if (v & E1000_EERD_DONE) {
			*out = (uint16_t)(v >> E1000_EERD_DATA_SHIFT);
			return true;
		}
		if (clock_ns() - t0 > EERD_TIMEOUT_NS)
			return false;
	}
}

/* The MAC the device loaded into receive address 0, else the EEPROM's. */
static const char *read_mac(struct e1000 *e)
{
	uint32_t ral = rd(e, E1000_RAL0), rah = rd(e, E1000_RAH0);
	uint8_t *mac = e->nd.mac;

	if ((rah & E1000_RAH_AV) && (ral | (rah & 0xffff))) {
		for (int i = 0; i < 4; i++)
			mac[i] = (uint8_t)(ral >> (8 * i));
		mac[4] = (uint8_t)rah;
		mac[5] = (uint8_t)(rah >> 8);
	} else {
		for (uint8_t w = 0; w < 3; w++) {
			uint16_t v;
			if (!eeprom_read(e, w, &v))
				return "EEPROM read timed out";
			mac[2 * w] = (uint8_t)v;
			mac[2 * w + 1] = (uint8_t)(v >> 8);
		}
	}
	if (mac[0] & 1)
		return "the device's MAC address is a multicast address";
	return NULL;
}

static void setup_rx(struct e1000 *e)
{
	memset(e->rx, 0, sizeof(*e->rx) * RX_COUNT);
	for (unsigned i = 0; i < RX_COUNT; i++)
		e->rx[i].addr = dma_addr(rx_buf(e, i));
	uint64_t ring = dma_addr(e->rx);
	wr(e, E1000_RDBAL, (uint32_t)ring);
	wr(e, E1000_RDBAH, (uint32_t)(ring >> 32));
	wr(e, E1000_RDLEN, RX_COUNT * sizeof(struct e1000_rx_desc));
	wr(e, E1000_RDH, 0);
	/* Every descriptor but one belongs to the device (head == tail
	 * would mean "none"). */
	wr(e, E1000_RDT, RX_COUNT - 1);
	e->rx_next = 0;
	wr(e, E1000_RCTL, E1000_RCTL_EN | E1000_RCTL_BAM | E1000_RCTL_BSIZE_2048 |
			  E1000_RCTL_SECRC);
}

static void setup_tx(struct e1000 *e)
{
	memset(e->tx, 0, sizeof(*e->tx) * TX_COUNT);
	uint64_t ring = dma_addr(e->tx);
	wr(e, E1000_TDBAL, (uint32_t)ring);
	wr(e, E1000_TDBAH, (uint32_t)(ring >> 32));
	wr(e, E1000_TDLEN, TX_COUNT * sizeof(struct e1000_tx_desc));
	wr(e, E1000_TDH, 0);
	wr(e, E1000_TDT, 0);
	e->tx_tail = e->tx_clean = 0;
	e->tx_busy_since = 0;
	wr(e, E1000_TIPG, E1000_TIPG_DEFAULT);
	/* Pad short packets, collision threshold 15, full-duplex distance. */
	wr(e, E1000_TCTL, E1000_TCTL_EN | E1000_TCTL_PSP | 0x0fu << E1000_TCTL_CT_SHIFT |
			  0x40u << E1000_TCTL_COLD_SHIFT);
}

/* Reset and bring the device up with nd.mac as its address (SDM 14). */
static const char *e1000_start(struct e1000 *e)
{
	const char *why = hw_reset(e);
	if (why)
		return why;
	uint32_t ctrl = rd(e, E1000_CTRL);
	ctrl &= ~(E1000_CTRL_LRST | E1000_CTRL_PHY_RST | E1000_CTRL_ILOS);
	wr(e, E1000_CTRL, ctrl | E1000_CTRL_SLU | E1000_CTRL_ASDE);
	const uint8_t *m = e->nd.mac;
	wr(e, E1000_RAL0, (uint32_t)m[0] | (uint32_t)m[1] << 8 | (uint32_t)m[2] << 16 |
			  (uint32_t)m[3] << 24);
	wr(e, E1000_RAH0, (uint32_t)m[4] | (uint32_t)m[5] << 8 | E1000_RAH_AV);
	for (unsigned i = 0; i < 128; i++)
		wr(e, E1000_MTA + 4 * i, 0);
	setup_rx(e);
	setup_tx(e);
	return NULL;
}

static void e1000_stop(struct e1000 *e)
{
	hw_reset(e);
	pci_disable_bus_master(e->nd.pci);
}

/* netdev_ops.restart; on failure the device is left reset, without DMA. */
static const char *e1000_restart(struct netdev *nd)
{
	struct e1000 *e = (struct e1000 *)nd;
	const char *why = e1000_start(e);

	if (why) {
		nd->disabled = true;
		e1000_stop(e);
	}
	return why;
}

/* The device misbehaved: reset it and start over, or give up. */
static void e1000_fault(struct e1000 *e, const char *why)
{
	if (!netdev_fault(&e->nd, "%s", why)) {
		e1000_stop(e);
		return;
	}
	const char *err = e1000_restart(&e->nd);
	if (err)
		log_error("%s: restart failed: %s; device disabled", e->nd.name, err);
}

static void reap_tx(struct e1000 *e)
{
	while (e->tx_clean != e->tx_tail) {
		volatile struct e1000_tx_desc *d = &e->tx[e->tx_clean];
		if (!(d->status & E1000_TXD_STAT_DD))
			break;
		e->tx_clean = (uint16_t)((e->tx_clean + 1) % TX_COUNT);
		e->tx_busy_since = 0;
	}
}

/* The ring is full: make sure the device is still making progress. */
static void check_tx_stall(struct e1000 *e)
{
	uint64_t now = clock_ns();
	uint32_t tdh = rd(e, E1000_TDH);

	if (tdh >= TX_COUNT) {
		char why[64];
		snprintf(why, sizeof(why), "transmit head %u beyond the %u-entry ring", tdh, TX_COUNT);
		e1000_fault(e, why);
	} else if (!e->tx_busy_since) {
		e->tx_busy_since = now;
	} else if (now - e->tx_busy_since > TX_STALL_NS) {
		e1000_fault(e, "transmit ring not drained for 1 s");
	}
}

static enum netdev_tx_status e1000_transmit(struct netdev *nd, const struct netdev_frag *frags,
					    unsigned nfrags)
{
	struct e1000 *e = (struct e1000 *)nd;

	if (nd->disabled)
		return NETDEV_TX_DOWN;
	reap_tx(e);
	uint16_t next = (uint16_t)((e->tx_tail + 1) % TX_COUNT);
	if (next == e->tx_clean) {
		nd->stats.tx_busy++;
		check_tx_stall(e);
		return nd->disabled ? NETDEV_TX_DOWN : NETDEV_TX_BUSY;
	}
	uint8_t *buf = tx_buf(e, e->tx_tail);
	size_t len = netdev_gather(buf, BUF_SIZE, frags, nfrags);
	if (len == 0) {
		nd->stats.tx_invalid++;
		return NETDEV_TX_INVALID;
	}
	struct e1000_tx_desc *d = &e->tx[e->tx_tail];
	*d = (struct e1000_tx_desc){
		.addr = dma_addr(buf),
		.length = (uint16_t)len,
		.cmd = E1000_TXD_CMD_EOP | E1000_TXD_CMD_IFCS | E1000_TXD_CMD_RS,
	};
	dma_wmb(); /* the descriptor before the tail that hands it over */
	e->tx_tail = next;
	wr(e, E1000_TDT, next);
	nd->stats.tx_frames++;
	nd->stats.tx_bytes += len;
	return NETDEV_TX_OK;
}

static unsigned e1000_poll(struct netdev *nd, netdev_rx_fn rx, void *ctx, unsigned budget)
{
	struct e1000 *e = (struct e1000 *)nd;
	unsigned delivered = 0;
	int last = -1;

	if (nd->disabled)
		return 0;
	reap_tx(e);
	while (delivered < budget) {
		volatile struct e1000_rx_desc *d = &e->rx[e->rx_next];
		uint8_t status = d->status;
		if (!(status & E1000_RXD_STAT_DD))
			break;
		dma_rmb(); /* status before the rest of the write-back */
		uint16_t len = d->length;
		uint8_t errors = d->errors;
		if (!(status & E1000_RXD_STAT_EOP) || len > BUF_SIZE) {
			char why[80];
			snprintf(why, sizeof(why), "receive descriptor %u: length %u%s", e->rx_next,
				 len, (status & E1000_RXD_STAT_EOP) ? " beyond the buffer" :
								      " without end of packet");
			e1000_fault(e, why);
			return delivered;
		}
		if (errors || len < 14) {
			nd->stats.rx_errors++;
		} else {
			nd->stats.rx_frames++;
			nd->stats.rx_bytes += len;
			rx(ctx, rx_buf(e, e->rx_next), len);
			delivered++;
		}
		d->addr = dma_addr(rx_buf(e, e->rx_next));
		d->status = 0;
		last = e->rx_next;
		e->rx_next = (uint16_t)((e->rx_next + 1) % RX_COUNT);
	}
	if (last >= 0) {
		dma_wmb(); /* cleared descriptors before the tail gives them back */
		wr(e, E1000_RDT, (uint32_t)last);
	}
	return delivered;
}

static bool e1000_link_up(struct netdev *nd)
{
	struct e1000 *e = (struct e1000 *)nd;

	if (nd->disabled)
		return false;
	uint32_t status = rd(e, E1000_STATUS);
	if (status == 0xffffffffu) {
		e1000_fault(e, "registers read as all ones (device gone)");
		return false;
	}
	return status & E1000_STATUS_LU;
}

static const struct netdev_ops e1000_ops = {
	.transmit = e1000_transmit,
	.poll = e1000_poll,
	.link_up = e1000_link_up,
	.restart = e1000_restart,
};

static bool e1000_match(const struct pci_device *pci)
{
	return pci->vendor_id == INTEL_VENDOR && pci->device_id == E1000_82540EM;
}

static const char *e1000_abandon(struct e1000 *e, const char *why)
{
	if (e->regs)
		e1000_stop(e);
	dma_free(e->rx, sizeof(*e->rx) * RX_COUNT);
	dma_free(e->tx, sizeof(*e->tx) * TX_COUNT);
	dma_free(e->rx_bufs, (size_t)RX_COUNT * BUF_SIZE);
	dma_free(e->tx_bufs, (size_t)TX_COUNT * BUF_SIZE);
	free(e);
	return why;
}

static const char *e1000_probe(const struct pci_device *pci)
{
	struct e1000 *e = calloc(1, sizeof(*e));
	const char *why;

	if (!e)
		return "out of memory";
	e->nd.ops = &e1000_ops;
	e->nd.driver = "e1000";
	e->nd.pci = pci;
	e->regs = pci_map_bar(pci, 0, E1000_BAR_SIZE, &why);
	if (!e->regs)
		return e1000_abandon(e, why);
	pci_enable(pci, PCI_CMD_MEM | PCI_CMD_BUS_MASTER);
	e->rx = dma_alloc(sizeof(*e->rx) * RX_COUNT);
	e->tx = dma_alloc(sizeof(*e->tx) * TX_COUNT);
	e->rx_bufs = dma_alloc((size_t)RX_COUNT * BUF_SIZE);
	e->tx_bufs = dma_alloc((size_t)TX_COUNT * BUF_SIZE);
	if (!e->rx || !e->tx || !e->rx_bufs || !e->tx_bufs)
		return e1000_abandon(e, "out of memory for rings");
	if ((why = hw_reset(e)) != NULL || (why = read_mac(e)) != NULL ||
	    (why = e1000_start(e)) != NULL)
		return e1000_abandon(e, why);
	if (!netdev_register(&e->nd))
		return e1000_abandon(e, "too many network devices");
	log_info("%s: %u receive and %u transmit descriptors", e->nd.name, RX_COUNT, TX_COUNT);
	return NULL;
}

const struct netdev_driver e1000_driver = {
	.name = "e1000",
	.match = e1000_match,
	.probe = e1000_probe,
};

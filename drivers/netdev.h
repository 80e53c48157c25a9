/*
 * One interface for every network card: a driver finds its PCI functions,
 * brings each up and registers it as a struct netdev; the network stack
 * (net/) moves Ethernet frames through the ops below and knows nothing
 * else about the hardware.
 *
 * Model: polled, single consumer.  Every op is called from one context at
 * a time (the boot CPU's network loop), never from an interrupt handler,
 * so drivers take no locks.
 *
 * Error policy (docs/drivers.md): a device is never trusted.  Whatever it
 * writes back (ring indices, lengths, descriptor ids) is checked before
 * use; a device that misbehaves is reset and reported through
 * netdev_fault(), and after NETDEV_MAX_RESETS resets it stays disabled.
 */
#ifndef UNIHV_DRIVERS_NETDEV_H
#define UNIHV_DRIVERS_NETDEV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "pci/pci.h"

#define NETDEV_MAX 4
#define NETDEV_MAX_RESETS 3
/* Largest frame the ops move: 14-byte Ethernet header + 1500 (no FCS). */
#define NETDEV_MAX_FRAME 1514
/* At most this many fragments per transmitted frame. */
#define NETDEV_MAX_FRAGS 16

struct netdev;

/* A piece of a frame to transmit; the pieces are sent back to back. */
struct netdev_frag {
	const void *data;
	size_t len;
};

/*
 * Called once per received frame.  frame (without FCS) is valid only
 * during the call; copy what must be kept.
 */
typedef void (*netdev_rx_fn)(void *ctx, const void *frame, size_t len);

enum netdev_tx_status {
	NETDEV_TX_OK,
	NETDEV_TX_BUSY,    /* ring full for now: poll, then try again */
	NETDEV_TX_INVALID, /* empty, oversized or too many fragments: dropped */
	NETDEV_TX_DOWN,    /* device disabled after repeated faults */
};

struct netdev_ops {
	/*
	 * Queue one frame (the concatenation of frags, 14..NETDEV_MAX_FRAME
	 * bytes; the device adds padding and FCS).  The data is copied before
	 * return.  Reclaims finished transmissions first.
	 */
	enum netdev_tx_status (*transmit)(struct netdev *nd, const struct netdev_frag *frags,
					  unsigned nfrags);
	/*
	 * Hand up to budget received frames to rx(ctx, ...), give their
	 * buffers back to the device and reclaim finished transmissions.
	 * Returns the number of frames delivered.  May reset the device
	 * (netdev_fault) when it misbehaves.
	 */
	unsigned (*poll)(struct netdev *nd, netdev_rx_fn rx, void *ctx, unsigned budget);
	/*
	 * Carrier as the device reports it (false while disabled).  Reads
	 * device registers: call it at a human rate (every 100 ms), not per
	 * frame.  Also the place where a driver checks for device-reported
	 * errors that need a reset.
	 */
	bool (*link_up)(struct netdev *nd);
	/*
	 * Reset the device and bring it up again with the same MAC address,
	 * as after a fault but not counted as one; frames in flight are lost.
	 * NULL, or why it failed (the device is then disabled).
	 */
	const char *(*restart)(struct netdev *nd);
};

/* Counters an operator asks for. */
struct netdev_stats {
	uint64_t rx_frames, rx_bytes;
	uint64_t tx_frames, tx_bytes;
	uint64_t rx_errors;  /* frames the device flagged bad or too short: dropped */
	uint64_t tx_busy;    /* transmit found the ring full */
	uint64_t tx_invalid; /* frames refused by transmit */
	uint64_t resets;     /* device misbehaved and was reset */
};

struct netdev {
	const struct netdev_ops *ops;
	const char *driver;       /* "virtio-net", "e1000" */
	char name[8];             /* "net0", set by netdev_register */
	uint8_t mac[6];           /* set by the driver before netdev_register */
	bool disabled;            /* too many faults: the device is left reset */
	const struct pci_device *pci;
	struct netdev_stats stats;
};

/* A driver: which PCI functions it takes, and how it brings one up. */
struct netdev_driver {
	const char *name;
	bool (*match)(const struct pci_device *pci);
	/*
	 * Initialise the function and netdev_register() it.  Returns NULL on
	 * success, or a sentence saying why the device cannot be used (the
	 * function is then left reset).  Boot CPU, after pci_init().
	 */
	const char *(*probe)(const struct pci_device *pci);
};

/*
 * Offer every PCI function to every driver (drivers/netdev_drivers.c has
 * the table) and register what comes up.  Logs each device and each
 * refusal.  Returns the number of devices registered.  Boot CPU, once,
 * after pci_init().
 */
unsigned netdev_probe_pci(void);

/* Called by a driver's probe: assigns the name.  False when full. */
bool netdev_register(struct netdev *nd);

unsigned netdev_count(void);
/* NULL when index >= netdev_count(). */
struct netdev *netdev_at(unsigned index);

/*
 * A driver found its device misbehaving: log why (printf-style), count a
 * reset.  Returns true when the driver should reset and re-initialise the
 * device, false when it has been reset too often: the driver then leaves
 * it reset and nd->disabled is set.
 */
bool netdev_fault(struct netdev *nd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Restart a device on request (ops->restart) and log it.  NULL or why. */
const char *netdev_restart(struct netdev *nd);

/* Gather frags into buf (cap bytes).  Returns the length, 0 if invalid. */
size_t netdev_gather(void *buf, size_t cap, const struct netdev_frag *frags, unsigned nfrags);

#endif

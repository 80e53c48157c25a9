/*
 * Virtio over PCI (Virtio 1.1 section 4.1), two transports behind one
 * interface:
 *   modern  (4.1.4): device ids 0x1040 + type; common, notify, ISR and
 *           device configuration structures found through vendor
 *           capabilities in PCI configuration space, placed in memory BARs.
 *   legacy  (4.1.4.8): the I/O-port register block in BAR0 that
 *           transitional devices (ids 0x1000..0x103f, QEMU's default
 *           virtio-net-pci) offer; 32 feature bits, fixed queue sizes.
 * A transitional device is driven through its legacy interface, a
 * modern-only device through the modern one.
 */
#ifndef UNIHV_DRIVERS_VIRTIO_VIRTIO_H
#define UNIHV_DRIVERS_VIRTIO_VIRTIO_H

#include <stdbool.h>
#include <stdint.h>
#include "pci/pci.h"
#include "drivers/virtio/virtqueue.h"

#define VIRTIO_PCI_VENDOR 0x1af4

/* 2.1 Device Status Field */
#define VIRTIO_STATUS_ACKNOWLEDGE 1
#define VIRTIO_STATUS_DRIVER 2
#define VIRTIO_STATUS_DRIVER_OK 4
#define VIRTIO_STATUS_FEATURES_OK 8
#define VIRTIO_STATUS_NEEDS_RESET 64
#define VIRTIO_STATUS_FAILED 128

/* 6 Reserved Feature Bits */
#define VIRTIO_F_VERSION_1 (1ull << 32)

struct virtio_dev;

struct virtio_transport {
	const char *name; /* "legacy" or "modern" */
	/* Write 0 to the status and wait for the device to finish the reset
	 * (4.1.4.3.2).  False when it never does. */
	bool (*reset)(struct virtio_dev *vd);
	uint8_t (*get_status)(struct virtio_dev *vd);
	void (*set_status)(struct virtio_dev *vd, uint8_t status);
	uint64_t (*get_features)(struct virtio_dev *vd);
	void (*set_features)(struct virtio_dev *vd, uint64_t features);
	/* Size of queue index as the device offers it, 0 if there is none. */
	uint16_t (*queue_max)(struct virtio_dev *vd, uint16_t index);
	/* Tell the device where q's rings are and enable it.  NULL or why. */
	const char *(*queue_enable)(struct virtio_dev *vd, struct virtq *q);
	void (*notify)(struct virtio_dev *vd, const struct virtq *q);
	/* Configuration generation (2.4.1); constant for legacy. */
	uint8_t (*config_generation)(struct virtio_dev *vd);
	/* One byte of the device-specific configuration; false if beyond it. */
	bool (*config_read8)(struct virtio_dev *vd, unsigned off, uint8_t *out);
	/* The queue size may be made smaller than queue_max (modern only). */
	bool queue_size_settable;
	/* VIRTIO_F_VERSION_1 must be negotiated (modern only). */
	bool modern;
};

struct virtio_dev {
	const struct virtio_transport *t;
	const struct pci_device *pci;
	uint64_t features; /* negotiated */
	/* legacy */
	uint16_t io;
	/* modern: the structures located through the capabilities */
	volatile uint8_t *common;
	volatile uint8_t *notify;
	volatile uint8_t *device;
	uint32_t notify_len, notify_mult, device_len;
};

extern const struct virtio_transport virtio_legacy_transport;
extern const struct virtio_transport virtio_modern_transport;

/*
 * Pick the transport for a virtio PCI function and map its registers
 * (legacy: I/O BAR0; modern: the capabilities' memory BARs), enabling
 * decode and bus mastering.  NULL on success or why the device cannot be
 * used.  Boot CPU, during probe.
 */
const char *virtio_pci_open(struct virtio_dev *vd, const struct pci_device *pci);
/* Transport-specific parts of virtio_pci_open. */
const char *virtio_legacy_open(struct virtio_dev *vd);
const char *virtio_modern_open(struct virtio_dev *vd);

/*
 * Device initialisation up to FEATURES_OK (3.1.1 steps 1-6): reset,
 * ACKNOWLEDGE, DRIVER, negotiate wanted & offered (plus VERSION_1 on the
 * modern transport, which the device must offer).  On success vd->features
 * holds the result; the caller sets up its queues and calls
 * virtio_driver_ok().  NULL or why (the device is then marked FAILED).
 */
const char *virtio_negotiate(struct virtio_dev *vd, uint64_t wanted);

/*
 * Allocate (first time) or reset q and give it to the device, sized
 * min(device maximum, max_size) where the transport allows it, otherwise
 * the device's size.  NULL or why.
 */
const char *virtio_setup_queue(struct virtio_dev *vd, struct virtq *q, uint16_t index,
			       uint16_t max_size);

/* 3.1.1 step 8: the driver is ready. */
void virtio_driver_ok(struct virtio_dev *vd);

/* Reset the device and stop its DMA (after a fault, or to give up on it). */
void virtio_stop(struct virtio_dev *vd);

/*
 * Read len bytes of device configuration at off, consistently (2.4.1:
 * retry while the generation changes).  False if outside the structure.
 */
bool virtio_config_read(struct virtio_dev *vd, unsigned off, void *buf, unsigned len);

#endif

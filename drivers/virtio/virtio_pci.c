/*
 * The transport-independent part of virtio-pci: choosing the interface,
 * the initialisation sequence (Virtio 1.1 section 3.1.1) and queue setup.
 */
#include <string.h>
#include "drivers/virtio/virtio.h"
#include "drivers/pci_util.h"

#define TRANSITIONAL_FIRST 0x1000 /* 4.1.2.3: legacy ids 0x1000..0x103f */
#define TRANSITIONAL_LAST 0x103f
#define MODERN_FIRST 0x1040 /* 4.1.2.1: 0x1040 + device type */
#define MODERN_LAST 0x107f
#define CONFIG_READ_TRIES 16

const char *virtio_pci_open(struct virtio_dev *vd, const struct pci_device *pci)
{
	memset(vd, 0, sizeof(*vd));
	vd->pci = pci;
	if (pci->vendor_id != VIRTIO_PCI_VENDOR || pci->header_type != 0)
		return "not a virtio PCI function";
	if (pci->device_id >= TRANSITIONAL_FIRST && pci->device_id <= TRANSITIONAL_LAST)
		return virtio_legacy_open(vd);
	if (pci->device_id >= MODERN_FIRST && pci->device_id <= MODERN_LAST)
		return virtio_modern_open(vd);
	return "unknown virtio device id";
}

const char *virtio_negotiate(struct virtio_dev *vd, uint64_t wanted)
{
	const struct virtio_transport *t = vd->t;

	/* 3.1.1 steps 1-3 */
	if (!t->reset(vd))
		return "the device did not complete its reset";
	t->set_status(vd, VIRTIO_STATUS_ACKNOWLEDGE);
	t->set_status(vd, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER);

	/* Step 4: a subset of what the device offers. */
	uint64_t offered = t->get_features(vd);
	if (t->modern) {
		/* 6.2: a modern device offers VERSION_1 (and 6.1: the driver
		 * accepts it); without it we would have to speak the legacy
		 * layout over the modern interface. */
		if (!(offered & VIRTIO_F_VERSION_1)) {
			t->set_status(vd, VIRTIO_STATUS_FAILED);
			return "modern device does not offer VIRTIO_F_VERSION_1";
		}
		wanted |= VIRTIO_F_VERSION_1;
	} else {
		wanted &= 0xffffffffull; /* 4.1.4.8: 32 feature bits */
	}
	vd->features = offered & wanted;
	t->set_features(vd, vd->features);

	/* Steps 5-6: legacy devices have no FEATURES_OK (3.1.2). */
	if (t->modern) {
		t->set_status(vd, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER |
				  VIRTIO_STATUS_FEATURES_OK);
		if (!(t->get_status(vd) & VIRTIO_STATUS_FEATURES_OK)) {
			t->set_status(vd, VIRTIO_STATUS_FAILED);
			return "the device refused the negotiated features";
		}
	}
	return NULL;
}

const char *virtio_setup_queue(struct virtio_dev *vd, struct virtq *q, uint16_t index,
			       uint16_t max_size)
{
	uint16_t offered = vd->t->queue_max(vd, index);
	uint16_t size = offered;

	if (offered == 0)
		return "the device has no such queue";
	if (offered & (offered - 1))
		return "the device offers a queue size that is not a power of two";
	if (vd->t->queue_size_settable && size > max_size)
		size = max_size;
	if (q->mem && q->size != size)
		return "the device changed its queue size across a reset";
	if (q->mem) {
		virtq_reset(q);
	} else {
		const char *why = virtq_alloc(q, index, size);
		if (why)
			return why;
	}
	return vd->t->queue_enable(vd, q);
}

void virtio_driver_ok(struct virtio_dev *vd)
{
	vd->t->set_status(vd, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER |
			      (vd->t->modern ? VIRTIO_STATUS_FEATURES_OK : 0) |
			      VIRTIO_STATUS_DRIVER_OK);
}

void virtio_stop(struct virtio_dev *vd)
{
	vd->t->reset(vd);
	pci_disable_bus_master(vd->pci);
}

bool virtio_config_read(struct virtio_dev *vd, unsigned off, void *buf, unsigned len)
{
	uint8_t *out = buf;

	for (int tries = 0; tries < CONFIG_READ_TRIES; tries++) {
		uint8_t gen = vd->t->config_generation(vd);
		for (unsigned i = 0; i < len; i++)
			if (!vd->t->config_read8(vd, off + i, &out[i]))
				return false;
		if (vd->t->config_generation(vd) == gen)
			return true;
	}
	return false;
}

/*
 * Legacy virtio-pci interface (Virtio 1.1 section 4.1.4.8): registers in
 * the I/O BAR0 of a transitional device.  Without MSI-X (we never enable
 * it) the device-specific configuration starts at offset 20.
 */
#include "drivers/virtio/virtio.h"
#include "arch/cpu.h"
#include "drivers/dma.h"
#include "drivers/pci_util.h"

#define REG_DEVICE_FEATURES 0x00 /* 32 */
#define REG_GUEST_FEATURES 0x04  /* 32 */
#define REG_QUEUE_ADDRESS 0x08   /* 32: page frame number of the rings */
#define REG_QUEUE_SIZE 0x0c      /* 16, read-only */
#define REG_QUEUE_SELECT 0x0e    /* 16 */
#define REG_QUEUE_NOTIFY 0x10    /* 16 */
#define REG_DEVICE_STATUS 0x12   /* 8 */
#define REG_ISR_STATUS 0x13      /* 8 */
#define REG_DEVICE_CONFIG 0x14   /* without MSI-X */
#define IO_BAR_MIN 0x20          /* header + the 8 bytes of net config we read */
#define LEGACY_PFN_SHIFT 12

static bool legacy_reset(struct virtio_dev *vd)
{
	outb((uint16_t)(vd->io + REG_DEVICE_STATUS), 0);
	/* Legacy devices reset synchronously; reading the status back makes
	 * sure the write reached the device. */
	return inb((uint16_t)(vd->io + REG_DEVICE_STATUS)) == 0;
}

static uint8_t legacy_get_status(struct virtio_dev *vd)
{
	return inb((uint16_t)(vd->io + REG_DEVICE_STATUS));
}

static void legacy_set_status(struct virtio_dev *vd, uint8_t status)
{
	outb((uint16_t)(vd->io + REG_DEVICE_STATUS), status);
}

static uint64_t legacy_get_features(struct virtio_dev *vd)
{
	return inl((uint16_t)(vd->io + REG_DEVICE_FEATURES));
}

static void legacy_set_features(struct virtio_dev *vd, uint64_t features)
{
	outl((uint16_t)(vd->io + REG_GUEST_FEATURES), (uint32_t)features);
}

static uint16_t legacy_queue_max(struct virtio_dev *vd, uint16_t index)
{
	outw((uint16_t)(vd->io + REG_QUEUE_SELECT), index);
	return inw((uint16_t)(vd->io + REG_QUEUE_SIZE));
}

static const char *legacy_queue_enable(struct virtio_dev *vd, struct virtq *q)
{
	uint64_t pfn = dma_addr(q->mem) >> LEGACY_PFN_SHIFT;

	if (pfn > UINT32_MAX)
		return "queue memory beyond the legacy interface's 44-bit reach";
	outw((uint16_t)(vd->io + REG_QUEUE_SELECT), q->index);
	outl((uint16_t)(vd->io + REG_QUEUE_ADDRESS), (uint32_t)pfn);
	return NULL;
}

static void legacy_notify(struct virtio_dev *vd, const struct virtq *q)
{
	outw((uint16_t)(vd->io + REG_QUEUE_NOTIFY), q->index);
}

static uint8_t legacy_config_generation(struct virtio_dev *vd)
{
	(void)vd;
	return 0;
}

static bool legacy_config_read8(struct virtio_dev *vd, unsigned off, uint8_t *out)
{
	uint64_t size = vd->pci->bars[0].size;

	if (REG_DEVICE_CONFIG + off >= size)
		return false;
	*out = inb((uint16_t)(vd->io + REG_DEVICE_CONFIG + off));
	return true;
}

const struct virtio_transport virtio_legacy_transport = {
	.name = "legacy",
	.reset = legacy_reset,
	.get_status = legacy_get_status,
	.set_status = legacy_set_status,
	.get_features = legacy_get_features,
	.set_features = legacy_set_features,
	.queue_max = legacy_queue_max,
	.queue_enable = legacy_queue_enable,
	.notify = legacy_notify,
	.config_generation = legacy_config_generation,
	.config_read8 = legacy_config_read8,
	.queue_size_settable = false,
	.modern = false,
};

const char *virtio_legacy_open(struct virtio_dev *vd)
{
	const struct pci_bar *b = &vd->pci->bars[0];

	if (b->kind != PCI_BAR_IO || b->base == 0 || b->size < IO_BAR_MIN ||
	    b->base + b->size > 0x10000)
		return "legacy interface: BAR0 is not an assigned I/O BAR of at least 32 ports";
	vd->io = (uint16_t)b->base;
	vd->t = &virtio_legacy_transport;
	pci_enable(vd->pci, PCI_CMD_IO | PCI_CMD_BUS_MASTER);
	return NULL;
}

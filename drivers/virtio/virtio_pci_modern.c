/*
 * Modern virtio-pci interface (Virtio 1.1 section 4.1.4): the common,
 * notify and device-specific configuration structures are located by
 * vendor-specific capabilities (4.1.4.1) and live in memory BARs.  Every
 * capability is checked against its BAR before use.
 */
#include "drivers/virtio/virtio.h"
#include "drivers/dma.h"
#include "drivers/pci_util.h"
#include "time/clock.h"

/* 4.1.4 struct virtio_pci_cap */
#define PCI_CAP_ID_VENDOR 0x09
#define CAP_OFF_LEN 2
#define CAP_OFF_TYPE 3
#define CAP_OFF_BAR 4
#define CAP_OFF_OFFSET 8
#define CAP_OFF_LENGTH 12
#define CAP_OFF_NOTIFY_MULT 16 /* struct virtio_pci_notify_cap */
#define CAP_MIN_LEN 16
#define NOTIFY_CAP_MIN_LEN 20

#define CFG_TYPE_COMMON 1
#define CFG_TYPE_NOTIFY 2
#define CFG_TYPE_DEVICE 4

/* 4.1.4.3 struct virtio_pci_common_cfg */
#define COMMON_DFSELECT 0x00
#define COMMON_DF 0x04
#define COMMON_GFSELECT 0x08
#define COMMON_GF 0x0c
#define COMMON_NUMQ 0x12
#define COMMON_STATUS 0x14
#define COMMON_CFGGEN 0x15
#define COMMON_Q_SELECT 0x16
#define COMMON_Q_SIZE 0x18
#define COMMON_Q_MSIX 0x1a
#define COMMON_Q_ENABLE 0x1c
#define COMMON_Q_NOFF 0x1e
#define COMMON_Q_DESCLO 0x20
#define COMMON_Q_DESCHI 0x24
#define COMMON_Q_AVAILLO 0x28
#define COMMON_Q_AVAILHI 0x2c
#define COMMON_Q_USEDLO 0x30
#define COMMON_Q_USEDHI 0x34
#define COMMON_LEN 0x38
#define VIRTIO_MSI_NO_VECTOR 0xffff
#define RESET_TIMEOUT_NS 100000000ull

static bool modern_reset(struct virtio_dev *vd)
{
	/* 4.1.4.3.2: after writing 0 the driver waits until it reads 0. */
	mmio_write8(vd->common, COMMON_STATUS, 0);
	uint64_t t0 = clock_ns();
	while (mmio_read8(vd->common, COMMON_STATUS) != 0) {
		if (clock_ns() - t0 > RESET_TIMEOUT_NS)
			return false;
	}
	return true;
}

static uint8_t modern_get_status(struct virtio_dev *vd)
{
	return mmio_read8(vd->common, COMMON_STATUS);
}

static void modern_set_status(struct virtio_dev *vd, uint8_t status)
{
	mmio_write8(vd->common, COMMON_STATUS, status);
}

static uint64_t modern_get_features(struct virtio_dev *vd)
{
	mmio_write32(vd->common, COMMON_DFSELECT, 0);
	uint64_t lo = mmio_read32(vd->common, COMMON_DF);
	mmio_write32(vd->common, COMMON_DFSELECT, 1);
	uint64_t hi = mmio_read32(vd->common, COMMON_DF);
	return hi << 32 | lo;
}

static void modern_set_features(struct virtio_dev *vd, uint64_t features)
{
	mmio_write32(vd->common, COMMON_GFSELECT, 0);
	mmio_write32(vd->common, COMMON_GF, (uint32_t)features);
	mmio_write32(vd->common, COMMON_GFSELECT, 1);
	mmio_write32(vd->common, COMMON_GF, (uint32_t)(features >> 32));
}

static uint16_t modern_queue_max(struct virtio_dev *vd, uint16_t index)
{
	if (index >= mmio_read16(vd->common, COMMON_NUMQ))
		return 0;
	mmio_write16(vd->common, COMMON_Q_SELECT, index);
	return mmio_read16(vd->common, COMMON_Q_SIZE);
}

static void write64(volatile uint8_t *base, unsigned lo_off, uint64_t v)
{
	/* 4.1.3.1: 64-bit fields may be written as two 32-bit halves. */
	mmio_write32(base, lo_off, (uint32_t)v);
	mmio_write32(base, lo_off + 4, (uint32_t)(v >> 32));
}

static const char *modern_queue_enable(struct virtio_dev *vd, struct virtq *q)
{
	/* 4.1.5.1.3 Virtqueue Configuration */
	mmio_write16(vd->common, COMMON_Q_SELECT, q->index);
	mmio_write16(vd->common, COMMON_Q_SIZE, q->size);
	mmio_write16(vd->common, COMMON_Q_MSIX, VIRTIO_MSI_NO_VECTOR);
	write64(vd->common, COMMON_Q_DESCLO, dma_addr(q->desc));
	write64(vd->common, COMMON_Q_AVAILLO, dma_addr(q->avail));
	write64(vd->common, COMMON_Q_USEDLO, dma_addr((const void *)q->used));
	uint64_t off = (uint64_t)mmio_read16(vd->common, COMMON_Q_NOFF) * vd->notify_mult;
	if (off + 2 > vd->notify_len)
		return "queue notify address lies outside the notify structure";
	q->notify_off = (uint32_t)off;
	mmio_write16(vd->common, COMMON_Q_ENABLE, 1);
	return NULL;
}

static void modern_notify(struct virtio_dev *vd, const struct virtq *q)
{
	/* 4.1.5.2: the queue index goes to the queue's notify address
	 * (4.1.4.4: offset * notify_off_multiplier into the notify structure). */
	mmio_write16(vd->notify, q->notify_off, q->index);
}

static uint8_t modern_config_generation(struct virtio_dev *vd)
{
	return mmio_read8(vd->common, COMMON_CFGGEN);
}

static bool modern_config_read8(struct virtio_dev *vd, unsigned off, uint8_t *out)
{
	if (off >= vd->device_len)
		return false;
	*out = mmio_read8(vd->device, off);
	return true;
}

const struct virtio_transport virtio_modern_transport = {
	.name = "modern",
	.reset = modern_reset,
	.get_status = modern_get_status,
	.set_status = modern_set_status,
	.get_features = modern_get_features,
	.set_features = modern_set_features,
	.queue_max = modern_queue_max,
	.queue_enable = modern_queue_enable,
	.notify = modern_notify,
	.config_generation = modern_config_generation,
	.config_read8 = modern_config_read8,
	.queue_size_settable = true,
	.modern = true,
};

struct located {
	volatile uint8_t *p;
	uint32_t len;
};

static uint32_t cfg32(const struct pci_device *pci, uint8_t off)
{
	return pci_config_read32(pci->bus, pci->dev, pci->fn, off);
}

/* Check one virtio capability against its BAR; map it.  NULL or why. */
static const char *locate(const struct pci_device *pci, uint8_t cap, struct located *out)
{
	uint8_t bar = pci_read8(pci, (uint8_t)(cap + CAP_OFF_BAR));
	uint32_t offset = cfg32(pci, (uint8_t)(cap + CAP_OFF_OFFSET));
	uint32_t length = cfg32(pci, (uint8_t)(cap + CAP_OFF_LENGTH));
	const char *why;

	if (bar >= 6)
		return "a virtio capability names a BAR beyond BAR5";
	volatile uint8_t *base = pci_map_bar(pci, bar, 1, &why);
	if (!base)
		return why;
	if (length == 0 || (uint64_t)offset + length > pci->bars[bar].size)
		return "a virtio capability's structure lies outside its BAR";
	out->p = base + offset;
	out->len = length;
	return NULL;
}

const char *virtio_modern_open(struct virtio_dev *vd)
{
	const struct pci_device *pci = vd->pci;
	struct located common = { 0 }, notify = { 0 }, device = { 0 };
	struct pci_cap_iter it = { 0 };
	uint8_t cap, id;
	const char *why;

	/* 4.1.4.1: use the first capability of each type. */
	while ((cap = pci_cap_next(pci, &it, &id)) != 0) {
		if (id != PCI_CAP_ID_VENDOR)
			continue;
		uint8_t len = pci_read8(pci, (uint8_t)(cap + CAP_OFF_LEN));
		uint8_t type = pci_read8(pci, (uint8_t)(cap + CAP_OFF_TYPE));
		struct located *slot = type == CFG_TYPE_COMMON ? &common
				     : type == CFG_TYPE_NOTIFY ? &notify
				     : type == CFG_TYPE_DEVICE ? &device : NULL;
		if (!slot || slot->p)
			continue;
		if (len < (type == CFG_TYPE_NOTIFY ? NOTIFY_CAP_MIN_LEN : CAP_MIN_LEN) ||
		    cap + len > 256)
			return "a virtio capability is shorter than its structure";
		if ((why = locate(pci, cap, slot)) != NULL)
			return why;
		if (type == CFG_TYPE_NOTIFY)
			vd->notify_mult = cfg32(pci, (uint8_t)(cap + CAP_OFF_NOTIFY_MULT));
	}
	if (!common.p || !notify.p || !device.p)
		return "modern interface: common, notify or device configuration capability missing";
	if (common.len < COMMON_LEN)
		return "modern interface: common configuration structure too short";
	vd->common = common.p;
	vd->notify = notify.p;
	vd->notify_len = notify.len;
	vd->device = device.p;
	vd->device_len = device.len;
	vd->t = &virtio_modern_transport;
	pci_enable(pci, PCI_CMD_MEM | PCI_CMD_BUS_MASTER);
	return NULL;
}

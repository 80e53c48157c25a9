#include "pci/pci.h"
#include "arch/cpu.h"
#include "console/log.h"
#include "lib/spinlock.h"

#define PCI_ADDR 0xcf8
#define PCI_DATA 0xcfc

#define CFG_VENDOR 0x00
#define CFG_COMMAND 0x04
#define CFG_CLASS 0x08
#define CFG_HEADER 0x0c
#define CFG_BAR0 0x10
#define CFG_INTERRUPT 0x3c
#define CMD_IO 0x1
#define CMD_MEM 0x2

static struct spinlock cfg_lock = SPINLOCK_INIT;
static struct pci_device devices[PCI_MAX_DEVICES];
static unsigned device_count;

static uint32_t cfg_address(uint8_t bus, uint8_t dev, uint8_t fn, uint8_t off)
{
	return 0x80000000u | ((uint32_t)bus << 16) | ((uint32_t)(dev & 31) << 11) |
	       ((uint32_t)(fn & 7) << 8) | (off & 0xfc);
}

uint32_t pci_config_read32(uint8_t bus, uint8_t dev, uint8_t fn, uint8_t off)
{
	uint64_t flags = spin_lock_irqsave(&cfg_lock);
	outl(PCI_ADDR, cfg_address(bus, dev, fn, off));
	uint32_t v = inl(PCI_DATA);
	spin_unlock_irqrestore(&cfg_lock, flags);
	return v;
}

void pci_config_write32(uint8_t bus, uint8_t dev, uint8_t fn, uint8_t off, uint32_t v)
{
	uint64_t flags = spin_lock_irqsave(&cfg_lock);
	outl(PCI_ADDR, cfg_address(bus, dev, fn, off));
	outl(PCI_DATA, v);
	spin_unlock_irqrestore(&cfg_lock, flags);
}

uint16_t pci_config_read16(uint8_t bus, uint8_t dev, uint8_t fn, uint8_t off)
{
	return (uint16_t)(pci_config_read32(bus, dev, fn, off) >> ((off & 2) * 8));
}

void pci_config_write16(uint8_t bus, uint8_t dev, uint8_t fn, uint8_t off, uint16_t v)
{
	uint32_t old = pci_config_read32(bus, dev, fn, off);
	unsigned shift = (off & 2) * 8;
	old = (old & ~(0xffffu << shift)) | ((uint32_t)v << shift);
	pci_config_write32(bus, dev, fn, off, old);
}

/* Size BAR i (decode is off while it is probed).  Returns how many BAR
 * slots it used (2 for a 64-bit BAR). */
static unsigned probe_bar(struct pci_device *d, unsigned i)
{
	uint8_t off = (uint8_t)(CFG_BAR0 + 4 * i);
	uint32_t lo = pci_config_read32(d->bus, d->dev, d->fn, off);
	struct pci_bar *b = &d->bars[i];

	pci_config_write32(d->bus, d->dev, d->fn, off, 0xffffffffu);
	uint32_t mask = pci_config_read32(d->bus, d->dev, d->fn, off);
	pci_config_write32(d->bus, d->dev, d->fn, off, lo);
	if (mask == 0 || mask == 0xffffffffu)
		return 1; /* unimplemented */

	if (lo & 1) {
		b->kind = PCI_BAR_IO;
		b->base = lo & ~3u;
		b->size = (uint32_t)(~(mask & ~3u) + 1) & 0xffff;
		return 1;
	}
	b->prefetchable = (lo >> 3) & 1;
	if (((lo >> 1) & 3) == 2 && i < 5) {
		uint8_t off_hi = (uint8_t)(off + 4);
		uint32_t hi = pci_config_read32(d->bus, d->dev, d->fn, off_hi);
		pci_config_write32(d->bus, d->dev, d->fn, off_hi, 0xffffffffu);
		uint32_t mask_hi = pci_config_read32(d->bus, d->dev, d->fn, off_hi);
		pci_config_write32(d->bus, d->dev, d->fn, off_hi, hi);
		uint64_t m = ((uint64_t)mask_hi << 32) | (mask & ~0xfu);
		b->kind = PCI_BAR_MEM64;
		b->base = ((uint64_t)hi << 32) | (lo & ~0xfu);
		b->size = ~m + 1;
		return 2;
	}
	b->kind = PCI_BAR_MEM32;
	b->base = lo & ~0xfu;
	b->size = (uint32_t)(~(mask & ~0xfu) + 1);
	return 1;
}

static void record(uint8_t bus, uint8_t dev, uint8_t fn)
{
	uint32_t id = pci_config_read32(bus, dev, fn, CFG_VENDOR);
	uint32_t cls = pci_config_read32(bus, dev, fn, CFG_CLASS);
	uint32_t hdr = pci_config_read32(bus, dev, fn, CFG_HEADER);
	uint32_t intr = pci_config_read32(bus, dev, fn, CFG_INTERRUPT);

	if (device_count == PCI_MAX_DEVICES) {
		log_warn("pci %02x:%02x.%u: more than %d functions, not recorded", bus, dev, fn,
			 PCI_MAX_DEVICES);
		return;
	}
	struct pci_device *d = &devices[device_count++];
	*d = (struct pci_device){
		.bus = bus, .dev = dev, .fn = fn,
		.vendor_id = (uint16_t)id, .device_id = (uint16_t)(id >> 16),
		.revision = (uint8_t)cls, .prog_if = (uint8_t)(cls >> 8),
		.subclass = (uint8_t)(cls >> 16), .class_code = (uint8_t)(cls >> 24),
		.header_type = (uint8_t)(hdr >> 16) & 0x7f,
		.irq_line = (uint8_t)intr, .irq_pin = (uint8_t)(intr >> 8),
	};
	if (d->header_type == 0) {
		uint16_t cmd = pci_config_read16(bus, dev, fn, CFG_COMMAND);
		pci_config_write16(bus, dev, fn, CFG_COMMAND, (uint16_t)(cmd & ~(CMD_IO | CMD_MEM)));
		for (unsigned i = 0; i < 6;)
			i += probe_bar(d, i);
		pci_config_write16(bus, dev, fn, CFG_COMMAND, cmd);
	}
	log_info("pci %02x:%02x.%u %04x:%04x class %02x.%02x.%02x %s", bus, dev, fn, d->vendor_id,
		 d->device_id, d->class_code, d->subclass, d->prog_if,
		 pci_class_name(d->class_code, d->subclass));
	for (unsigned i = 0; i < 6; i++) {
		const struct pci_bar *b = &d->bars[i];
		if (b->kind != PCI_BAR_NONE)
			log_debug("pci %02x:%02x.%u   BAR%u %s 0x%llx size 0x%llx", bus, dev, fn, i,
				  b->kind == PCI_BAR_IO ? "io" : b->kind == PCI_BAR_MEM64 ? "mem64" : "mem32",
				  (unsigned long long)b->base, (unsigned long long)b->size);
	}
}

void pci_init(void)
{
	for (unsigned bus = 0; bus < 256; bus++) {
		for (uint8_t dev = 0; dev < 32; dev++) {
			uint32_t id = pci_config_read32((uint8_t)bus, dev, 0, CFG_VENDOR);
			if ((id & 0xffff) == 0xffff)
				continue;
			uint8_t hdr = (uint8_t)(pci_config_read32((uint8_t)bus, dev, 0, CFG_HEADER) >> 16);
			uint8_t nfn = (hdr & 0x80) ? 8 : 1;
			for (uint8_t fn = 0; fn < nfn; fn++) {
				if (fn && (pci_config_read32((uint8_t)bus, dev, fn, CFG_VENDOR) & 0xffff) == 0xffff)
					continue;
				record((uint8_t)bus, dev, fn);
			}
		}
	}
	log_info("pci: %u functions", device_count);
}

unsigned pci_device_count(void)
{
	return device_count;
}

const struct pci_device *pci_device_at(unsigned index)
{
	return index < device_count ? &devices[index] : 0;
}

const struct pci_device *pci_find(uint16_t vendor_id, uint16_t device_id)
{
	for (unsigned i = 0; i < device_count; i++)
		if (devices[i].vendor_id == vendor_id && devices[i].device_id == device_id)
			return &devices[i];
	return 0;
}

const char *pci_class_name(uint8_t class_code, uint8_t subclass)
{
	switch (class_code) {
	case 0x01:
		return "storage";
	case 0x02:
		return subclass == 0 ? "ethernet" : "network";
	case 0x03:
		return "display";
	case 0x04:
		return "multimedia";
	case 0x05:
		return "memory";
	case 0x06:
		switch (subclass) {
		case 0x00: return "host bridge";
		case 0x01: return "ISA bridge";
		case 0x04: return "PCI bridge";
		default: return "bridge";
		}
	case 0x07:
		return "communication";
	case 0x08:
		return "system peripheral";
	case 0x0c:
		return subclass == 0x03 ? "USB" : "serial bus";
	default:
		return "other";
	}
}

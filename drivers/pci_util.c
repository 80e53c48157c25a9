#include "drivers/pci_util.h"
#include "mm/paging.h"

#define CFG_COMMAND 0x04
#define CFG_STATUS 0x06
#define CFG_CAP_PTR 0x34
#define STATUS_CAP_LIST 0x10
#define MAX_CAPS 48 /* (256 - 64) / 4: more means the list loops */

uint8_t pci_read8(const struct pci_device *pci, uint8_t off)
{
	uint32_t v = pci_config_read32(pci->bus, pci->dev, pci->fn, (uint8_t)(off & ~3));
	return (uint8_t)(v >> ((off & 3) * 8));
}

void pci_enable(const struct pci_device *pci, uint16_t bits)
{
	uint16_t cmd = pci_config_read16(pci->bus, pci->dev, pci->fn, CFG_COMMAND);
	pci_config_write16(pci->bus, pci->dev, pci->fn, CFG_COMMAND,
			   (uint16_t)(cmd | bits | PCI_CMD_INTX_DISABLE));
}

void pci_disable_bus_master(const struct pci_device *pci)
{
	uint16_t cmd = pci_config_read16(pci->bus, pci->dev, pci->fn, CFG_COMMAND);
	pci_config_write16(pci->bus, pci->dev, pci->fn, CFG_COMMAND,
			   (uint16_t)(cmd & ~PCI_CMD_BUS_MASTER));
}

volatile void *pci_map_bar(const struct pci_device *pci, unsigned bar, uint64_t min_size,
			   const char **why)
{
	const struct pci_bar *b;

	if (bar >= 6) {
		*why = "BAR index out of range";
		return NULL;
	}
	b = &pci->bars[bar];
	if (b->kind != PCI_BAR_MEM32 && b->kind != PCI_BAR_MEM64) {
		*why = "BAR is not a memory BAR";
		return NULL;
	}
	if (b->base == 0 || b->size < min_size) {
		*why = "memory BAR is unassigned or too small";
		return NULL;
	}
	if (b->base + b->size < b->base || b->base + b->size > (4ull << 30)) {
		*why = "memory BAR lies above 4 GiB (not mapped by the image)";
		return NULL;
	}
	paging_set_uncached(b->base, b->size);
	return (volatile void *)(uintptr_t)b->base;
}

uint8_t pci_cap_next(const struct pci_device *pci, struct pci_cap_iter *it, uint8_t *id)
{
	uint8_t next;

	if (it->pos == 0) {
		uint16_t status = pci_config_read16(pci->bus, pci->dev, pci->fn, CFG_STATUS);
		if (!(status & STATUS_CAP_LIST))
			return 0;
		next = pci_read8(pci, CFG_CAP_PTR);
	} else {
		next = pci_read8(pci, (uint8_t)(it->pos + 1));
	}
	next &= 0xfc;
	if (next < 0x40 || ++it->steps > MAX_CAPS)
		return 0;
	it->pos = next;
	*id = pci_read8(pci, next);
	return next;
}

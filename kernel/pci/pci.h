/*
 * PCI configuration space (mechanism #1, ports 0xCF8/0xCFC) and the list
 * of functions found at boot, with their BARs sized.  PCI Local Bus 3.0
 * sections 3.2.2.3.2 and 6.2.5.1.
 */
#ifndef UNIHV_PCI_PCI_H
#define UNIHV_PCI_PCI_H

#include <stdbool.h>
#include <stdint.h>

#define PCI_MAX_DEVICES 64

enum pci_bar_kind { PCI_BAR_NONE, PCI_BAR_IO, PCI_BAR_MEM32, PCI_BAR_MEM64 };

struct pci_bar {
	enum pci_bar_kind kind;
	bool prefetchable;
	uint64_t base;
	uint64_t size;
};

struct pci_device {
	uint8_t bus, dev, fn;
	uint16_t vendor_id, device_id;
	uint8_t class_code, subclass, prog_if, revision;
	uint8_t header_type;
	uint8_t irq_line, irq_pin;
	struct pci_bar bars[6];
};

uint32_t pci_config_read32(uint8_t bus, uint8_t dev, uint8_t fn, uint8_t off);
void pci_config_write32(uint8_t bus, uint8_t dev, uint8_t fn, uint8_t off, uint32_t v);
uint16_t pci_config_read16(uint8_t bus, uint8_t dev, uint8_t fn, uint8_t off);
void pci_config_write16(uint8_t bus, uint8_t dev, uint8_t fn, uint8_t off, uint16_t v);

/* Scan every bus, record and log each function.  Boot CPU, once. */
void pci_init(void);
unsigned pci_device_count(void);
const struct pci_device *pci_device_at(unsigned index);
/* First function with this vendor and device id, NULL if none. */
const struct pci_device *pci_find(uint16_t vendor_id, uint16_t device_id);
const char *pci_class_name(uint8_t class_code, uint8_t subclass);

#endif

/*
 * What NIC drivers need from a PCI function beyond kernel/pci: turning on
 * decoding and bus mastering, mapping a memory BAR, and walking the
 * capability list.  PCI Local Bus 3.0 sections 6.2.2 and 6.7.
 */
#ifndef UNIHV_DRIVERS_PCI_UTIL_H
#define UNIHV_DRIVERS_PCI_UTIL_H

#include <stdbool.h>
#include <stdint.h>
#include "pci/pci.h"

#define PCI_CMD_IO          0x1
#define PCI_CMD_MEM         0x2
#define PCI_CMD_BUS_MASTER  0x4
#define PCI_CMD_INTX_DISABLE 0x400

uint8_t pci_read8(const struct pci_device *pci, uint8_t off);

/*
 * Set the command register bits (PCI_CMD_*) and disable INTx (the drivers
 * poll).  Boot CPU, during probe.
 */
void pci_enable(const struct pci_device *pci, uint16_t bits);
/* Turn off bus mastering: the function can no longer DMA. */
void pci_disable_bus_master(const struct pci_device *pci);

/*
 * The memory BAR bar as an uncached pointer, checked to be a memory BAR of
 * at least min_size bytes that lies below 4 GiB (the part of the address
 * space mapped by the image).  NULL with *why set otherwise.
 */
volatile void *pci_map_bar(const struct pci_device *pci, unsigned bar, uint64_t min_size,
			   const char **why);

/* Position in a capability list; start from a zeroed one. */
struct pci_cap_iter {
	uint8_t pos;
	unsigned steps;
};

/*
 * The next capability's offset in configuration space (its id in *id), 0
 * at the end.  A list that points into the header or loops ends early.
 */
uint8_t pci_cap_next(const struct pci_device *pci, struct pci_cap_iter *it, uint8_t *id);

#endif

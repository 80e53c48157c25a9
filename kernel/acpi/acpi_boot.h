#ifndef UNIHV_ACPI_ACPI_BOOT_H
#define UNIHV_ACPI_ACPI_BOOT_H

#include "acpi/acpi.h"

/*
 * Find the RSDP (loader copy, loader address, or BIOS area scan), load the
 * table list and parse the MADT.  Returns NULL or what is wrong.  Boot CPU.
 */
const char *acpi_boot_init(const struct bootinfo *bi, struct acpi_tables *tables,
			   struct acpi_madt_info *madt);

#endif

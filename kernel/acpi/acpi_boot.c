#include <string.h>
#include "acpi/acpi_boot.h"
#include "mm/paging.h"
#include "console/log.h"

const char *acpi_boot_init(const struct bootinfo *bi, struct acpi_tables *tables,
			   struct acpi_madt_info *madt)
{
	const struct acpi_rsdp *rsdp = NULL;
	const char *err;

	if (bi->rsdp_copy_len) {
		rsdp = (const struct acpi_rsdp *)bi->rsdp_copy;
		err = acpi_validate_rsdp(rsdp, bi->rsdp_copy_len);
	} else {
		uint64_t pa = bi->rsdp_phys;
		if (!pa) {
			/* BIOS areas: first KiB of the EBDA, then 0xE0000-0xFFFFF. */
			const uint16_t *ebda_seg = paging_phys_map(0x40e, 2, NULL);
			if (ebda_seg && *ebda_seg)
				pa = acpi_scan_rsdp((uint64_t)*ebda_seg << 4, 1024, paging_phys_map, NULL);
			if (!pa)
				pa = acpi_scan_rsdp(0xe0000, 0x20000, paging_phys_map, NULL);
		}
		if (!pa)
			return "no ACPI RSDP found";
		rsdp = paging_phys_map(pa, sizeof(*rsdp), NULL);
		err = rsdp ? acpi_validate_rsdp(rsdp, sizeof(*rsdp)) : "RSDP is not readable";
	}
	if (err)
		return err;
	err = acpi_load_tables(rsdp, paging_phys_map, NULL, tables);
	if (err)
		return err;
	const struct acpi_sdt_header *h = acpi_find_table(tables, "APIC", paging_phys_map, NULL);
	if (!h)
		return "no MADT (APIC table)";
	return acpi_parse_madt(h, madt);
}

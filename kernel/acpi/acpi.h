/*
 * ACPI table discovery (RSDP -> XSDT/RSDT) and MADT parsing.  ACPI 6.4
 * sections 5.2.5 (RSDP), 5.2.7/5.2.8 (RSDT/XSDT), 5.2.12 (MADT).  Pure
 * (host-tested): tables are read through the phys_map callback.
 */
#ifndef UNIHV_ACPI_ACPI_H
#define UNIHV_ACPI_ACPI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "boot/bootinfo.h"

#define ACPI_MAX_TABLES 64
#define ACPI_MAX_CPUS 256
#define ACPI_MAX_IOAPICS 8
#define ACPI_MAX_OVERRIDES 16

struct __attribute__((packed)) acpi_rsdp {
	char signature[8]; /* "RSD PTR " */
	uint8_t checksum;
	char oem_id[6];
	uint8_t revision;
	uint32_t rsdt_address;
	/* revision >= 2 */
	uint32_t length;
	uint64_t xsdt_address;
	uint8_t extended_checksum;
	uint8_t reserved[3];
};

struct __attribute__((packed)) acpi_sdt_header {
	char signature[4];
	uint32_t length;
	uint8_t revision;
	uint8_t checksum;
	char oem_id[6];
	char oem_table_id[8];
	uint32_t oem_revision;
	uint32_t creator_id;
	uint32_t creator_revision;
};

struct acpi_tables {
	uint8_t revision; /* RSDP revision */
	bool xsdt;        /* table list came from the XSDT */
	char oem_id[7];
	unsigned count;
	uint64_t table_phys[ACPI_MAX_TABLES];
};

struct acpi_cpu {
	uint32_t apic_id;
	uint32_t uid;
	bool enabled;        /* usable now */
	bool online_capable; /* may be hot-added */
};

struct acpi_ioapic {
	uint8_t id;
	uint32_t address;
	uint32_t gsi_base;
};

struct acpi_override {
	uint8_t bus;
	uint8_t source_irq;
	uint32_t gsi;
	uint16_t flags;
};

struct acpi_madt_info {
	uint64_t lapic_address;
	bool pcat_compat; /* legacy 8259s present */
	unsigned cpu_count;
	struct acpi_cpu cpus[ACPI_MAX_CPUS];
	unsigned ioapic_count;
	struct acpi_ioapic ioapics[ACPI_MAX_IOAPICS];
	unsigned override_count;
	struct acpi_override overrides[ACPI_MAX_OVERRIDES];
	bool truncated; /* more entries than the arrays hold */
};

/* Sum of bytes mod 256 (0 for a valid table). */
uint8_t acpi_checksum(const void *p, size_t len);

/*
 * Validate an RSDP (signature, checksum, extended checksum for rev >= 2).
 * Returns NULL or what is wrong.
 */
const char *acpi_validate_rsdp(const struct acpi_rsdp *rsdp, size_t available);

/* Search [pa, pa+len) on 16-byte boundaries for a valid RSDP (BIOS areas). */
uint64_t acpi_scan_rsdp(uint64_t pa, size_t len, phys_map_fn map, void *ctx);

/*
 * From a validated RSDP, read the XSDT (rev >= 2 and non-zero) or RSDT and
 * record every table address.  Returns NULL or what is wrong.
 */
const char *acpi_load_tables(const struct acpi_rsdp *rsdp, phys_map_fn map, void *ctx,
			     struct acpi_tables *out);

/*
 * Find the first table with signature sig whose checksum is valid; returns
 * its header (whole table readable) or NULL.
 */
const struct acpi_sdt_header *acpi_find_table(const struct acpi_tables *t, const char sig[4],
					      phys_map_fn map, void *ctx);

/* Parse a MADT ("APIC").  Returns NULL or what is wrong. */
const char *acpi_parse_madt(const struct acpi_sdt_header *madt, struct acpi_madt_info *out);

#endif

#include <string.h>
#include "acpi/acpi.h"

#define MADT_LAPIC 0
#define MADT_IOAPIC 1
#define MADT_OVERRIDE 2
#define MADT_LAPIC_ADDR_OVERRIDE 5
#define MADT_X2APIC 9

#define MADT_CPU_ENABLED 1u
#define MADT_CPU_ONLINE_CAPABLE 2u

uint8_t acpi_checksum(const void *p, size_t len)
{
	const uint8_t *b = p;
	uint8_t sum = 0;
	for (size_t i = 0; i < len; i++)
		sum = (uint8_t)(sum + b[i]);
	return sum;
}

const char *acpi_validate_rsdp(const struct acpi_rsdp *rsdp, size_t available)
{
	if (available < 20)
		return "RSDP is truncated";
	if (memcmp(rsdp->signature, "RSD PTR ", 8) != 0)
		return "RSDP has a bad signature";
	if (acpi_checksum(rsdp, 20) != 0)
		return "RSDP checksum is wrong";
	if (rsdp->revision >= 2) {
		if (available < sizeof(*rsdp) || rsdp->length < sizeof(*rsdp))
			return "ACPI 2.0 RSDP is truncated";
		if (acpi_checksum(rsdp, sizeof(*rsdp)) != 0)
			return "RSDP extended checksum is wrong";
	}
	return NULL;
}

uint64_t acpi_scan_rsdp(uint64_t pa, size_t len, phys_map_fn map, void *ctx)
{
	for (size_t off = 0; off + 20 <= len; off += 16) {
		size_t avail = len - off;
		if (avail > sizeof(struct acpi_rsdp))
			avail = sizeof(struct acpi_rsdp);
		const struct acpi_rsdp *r = map(pa + off, avail, ctx);
		if (r && acpi_validate_rsdp(r, avail) == NULL)
			return pa + off;
	}
	return 0;
}

/* Map a whole SDT: header first, then its full length. */
static const struct acpi_sdt_header *map_sdt(uint64_t pa, phys_map_fn map, void *ctx)
{
	const struct acpi_sdt_header *h = map(pa, sizeof(*h), ctx);
	if (!h || h->length < sizeof(*h) || h->length > (16u << 20))
		return NULL;
	return map(pa, h->length, ctx);
}

const char *acpi_load_tables(const struct acpi_rsdp *rsdp, phys_map_fn map, void *ctx,
			     struct acpi_tables *out)
{
	memset(out, 0, sizeof(*out));
	out->revision = rsdp->revision;
	memcpy(out->oem_id, rsdp->oem_id, 6);
	out->xsdt = rsdp->revision >= 2 && rsdp->xsdt_address != 0;

	uint64_t root_pa = out->xsdt ? rsdp->xsdt_address : rsdp->rsdt_address;
	const struct acpi_sdt_header *root = map_sdt(root_pa, map, ctx);
	if (!root)
		return out->xsdt ? "XSDT is not readable" : "RSDT is not readable";
	if (memcmp(root->signature, out->xsdt ? "XSDT" : "RSDT", 4) != 0)
		return out->xsdt ? "XSDT has a bad signature" : "RSDT has a bad signature";
	if (acpi_checksum(root, root->length) != 0)
		return out->xsdt ? "XSDT checksum is wrong" : "RSDT checksum is wrong";

	size_t entry_size = out->xsdt ? 8 : 4;
	size_t n = (root->length - sizeof(*root)) / entry_size;
	const uint8_t *entries = (const uint8_t *)(root + 1);
	for (size_t i = 0; i < n; i++) {
		uint64_t pa = 0;
		memcpy(&pa, entries + i * entry_size, entry_size);
		if (!pa)
			continue;
		if (out->count == ACPI_MAX_TABLES)
			return "too many ACPI tables";
		out->table_phys[out->count++] = pa;
	}
	return NULL;
}

const struct acpi_sdt_header *acpi_find_table(const struct acpi_tables *t, const char sig[4],
					      phys_map_fn map, void *ctx)
{
	for (unsigned i = 0; i < t->count; i++) {
		const struct acpi_sdt_header *h = map_sdt(t->table_phys[i], map, ctx);
		if (h && memcmp(h->signature, sig, 4) == 0 && acpi_checksum(h, h->length) == 0)
			return h;
	}
	return NULL;
}

static void add_cpu(struct acpi_madt_info *out, uint32_t apic_id, uint32_t uid, uint32_t flags)
{
	if (!(flags & (MADT_CPU_ENABLED | MADT_CPU_ONLINE_CAPABLE)))
		return; /* not usable, ever */
	for (unsigned i = 0; i < out->cpu_count; i++)
		if (out->cpus[i].apic_id == apic_id)
			return; /* listed as both xAPIC and x2APIC */
	if (out->cpu_count == ACPI_MAX_CPUS) {
		out->truncated = true;
		return;
	}
	out->cpus[out->cpu_count++] = (struct acpi_cpu){
		.apic_id = apic_id,
		.uid = uid,
		.enabled = (flags & MADT_CPU_ENABLED) != 0,
		.online_capable = (flags & MADT_CPU_ONLINE_CAPABLE) != 0,
	};
}

const char *acpi_parse_madt(const struct acpi_sdt_header *madt, struct acpi_madt_info *out)
{
	memset(out, 0, sizeof(*out));
	if (memcmp(madt->signature, "APIC", 4) != 0)
		return "MADT has a bad signature";
	if (madt->length < sizeof(*madt) + 8)
		return "MADT is truncated";
	const uint8_t *p = (const uint8_t *)madt;
	uint32_t lapic32, flags;
	memcpy(&lapic32, p + sizeof(*madt), 4);
	memcpy(&flags, p + sizeof(*madt) + 4, 4);
	out->lapic_address = lapic32;
	out->pcat_compat = flags & 1;

	size_t off = sizeof(*madt) + 8;
	while (off + 2 <= madt->length) {
		uint8_t type = p[off], len = p[off + 1];
		if (len < 2 || off + len > madt->length)
			return "MADT entry runs past the end of the table";
		const uint8_t *e = p + off;
		switch (type) {
		case MADT_LAPIC:
			if (len < 8)
				return "MADT local APIC entry is too short";
			memcpy(&flags, e + 4, 4);
			add_cpu(out, e[3], e[2], flags);
			break;
		case MADT_X2APIC: {
			if (len < 16)
				return "MADT x2APIC entry is too short";
			uint32_t id, uid;
			memcpy(&id, e + 4, 4);
			memcpy(&flags, e + 8, 4);
			memcpy(&uid, e + 12, 4);
			add_cpu(out, id, uid, flags);
			break;
		}
		case MADT_IOAPIC:
			if (len < 12)
				return "MADT I/O APIC entry is too short";
			if (out->ioapic_count == ACPI_MAX_IOAPICS) {
				out->truncated = true;
				break;
			}
			out->ioapics[out->ioapic_count].id = e[2];
			memcpy(&out->ioapics[out->ioapic_count].address, e + 4, 4);
			memcpy(&out->ioapics[out->ioapic_count].gsi_base, e + 8, 4);
			out->ioapic_count++;
			break;
		case MADT_OVERRIDE:
			if (len < 10)
				return "MADT interrupt override entry is too short";
			if (out->override_count == ACPI_MAX_OVERRIDES) {
				out->truncated = true;
				break;
			}
			out->overrides[out->override_count].bus = e[2];
			out->overrides[out->override_count].source_irq = e[3];
			memcpy(&out->overrides[out->override_count].gsi, e + 4, 4);
			memcpy(&out->overrides[out->override_count].flags, e + 8, 2);
			out->override_count++;
			break;
		case MADT_LAPIC_ADDR_OVERRIDE:
			if (len < 12)
				return "MADT local APIC address override is too short";
			memcpy(&out->lapic_address, e + 4, 8);
			break;
		default:
			break;
		}
		off += len;
	}
	if (out->cpu_count == 0)
		return "MADT lists no usable processor";
	return NULL;
}

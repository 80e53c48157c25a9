/* Host tests for kernel/acpi/acpi.c. */
#include <string.h>
#include "harness.h"
#include "acpi/acpi.h"

/* Fake physical memory [0x80000, 0x100000): tables low, BIOS area high. */
#define PHYS_BASE 0x80000ull
#define PHYS_SIZE 0x80000
#define BIOS_AREA 0xe0000ull   /* scanned for the RSDP */
#define RSDT_PA 0x90000ull
#define XSDT_PA 0x91000ull
#define TABLE_PA(i) (0xa0000ull + (uint64_t)(i) * 0x1000) /* 32 slots */

static _Alignas(64) uint8_t mem[PHYS_SIZE];
static struct fake_phys fp;
static struct acpi_tables tables;
static struct acpi_madt_info madt_info; /* large: off the stack */

static int setup(void **state)
{
	memset(mem, 0, sizeof(mem));
	fp = (struct fake_phys){ .base = PHYS_BASE, .buf = mem, .size = sizeof(mem) };
	memset(&tables, 0x5a, sizeof(tables));
	memset(&madt_info, 0x5a, sizeof(madt_info));
	return 0;
}

static void *at(uint64_t pa)
{
	return fake_phys_ptr(&fp, pa);
}

/* ---- builders ------------------------------------------------------------ */

static struct acpi_rsdp *put_rsdp(uint64_t pa, uint8_t rev, uint32_t rsdt, uint64_t xsdt)
{
	struct acpi_rsdp *r = at(pa);
	memset(r, 0, rev >= 2 ? sizeof(*r) : 20);
	memcpy(r->signature, "RSD PTR ", 8);
	memcpy(r->oem_id, "BOCHS ", 6);
	r->revision = rev;
	r->rsdt_address = rsdt;
	if (rev >= 2) {
		r->length = sizeof(*r);
		r->xsdt_address = xsdt;
	}
	r->checksum = (uint8_t)-acpi_checksum(r, 20);
	if (rev >= 2)
		r->extended_checksum = (uint8_t)-acpi_checksum(r, sizeof(*r));
	return r;
}

static void fix_checksum(struct acpi_sdt_header *h)
{
	h->checksum = 0;
	h->checksum = (uint8_t)-acpi_checksum(h, h->length);
}

/* An SDT with the given body; returns its header. */
static struct acpi_sdt_header *put_sdt(uint64_t pa, const char *sig, const void *body, size_t len)
{
	struct acpi_sdt_header *h = at(pa);
	memset(h, 0, sizeof(*h));
	memcpy(h->signature, sig, 4);
	h->length = (uint32_t)(sizeof(*h) + len);
	h->revision = 1;
	memcpy(h->oem_id, "BOCHS ", 6);
	memcpy(h->oem_table_id, "BXPC    ", 8);
	if (len)
		memcpy(h + 1, body, len);
	fix_checksum(h);
	return h;
}

static void put_rsdt(const uint32_t *entries, unsigned n)
{
	put_sdt(RSDT_PA, "RSDT", entries, n * 4);
}

static void put_xsdt(const uint64_t *entries, unsigned n)
{
	put_sdt(XSDT_PA, "XSDT", entries, n * 8);
}

/* MADT builder: entries are appended to a body after the two dwords. */
struct madt_builder {
	uint8_t body[8192];
	size_t len;
};

static void madt_begin(struct madt_builder *b, uint32_t lapic_addr, uint32_t flags)
{
	memset(b, 0, sizeof(*b));
	memcpy(b->body, &lapic_addr, 4);
	memcpy(b->body + 4, &flags, 4);
	b->len = 8;
}

static uint8_t *madt_entry(struct madt_builder *b, uint8_t type, uint8_t len)
{
	uint8_t *e = b->body + b->len;
	assert_true(b->len + len <= sizeof(b->body));
	e[0] = type;
	e[1] = len;
	b->len += len;
	return e;
}

static void madt_lapic(struct madt_builder *b, uint8_t uid, uint8_t apic_id, uint32_t flags)
{
	uint8_t *e = madt_entry(b, 0, 8);
	e[2] = uid;
	e[3] = apic_id;
	memcpy(e + 4, &flags, 4);
}

static void madt_x2apic(struct madt_builder *b, uint32_t apic_id, uint32_t uid, uint32_t flags)
{
	uint8_t *e = madt_entry(b, 9, 16);
	memcpy(e + 4, &apic_id, 4);
	memcpy(e + 8, &flags, 4);
	memcpy(e + 12, &uid, 4);
}

static void madt_ioapic(struct madt_builder *b, uint8_t id, uint32_t addr, uint32_t gsi_base)
{
	uint8_t *e = madt_entry(b, 1, 12);
	e[2] = id;
	memcpy(e + 4, &addr, 4);
	memcpy(e + 8, &gsi_base, 4);
}

static void madt_override(struct madt_builder *b, uint8_t irq, uint32_t gsi, uint16_t flags)
{
	uint8_t *e = madt_entry(b, 2, 10);
	e[2] = 0; /* ISA */
	e[3] = irq;
	memcpy(e + 4, &gsi, 4);
	memcpy(e + 8, &flags, 2);
}

static void madt_lapic_addr_override(struct madt_builder *b, uint64_t addr)
{
	uint8_t *e = madt_entry(b, 5, 12);
	memcpy(e + 4, &addr, 8);
}

static const struct acpi_sdt_header *madt_put(struct madt_builder *b, uint64_t pa)
{
	return put_sdt(pa, "APIC", b->body, b->len);
}

/* What QEMU's q35 builds for two CPUs. */
static void madt_qemu(struct madt_builder *b)
{
	madt_begin(b, 0xfee00000, 1);
	madt_lapic(b, 0, 0, 1);
	madt_lapic(b, 1, 1, 1);
	madt_ioapic(b, 0, 0xfec00000, 0);
	madt_override(b, 0, 2, 0);
	madt_override(b, 5, 5, 0xd);
	madt_override(b, 9, 9, 0xd);
	madt_override(b, 10, 10, 0xd);
	madt_override(b, 11, 11, 0xd);
	uint8_t *nmi = madt_entry(b, 4, 6); /* local APIC NMI: not used */
	nmi[2] = 0xff;
	nmi[5] = 1;
}

/* ---- checksum and RSDP ------------------------------------------------- */

static void test_checksum(void **state)
{
	static const uint8_t a[] = { 1, 2, 3 }, b[] = { 0xff, 1 }, c[] = { 0x80, 0x80, 0x80 };
	assert_int_equal(acpi_checksum(a, 3), 6);
	assert_int_equal(acpi_checksum(b, 2), 0);
	assert_int_equal(acpi_checksum(c, 3), 0x80);
	assert_int_equal(acpi_checksum(a, 0), 0);
}

static void test_validate_rsdp_good(void **state)
{
	const struct acpi_rsdp *r0 = put_rsdp(BIOS_AREA, 0, RSDT_PA, 0);
	assert_null(acpi_validate_rsdp(r0, 20));
	assert_null(acpi_validate_rsdp(r0, 36));
	const struct acpi_rsdp *r2 = put_rsdp(BIOS_AREA + 0x40, 2, RSDT_PA, XSDT_PA);
	assert_null(acpi_validate_rsdp(r2, 36));
	assert_null(acpi_validate_rsdp(r2, 4096));
}

static void test_validate_rsdp_errors(void **state)
{
	struct acpi_rsdp *r = put_rsdp(BIOS_AREA, 0, RSDT_PA, 0);
	assert_error(acpi_validate_rsdp(r, 19), "truncated");
	r->signature[7] = 'X';
	assert_error(acpi_validate_rsdp(r, 20), "signature");

	r = put_rsdp(BIOS_AREA, 0, RSDT_PA, 0);
	r->rsdt_address ^= 0x100; /* checksum no longer adds up */
	assert_error(acpi_validate_rsdp(r, 20), "checksum");

	/* Revision 2: the extended fields count. */
	r = put_rsdp(BIOS_AREA, 2, RSDT_PA, XSDT_PA);
	assert_non_null(acpi_validate_rsdp(r, 20));
	assert_non_null(acpi_validate_rsdp(r, 35));
	r->xsdt_address ^= 0x1000; /* the first 20 bytes are still right */
	assert_int_equal(acpi_checksum(r, 20), 0);
	assert_error(acpi_validate_rsdp(r, 36), "extended checksum");

	r = put_rsdp(BIOS_AREA, 2, RSDT_PA, XSDT_PA);
	r->length = 20;
	r->extended_checksum = 0;
	r->extended_checksum = (uint8_t)-acpi_checksum(r, sizeof(*r));
	assert_non_null(acpi_validate_rsdp(r, 36));
}

static void test_scan_rsdp(void **state)
{
	/* A bad-checksum RSDP first, the good one later on. */
	struct acpi_rsdp *bad = put_rsdp(BIOS_AREA + 0x10, 0, RSDT_PA, 0);
	bad->checksum ^= 1;
	put_rsdp(BIOS_AREA + 0x40, 2, RSDT_PA, XSDT_PA);
	assert_int_equal(acpi_scan_rsdp(BIOS_AREA, 0x20000, fake_phys_map, &fp), BIOS_AREA + 0x40);
	/* Not in the scanned range. */
	assert_int_equal(acpi_scan_rsdp(BIOS_AREA + 0x50, 0x1000, fake_phys_map, &fp), 0);
	assert_int_equal(acpi_scan_rsdp(BIOS_AREA, 0x40, fake_phys_map, &fp), 0);
}

static void test_scan_rsdp_only_on_16_byte_boundaries(void **state)
{
	put_rsdp(BIOS_AREA + 0x28, 0, RSDT_PA, 0);
	assert_int_equal(acpi_scan_rsdp(BIOS_AREA, 0x1000, fake_phys_map, &fp), 0);
	put_rsdp(BIOS_AREA + 0x30, 0, RSDT_PA, 0);
	assert_int_equal(acpi_scan_rsdp(BIOS_AREA, 0x1000, fake_phys_map, &fp), BIOS_AREA + 0x30);
}

static void test_scan_rsdp_at_region_end(void **state)
{
	/* A 20-byte RSDP in the last 20 bytes of the region is found... */
	put_rsdp(BIOS_AREA + 0x100, 0, RSDT_PA, 0);
	assert_int_equal(acpi_scan_rsdp(BIOS_AREA, 0x114, fake_phys_map, &fp), BIOS_AREA + 0x100);
	/* ...one needing 36 bytes is not when only 20 are in the region. */
	put_rsdp(BIOS_AREA + 0x100, 2, RSDT_PA, XSDT_PA);
	assert_int_equal(acpi_scan_rsdp(BIOS_AREA, 0x114, fake_phys_map, &fp), 0);
	assert_int_equal(acpi_scan_rsdp(BIOS_AREA, 0x124, fake_phys_map, &fp), BIOS_AREA + 0x100);
	/* Regions too small to hold an RSDP. */
	assert_int_equal(acpi_scan_rsdp(BIOS_AREA + 0x100, 19, fake_phys_map, &fp), 0);
	assert_int_equal(acpi_scan_rsdp(BIOS_AREA + 0x100, 0, fake_phys_map, &fp), 0);
}

static void test_scan_rsdp_unreadable(void **state)
{
	/* A region ending exactly where readable memory ends: the last
	 * candidate can only be mapped for the bytes left in the region. */
	uint64_t last = PHYS_BASE + PHYS_SIZE - 0x20;
	put_rsdp(last, 0, RSDT_PA, 0);
	assert_int_equal(acpi_scan_rsdp(last - 0x100, 0x120, fake_phys_map, &fp), last);
	/* Nothing readable at all. */
	fp.maps = 0;
	assert_int_equal(acpi_scan_rsdp(0x1000, 0x10000, fake_phys_map, &fp), 0);
	/* Every 16-byte boundary with room for 20 bytes was tried once. */
	assert_int_equal(fp.maps, 0x10000 / 16 - 1);
}

/* ---- RSDT / XSDT --------------------------------------------------------- */

static void test_load_rsdt(void **state)
{
	const uint32_t e[] = { TABLE_PA(0), 0, TABLE_PA(1), TABLE_PA(2) };
	const struct acpi_rsdp *r = put_rsdp(BIOS_AREA, 0, RSDT_PA, 0);
	put_rsdt(e, 4);
	assert_null(acpi_load_tables(r, fake_phys_map, &fp, &tables));
	assert_int_equal(tables.revision, 0);
	assert_false(tables.xsdt);
	assert_string_equal(tables.oem_id, "BOCHS ");
	assert_int_equal(tables.count, 3); /* null entry skipped */
	assert_int_equal(tables.table_phys[0], TABLE_PA(0));
	assert_int_equal(tables.table_phys[1], TABLE_PA(1));
	assert_int_equal(tables.table_phys[2], TABLE_PA(2));
}

static void test_load_xsdt(void **state)
{
	const uint64_t e[] = { TABLE_PA(3), 0x123456789000ull, TABLE_PA(4) };
	const uint32_t re[] = { TABLE_PA(0) };
	const struct acpi_rsdp *r = put_rsdp(BIOS_AREA, 2, RSDT_PA, XSDT_PA);
	put_rsdt(re, 1);
	put_xsdt(e, 3);
	assert_null(acpi_load_tables(r, fake_phys_map, &fp, &tables));
	assert_int_equal(tables.revision, 2);
	assert_true(tables.xsdt);
	assert_int_equal(tables.count, 3);
	assert_int_equal(tables.table_phys[0], TABLE_PA(3));
	assert_int_equal(tables.table_phys[1], 0x123456789000ull); /* above 4 GiB */
	assert_int_equal(tables.table_phys[2], TABLE_PA(4));
}

static void test_load_rev2_without_xsdt_uses_rsdt(void **state)
{
	const uint32_t e[] = { TABLE_PA(5) };
	const struct acpi_rsdp *r = put_rsdp(BIOS_AREA, 2, RSDT_PA, 0);
	put_rsdt(e, 1);
	assert_null(acpi_load_tables(r, fake_phys_map, &fp, &tables));
	assert_false(tables.xsdt);
	assert_int_equal(tables.count, 1);
	assert_int_equal(tables.table_phys[0], TABLE_PA(5));
}

static void test_load_root_errors(void **state)
{
	const uint32_t e[] = { TABLE_PA(0) };
	const struct acpi_rsdp *r = put_rsdp(BIOS_AREA, 0, RSDT_PA, 0);

	put_rsdt(e, 1);
	((struct acpi_sdt_header *)at(RSDT_PA))->checksum ^= 0x40;
	assert_error(acpi_load_tables(r, fake_phys_map, &fp, &tables), "RSDT checksum");

	put_sdt(RSDT_PA, "XSDT", e, 4);
	assert_error(acpi_load_tables(r, fake_phys_map, &fp, &tables), "RSDT has a bad signature");

	put_rsdt(e, 1);
	((struct acpi_sdt_header *)at(RSDT_PA))->length = 20; /* shorter than a header */
	assert_error(acpi_load_tables(r, fake_phys_map, &fp, &tables), "RSDT is not readable");

	put_rsdt(e, 1);
	((struct acpi_sdt_header *)at(RSDT_PA))->length = 0x100000; /* past readable memory */
	assert_error(acpi_load_tables(r, fake_phys_map, &fp, &tables), "RSDT is not readable");

	r = put_rsdp(BIOS_AREA, 0, 0x1000, 0);
	assert_error(acpi_load_tables(r, fake_phys_map, &fp, &tables), "RSDT is not readable");

	/* XSDT: the RSDT being fine does not help. */
	r = put_rsdp(BIOS_AREA, 2, RSDT_PA, XSDT_PA);
	put_rsdt(e, 1);
	put_sdt(XSDT_PA, "RSDT", e, 4);
	assert_error(acpi_load_tables(r, fake_phys_map, &fp, &tables), "XSDT has a bad signature");
	r = put_rsdp(BIOS_AREA, 2, RSDT_PA, 0x200000000ull);
	assert_error(acpi_load_tables(r, fake_phys_map, &fp, &tables), "XSDT is not readable");
}

static void test_load_table_count_limit(void **state)
{
	static uint64_t e[ACPI_MAX_TABLES + 1];
	for (unsigned i = 0; i <= ACPI_MAX_TABLES; i++)
		e[i] = 0x100000000ull + i * 0x1000;
	const struct acpi_rsdp *r = put_rsdp(BIOS_AREA, 2, RSDT_PA, XSDT_PA);
	put_xsdt(e, ACPI_MAX_TABLES);
	assert_null(acpi_load_tables(r, fake_phys_map, &fp, &tables));
	assert_int_equal(tables.count, ACPI_MAX_TABLES);
	assert_int_equal(tables.table_phys[ACPI_MAX_TABLES - 1], e[ACPI_MAX_TABLES - 1]);
	put_xsdt(e, ACPI_MAX_TABLES + 1);
	assert_error(acpi_load_tables(r, fake_phys_map, &fp, &tables), "too many");
}

static void test_load_ignores_partial_entry(void **state)
{
	/* An RSDT whose length leaves 3 bytes of a fifth entry. */
	const uint32_t e[] = { TABLE_PA(0), TABLE_PA(1), TABLE_PA(2), TABLE_PA(3), 0x00ffffff };
	const struct acpi_rsdp *r = put_rsdp(BIOS_AREA, 0, RSDT_PA, 0);
	struct acpi_sdt_header *h = put_sdt(RSDT_PA, "RSDT", e, 4 * 4 + 3);
	assert_int_equal(h->length, 36 + 19);
	assert_null(acpi_load_tables(r, fake_phys_map, &fp, &tables));
	assert_int_equal(tables.count, 4);
}

/* ---- find_table ---------------------------------------------------------- */

static void load_tables_for_find(void)
{
	static const char body[16] = "0123456789abcdef";
	put_sdt(TABLE_PA(0), "FACP", body, 16);
	struct acpi_sdt_header *bad = put_sdt(TABLE_PA(1), "APIC", body, 16);
	bad->checksum ^= 0xff;                    /* first MADT: corrupt */
	put_sdt(TABLE_PA(2), "APIC", body, 8);   /* second MADT: good */
	put_sdt(TABLE_PA(3), "HPET", body, 16);
	((struct acpi_sdt_header *)at(TABLE_PA(3)))->length = 0x200000; /* unreadable */
	put_sdt(TABLE_PA(4), "MCFG", body, 16);
	((struct acpi_sdt_header *)at(TABLE_PA(4)))->length = 16 + (16u << 20); /* absurd */
	const uint32_t e[] = { 0x2000, TABLE_PA(0), TABLE_PA(1), TABLE_PA(2), TABLE_PA(3),
			       TABLE_PA(4) };
	put_rsdt(e, 6);
	const struct acpi_rsdp *r = put_rsdp(BIOS_AREA, 0, RSDT_PA, 0);
	assert_null(acpi_load_tables(r, fake_phys_map, &fp, &tables));
	assert_int_equal(tables.count, 6);
}

static void test_find_table(void **state)
{
	load_tables_for_find();
	assert_ptr_equal(acpi_find_table(&tables, "FACP", fake_phys_map, &fp), at(TABLE_PA(0)));
	/* The corrupt MADT is skipped for the good one. */
	const struct acpi_sdt_header *h = acpi_find_table(&tables, "APIC", fake_phys_map, &fp);
	assert_ptr_equal(h, at(TABLE_PA(2)));
	assert_int_equal(h->length, 36 + 8);
	/* Tables that cannot be read whole are not returned. */
	assert_null(acpi_find_table(&tables, "HPET", fake_phys_map, &fp));
	assert_null(acpi_find_table(&tables, "MCFG", fake_phys_map, &fp));
	assert_null(acpi_find_table(&tables, "SSDT", fake_phys_map, &fp));
}

static void test_find_table_only_bad_checksum(void **state)
{
	load_tables_for_find();
	((struct acpi_sdt_header *)at(TABLE_PA(2)))->oem_revision++;
	assert_null(acpi_find_table(&tables, "APIC", fake_phys_map, &fp));
}

/* ---- MADT ---------------------------------------------------------------- */

static const char *parse(struct madt_builder *b)
{
	return acpi_parse_madt(madt_put(b, TABLE_PA(8)), &madt_info);
}

static void test_madt_qemu(void **state)
{
	struct madt_builder b;
	madt_qemu(&b);
	assert_null(parse(&b));
	assert_int_equal(madt_info.lapic_address, 0xfee00000);
	assert_true(madt_info.pcat_compat);
	assert_int_equal(madt_info.cpu_count, 2);
	for (unsigned i = 0; i < 2; i++) {
		assert_int_equal(madt_info.cpus[i].apic_id, i);
		assert_int_equal(madt_info.cpus[i].uid, i);
		assert_true(madt_info.cpus[i].enabled);
		assert_false(madt_info.cpus[i].online_capable);
	}
	assert_int_equal(madt_info.ioapic_count, 1);
	assert_int_equal(madt_info.ioapics[0].id, 0);
	assert_int_equal(madt_info.ioapics[0].address, 0xfec00000);
	assert_int_equal(madt_info.ioapics[0].gsi_base, 0);
	assert_int_equal(madt_info.override_count, 5);
	assert_int_equal(madt_info.overrides[0].bus, 0);
	assert_int_equal(madt_info.overrides[0].source_irq, 0);
	assert_int_equal(madt_info.overrides[0].gsi, 2);
	assert_int_equal(madt_info.overrides[0].flags, 0);
	assert_int_equal(madt_info.overrides[2].source_irq, 9);
	assert_int_equal(madt_info.overrides[2].gsi, 9);
	assert_int_equal(madt_info.overrides[2].flags, 0xd);
	assert_false(madt_info.truncated);
}

static void test_madt_through_find_table(void **state)
{
	struct madt_builder b;
	madt_qemu(&b);
	madt_put(&b, TABLE_PA(7));
	put_sdt(TABLE_PA(6), "FACP", "x", 1);
	const uint64_t e[] = { TABLE_PA(6), TABLE_PA(7) };
	put_xsdt(e, 2);
	put_rsdt((const uint32_t[]){ TABLE_PA(6) }, 1);
	put_rsdp(BIOS_AREA + 0x9a0, 2, RSDT_PA, XSDT_PA);

	uint64_t rsdp_pa = acpi_scan_rsdp(BIOS_AREA, 0x20000, fake_phys_map, &fp);
	assert_int_equal(rsdp_pa, BIOS_AREA + 0x9a0);
	const struct acpi_rsdp *r = fake_phys_map(rsdp_pa, sizeof(*r), &fp);
	assert_null(acpi_validate_rsdp(r, sizeof(*r)));
	assert_null(acpi_load_tables(r, fake_phys_map, &fp, &tables));
	assert_true(tables.xsdt);
	const struct acpi_sdt_header *madt = acpi_find_table(&tables, "APIC", fake_phys_map, &fp);
	assert_ptr_equal(madt, at(TABLE_PA(7)));
	assert_null(acpi_parse_madt(madt, &madt_info));
	assert_int_equal(madt_info.cpu_count, 2);
}

static void test_madt_disabled_and_online_capable(void **state)
{
	struct madt_builder b;
	madt_begin(&b, 0xfee00000, 0);
	madt_lapic(&b, 0, 0, 1);
	madt_lapic(&b, 1, 1, 0);      /* disabled, not hot-pluggable: skipped */
	madt_lapic(&b, 2, 2, 2);      /* online capable */
	madt_lapic(&b, 3, 3, 1 | 4);  /* unknown flag bits are harmless */
	madt_x2apic(&b, 0x100, 7, 0); /* skipped */
	madt_x2apic(&b, 0x101, 8, 2);
	assert_null(parse(&b));
	assert_false(madt_info.pcat_compat);
	assert_int_equal(madt_info.cpu_count, 4);
	assert_int_equal(madt_info.cpus[0].apic_id, 0);
	assert_int_equal(madt_info.cpus[1].apic_id, 2);
	assert_false(madt_info.cpus[1].enabled);
	assert_true(madt_info.cpus[1].online_capable);
	assert_int_equal(madt_info.cpus[1].uid, 2);
	assert_int_equal(madt_info.cpus[2].apic_id, 3);
	assert_true(madt_info.cpus[2].enabled);
	assert_false(madt_info.cpus[2].online_capable);
	assert_int_equal(madt_info.cpus[3].apic_id, 0x101);
	assert_int_equal(madt_info.cpus[3].uid, 8);
	assert_false(madt_info.cpus[3].enabled);
	assert_true(madt_info.cpus[3].online_capable);
}

static void test_madt_x2apic(void **state)
{
	struct madt_builder b;
	madt_begin(&b, 0xfee00000, 1);
	madt_x2apic(&b, 0, 0, 1);
	madt_x2apic(&b, 300, 0x12345678, 1);
	madt_x2apic(&b, 0xfffffffe, 2, 3);
	assert_null(parse(&b));
	assert_int_equal(madt_info.cpu_count, 3);
	assert_int_equal(madt_info.cpus[1].apic_id, 300);
	assert_int_equal(madt_info.cpus[1].uid, 0x12345678);
	assert_int_equal(madt_info.cpus[2].apic_id, 0xfffffffe);
	assert_true(madt_info.cpus[2].enabled);
	assert_true(madt_info.cpus[2].online_capable);
}

static void test_madt_duplicate_apic_ids(void **state)
{
	struct madt_builder b;
	madt_begin(&b, 0xfee00000, 1);
	madt_lapic(&b, 0, 0, 1);
	madt_lapic(&b, 1, 1, 1);
	madt_x2apic(&b, 1, 1, 1); /* the same CPU listed again as x2APIC */
	madt_x2apic(&b, 0, 0, 1);
	madt_x2apic(&b, 2, 2, 1);
	madt_lapic(&b, 9, 2, 1);  /* and an xAPIC after its x2APIC entry */
	assert_null(parse(&b));
	assert_int_equal(madt_info.cpu_count, 3);
	assert_int_equal(madt_info.cpus[0].apic_id, 0);
	assert_int_equal(madt_info.cpus[1].apic_id, 1);
	assert_int_equal(madt_info.cpus[2].apic_id, 2);
	assert_int_equal(madt_info.cpus[2].uid, 2); /* the first listing is kept */
}

static void test_madt_lapic_address_override(void **state)
{
	struct madt_builder b;
	madt_begin(&b, 0xfee00000, 1);
	madt_lapic(&b, 0, 0, 1);
	madt_lapic_addr_override(&b, 0x0000001fee000000ull);
	assert_null(parse(&b));
	assert_int_equal(madt_info.lapic_address, 0x1fee000000ull);
}

static void test_madt_entry_past_end(void **state)
{
	struct madt_builder b;
	madt_begin(&b, 0xfee00000, 1);
	madt_lapic(&b, 0, 0, 1);
	madt_lapic(&b, 1, 1, 1);
	b.body[b.len - 8 + 1] = 9; /* the last entry claims one byte more */
	assert_error(parse(&b), "past the end");

	/* The table length cuts an entry short. */
	madt_begin(&b, 0xfee00000, 1);
	madt_lapic(&b, 0, 0, 1);
	madt_ioapic(&b, 0, 0xfec00000, 0);
	b.len -= 4;
	assert_error(parse(&b), "past the end");
}

static void test_madt_zero_length_entry(void **state)
{
	struct madt_builder b;
	madt_begin(&b, 0xfee00000, 1);
	madt_lapic(&b, 0, 0, 1);
	madt_entry(&b, 0x7f, 2); /* shortest legal unknown entry */
	assert_null(parse(&b));
	uint8_t *e = madt_entry(&b, 0x7f, 4);
	e[1] = 0; /* would never advance */
	assert_error(parse(&b), "past the end");
	e[1] = 1;
	assert_error(parse(&b), "past the end");
}

static void test_madt_short_entries(void **state)
{
	static const struct {
		uint8_t type, len;
	} cases[] = { { 0, 7 }, { 9, 15 }, { 1, 11 }, { 2, 9 }, { 5, 11 } };
	for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct madt_builder b;
		madt_begin(&b, 0xfee00000, 1);
		madt_lapic(&b, 0, 0, 1);
		madt_entry(&b, cases[i].type, cases[i].len);
		if (!acpi_parse_madt(madt_put(&b, TABLE_PA(8)), &madt_info))
			fail_msg("type %u with length %u accepted", cases[i].type, cases[i].len);
	}
}

static void test_madt_bad_header(void **state)
{
	struct madt_builder b;
	madt_qemu(&b);
	struct acpi_sdt_header *h = (struct acpi_sdt_header *)madt_put(&b, TABLE_PA(8));
	memcpy(h->signature, "APIX", 4);
	assert_error(acpi_parse_madt(h, &madt_info), "signature");
	memcpy(h->signature, "APIC", 4);
	h->length = 36 + 7;
	assert_error(acpi_parse_madt(h, &madt_info), "truncated");
	h->length = 36 + 8; /* no entries at all */
	assert_error(acpi_parse_madt(h, &madt_info), "no usable processor");
}

static void test_madt_no_usable_cpu(void **state)
{
	struct madt_builder b;
	madt_begin(&b, 0xfee00000, 1);
	madt_lapic(&b, 0, 0, 0);
	madt_x2apic(&b, 1, 1, 0);
	madt_ioapic(&b, 0, 0xfec00000, 0);
	assert_error(parse(&b), "no usable processor");
}

static void test_madt_truncation(void **state)
{
	static struct madt_builder b;
	madt_begin(&b, 0xfee00000, 1);
	for (unsigned i = 0; i < ACPI_MAX_CPUS + 2; i++)
		madt_x2apic(&b, i, i, 1);
	for (unsigned i = 0; i < ACPI_MAX_IOAPICS + 1; i++)
		madt_ioapic(&b, (uint8_t)i, 0xfec00000 + i * 0x1000, i * 24);
	for (unsigned i = 0; i < ACPI_MAX_OVERRIDES + 1; i++)
		madt_override(&b, (uint8_t)i, i, 0);
	assert_null(parse(&b));
	assert_true(madt_info.truncated);
	assert_int_equal(madt_info.cpu_count, ACPI_MAX_CPUS);
	assert_int_equal(madt_info.cpus[ACPI_MAX_CPUS - 1].apic_id, ACPI_MAX_CPUS - 1);
	assert_int_equal(madt_info.ioapic_count, ACPI_MAX_IOAPICS);
	assert_int_equal(madt_info.ioapics[ACPI_MAX_IOAPICS - 1].gsi_base,
			 (ACPI_MAX_IOAPICS - 1) * 24);
	assert_int_equal(madt_info.override_count, ACPI_MAX_OVERRIDES);
}

static void test_madt_too_many_cpus(void **state)
{
	static struct madt_builder b;
	madt_begin(&b, 0xfee00000, 1);
	for (unsigned i = 0; i < ACPI_MAX_CPUS; i++)
		madt_x2apic(&b, i, i, 1);
	madt_x2apic(&b, 1000, 1000, 1); /* one more, not a duplicate */
	assert_null(parse(&b));
	assert_true(madt_info.truncated);
	assert_int_equal(madt_info.cpu_count, ACPI_MAX_CPUS);
	assert_int_equal(madt_info.ioapic_count, 0);
}

static void test_madt_exactly_full_is_not_truncated(void **state)
{
	static struct madt_builder b;
	madt_begin(&b, 0xfee00000, 1);
	for (unsigned i = 0; i < ACPI_MAX_CPUS; i++)
		madt_x2apic(&b, i, i, 1);
	madt_x2apic(&b, 5, 5, 1); /* a duplicate does not count */
	for (unsigned i = 0; i < ACPI_MAX_IOAPICS; i++)
		madt_ioapic(&b, (uint8_t)i, 0xfec00000 + i * 0x1000, i * 24);
	assert_null(parse(&b));
	assert_false(madt_info.truncated);
	assert_int_equal(madt_info.cpu_count, ACPI_MAX_CPUS);
	assert_int_equal(madt_info.ioapic_count, ACPI_MAX_IOAPICS);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_checksum, setup),
		cmocka_unit_test_setup(test_validate_rsdp_good, setup),
		cmocka_unit_test_setup(test_validate_rsdp_errors, setup),
		cmocka_unit_test_setup(test_scan_rsdp, setup),
		cmocka_unit_test_setup(test_scan_rsdp_only_on_16_byte_boundaries, setup),
		cmocka_unit_test_setup(test_scan_rsdp_at_region_end, setup),
		cmocka_unit_test_setup(test_scan_rsdp_unreadable, setup),
		cmocka_unit_test_setup(test_load_rsdt, setup),
		cmocka_unit_test_setup(test_load_xsdt, setup),
		cmocka_unit_test_setup(test_load_rev2_without_xsdt_uses_rsdt, setup),
		cmocka_unit_test_setup(test_load_root_errors, setup),
		cmocka_unit_test_setup(test_load_table_count_limit, setup),
		cmocka_unit_test_setup(test_load_ignores_partial_entry, setup),
		cmocka_unit_test_setup(test_find_table, setup),
		cmocka_unit_test_setup(test_find_table_only_bad_checksum, setup),
		cmocka_unit_test_setup(test_madt_qemu, setup),
		cmocka_unit_test_setup(test_madt_through_find_table, setup),
		cmocka_unit_test_setup(test_madt_disabled_and_online_capable, setup),
		cmocka_unit_test_setup(test_madt_x2apic, setup),
		cmocka_unit_test_setup(test_madt_duplicate_apic_ids, setup),
		cmocka_unit_test_setup(test_madt_lapic_address_override, setup),
		cmocka_unit_test_setup(test_madt_entry_past_end, setup),
		cmocka_unit_test_setup(test_madt_zero_length_entry, setup),
		cmocka_unit_test_setup(test_madt_short_entries, setup),
		cmocka_unit_test_setup(test_madt_bad_header, setup),
		cmocka_unit_test_setup(test_madt_no_usable_cpu, setup),
		cmocka_unit_test_setup(test_madt_truncation, setup),
		cmocka_unit_test_setup(test_madt_too_many_cpus, setup),
		cmocka_unit_test_setup(test_madt_exactly_full_is_not_truncated, setup),
	};
	return cmocka_run_group_tests_name("test_acpi", tests, NULL, NULL);
}

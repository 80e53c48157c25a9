/* Host tests for kernel/boot/bootinfo.c (multiboot2 and PVH parsing). */
#include <stdio.h>
#include <string.h>
#include "harness.h"
#include "boot/bootinfo.h"

/* Fake physical memory: [PHYS_BASE, PHYS_BASE + PHYS_SIZE). */
#define PHYS_BASE 0x100000ull
#define PHYS_SIZE (256 * 1024)
#define MBI_PA PHYS_BASE /* where the multiboot2 information goes */

static _Alignas(64) uint8_t mem[PHYS_SIZE];
static struct fake_phys fp;
static struct bootinfo bi; /* large: keep it off the stack */

static int setup(void **state)
{
	memset(mem, 0xee, sizeof(mem));
	fp = (struct fake_phys){ .base = PHYS_BASE, .buf = mem, .size = sizeof(mem) };
	memset(&bi, 0x5a, sizeof(bi)); /* the parsers must clear it */
	return 0;
}

/* ---- multiboot2 builder ------------------------------------------------ */

static size_t mb_off; /* next tag offset from MBI_PA */

static void mb_begin(void)
{
	mb_off = sizeof(struct mb2_info_header);
	memset(mem, 0, 4096 * 8);
}

/* Append a tag with a body of len bytes; returns the body. Pads to 8. */
static uint8_t *mb_tag(uint32_t type, const void *body, size_t len)
{
	struct mb2_tag t = { type, (uint32_t)(sizeof(t) + len) };
	uint8_t *p = mem + mb_off;
	memcpy(p, &t, sizeof(t));
	if (body)
		memcpy(p + sizeof(t), body, len);
	mb_off += (sizeof(t) + len + 7) & ~(size_t)7;
	return p + sizeof(t);
}

static void mb_string(uint32_t type, const char *s)
{
	mb_tag(type, s, strlen(s) + 1);
}

static void mb_module(uint32_t start, uint32_t end, const char *cmdline)
{
	uint8_t body[256];
	memcpy(body, &start, 4);
	memcpy(body + 4, &end, 4);
	strcpy((char *)body + 8, cmdline);
	mb_tag(MB2_TAG_MODULE, body, 8 + strlen(cmdline) + 1);
}

static void mb_mmap(const struct mb2_mmap_entry *e, unsigned n)
{
	uint8_t body[8 + 64 * sizeof(*e)];
	uint32_t entry_size = sizeof(*e), version = 0;
	memcpy(body, &entry_size, 4);
	memcpy(body + 4, &version, 4);
	memcpy(body + 8, e, n * sizeof(*e));
	mb_tag(MB2_TAG_MMAP, body, 8 + n * sizeof(*e));
}

static void mb_end_tag(void)
{
	mb_tag(MB2_TAG_END, NULL, 0);
}

/* Write total_size (the whole structure so far unless told otherwise). */
static void mb_finish_size(uint32_t total)
{
	struct mb2_info_header h = { total, 0 };
	memcpy(mem, &h, sizeof(h));
}

static void mb_finish(void)
{
	mb_finish_size((uint32_t)mb_off);
}

static const char *parse_mb(void)
{
	return bootinfo_parse_multiboot2(MBI_PA, fake_phys_map, &fp, &bi);
}

/* The QEMU/SeaBIOS map, out of order. */
static const struct mb2_mmap_entry qemu_map[] = {
	{ 0x100000, 0xffe0000 - 0x100000, MEMMAP_USABLE, 0 },
	{ 0x0, 0x9fc00, MEMMAP_USABLE, 0 },
	{ 0x9fc00, 0x400, MEMMAP_RESERVED, 0 },
	{ 0xf0000, 0x10000, MEMMAP_RESERVED, 0 },
	{ 0xffe0000, 0x20000, MEMMAP_RESERVED, 0 },
	{ 0xfffc0000, 0x40000, MEMMAP_RESERVED, 0 },
};
#define QEMU_MAP_N (sizeof(qemu_map) / sizeof(qemu_map[0]))

static void assert_qemu_memmap(void)
{
	assert_int_equal(bi.memmap.count, 6);
	assert_false(bi.memmap.overflow);
	/* Sanitized: sorted. */
	assert_int_equal(bi.memmap.entries[0].base, 0);
	assert_int_equal(bi.memmap.entries[0].length, 0x9fc00);
	assert_int_equal(bi.memmap.entries[3].base, 0x100000);
	assert_int_equal(bi.memmap.entries[3].type, MEMMAP_USABLE);
	assert_int_equal(bi.memmap.entries[5].base, 0xfffc0000);
	assert_int_equal(memmap_total(&bi.memmap, MEMMAP_USABLE), 0xff7fc00);
	assert_int_equal(memmap_total(&bi.memmap, MEMMAP_RESERVED), 0x70400);
	assert_int_equal(memmap_usable_end(&bi.memmap), 0xffe0000);
}

static void fake_rsdp(uint8_t *out, size_t len, uint8_t fill)
{
	memset(out, fill, len);
	memcpy(out, "RSD PTR ", 8);
}

static void test_mb2_minimal(void **state)
{
	mb_begin();
	mb_mmap(qemu_map, QEMU_MAP_N);
	mb_end_tag();
	mb_finish();
	assert_null(parse_mb());
	assert_int_equal(bi.kind, BOOT_MULTIBOOT2);
	assert_string_equal(bi.cmdline, "");
	assert_false(bi.cmdline_truncated);
	assert_string_equal(bi.loader, "");
	assert_int_equal(bi.module_count, 0);
	assert_false(bi.modules_truncated);
	assert_int_equal(bi.rsdp_copy_len, 0);
	assert_int_equal(bi.rsdp_phys, 0);
	assert_int_equal(bi.info_start, MBI_PA);
	assert_int_equal(bi.info_end, MBI_PA + mb_off);
	assert_qemu_memmap();
}

static void test_mb2_full(void **state)
{
	uint8_t rsdp[20];
	fake_rsdp(rsdp, sizeof(rsdp), 0x11);

	mb_begin();
	mb_string(MB2_TAG_CMDLINE, "console=serial loglevel=7");
	mb_string(MB2_TAG_LOADER_NAME, "GRUB 2.06");
	mb_module(0x200000, 0x280000, "initrd.img");
	mb_module(0x300000, 0x300000, ""); /* empty module */
	mb_mmap(qemu_map, QEMU_MAP_N);
	mb_tag(MB2_TAG_ACPI_OLD, rsdp, sizeof(rsdp));
	mb_end_tag();
	mb_finish();

	assert_null(parse_mb());
	assert_string_equal(bi.cmdline, "console=serial loglevel=7");
	assert_string_equal(bi.loader, "GRUB 2.06");
	assert_int_equal(bi.module_count, 2);
	assert_int_equal(bi.modules[0].start, 0x200000);
	assert_int_equal(bi.modules[0].end, 0x280000);
	assert_string_equal(bi.modules[0].cmdline, "initrd.img");
	assert_int_equal(bi.modules[1].start, 0x300000);
	assert_int_equal(bi.modules[1].end, 0x300000);
	assert_string_equal(bi.modules[1].cmdline, "");
	assert_int_equal(bi.rsdp_copy_len, 20);
	assert_memory_equal(bi.rsdp_copy, rsdp, 20);
	assert_qemu_memmap();
}

static void test_mb2_acpi_new_preferred(void **state)
{
	uint8_t old[20], new[36];
	fake_rsdp(old, sizeof(old), 0x01);
	fake_rsdp(new, sizeof(new), 0x02);

	for (int order = 0; order < 2; order++) {
		mb_begin();
		mb_mmap(qemu_map, 2);
		if (order == 0) {
			mb_tag(MB2_TAG_ACPI_OLD, old, sizeof(old));
			mb_tag(MB2_TAG_ACPI_NEW, new, sizeof(new));
		} else {
			mb_tag(MB2_TAG_ACPI_NEW, new, sizeof(new));
			mb_tag(MB2_TAG_ACPI_OLD, old, sizeof(old));
		}
		mb_end_tag();
		mb_finish();
		assert_null(parse_mb());
		assert_int_equal(bi.rsdp_copy_len, 36);
		assert_memory_equal(bi.rsdp_copy, new, 36);
	}
}

static void test_mb2_acpi_copy_is_bounded(void **state)
{
	uint8_t big[48];
	fake_rsdp(big, sizeof(big), 0x33);
	mb_begin();
	mb_mmap(qemu_map, 1);
	mb_tag(MB2_TAG_ACPI_NEW, big, sizeof(big)); /* longer than an RSDP */
	mb_end_tag();
	mb_finish();
	assert_null(parse_mb());
	assert_int_equal(bi.rsdp_copy_len, sizeof(bi.rsdp_copy));
	assert_memory_equal(bi.rsdp_copy, big, sizeof(bi.rsdp_copy));
}

static void test_mb2_missing_end_tag(void **state)
{
	mb_begin();
	mb_string(MB2_TAG_CMDLINE, "x");
	mb_mmap(qemu_map, QEMU_MAP_N);
	mb_finish();
	assert_error(parse_mb(), "end tag");
}

static void test_mb2_tag_past_total_size(void **state)
{
	mb_begin();
	mb_mmap(qemu_map, QEMU_MAP_N);
	mb_end_tag();
	mb_finish_size((uint32_t)mb_off - 16); /* cuts into the mmap tag */
	assert_error(parse_mb(), "past the end");

	/* A tag claiming more than the whole structure. */
	mb_begin();
	uint8_t *body = mb_tag(0x1234, NULL, 16);
	mb_end_tag();
	mb_finish();
	uint32_t huge = 0xfffffff0;
	memcpy(body - 4, &huge, 4);
	assert_non_null(parse_mb());
}

static void test_mb2_tag_too_small(void **state)
{
	mb_begin();
	mb_mmap(qemu_map, 1);
	uint8_t *body = mb_tag(0x1234, NULL, 8);
	mb_end_tag();
	mb_finish();
	uint32_t size = 4; /* smaller than a tag header: must not loop */
	memcpy(body - 4, &size, 4);
	assert_non_null(parse_mb());
	size = 0;
	memcpy(body - 4, &size, 4);
	assert_non_null(parse_mb());
}

static void test_mb2_missing_mmap(void **state)
{
	mb_begin();
	mb_string(MB2_TAG_CMDLINE, "quiet");
	mb_end_tag();
	mb_finish();
	assert_error(parse_mb(), "memory map");
}

static void test_mb2_misaligned_or_unreadable(void **state)
{
	mb_begin();
	mb_mmap(qemu_map, 1);
	mb_end_tag();
	mb_finish();
	/* The same bytes 4 bytes further on. */
	memmove(mem + 4, mem, mb_off);
	assert_non_null(bootinfo_parse_multiboot2(MBI_PA + 4, fake_phys_map, &fp, &bi));
	assert_non_null(bootinfo_parse_multiboot2(MBI_PA + 1, fake_phys_map, &fp, &bi));
	/* Outside fake memory altogether. */
	assert_non_null(bootinfo_parse_multiboot2(0x8000, fake_phys_map, &fp, &bi));
	/* Header readable, but total_size runs past readable memory. */
	uint64_t last = PHYS_BASE + PHYS_SIZE - 64;
	struct mb2_info_header h = { 4096, 0 };
	memcpy(fake_phys_ptr(&fp, last), &h, sizeof(h));
	assert_non_null(bootinfo_parse_multiboot2(last, fake_phys_map, &fp, &bi));
}

static void test_mb2_total_size_too_small(void **state)
{
	mb_begin();
	mb_end_tag();
	mb_finish_size(8); /* header only */
	assert_non_null(parse_mb());
	mb_finish_size(0);
	assert_non_null(parse_mb());
	mb_finish_size(15);
	assert_non_null(parse_mb());
}

static void test_mb2_tags_after_end_ignored(void **state)
{
	mb_begin();
	mb_string(MB2_TAG_CMDLINE, "first");
	mb_mmap(qemu_map, 2);
	mb_end_tag();
	mb_string(MB2_TAG_CMDLINE, "after end");
	mb_tag(0x77, NULL, 0xffff); /* nonsense, never read */
	mb_finish();
	assert_null(parse_mb());
	assert_string_equal(bi.cmdline, "first");
}

static void test_mb2_unknown_tags_and_padding(void **state)
{
	mb_begin();
	mb_tag(4, "\x80\x02\0\0\0\0\x0f\0", 8);  /* basic meminfo */
	mb_tag(21, "\x01\x02\x03", 3);            /* odd size: padded */
	mb_tag(0xdead, "z", 1);
	mb_string(MB2_TAG_LOADER_NAME, "L");    /* 10 bytes: padded */
	mb_string(MB2_TAG_CMDLINE, "a=1");
	mb_mmap(qemu_map, QEMU_MAP_N);
	mb_end_tag();
	mb_finish();
	assert_null(parse_mb());
	assert_string_equal(bi.loader, "L");
	assert_string_equal(bi.cmdline, "a=1");
	assert_qemu_memmap();
}

static void test_mb2_cmdline_truncation(void **state)
{
	static char s[1500];

	/* Exactly fits: 1023 characters and the NUL. */
	memset(s, 'a', 1023);
	s[1023] = '\0';
	mb_begin();
	mb_string(MB2_TAG_CMDLINE, s);
	mb_mmap(qemu_map, 1);
	mb_end_tag();
	mb_finish();
	assert_null(parse_mb());
	assert_int_equal(strlen(bi.cmdline), 1023);
	assert_false(bi.cmdline_truncated);

	memset(s, 'b', sizeof(s) - 1);
	s[sizeof(s) - 1] = '\0';
	mb_begin();
	mb_string(MB2_TAG_CMDLINE, s);
	mb_mmap(qemu_map, 1);
	mb_end_tag();
	mb_finish();
	assert_null(parse_mb());
	assert_int_equal(strlen(bi.cmdline), BOOTINFO_CMDLINE_MAX - 1);
	assert_memory_equal(bi.cmdline, s, BOOTINFO_CMDLINE_MAX - 1);
	assert_true(bi.cmdline_truncated);
}

static void test_mb2_strings_without_nul_are_bounded(void **state)
{
	mb_begin();
	mb_tag(MB2_TAG_CMDLINE, "abcdef", 3); /* no NUL inside the tag */
	mb_tag(MB2_TAG_LOADER_NAME, "XYZW", 2);
	mb_mmap(qemu_map, 1);
	mb_end_tag();
	mb_finish();
	assert_null(parse_mb());
	assert_string_equal(bi.cmdline, "abc");
	assert_string_equal(bi.loader, "XY");
	assert_false(bi.cmdline_truncated);
}

static void test_mb2_loader_name_truncated(void **state)
{
	char name[100];
	memset(name, 'n', sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0';
	mb_begin();
	mb_string(MB2_TAG_LOADER_NAME, name);
	mb_mmap(qemu_map, 1);
	mb_end_tag();
	mb_finish();
	assert_null(parse_mb());
	assert_int_equal(strlen(bi.loader), BOOTINFO_LOADER_MAX - 1);
	assert_false(bi.cmdline_truncated);
}

static void test_mb2_modules_truncated(void **state)
{
	char cl[16];
	mb_begin();
	for (unsigned i = 0; i < BOOTINFO_MAX_MODULES + 2; i++) {
		snprintf(cl, sizeof(cl), "mod%u", i);
		mb_module(0x1000000 + i * 0x10000, 0x1000000 + i * 0x10000 + 0x800, cl);
	}
	mb_mmap(qemu_map, 1);
	mb_end_tag();
	mb_finish();
	assert_null(parse_mb());
	assert_int_equal(bi.module_count, BOOTINFO_MAX_MODULES);
	assert_true(bi.modules_truncated);
	assert_string_equal(bi.modules[BOOTINFO_MAX_MODULES - 1].cmdline, "mod7");
	assert_int_equal(bi.modules[7].start, 0x1070000);
	assert_int_equal(bi.modules[7].end, 0x1070800);
}

static void test_mb2_module_cmdline_truncated(void **state)
{
	char cl[200];
	memset(cl, 'm', sizeof(cl) - 1);
	cl[sizeof(cl) - 1] = '\0';
	mb_begin();
	mb_module(0x1000, 0x2000, cl);
	mb_mmap(qemu_map, 1);
	mb_end_tag();
	mb_finish();
	assert_null(parse_mb());
	assert_int_equal(strlen(bi.modules[0].cmdline), sizeof(bi.modules[0].cmdline) - 1);
}

static void test_mb2_bad_modules(void **state)
{
	mb_begin();
	mb_module(0x2000, 0x1000, "backwards");
	mb_mmap(qemu_map, 1);
	mb_end_tag();
	mb_finish();
	assert_non_null(parse_mb());

	mb_begin();
	mb_tag(MB2_TAG_MODULE, "\0\0\0\0", 4); /* no end address */
	mb_mmap(qemu_map, 1);
	mb_end_tag();
	mb_finish();
	assert_non_null(parse_mb());
}

static void test_mb2_mmap_entry_sizes(void **state)
{
	/* Too small and not a multiple of 8. */
	static const uint32_t bad[] = { 0, 16, 20, 28 };
	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		uint8_t body[8 + 64] = { 0 };
		memcpy(body, &bad[i], 4);
		mb_begin();
		mb_tag(MB2_TAG_MMAP, body, sizeof(body));
		mb_end_tag();
		mb_finish();
		assert_non_null(parse_mb());
	}

	/* A larger entry size than ours: stride by it. */
	uint8_t body[8 + 3 * 32] = { 0 };
	uint32_t es = 32;
	memcpy(body, &es, 4);
	for (int i = 0; i < 3; i++) {
		struct mb2_mmap_entry e = { 0x100000ull * (i + 1), 0x1000, MEMMAP_USABLE, 0 };
		memcpy(body + 8 + i * 32, &e, sizeof(e));
		memset(body + 8 + i * 32 + sizeof(e), 0xff, 32 - sizeof(e));
	}
	mb_begin();
	mb_tag(MB2_TAG_MMAP, body, sizeof(body));
	mb_end_tag();
	mb_finish();
	assert_null(parse_mb());
	assert_int_equal(bi.memmap.count, 3);
	assert_int_equal(bi.memmap.entries[2].base, 0x300000);
	assert_int_equal(memmap_total(&bi.memmap, MEMMAP_USABLE), 0x3000);

	/* The last 24 bytes hold one of our entries but not a whole one of
	 * entry_size: ignored. */
	mb_begin();
	mb_tag(MB2_TAG_MMAP, body, 8 + 2 * 32 + 24);
	mb_end_tag();
	mb_finish();
	assert_null(parse_mb());
	assert_int_equal(bi.memmap.count, 2);
	assert_int_equal(memmap_total(&bi.memmap, MEMMAP_USABLE), 0x2000);

	/* Too small to hold the entry size. */
	mb_begin();
	mb_tag(MB2_TAG_MMAP, body, 4);
	mb_end_tag();
	mb_finish();
	assert_non_null(parse_mb());
}

static void test_mb2_mmap_partial_entry_ignored(void **state)
{
	uint8_t body[8 + 24 + 10] = { 0 };
	uint32_t es = 24;
	struct mb2_mmap_entry e = { 0x0, 0x9f000, MEMMAP_USABLE, 0 };
	memcpy(body, &es, 4);
	memcpy(body + 8, &e, sizeof(e));
	memset(body + 32, 0x77, 10); /* a partial entry: ignored */
	mb_begin();
	mb_tag(MB2_TAG_MMAP, body, sizeof(body));
	mb_end_tag();
	mb_finish();
	assert_null(parse_mb());
	assert_int_equal(bi.memmap.count, 1);
	assert_int_equal(memmap_total(&bi.memmap, MEMMAP_USABLE), 0x9f000);

}

/* ---- PVH --------------------------------------------------------------- */

#define SI_PA (PHYS_BASE + 0x1000)
#define CMDLINE_PA (PHYS_BASE + 0x2000)
#define MEMMAP_PA (PHYS_BASE + 0x3000)
#define MODLIST_PA (PHYS_BASE + 0x4000)
#define MODCMD_PA (PHYS_BASE + 0x5000)

static struct hvm_start_info *si;

static void pvh_begin(void)
{
	memset(mem, 0, 0x10000);
	si = fake_phys_ptr(&fp, SI_PA);
	si->magic = PVH_START_MAGIC;
	si->version = 1;
	si->rsdp_paddr = 0xf5a40;
	si->memmap_paddr = MEMMAP_PA;
	si->memmap_entries = QEMU_MAP_N;
	struct hvm_memmap_table_entry *mm = fake_phys_ptr(&fp, MEMMAP_PA);
	for (unsigned i = 0; i < QEMU_MAP_N; i++)
		mm[i] = (struct hvm_memmap_table_entry){ qemu_map[i].base, qemu_map[i].length,
							 qemu_map[i].type, 0 };
}

static void pvh_cmdline(const char *s)
{
	strcpy(fake_phys_ptr(&fp, CMDLINE_PA), s);
	si->cmdline_paddr = CMDLINE_PA;
}

/* n modules; module i has a command line unless i % 3 == 2. */
static void pvh_modules(unsigned n)
{
	struct hvm_modlist_entry *ml = fake_phys_ptr(&fp, MODLIST_PA);
	for (unsigned i = 0; i < n; i++) {
		uint64_t cl = 0;
		if (i % 3 != 2) {
			cl = MODCMD_PA + i * 32;
			snprintf(fake_phys_ptr(&fp, cl), 32, "module-%u", i);
		}
		ml[i] = (struct hvm_modlist_entry){ 0x2000000 + i * 0x100000ull, 0x1234 + i, cl, 0 };
	}
	si->nr_modules = n;
	si->modlist_paddr = MODLIST_PA;
}

static const char *parse_pvh(void)
{
	return bootinfo_parse_pvh(SI_PA, fake_phys_map, &fp, &bi);
}

static void test_pvh_basic(void **state)
{
	pvh_begin();
	pvh_cmdline("console=serial mem=1G");
	assert_null(parse_pvh());
	assert_int_equal(bi.kind, BOOT_PVH);
	assert_string_equal(bi.cmdline, "console=serial mem=1G");
	assert_false(bi.cmdline_truncated);
	assert_string_equal(bi.loader, "PVH");
	assert_int_equal(bi.rsdp_phys, 0xf5a40);
	assert_int_equal(bi.rsdp_copy_len, 0);
	assert_int_equal(bi.module_count, 0);
	assert_false(bi.modules_truncated);
	assert_int_equal(bi.info_start, SI_PA);
	assert_int_equal(bi.info_end, SI_PA + sizeof(struct hvm_start_info));
	assert_qemu_memmap();
}

static void test_pvh_no_cmdline(void **state)
{
	pvh_begin();
	si->cmdline_paddr = 0;
	assert_null(parse_pvh());
	assert_string_equal(bi.cmdline, "");
	assert_false(bi.cmdline_truncated);
}

static void test_pvh_bad_header(void **state)
{
	pvh_begin();
	si->magic = MULTIBOOT2_BOOTLOADER_MAGIC;
	assert_error(parse_pvh(), "magic");
	pvh_begin();
	si->version = 0;
	assert_error(parse_pvh(), "version");
	assert_non_null(bootinfo_parse_pvh(0x1000, fake_phys_map, &fp, &bi));
	/* Start info straddling the end of readable memory. */
	assert_non_null(bootinfo_parse_pvh(PHYS_BASE + PHYS_SIZE - 16, fake_phys_map, &fp, &bi));
}

static void test_pvh_unreadable_cmdline(void **state)
{
	pvh_begin();
	si->cmdline_paddr = 0x500; /* outside fake memory */
	assert_error(parse_pvh(), "command line");

	/* A command line running off the end of memory with no NUL. */
	pvh_begin();
	memset(mem + PHYS_SIZE - 10, 'x', 10);
	si->cmdline_paddr = PHYS_BASE + PHYS_SIZE - 10;
	assert_non_null(parse_pvh());
}

static void test_pvh_cmdline_truncation(void **state)
{
	char s[BOOTINFO_CMDLINE_MAX + 1];

	pvh_begin();
	memset(s, 'c', BOOTINFO_CMDLINE_MAX - 1);
	s[BOOTINFO_CMDLINE_MAX - 1] = '\0';
	pvh_cmdline(s);
	assert_null(parse_pvh());
	assert_int_equal(strlen(bi.cmdline), BOOTINFO_CMDLINE_MAX - 1);
	assert_false(bi.cmdline_truncated);

	pvh_begin();
	memset(s, 'd', BOOTINFO_CMDLINE_MAX);
	s[BOOTINFO_CMDLINE_MAX] = '\0';
	pvh_cmdline(s);
	assert_null(parse_pvh());
	assert_int_equal(strlen(bi.cmdline), BOOTINFO_CMDLINE_MAX - 1);
	assert_true(bi.cmdline_truncated);

	/* A huge unterminated string is cut off, not scanned to the end. */
	pvh_begin();
	memset(fake_phys_ptr(&fp, PHYS_BASE + 0x20000), 'e', 0x8000);
	si->cmdline_paddr = PHYS_BASE + 0x20000;
	assert_null(parse_pvh());
	assert_true(bi.cmdline_truncated);
	assert_int_equal(strlen(bi.cmdline), BOOTINFO_CMDLINE_MAX - 1);
}

static void test_pvh_bad_memmap(void **state)
{
	pvh_begin();
	si->memmap_entries = 0;
	assert_non_null(parse_pvh());
	pvh_begin();
	si->memmap_entries = 1025;
	assert_non_null(parse_pvh());
	pvh_begin();
	si->memmap_entries = UINT32_MAX;
	assert_non_null(parse_pvh());
	pvh_begin();
	si->memmap_paddr = 0x1000;
	assert_error(parse_pvh(), "memory map");
	pvh_begin();
	si->memmap_paddr = PHYS_BASE + PHYS_SIZE - 24; /* 6 entries do not fit */
	assert_non_null(parse_pvh());
}

static void test_pvh_memmap_limits(void **state)
{
	/* 1024 entries are accepted; the memmap keeps what fits and says so. */
	pvh_begin();
	struct hvm_memmap_table_entry *mm = fake_phys_ptr(&fp, PHYS_BASE + 0x10000);
	for (unsigned i = 0; i < 1024; i++)
		mm[i] = (struct hvm_memmap_table_entry){ i * 0x2000ull, 0x1000, MEMMAP_USABLE, 0 };
	si->memmap_paddr = PHYS_BASE + 0x10000;
	si->memmap_entries = 1024;
	assert_null(parse_pvh());
	assert_int_equal(bi.memmap.count, MEMMAP_MAX_ENTRIES);
	assert_true(bi.memmap.overflow);
}

static void test_pvh_modules(void **state)
{
	pvh_begin();
	pvh_modules(3);
	assert_null(parse_pvh());
	assert_int_equal(bi.module_count, 3);
	assert_false(bi.modules_truncated);
	for (unsigned i = 0; i < 3; i++) {
		assert_int_equal(bi.modules[i].start, 0x2000000 + i * 0x100000ull);
		assert_int_equal(bi.modules[i].end, 0x2000000 + i * 0x100000ull + 0x1234 + i);
	}
	assert_string_equal(bi.modules[0].cmdline, "module-0");
	assert_string_equal(bi.modules[1].cmdline, "module-1");
	assert_string_equal(bi.modules[2].cmdline, "");
}

static void test_pvh_modules_truncated(void **state)
{
	pvh_begin();
	pvh_modules(BOOTINFO_MAX_MODULES + 3);
	assert_null(parse_pvh());
	assert_int_equal(bi.module_count, BOOTINFO_MAX_MODULES);
	assert_true(bi.modules_truncated);
	assert_string_equal(bi.modules[7].cmdline, "module-7");
}

static void test_pvh_bad_modules(void **state)
{
	pvh_begin();
	pvh_modules(2);
	si->nr_modules = 65;
	assert_non_null(parse_pvh());

	pvh_begin();
	pvh_modules(2);
	si->modlist_paddr = 0x2000;
	assert_non_null(parse_pvh());

	pvh_begin();
	pvh_modules(2);
	struct hvm_modlist_entry *ml = fake_phys_ptr(&fp, MODLIST_PA);
	ml[1].paddr = UINT64_MAX - 0x100;
	ml[1].size = 0x200;
	assert_error(parse_pvh(), "wraps");

	pvh_begin();
	pvh_modules(2);
	ml[0].cmdline_paddr = 0x3000;
	assert_error(parse_pvh(), "module command line");
}

static void test_pvh_memmap_sanitized(void **state)
{
	pvh_begin();
	/* Overlap a usable range with ACPI NVS. */
	struct hvm_memmap_table_entry *mm = fake_phys_ptr(&fp, MEMMAP_PA);
	mm[QEMU_MAP_N] = (struct hvm_memmap_table_entry){ 0x7000000, 0x10000, MEMMAP_ACPI_NVS, 0 };
	si->memmap_entries = QEMU_MAP_N + 1;
	assert_null(parse_pvh());
	assert_int_equal(bi.memmap.count, 8);
	assert_int_equal(memmap_total(&bi.memmap, MEMMAP_ACPI_NVS), 0x10000);
	assert_int_equal(memmap_total(&bi.memmap, MEMMAP_USABLE), 0xff7fc00 - 0x10000);
	for (unsigned i = 1; i < bi.memmap.count; i++)
		assert_true(bi.memmap.entries[i - 1].base + bi.memmap.entries[i - 1].length <=
			    bi.memmap.entries[i].base);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_mb2_minimal, setup),
		cmocka_unit_test_setup(test_mb2_full, setup),
		cmocka_unit_test_setup(test_mb2_acpi_new_preferred, setup),
		cmocka_unit_test_setup(test_mb2_acpi_copy_is_bounded, setup),
		cmocka_unit_test_setup(test_mb2_missing_end_tag, setup),
		cmocka_unit_test_setup(test_mb2_tag_past_total_size, setup),
		cmocka_unit_test_setup(test_mb2_tag_too_small, setup),
		cmocka_unit_test_setup(test_mb2_missing_mmap, setup),
		cmocka_unit_test_setup(test_mb2_misaligned_or_unreadable, setup),
		cmocka_unit_test_setup(test_mb2_total_size_too_small, setup),
		cmocka_unit_test_setup(test_mb2_tags_after_end_ignored, setup),
		cmocka_unit_test_setup(test_mb2_unknown_tags_and_padding, setup),
		cmocka_unit_test_setup(test_mb2_cmdline_truncation, setup),
		cmocka_unit_test_setup(test_mb2_strings_without_nul_are_bounded, setup),
		cmocka_unit_test_setup(test_mb2_loader_name_truncated, setup),
		cmocka_unit_test_setup(test_mb2_modules_truncated, setup),
		cmocka_unit_test_setup(test_mb2_module_cmdline_truncated, setup),
		cmocka_unit_test_setup(test_mb2_bad_modules, setup),
		cmocka_unit_test_setup(test_mb2_mmap_entry_sizes, setup),
		cmocka_unit_test_setup(test_mb2_mmap_partial_entry_ignored, setup),
		cmocka_unit_test_setup(test_pvh_basic, setup),
		cmocka_unit_test_setup(test_pvh_no_cmdline, setup),
		cmocka_unit_test_setup(test_pvh_bad_header, setup),
		cmocka_unit_test_setup(test_pvh_unreadable_cmdline, setup),
		cmocka_unit_test_setup(test_pvh_cmdline_truncation, setup),
		cmocka_unit_test_setup(test_pvh_bad_memmap, setup),
		cmocka_unit_test_setup(test_pvh_memmap_limits, setup),
		cmocka_unit_test_setup(test_pvh_modules, setup),
		cmocka_unit_test_setup(test_pvh_modules_truncated, setup),
		cmocka_unit_test_setup(test_pvh_bad_modules, setup),
		cmocka_unit_test_setup(test_pvh_memmap_sanitized, setup),
	};
	return cmocka_run_group_tests_name("test_bootinfo", tests, NULL, NULL);
}

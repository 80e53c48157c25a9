#include <string.h>
#include "boot/bootinfo.h"

#define PVH_MAX_MEMMAP_ENTRIES 1024
#define PVH_CMDLINE_SCAN_MAX 4096

static void init_out(struct bootinfo *out, enum boot_kind kind)
{
	memset(out, 0, sizeof(*out));
	out->kind = kind;
	memmap_init(&out->memmap);
}

/* Copy a NUL-terminated string of at most max_scan bytes from physical
 * memory into dst (dst_size with NUL).  Returns false if unreadable. */
static bool copy_phys_string(uint64_t pa, phys_map_fn map, void *ctx, char *dst, size_t dst_size,
			     bool *truncated)
{
	size_t n = 0;

	dst[0] = '\0';
	if (pa == 0)
		return true;
	for (;;) {
		const char *c = map(pa + n, 1, ctx);
		if (!c)
			return false;
		if (*c == '\0')
			break;
		if (n + 1 >= dst_size) {
			if (truncated)
				*truncated = true;
			break;
		}
		dst[n++] = *c;
		if (n >= PVH_CMDLINE_SCAN_MAX)
			break;
	}
	dst[n] = '\0';
	return true;
}

/* Copy a string that lives inside a tag (bounded by the tag). */
static void copy_bounded(char *dst, size_t dst_size, const char *src, size_t src_len, bool *truncated)
{
	size_t n = strnlen(src, src_len);
	if (n >= dst_size) {
		n = dst_size - 1;
		if (truncated)
			*truncated = true;
	}
	memcpy(dst, src, n);
	dst[n] = '\0';
}

const char *bootinfo_parse_multiboot2(uint64_t mbi_pa, phys_map_fn map, void *ctx,
				      struct bootinfo *out)
{
	init_out(out, BOOT_MULTIBOOT2);
	if (mbi_pa & 7)
		return "multiboot2 information is not 8-byte aligned";
	const struct mb2_info_header *hdr = map(mbi_pa, sizeof(*hdr), ctx);
	if (!hdr)
		return "multiboot2 information is not readable";
	uint32_t total = hdr->total_size;
	if (total < sizeof(*hdr) + sizeof(struct mb2_tag))
		return "multiboot2 information is too small";
	const uint8_t *base = map(mbi_pa, total, ctx);
	if (!base)
		return "multiboot2 information is not readable";
	out->info_start = mbi_pa;
	out->info_end = mbi_pa + total;

	bool saw_end = false, saw_mmap = false;
	size_t off = sizeof(*hdr);
	while (off + sizeof(struct mb2_tag) <= total) {
		const struct mb2_tag *tag = (const void *)(base + off);
		if (tag->size < sizeof(*tag) || tag->size > total - off)
			return "multiboot2 tag runs past the end of the information";
		const uint8_t *body = base + off + sizeof(*tag);
		size_t body_len = tag->size - sizeof(*tag);

		switch (tag->type) {
		case MB2_TAG_END:
			saw_end = true;
			break;
		case MB2_TAG_CMDLINE:
			copy_bounded(out->cmdline, sizeof(out->cmdline), (const char *)body, body_len,
				     &out->cmdline_truncated);
			break;
		case MB2_TAG_LOADER_NAME:
			copy_bounded(out->loader, sizeof(out->loader), (const char *)body, body_len, NULL);
			break;
		case MB2_TAG_MODULE: {
			if (body_len < 8)
				return "multiboot2 module tag is too small";
			uint32_t start, end;
			memcpy(&start, body, 4);
			memcpy(&end, body + 4, 4);
			if (end < start)
				return "multiboot2 module ends before it starts";
			if (out->module_count == BOOTINFO_MAX_MODULES) {
				out->modules_truncated = true;
				break;
			}
			struct boot_module *m = &out->modules[out->module_count++];
			m->start = start;
			m->end = end;
			copy_bounded(m->cmdline, sizeof(m->cmdline), (const char *)body + 8,
				     body_len - 8, NULL);
			break;
		}
		case MB2_TAG_MMAP: {
			if (body_len < 8)
				return "multiboot2 memory map tag is too small";
			uint32_t entry_size;
			memcpy(&entry_size, body, 4);
			if (entry_size < sizeof(struct mb2_mmap_entry) || entry_size % 8)
				return "multiboot2 memory map has a bad entry size";
			for (size_t e = 8; e + entry_size <= body_len; e += entry_size) {
				struct mb2_mmap_entry me;
				memcpy(&me, body + e, sizeof(me));
				memmap_add(&out->memmap, me.base, me.length, me.type);
			}
			saw_mmap = true;
			break;
		}
		case MB2_TAG_ACPI_OLD:
		case MB2_TAG_ACPI_NEW: {
			size_t n = body_len < sizeof(out->rsdp_copy) ? body_len : sizeof(out->rsdp_copy);
			/* Prefer the ACPI 2.0 copy when both are present. */
			if (tag->type == MB2_TAG_ACPI_NEW || out->rsdp_copy_len == 0) {
				memcpy(out->rsdp_copy, body, n);
				out->rsdp_copy_len = n;
			}
			break;
		}
		default:
			break; /* tags we do not use */
		}
		if (saw_end)
			break;
		off += (tag->size + 7) & ~7u;
	}
	if (!saw_end)
		return "multiboot2 information has no end tag";
	if (!saw_mmap)
		return "multiboot2 information has no memory map";
	memmap_sanitize(&out->memmap);
	return NULL;
}

const char *bootinfo_parse_pvh(uint64_t si_pa, phys_map_fn map, void *ctx, struct bootinfo *out)
{
	init_out(out, BOOT_PVH);
	const struct hvm_start_info *si = map(si_pa, sizeof(*si), ctx);
	if (!si)
		return "PVH start info is not readable";
	if (si->magic != PVH_START_MAGIC)
		return "PVH start info has a bad magic";
	if (si->version < 1)
		return "PVH start info version 0 has no memory map";
	out->info_start = si_pa;
	out->info_end = si_pa + sizeof(*si);
	strcpy(out->loader, "PVH");

	if (!copy_phys_string(si->cmdline_paddr, map, ctx, out->cmdline, sizeof(out->cmdline),
			      &out->cmdline_truncated))
		return "PVH command line is not readable";
	out->rsdp_phys = si->rsdp_paddr;

	if (si->memmap_entries == 0 || si->memmap_entries > PVH_MAX_MEMMAP_ENTRIES)
		return "PVH memory map is empty or absurdly large";
	const struct hvm_memmap_table_entry *mm =
		map(si->memmap_paddr, si->memmap_entries * sizeof(*mm), ctx);
	if (!mm)
		return "PVH memory map is not readable";
	for (uint32_t i = 0; i < si->memmap_entries; i++)
		memmap_add(&out->memmap, mm[i].addr, mm[i].size, mm[i].type);

	if (si->nr_modules) {
		if (si->nr_modules > 64)
			return "PVH module list is absurdly large";
		const struct hvm_modlist_entry *ml =
			map(si->modlist_paddr, si->nr_modules * sizeof(*ml), ctx);
		if (!ml)
			return "PVH module list is not readable";
		for (uint32_t i = 0; i < si->nr_modules; i++) {
			if (out->module_count == BOOTINFO_MAX_MODULES) {
				out->modules_truncated = true;
				break;
			}
			if (ml[i].paddr + ml[i].size < ml[i].paddr)
				return "PVH module wraps around the address space";
			struct boot_module *m = &out->modules[out->module_count++];
			m->start = ml[i].paddr;
			m->end = ml[i].paddr + ml[i].size;
			if (!copy_phys_string(ml[i].cmdline_paddr, map, ctx, m->cmdline,
					      sizeof(m->cmdline), NULL))
				return "PVH module command line is not readable";
		}
	}
	memmap_sanitize(&out->memmap);
	return NULL;
}

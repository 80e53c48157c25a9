/*
 * What the boot loader tells us, in one loader-independent form: command
 * line, memory map, ACPI RSDP, modules.  Parsers for multiboot2 (GRUB) and
 * PVH (QEMU -kernel, Xen, Firecracker) fill it.  Pure (host-tested); loader
 * memory is reached through a phys_map callback so tests can feed buffers.
 */
#ifndef UNIHV_BOOT_BOOTINFO_H
#define UNIHV_BOOT_BOOTINFO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "mm/memmap.h"

#define BOOTINFO_CMDLINE_MAX 1024
#define BOOTINFO_MAX_MODULES 8
#define BOOTINFO_LOADER_MAX 64

enum boot_kind {
	BOOT_MULTIBOOT2 = 1,
	BOOT_PVH = 2,
};

struct boot_module {
	uint64_t start;
	uint64_t end; /* exclusive */
	char cmdline[128];
};

struct bootinfo {
	enum boot_kind kind;
	char cmdline[BOOTINFO_CMDLINE_MAX];
	bool cmdline_truncated;
	char loader[BOOTINFO_LOADER_MAX];
	struct memmap memmap;
	/* RSDP: the loader's copy (multiboot2) or its physical address (PVH). */
	uint8_t rsdp_copy[36];
	size_t rsdp_copy_len;
	uint64_t rsdp_phys;
	struct boot_module modules[BOOTINFO_MAX_MODULES];
	unsigned module_count;
	bool modules_truncated;
	/* Loader structures to keep out of the page allocator until parsed. */
	uint64_t info_start, info_end;
};

/*
 * Return a pointer to len bytes at physical address pa, or NULL if that
 * range cannot be read.  The kernel identity maps; tests map buffers.
 */
typedef const void *(*phys_map_fn)(uint64_t pa, size_t len, void *ctx);

#define MULTIBOOT2_BOOTLOADER_MAGIC 0x36d76289u
#define PVH_START_MAGIC 0x336ec578u

/*
 * Parse a multiboot2 information structure at physical address mbi_pa.
 * Returns NULL on success, or a static string saying what is wrong (the
 * structure is malformed, e.g. a tag runs past total_size).
 */
const char *bootinfo_parse_multiboot2(uint64_t mbi_pa, phys_map_fn map, void *ctx,
				      struct bootinfo *out);

/* Same for a PVH hvm_start_info at physical address si_pa. */
const char *bootinfo_parse_pvh(uint64_t si_pa, phys_map_fn map, void *ctx, struct bootinfo *out);

/* Layouts (Multiboot2 spec 3.6; Xen public/arch-x86/hvm/start_info.h). */
struct mb2_info_header {
	uint32_t total_size;
	uint32_t reserved;
};

struct mb2_tag {
	uint32_t type;
	uint32_t size;
};

#define MB2_TAG_END 0
#define MB2_TAG_CMDLINE 1
#define MB2_TAG_LOADER_NAME 2
#define MB2_TAG_MODULE 3
#define MB2_TAG_MMAP 6
#define MB2_TAG_ACPI_OLD 14
#define MB2_TAG_ACPI_NEW 15

struct mb2_mmap_entry {
	uint64_t base;
	uint64_t length;
	uint32_t type;
	uint32_t reserved;
};

struct hvm_start_info {
	uint32_t magic;
	uint32_t version;
	uint32_t flags;
	uint32_t nr_modules;
	uint64_t modlist_paddr;
	uint64_t cmdline_paddr;
	uint64_t rsdp_paddr;
	uint64_t memmap_paddr;    /* version >= 1 */
	uint32_t memmap_entries;  /* version >= 1 */
	uint32_t reserved;
};

struct hvm_modlist_entry {
	uint64_t paddr;
	uint64_t size;
	uint64_t cmdline_paddr;
	uint64_t reserved;
};

struct hvm_memmap_table_entry {
	uint64_t addr;
	uint64_t size;
	uint32_t type;
	uint32_t reserved;
};

#endif

/*
 * Physical memory map in E820 terms, built from the boot loader's map
 * (multiboot2 mmap tag or PVH memmap) and normalised.  Pure (host-tested).
 */
#ifndef UNIHV_MM_MEMMAP_H
#define UNIHV_MM_MEMMAP_H

#include <stdbool.h>
#include <stdint.h>

enum memmap_type {
	MEMMAP_USABLE = 1,
	MEMMAP_RESERVED = 2,
	MEMMAP_ACPI_RECLAIMABLE = 3,
	MEMMAP_ACPI_NVS = 4,
	MEMMAP_BAD = 5,
};

#define MEMMAP_MAX_ENTRIES 128

struct memmap_entry {
	uint64_t base;
	uint64_t length;
	uint32_t type;
};

struct memmap {
	struct memmap_entry entries[MEMMAP_MAX_ENTRIES];
	unsigned count;
	bool overflow; /* an entry was dropped: the map is incomplete */
};

void memmap_init(struct memmap *m);

/*
 * Append a range as reported by the loader.  Zero-length ranges are
 * ignored; a range that wraps past 2^64 is clipped; unknown types are
 * recorded as MEMMAP_RESERVED.  Returns false (and sets overflow) when the
 * table is full.
 */
bool memmap_add(struct memmap *m, uint64_t base, uint64_t length, uint32_t type);

/*
 * Normalise: sort by address, resolve overlaps (the more restrictive type
 * wins: usable < ACPI reclaimable < ACPI NVS < reserved < bad), and merge
 * adjacent ranges of the same type.  Idempotent.  Not reentrant (uses
 * static scratch space): boot time and tests only.
 */
void memmap_sanitize(struct memmap *m);

/* Bytes of the given type (call after sanitize to avoid double counting). */
uint64_t memmap_total(const struct memmap *m, uint32_t type);

/* One past the highest usable byte, 0 if none. */
uint64_t memmap_usable_end(const struct memmap *m);

const char *memmap_type_name(uint32_t type);

#endif

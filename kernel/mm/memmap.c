#include <stdlib.h>
#include <string.h>
#include "mm/memmap.h"

void memmap_init(struct memmap *m)
{
	memset(m, 0, sizeof(*m));
}

bool memmap_add(struct memmap *m, uint64_t base, uint64_t length, uint32_t type)
{
	if (base + length < base)
		length = UINT64_MAX - base; /* clip: the last byte is never usable */
	if (length == 0)
		return true;
	if (type < MEMMAP_USABLE || type > MEMMAP_BAD)
		type = MEMMAP_RESERVED;
	if (m->count == MEMMAP_MAX_ENTRIES) {
		m->overflow = true;
		return false;
	}
	m->entries[m->count++] = (struct memmap_entry){ base, length, type };
	return true;
}

static int type_rank(uint32_t type)
{
	switch (type) {
	case MEMMAP_USABLE:
		return 0;
	case MEMMAP_ACPI_RECLAIMABLE:
		return 1;
	case MEMMAP_ACPI_NVS:
		return 2;
	case MEMMAP_RESERVED:
		return 3;
	default:
		return 4;
	}
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

void memmap_sanitize(struct memmap *m)
{
	/* Every range start and end is a boundary; between two consecutive
	 * boundaries the type is the highest-ranked one covering it. */
	static uint64_t bounds[2 * MEMMAP_MAX_ENTRIES];
	static struct memmap_entry out[2 * MEMMAP_MAX_ENTRIES];
	unsigned nb = 0, no = 0;

	for (unsigned i = 0; i < m->count; i++) {
		bounds[nb++] = m->entries[i].base;
		bounds[nb++] = m->entries[i].base + m->entries[i].length;
	}
	qsort(bounds, nb, sizeof(bounds[0]), cmp_u64);

	for (unsigned b = 0; b + 1 < nb; b++) {
		uint64_t lo = bounds[b], hi = bounds[b + 1];
		int best = -1;
		uint32_t type = 0;
		if (lo == hi)
			continue;
		for (unsigned i = 0; i < m->count; i++) {
			const struct memmap_entry *e = &m->entries[i];
			if (e->base <= lo && e->base + e->length >= hi && type_rank(e->type) > best) {
				best = type_rank(e->type);
				type = e->type;
			}
		}
		if (best < 0)
			continue; /* a hole */
		if (no && out[no - 1].type == type && out[no - 1].base + out[no - 1].length == lo)
			out[no - 1].length += hi - lo;
		else
			out[no++] = (struct memmap_entry){ lo, hi - lo, type };
	}
	/* Merging never produces more ranges than there were boundaries, but
	 * splitting can produce more than MEMMAP_MAX_ENTRIES: keep the
	 * lowest ones and record the loss. */
	if (no > MEMMAP_MAX_ENTRIES) {
		no = MEMMAP_MAX_ENTRIES;
		m->overflow = true;
	}
	memcpy(m->entries, out, no * sizeof(out[0]));
	m->count = no;
}

uint64_t memmap_total(const struct memmap *m, uint32_t type)
{
	uint64_t total = 0;
	for (unsigned i = 0; i < m->count; i++)
		if (m->entries[i].type == type)
			total += m->entries[i].length;
	return total;
}

uint64_t memmap_usable_end(const struct memmap *m)
{
	uint64_t end = 0;
	for (unsigned i = 0; i < m->count; i++) {
		const struct memmap_entry *e = &m->entries[i];
		if (e->type == MEMMAP_USABLE && e->base + e->length > end)
			end = e->base + e->length;
	}
	return end;
}

const char *memmap_type_name(uint32_t type)
{
	switch (type) {
	case MEMMAP_USABLE:
		return "usable";
	case MEMMAP_RESERVED:
		return "reserved";
	case MEMMAP_ACPI_RECLAIMABLE:
		return "ACPI reclaimable";
	case MEMMAP_ACPI_NVS:
		return "ACPI NVS";
	case MEMMAP_BAD:
		return "bad";
	default:
		return "unknown";
	}
}

#include <string.h>
#include "mm/pmm.h"
#include "mm/paging.h"
#include "lib/spinlock.h"
#include "console/log.h"
#include "core/panic.h"

extern char _kernel_start[], _kernel_end[];

#define LOW_MEMORY_END 0x100000ull

static struct page_alloc allocator;
static struct spinlock pmm_lock = SPINLOCK_INIT;

/* First usable range above 1 MiB that can hold the bitmap and does not
 * overlap the image, the loader structures or a module. */
static uint64_t place_bitmap(const struct bootinfo *bi, uint64_t bytes)
{
	uint64_t img_lo = (uint64_t)(uintptr_t)_kernel_start, img_hi = (uint64_t)(uintptr_t)_kernel_end;

	for (unsigned i = 0; i < bi->memmap.count; i++) {
		const struct memmap_entry *e = &bi->memmap.entries[i];
		if (e->type != MEMMAP_USABLE)
			continue;
		uint64_t lo = e->base < LOW_MEMORY_END ? LOW_MEMORY_END : e->base;
		uint64_t hi = e->base + e->length;
		lo = (lo + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
		while (lo + bytes <= hi) {
			uint64_t end = lo + bytes;
			uint64_t bump = 0;
			if (lo < img_hi && end > img_lo)
				bump = img_hi;
			if (lo < bi->info_end && end > bi->info_start && bi->info_end > bump)
				bump = bi->info_end;
			for (unsigned m = 0; m < bi->module_count; m++)
				if (lo < bi->modules[m].end && end > bi->modules[m].start &&
				    bi->modules[m].end > bump)
					bump = bi->modules[m].end;
			if (!bump)
				return lo;
			lo = (bump + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
		}
	}
	return 0;
}

void pmm_init(const struct bootinfo *bi)
{
	uint64_t end = memmap_usable_end(&bi->memmap);
	if (end == 0)
		panic("the memory map has no usable RAM");
	if (end > paging_identity_limit())
		paging_extend_identity_map(end);

	uint64_t bytes = page_alloc_bitmap_bytes(end);
	uint64_t bitmap = place_bitmap(bi, (bytes + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1));
	if (!bitmap)
		panic("no room for the page bitmap (%llu bytes)", (unsigned long long)bytes);

	page_alloc_init(&allocator, (uint64_t *)(uintptr_t)bitmap, end);
	for (unsigned i = 0; i < bi->memmap.count; i++) {
		const struct memmap_entry *e = &bi->memmap.entries[i];
		if (e->type == MEMMAP_USABLE)
			page_alloc_add_free_range(&allocator, e->base, e->length);
	}
	page_alloc_reserve_range(&allocator, 0, LOW_MEMORY_END);
	page_alloc_reserve_range(&allocator, (uint64_t)(uintptr_t)_kernel_start,
				 (uint64_t)(uintptr_t)(_kernel_end - _kernel_start));
	page_alloc_reserve_range(&allocator, bitmap, bytes);
	page_alloc_reserve_range(&allocator, bi->info_start, bi->info_end - bi->info_start);
	for (unsigned m = 0; m < bi->module_count; m++)
		page_alloc_reserve_range(&allocator, bi->modules[m].start,
					 bi->modules[m].end - bi->modules[m].start);
}

uint64_t pmm_alloc_pages(uint64_t count, uint64_t align_pages)
{
	uint64_t phys = 0;

	spin_lock(&pmm_lock);
	bool ok = page_alloc_alloc(&allocator, count, align_pages, &phys);
	spin_unlock(&pmm_lock);
	if (!ok)
		return 0;
	memset((void *)(uintptr_t)phys, 0, count * PAGE_SIZE);
	return phys;
}

void pmm_free_pages(uint64_t phys, uint64_t count)
{
	spin_lock(&pmm_lock);
	page_alloc_free(&allocator, phys, count);
	spin_unlock(&pmm_lock);
}

void pmm_get_stats(struct page_alloc_stats *out)
{
	spin_lock(&pmm_lock);
	page_alloc_get_stats(&allocator, out);
	spin_unlock(&pmm_lock);
}

uint64_t pmm_end_phys(void)
{
	return allocator.nframes << PAGE_SHIFT;
}

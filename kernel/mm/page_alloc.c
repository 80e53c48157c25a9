#include <string.h>
#include "mm/page_alloc.h"
#include "lib/bug.h"

/*
 * A frame's "managed" status is not stored: a bit that is clear is free,
 * and a set bit is either allocated, reserved or unmanaged.  page_alloc_free
 * therefore checks the bit is set; callers pass back exactly what they got.
 */

static bool frame_used(const struct page_alloc *pa, uint64_t f)
{
	return (pa->bitmap[f / 64] >> (f % 64)) & 1;
}

static void frame_set(struct page_alloc *pa, uint64_t f)
{
	pa->bitmap[f / 64] |= 1ull << (f % 64);
}

static void frame_clear(struct page_alloc *pa, uint64_t f)
{
	pa->bitmap[f / 64] &= ~(1ull << (f % 64));
}

size_t page_alloc_bitmap_bytes(uint64_t end_phys)
{
	uint64_t frames = (end_phys + PAGE_SIZE - 1) >> PAGE_SHIFT;
	return (size_t)((frames + 63) / 64 * 8);
}

void page_alloc_init(struct page_alloc *pa, uint64_t *bitmap, uint64_t end_phys)
{
	memset(pa, 0, sizeof(*pa));
	pa->bitmap = bitmap;
	pa->nframes = (end_phys + PAGE_SIZE - 1) >> PAGE_SHIFT;
	memset(bitmap, 0xff, page_alloc_bitmap_bytes(end_phys));
}

void page_alloc_add_free_range(struct page_alloc *pa, uint64_t base, uint64_t len)
{
	if (base + len < base)
		len = UINT64_MAX - base;
	if (base > UINT64_MAX - (PAGE_SIZE - 1))
		return; /* no whole frame starts at or above base */
	uint64_t first = (base + PAGE_SIZE - 1) >> PAGE_SHIFT;
	uint64_t end = (base + len) >> PAGE_SHIFT;
	if (end > pa->nframes)
		end = pa->nframes;
	for (uint64_t f = first; f < end; f++) {
		if (frame_used(pa, f)) {
			frame_clear(pa, f);
			pa->total++;
			pa->free++;
		}
	}
}

uint64_t page_alloc_reserve_range(struct page_alloc *pa, uint64_t base, uint64_t len)
{
	uint64_t taken = 0;

	if (base + len < base)
		len = UINT64_MAX - base;
	if (len == 0)
		return 0;
	uint64_t first = base >> PAGE_SHIFT;
	uint64_t end = ((base + len - 1) >> PAGE_SHIFT) + 1;
	if (end > pa->nframes)
		end = pa->nframes;
	for (uint64_t f = first; f < end; f++) {
		if (!frame_used(pa, f)) {
			frame_set(pa, f);
			pa->free--;
			pa->reserved++;
			taken++;
		}
	}
	return taken;
}

/* Length of the free run starting at f, capped at want. */
static uint64_t free_run(const struct page_alloc *pa, uint64_t f, uint64_t want)
{
	uint64_t n = 0;
	while (n < want && f + n < pa->nframes && !frame_used(pa, f + n))
		n++;
	return n;
}

static bool search(struct page_alloc *pa, uint64_t from, uint64_t to, uint64_t count,
		   uint64_t align, uint64_t *found)
{
	uint64_t f = (from + align - 1) & ~(align - 1);

	while (f + count <= to) {
		/* Skip whole words with no free frame. */
		if (f % 64 == 0 && pa->bitmap[f / 64] == UINT64_MAX) {
			f += align > 64 ? align : 64;
			continue;
		}
		uint64_t run = free_run(pa, f, count);
		if (run == count) {
			*found = f;
			return true;
		}
		/* The frame at f + run is used: the next candidate is after it. */
		f = (f + run + 1 + align - 1) & ~(align - 1);
	}
	return false;
}

bool page_alloc_alloc(struct page_alloc *pa, uint64_t count, uint64_t align_frames, uint64_t *phys)
{
	uint64_t f;

	if (count == 0 || count > pa->free)
		return false;
	if (align_frames == 0 || (align_frames & (align_frames - 1)))
		return false;
	uint64_t hint = pa->search_hint < pa->nframes ? pa->search_hint : 0;
	if (!search(pa, hint, pa->nframes, count, align_frames, &f) &&
	    !search(pa, 0, hint + count < pa->nframes ? hint + count : pa->nframes, count,
		    align_frames, &f))
		return false;
	for (uint64_t i = 0; i < count; i++)
		frame_set(pa, f + i);
	pa->free -= count;
	pa->allocated += count;
	pa->search_hint = f + count;
	*phys = f << PAGE_SHIFT;
	return true;
}

void page_alloc_free(struct page_alloc *pa, uint64_t phys, uint64_t count)
{
	uint64_t f = phys >> PAGE_SHIFT;

	BUG_ON(phys & (PAGE_SIZE - 1));
	BUG_ON(count > pa->allocated || f + count > pa->nframes || f + count < f);
	for (uint64_t i = 0; i < count; i++) {
		BUG_ON(!frame_used(pa, f + i));
		frame_clear(pa, f + i);
	}
	pa->free += count;
	pa->allocated -= count;
}

bool page_alloc_is_free(const struct page_alloc *pa, uint64_t phys)
{
	uint64_t f = phys >> PAGE_SHIFT;
	return f < pa->nframes && !frame_used(pa, f);
}

void page_alloc_get_stats(const struct page_alloc *pa, struct page_alloc_stats *out)
{
	out->total = pa->total;
	out->free = pa->free;
	out->allocated = pa->allocated;
	out->reserved = pa->reserved;
}

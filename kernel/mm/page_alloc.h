/*
 * Physical page-frame allocator: one bit per 4 KiB frame from physical
 * address 0 to the end of usable memory (1 = not free).  Pure logic with no
 * locking (host-tested); the kernel's locked instance is in mm/pmm.h.
 *
 * Accounting invariant: total == free + allocated + reserved, where total
 * counts every usable frame handed to page_alloc_add_free_range,
 * reserved counts usable frames taken at boot (image, bitmap, modules,
 * low memory), and allocated counts frames handed out by page_alloc_alloc.
 */
#ifndef UNIHV_MM_PAGE_ALLOC_H
#define UNIHV_MM_PAGE_ALLOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PAGE_SHIFT 12
#define PAGE_SIZE (1ull << PAGE_SHIFT)

struct page_alloc {
	uint64_t *bitmap;
	uint64_t nframes;    /* frames covered by the bitmap */
	uint64_t total;
	uint64_t free;
	uint64_t allocated;
	uint64_t reserved;
	uint64_t search_hint; /* frame where the next search starts */
};

struct page_alloc_stats {
	uint64_t total, free, allocated, reserved;
};

/* Bytes of bitmap needed to cover [0, end_phys). */
size_t page_alloc_bitmap_bytes(uint64_t end_phys);

/*
 * Start with every frame in [0, end_phys) not free.  bitmap must hold
 * page_alloc_bitmap_bytes(end_phys) bytes.
 */
void page_alloc_init(struct page_alloc *pa, uint64_t *bitmap, uint64_t end_phys);

/*
 * Make the whole frames inside [base, base+len) free and count them in
 * total (a partial frame at either end is skipped; frames beyond the
 * bitmap are ignored).  Frames already free are not counted twice.
 * Call for every usable range before any reserve or alloc: a frame that is
 * reserved or allocated looks unmanaged here and would be freed again.
 */
void page_alloc_add_free_range(struct page_alloc *pa, uint64_t base, uint64_t len);

/*
 * Take every free frame touching [base, base+len) out of circulation for
 * good (boot-time reservations).  Returns how many frames were taken.
 */
uint64_t page_alloc_reserve_range(struct page_alloc *pa, uint64_t base, uint64_t len);

/*
 * Allocate count contiguous frames whose first frame number is a multiple
 * of align_frames (a power of two, 1 for none).  Stores the physical
 * address in *phys and returns true; returns false when no such run is
 * free (nothing changes).
 */
bool page_alloc_alloc(struct page_alloc *pa, uint64_t count, uint64_t align_frames, uint64_t *phys);

/*
 * Return frames from page_alloc_alloc.  Freeing a free frame (double free),
 * an unaligned address, or more frames than are allocated is a hypervisor
 * bug: BUG_ON.  This bitmap cannot tell an allocated frame from a reserved
 * one; who owns which page is tracked above this layer.
 */
void page_alloc_free(struct page_alloc *pa, uint64_t phys, uint64_t count);

/* True if the frame containing phys is free. */
bool page_alloc_is_free(const struct page_alloc *pa, uint64_t phys);

void page_alloc_get_stats(const struct page_alloc *pa, struct page_alloc_stats *out);

#endif

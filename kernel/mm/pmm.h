/*
 * The machine's physical page allocator: one locked page_alloc instance
 * over all usable RAM.  Safe from any CPU, not from interrupt handlers.
 */
#ifndef UNIHV_MM_PMM_H
#define UNIHV_MM_PMM_H

#include <stdbool.h>
#include <stdint.h>
#include "boot/bootinfo.h"
#include "mm/page_alloc.h"

/*
 * Build the allocator from the boot memory map, keeping out low memory
 * (< 1 MiB: BIOS data, AP trampoline), the image, loader structures and
 * modules.  Boot CPU, once.  Panics when there is no usable memory.
 */
void pmm_init(const struct bootinfo *bi);

/* count contiguous zeroed pages aligned to align_pages; 0 when none. */
uint64_t pmm_alloc_pages(uint64_t count, uint64_t align_pages);
void pmm_free_pages(uint64_t phys, uint64_t count);
void pmm_get_stats(struct page_alloc_stats *out);
/* One past the highest physical address the allocator manages. */
uint64_t pmm_end_phys(void);

#endif

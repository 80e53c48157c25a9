/*
 * The image's own page tables: one identity map (virtual == physical) of
 * RAM and the 32-bit MMIO hole, built by entry.S for the first 4 GiB with
 * 2 MiB pages and extended here for RAM above 4 GiB.
 */
#ifndef UNIHV_MM_PAGING_H
#define UNIHV_MM_PAGING_H

#include <stddef.h>
#include <stdint.h>

/* One past the highest identity-mapped physical address. */
uint64_t paging_identity_limit(void);

/*
 * Map [4 GiB, end) identically (1 GiB pages when the CPU has them, else
 * 2 MiB pages from a static pool).  Memory beyond what can be mapped stays
 * unmapped; paging_identity_limit() tells how far it got.  Boot CPU, once,
 * before other CPUs start.
 */
void paging_extend_identity_map(uint64_t end);

/*
 * phys_map_fn (boot/bootinfo.h) over the identity map: the address itself,
 * or NULL for 0, a wrapping range or one beyond the mapped limit.
 */
const void *paging_phys_map(uint64_t pa, size_t len, void *ctx);

/* Make [base, base+len) below 4 GiB uncached (PCD|PWT) for MMIO. */
void paging_set_uncached(uint64_t base, uint64_t len);

#endif

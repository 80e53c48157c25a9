/*
 * A partition's memory: deposits into its pool, withdrawals, and its
 * guest-physical mappings (TLFS "Memory Management": DepositMemory 0x0048,
 * WithdrawMemory 0x0049, GetMemoryBalance 0x004A, MapGpaPages 0x004B,
 * UnmapGpaPages 0x004C).  Page numbers on the root side are host page
 * frame numbers: the root's GPA space is the identity map, as in Hyper-V.
 * Rep calls report how many elements completed in *done, also on failure.
 * With HV_MAP_GPA_LARGE_PAGE the target base and count are in 2 MiB units
 * and each element names the first of 512 contiguous, 2 MiB-aligned root
 * pages (one 2 MiB EPT mapping).
 */
#ifndef UNIHV_HV_MEMORY_H
#define UNIHV_HV_MEMORY_H

#include <stdint.h>

typedef uint16_t hv_status_t;

hv_status_t hv_deposit_memory(uint64_t id, const uint64_t *pfns, uint32_t count, uint32_t *done);
hv_status_t hv_withdraw_memory(uint64_t id, uint32_t count, uint64_t *pfns_out, uint32_t *done);
hv_status_t hv_get_memory_balance(uint64_t id, uint64_t *available, uint64_t *in_use);
hv_status_t hv_map_gpa_pages(uint64_t id, uint64_t gpa_page, uint32_t map_flags,
			     const uint64_t *pfns, uint32_t count, uint32_t *done);
hv_status_t hv_unmap_gpa_pages(uint64_t id, uint64_t gpa_page, uint32_t count, uint32_t *done);
/* With HV_UNMAP_GPA_* flags: LARGE_PAGE counts 2 MiB mappings. */
hv_status_t hv_unmap_gpa_pages_flags(uint64_t id, uint64_t gpa_page, uint32_t count,
				     uint32_t unmap_flags, uint32_t *done);

/*
 * Copy between hypervisor memory and guest-physical memory of p (mapped
 * pages only; no access rights checked: the manager's view).  Returns
 * false if any page in the range is unmapped.  hv_lock held.
 */
struct partition;
bool partition_read_gpa(struct partition *p, uint64_t gpa, void *buf, uint64_t len);
bool partition_write_gpa(struct partition *p, uint64_t gpa, const void *buf, uint64_t len);

/*
 * Finalize: free p's EPT tables (to its pool) and give every guest page
 * back to the root, after all CPUs dropped their cached translations.
 * p's VPs must be gone.  hv_lock held.
 */
void partition_drop_guest_memory(struct partition *p);

#endif

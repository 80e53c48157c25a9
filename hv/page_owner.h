/*
 * Ownership of every physical 4 KiB frame the hypervisor hands to
 * partitions: one uint32_t per frame in caller-provided storage, kind in
 * bits 31:28 and owner partition index in bits 23:0 (bits 27:24 are zero).
 *
 *   PAGE_OWNER_NONE   not partition-related (hypervisor memory, free RAM)
 *   PAGE_OWNER_ROOT   allocated to the manager (root), not assigned yet
 *   PAGE_OWNER_POOL   in partition `owner`'s deposit pool
 *   PAGE_OWNER_GUEST  mapped as guest memory of partition `owner`, once
 *
 * Every change is a checked transfer from an expected (kind, owner) to a
 * new one, so a frame can never be handed out twice: a second transfer
 * from the old state fails.  Pure logic, no locking: the caller serialises
 * all calls on one table (the memory lock).  Per-partition counts are kept
 * by the partition; page_owner_scan() exists for leak checks.
 */
#ifndef UNIHV_HV_PAGE_OWNER_H
#define UNIHV_HV_PAGE_OWNER_H

#include <stdbool.h>
#include <stdint.h>

enum page_owner_kind {
	PAGE_OWNER_NONE = 0,
	PAGE_OWNER_ROOT = 1,
	PAGE_OWNER_POOL = 2,
	PAGE_OWNER_GUEST = 3,
	PAGE_OWNER_KINDS /* number of kinds */
};

/* Largest owner index (24 bits). */
#define PAGE_OWNER_INDEX_MAX 0xffffffu

struct page_owner_table {
	uint32_t *entries;                 /* caller storage, nframes entries */
	uint64_t nframes;                  /* frames 0 .. nframes-1 tracked */
	uint64_t count[PAGE_OWNER_KINDS];  /* frames of each kind; sum == nframes */
	uint64_t refused;                  /* transfers refused (state mismatch) */
};

/*
 * Track frames [0, nframes), all PAGE_OWNER_NONE.  storage holds nframes
 * uint32_t and belongs to the table until the caller stops using it.
 * Called once at boot by the memory layer.
 */
void page_owner_init(struct page_owner_table *t, uint32_t *storage, uint64_t nframes);

/*
 * Current state of frame pfn (physical address >> 12) into *kind and
 * *owner (either may be NULL).  A pfn beyond the table reads as
 * (PAGE_OWNER_NONE, 0).
 */
void page_owner_get(const struct page_owner_table *t, uint64_t pfn,
		    enum page_owner_kind *kind, uint32_t *owner);

/*
 * Move frame pfn from (from_kind, from_owner) to (to_kind, to_owner).
 * Returns true if the frame is tracked and was exactly in the from state;
 * otherwise changes nothing, counts the refusal and returns false (a
 * manager's bad request: the caller turns it into a status code).
 *
 * Kinds must be valid, owners <= PAGE_OWNER_INDEX_MAX, and the owner of
 * PAGE_OWNER_NONE is always 0: anything else is a hypervisor bug (BUG_ON),
 * since owners are partition indices the hypervisor assigned itself.
 */
bool page_owner_transfer(struct page_owner_table *t, uint64_t pfn,
			 enum page_owner_kind from_kind, uint32_t from_owner,
			 enum page_owner_kind to_kind, uint32_t to_owner);

/* Frames currently of this kind (any owner).  O(1). */
uint64_t page_owner_count(const struct page_owner_table *t, enum page_owner_kind kind);

/*
 * Frames currently exactly (kind, owner), by scanning the whole table:
 * O(nframes), for leak checks (tests, partition teardown audits).
 */
uint64_t page_owner_scan(const struct page_owner_table *t, enum page_owner_kind kind,
			 uint32_t owner);

#endif

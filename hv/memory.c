/*
 * Partition memory: the deposit pool and the guest-physical mappings
 * (TLFS "Memory Management"; data-types 11 for HV_MAP_GPA_FLAGS).
 *
 * Page ownership (hv/page_owner.h) enforces the rules: only root pages can
 * be deposited or mapped, a deposited page is never mapped, a page is in
 * at most one partition, and a page leaves a partition only after every
 * CPU dropped cached translations to it (partition_shootdown).
 */
#include <string.h>
#include "hv/hv.h"
#include "hv/memory.h"
#include "hv/partition.h"
#include "unihv/hv_status.h"
#include "unihv/hv_types.h"
#include "lib/bug.h"

#define MAP_READABLE          HV_MAP_GPA_READABLE
#define MAP_WRITABLE          HV_MAP_GPA_WRITABLE
#define MAP_KERNEL_EXECUTABLE HV_MAP_GPA_KERNEL_EXECUTABLE
#define MAP_USER_EXECUTABLE   HV_MAP_GPA_USER_EXECUTABLE
#define MAP_NOT_CACHED        HV_MAP_GPA_NOT_CACHED
#define MAP_LARGE_PAGE        HV_MAP_GPA_LARGE_PAGE
/* Flags unihv implements; any other bit is refused (INVALID_PARAMETER). */
#define MAP_SUPPORTED (MAP_READABLE | MAP_WRITABLE | MAP_KERNEL_EXECUTABLE | \
		       MAP_USER_EXECUTABLE | HV_MAP_GPA_ADJUSTABLE | MAP_NOT_CACHED | MAP_LARGE_PAGE)
#define LARGE_FRAMES 512u

#define GPA_PAGE_LIMIT (1ull << (HV_GPA_WIDTH_BITS - 12))

/* Find p and check it may take memory operations in its state. */
static hv_status_t lookup(uint64_t id, bool need_active, struct partition **out)
{
	struct partition *p = partition_find(id);
	if (!p)
		return HV_STATUS_INVALID_PARTITION_ID;
	if (need_active ? p->state != PARTITION_ACTIVE : p->state == PARTITION_FINALIZED)
		return HV_STATUS_INVALID_PARTITION_STATE;
	*out = p;
	return HV_STATUS_SUCCESS;
}

hv_status_t hv_deposit_memory(uint64_t id, const uint64_t *pfns, uint32_t count, uint32_t *done)
{
	struct partition *p;
	hv_status_t st;

	*done = 0;
	if (count == 0)
		return HV_STATUS_INVALID_PARAMETER;
	spin_lock(&hv_lock);
	/* Deposits are allowed while uninitialized or active (TLFS states). */
	st = lookup(id, false, &p);
	for (uint32_t i = 0; st == HV_STATUS_SUCCESS && i < count; i++) {
		if (!page_owner_transfer(&hv_page_owner, pfns[i], PAGE_OWNER_ROOT, 0,
					 PAGE_OWNER_POOL, p->index)) {
			st = HV_STATUS_OPERATION_DENIED; /* not a free root page */
			break;
		}
		uint64_t phys = pfns[i] << 12;
		*(uint64_t *)(uintptr_t)phys = p->pool_free_head;
		p->pool_free_head = phys;
		p->pool_free++;
		(*done)++;
	}
	spin_unlock(&hv_lock);
	return st;
}

hv_status_t hv_withdraw_memory(uint64_t id, uint32_t count, uint64_t *pfns_out, uint32_t *done)
{
	struct partition *p;
	hv_status_t st;

	*done = 0;
	if (count == 0)
		return HV_STATUS_INVALID_PARAMETER;
	spin_lock(&hv_lock);
	st = partition_find(id) ? HV_STATUS_SUCCESS : HV_STATUS_INVALID_PARTITION_ID;
	p = partition_find(id);
	while (st == HV_STATUS_SUCCESS && *done < count) {
		uint64_t phys = p->pool_free_head;
		if (!phys) {
			if (*done == 0)
				st = HV_STATUS_NO_RESOURCES; /* no unused page */
			break;
		}
		p->pool_free_head = *(uint64_t *)(uintptr_t)phys;
		p->pool_free--;
		/* Withdrawn pages come back zeroed (TLFS WithdrawMemory). */
		memset((void *)(uintptr_t)phys, 0, 4096);
		BUG_ON(!page_owner_transfer(&hv_page_owner, phys >> 12, PAGE_OWNER_POOL, p->index,
					    PAGE_OWNER_ROOT, 0));
		pfns_out[(*done)++] = phys >> 12;
	}
	spin_unlock(&hv_lock);
	return st;
}

hv_status_t hv_get_memory_balance(uint64_t id, uint64_t *available, uint64_t *in_use)
{
	spin_lock(&hv_lock);
	struct partition *p = partition_find(id);
	if (p) {
		*available = p->pool_free;
		*in_use = p->pool_in_use;
	}
	spin_unlock(&hv_lock);
	return p ? HV_STATUS_SUCCESS : HV_STATUS_INVALID_PARTITION_ID;
}

/* TLFS rights -> EPT permissions; false for an illegal combination
 * (write without read, execute-only: data-types 11). */
static bool map_perms(uint32_t flags, unsigned *perms)
{
	bool r = flags & MAP_READABLE, w = flags & MAP_WRITABLE;
	bool x = flags & (MAP_KERNEL_EXECUTABLE | MAP_USER_EXECUTABLE);

	if ((w && !r) || (x && !r))
		return false;
	*perms = (r ? EPT_PERM_R : 0) | (w ? EPT_PERM_W : 0) | (x ? EPT_PERM_X : 0);
	return true;
}

/* Release a page that a mapping no longer references. */
static void release_guest_page(struct partition *p, uint64_t hpa)
{
	BUG_ON(!page_owner_transfer(&hv_page_owner, hpa >> 12, PAGE_OWNER_GUEST, p->index,
				    PAGE_OWNER_ROOT, 0));
	p->guest_pages--;
}

/* Move frames [pfn, pfn+n) from (from) to (to), all or none. */
static bool transfer_run(uint64_t pfn, uint64_t n, enum page_owner_kind from_kind, uint32_t from,
			 enum page_owner_kind to_kind, uint32_t to)
{
	for (uint64_t i = 0; i < n; i++) {
		if (!page_owner_transfer(&hv_page_owner, pfn + i, from_kind, from, to_kind, to)) {
			while (i--)
				BUG_ON(!page_owner_transfer(&hv_page_owner, pfn + i, to_kind, to,
							    from_kind, from));
			return false;
		}
	}
	return true;
}

/*
 * HV_MAP_GPA_LARGE_PAGE: target base and count in 2 MiB units; each
 * element names the first page of 512 contiguous, 2 MiB-aligned root
 * pages, mapped with one 2 MiB EPT entry (SDM: 2-MByte pages in EPT).
 */
static hv_status_t map_large(struct partition *p, uint64_t gpa, uint64_t pfn, unsigned perms,
			     unsigned memtype, bool *replaced)
{
	uint64_t old;
	bool had_old;

	if (pfn % LARGE_FRAMES)
		return HV_STATUS_INVALID_PARAMETER;
	if (ept_tables_needed_for_2m(&p->ept, gpa) > p->pool_free)
		return HV_STATUS_INSUFFICIENT_MEMORY;
	if (!transfer_run(pfn, LARGE_FRAMES, PAGE_OWNER_ROOT, 0, PAGE_OWNER_GUEST, p->index))
		return HV_STATUS_OPERATION_DENIED; /* not 512 free root pages */
	int r = ept_map_2m(&p->ept, gpa, pfn << 12, perms, memtype, &old, &had_old);
	if (r != EPT_OK) {
		BUG_ON(!transfer_run(pfn, LARGE_FRAMES, PAGE_OWNER_GUEST, p->index, PAGE_OWNER_ROOT, 0));
		return r == EPT_ERR_BUSY ? HV_STATUS_OBJECT_IN_USE : HV_STATUS_INVALID_PARAMETER;
	}
	p->guest_pages += LARGE_FRAMES;
	if (had_old) {
		*replaced = true;
		for (uint64_t i = 0; i < LARGE_FRAMES; i++)
			release_guest_page(p, old + i * 4096);
	}
	return HV_STATUS_SUCCESS;
}

hv_status_t hv_map_gpa_pages(uint64_t id, uint64_t gpa_page, uint32_t map_flags,
			     const uint64_t *pfns, uint32_t count, uint32_t *done)
{
	struct partition *p;
	unsigned perms;
	hv_status_t st;
	bool replaced_any = false;

	*done = 0;
	if (count == 0)
		return HV_STATUS_INVALID_PARAMETER;
	if ((map_flags & ~MAP_SUPPORTED) || !map_perms(map_flags, &perms))
		return HV_STATUS_INVALID_PARAMETER;
	bool large = map_flags & MAP_LARGE_PAGE;
	uint64_t unit = large ? LARGE_FRAMES : 1;
	if (gpa_page >= GPA_PAGE_LIMIT / unit || count > GPA_PAGE_LIMIT / unit - gpa_page)
		return HV_STATUS_INVALID_PARAMETER;
	unsigned memtype = (map_flags & MAP_NOT_CACHED) ? EPT_MT_UC : EPT_MT_WB;

	spin_lock(&hv_lock);
	st = lookup(id, true, &p);
	for (uint32_t i = 0; large && st == HV_STATUS_SUCCESS && i < count; i++) {
		st = map_large(p, (gpa_page + i) << 21, pfns[i], perms, memtype, &replaced_any);
		if (st == HV_STATUS_SUCCESS)
			(*done)++;
	}
	for (uint32_t i = 0; !large && st == HV_STATUS_SUCCESS && i < count; i++) {
		uint64_t gpa = (gpa_page + i) << 12, pfn = pfns[i], old;
		bool had_old;
		enum page_owner_kind kind;
		uint32_t owner;

		page_owner_get(&hv_page_owner, pfn, &kind, &owner);
		/* Remapping the page already at this GPA only changes rights. */
		uint64_t cur_hpa;
		if (kind == PAGE_OWNER_GUEST && owner == p->index &&
		    ept_lookup(&p->ept, gpa, &cur_hpa, NULL, NULL) == EPT_OK && cur_hpa == (pfn << 12)) {
			/* Inside a 2 MiB mapping this splits it: needs a table. */
			int r = ept_protect(&p->ept, gpa, perms);
			if (r == EPT_ERR_NOMEM) {
				st = HV_STATUS_INSUFFICIENT_MEMORY;
				break;
			}
			BUG_ON(r != EPT_OK);
			replaced_any = true;
			(*done)++;
			continue;
		}
		if (kind != PAGE_OWNER_ROOT) {
			/* Hypervisor, pool or another partition's page. */
			st = kind == PAGE_OWNER_GUEST ? HV_STATUS_OBJECT_IN_USE
						      : HV_STATUS_OPERATION_DENIED;
			break;
		}
		if (ept_tables_needed_for_4k(&p->ept, gpa) > p->pool_free) {
			st = HV_STATUS_INSUFFICIENT_MEMORY;
			break;
		}
		BUG_ON(!page_owner_transfer(&hv_page_owner, pfn, PAGE_OWNER_ROOT, 0,
					    PAGE_OWNER_GUEST, p->index));
		int r = ept_map_4k(&p->ept, gpa, pfn << 12, perms, memtype, &old, &had_old);
		BUG_ON(r != EPT_OK);
		p->guest_pages++;
		if (had_old) {
			replaced_any = true;
			release_guest_page(p, old);
		}
		(*done)++;
	}
	/* A replaced or narrowed mapping may be cached: flush before the old
	 * page can be used elsewhere. */
	if (replaced_any)
		partition_shootdown(p);
	spin_unlock(&hv_lock);
	return st;
}

/* HV_UNMAP_GPA_LARGE_PAGE: remove whole 2 MiB mappings. */
static hv_status_t unmap_large(struct partition *p, uint64_t gpa_page, uint32_t count,
			       uint32_t *done)
{
	hv_status_t st = HV_STATUS_SUCCESS;
	for (uint32_t i = 0; i < count; i++) {
		uint64_t old;
		bool had_old;
		int r = ept_unmap_2m(&p->ept, (gpa_page + i) << 21, &old, &had_old);
		if (r == EPT_ERR_BUSY) {
			st = HV_STATUS_INVALID_PARAMETER; /* mapped with 4 KiB pages */
			break;
		}
		if (had_old) {
			partition_shootdown(p);
			for (uint64_t f = 0; f < LARGE_FRAMES; f++)
				release_guest_page(p, old + f * 4096);
		}
		(*done)++;
	}
	return st;
}

hv_status_t hv_unmap_gpa_pages_flags(uint64_t id, uint64_t gpa_page, uint32_t count,
				     uint32_t unmap_flags, uint32_t *done)
{
	struct partition *p;

	*done = 0;
	if (!(unmap_flags & HV_UNMAP_GPA_LARGE_PAGE))
		return unmap_flags ? HV_STATUS_INVALID_PARAMETER
				   : hv_unmap_gpa_pages(id, gpa_page, count, done);
	if (unmap_flags & ~(uint32_t)HV_UNMAP_GPA_LARGE_PAGE)
		return HV_STATUS_INVALID_PARAMETER;
	if (count == 0 || gpa_page >= GPA_PAGE_LIMIT / LARGE_FRAMES ||
	    count > GPA_PAGE_LIMIT / LARGE_FRAMES - gpa_page)
		return HV_STATUS_INVALID_PARAMETER;
	spin_lock(&hv_lock);
	hv_status_t st = lookup(id, true, &p);
	if (st == HV_STATUS_SUCCESS)
		st = unmap_large(p, gpa_page, count, done);
	spin_unlock(&hv_lock);
	return st;
}

hv_status_t hv_unmap_gpa_pages(uint64_t id, uint64_t gpa_page, uint32_t count, uint32_t *done)
{
	struct partition *p;
	hv_status_t st;
	uint64_t released[64];
	unsigned nreleased = 0;

	*done = 0;
	if (count == 0)
		return HV_STATUS_INVALID_PARAMETER;
	if (gpa_page >= GPA_PAGE_LIMIT || count > GPA_PAGE_LIMIT - gpa_page)
		return HV_STATUS_INVALID_PARAMETER;
	spin_lock(&hv_lock);
	st = lookup(id, true, &p);
	for (uint32_t i = 0; st == HV_STATUS_SUCCESS && i < count; i++) {
		uint64_t old;
		bool had_old;
		int r = ept_unmap_4k(&p->ept, (gpa_page + i) << 12, &old, &had_old);
		if (r == EPT_ERR_NOMEM) {
			st = HV_STATUS_INSUFFICIENT_MEMORY; /* splitting a 2 MiB page */
			break;
		}
		if (had_old) {
			/* The page goes back to the root only after the flush. */
			released[nreleased++] = old;
			if (nreleased == sizeof(released) / sizeof(released[0])) {
				partition_shootdown(p);
				while (nreleased)
					release_guest_page(p, released[--nreleased]);
			}
		}
		(*done)++; /* already-unmapped pages succeed silently */
	}
	if (nreleased) {
		partition_shootdown(p);
		while (nreleased)
			release_guest_page(p, released[--nreleased]);
	}
	spin_unlock(&hv_lock);
	return st;
}

void partition_drop_guest_memory(struct partition *p)
{
	if (!p->ept_ready)
		return;
	/* Nothing may still translate through the tables being freed. */
	partition_shootdown(p);
	ept_destroy(&p->ept);
	p->ept_ready = false;
	/* The leaves are gone with the tables: hand every guest page of p back
	 * to the root by scanning the ownership table. */
	for (uint64_t pfn = 0; p->guest_pages && pfn < hv_page_owner.nframes; pfn++) {
		enum page_owner_kind kind;
		uint32_t owner;
		page_owner_get(&hv_page_owner, pfn, &kind, &owner);
		if (kind == PAGE_OWNER_GUEST && owner == p->index)
			release_guest_page(p, pfn << 12);
	}
	BUG_ON(p->guest_pages != 0);
}

static bool copy_gpa(struct partition *p, uint64_t gpa, void *buf, uint64_t len, bool write)
{
	uint8_t *b = buf;

	while (len) {
		uint64_t hpa;
		uint64_t chunk = 4096 - (gpa & 4095);
		if (chunk > len)
			chunk = len;
		if (!p->ept_ready || ept_lookup(&p->ept, gpa, &hpa, NULL, NULL) != EPT_OK)
			return false;
		if (write)
			memcpy((void *)(uintptr_t)hpa, b, chunk);
		else
			memcpy(b, (const void *)(uintptr_t)hpa, chunk);
		gpa += chunk;
		b += chunk;
		len -= chunk;
	}
	return true;
}

bool partition_read_gpa(struct partition *p, uint64_t gpa, void *buf, uint64_t len)
{
	return copy_gpa(p, gpa, buf, len, false);
}

bool partition_write_gpa(struct partition *p, uint64_t gpa, const void *buf, uint64_t len)
{
	return copy_gpa(p, gpa, (void *)buf, len, true);
}

/*
 * unihv.v1.Memory: Deposit, Withdraw, Balance, MapGpaRange, UnmapGpaRange,
 * ReadGpa, WriteGpa, TranslateGva, on the TLFS root calls DepositMemory
 * 0x0048, WithdrawMemory 0x0049, GetMemoryBalance 0x004A, MapGpaPages
 * 0x004B, UnmapGpaPages 0x004C and TranslateVirtualAddress 0x0052
 * (hv/memory.h, hv/vp_ops.h), with WHP's meaning where WHP has the call
 * (WHvMapGpaRange, WHvUnmapGpaRange, WHvReadGpaRange, WHvWriteGpaRange,
 * WHvTranslateGva: /work/shared/spec/whp-api.md 2 and 10).
 *
 * The manager plays Hyper-V's root partition: the pages it deposits or
 * maps are root pages (hv_root_alloc_pages), taken from the page
 * allocator here and given back here.
 *
 * MapGpaRange backs the range with fresh zeroed root pages and records
 * for each guest page the root page behind it (one sorted record per
 * partition).  hv/ gives a mapped page back to the root (not to the page
 * allocator) when it is unmapped (UnmapGpaPages) or when the partition is
 * finalized, so the record is what lets UnmapGpaRange and Partition/Delete
 * free those pages afterwards.  A page is freed only once it is a root
 * page again (hv_root_free_pages refuses any other), and its entry goes
 * with it: nothing is freed twice, nothing still mapped is freed.
 */
#include <stdlib.h>
#include <string.h>
#include "mgmt/svc.h"
#include "console/log.h"
#include "hv/hv.h"
#include "hv/memory.h"
#include "hv/partition.h"
#include "hv/vp_ops.h"
#include "unihv/hv_status.h"
#include "unihv/hv_types.h"
#include "unihv.pb.h"

#define PAGE_SHIFT 12
#define PAGE_BYTES 4096ull
#define GPA_LIMIT (1ull << HV_GPA_WIDTH_BITS) /* the guest-physical space */
#define CHUNK 64u                              /* pages per hv/ call */
#define GPA_IO_MAX 65536u                      /* ReadGpa/WriteGpa bytes */

/* WHV_MAP_GPA_RANGE_FLAGS (WHP): Read 1, Write 2, Execute 4. */
#define WHV_MAP_READ 1u
#define WHV_MAP_WRITE 2u
#define WHV_MAP_EXECUTE 4u

/* ---- the record of mapped root pages -------------------------------------- */

struct map_entry {
	uint64_t gpa_page;
	uint64_t pfn;
};

struct map_record {
	uint64_t id;               /* 0: slot free */
	struct map_entry *e;       /* sorted by gpa_page, no duplicates */
	size_t n, cap;
};

/* One per live partition at most: IDs are unique since boot. */
static struct map_record records[HV_MAX_PARTITIONS];

static void record_forget(struct map_record *r);
static uint64_t record_free_range(struct map_record *r, uint64_t gpa_page, uint64_t count);

/*
 * Records of partitions that are gone without a Partition/Delete (a
 * privileged guest's DeletePartition): FinalizePartition made their pages
 * root pages, which only this record knows; free them and the slot.
 */
static void record_collect_stale(void)
{
	for (size_t i = 0; i < HV_MAX_PARTITIONS; i++) {
		if (!records[i].id)
			continue;
		spin_lock(&hv_lock);
		bool gone = partition_find(records[i].id) == NULL;
		spin_unlock(&hv_lock);
		if (gone) {
			record_free_range(&records[i], 0, UINT64_MAX);
			record_forget(&records[i]);
		}
	}
}

static struct map_record *record_find(uint64_t id, bool create)
{
	struct map_record *free_slot = NULL;

	if (create)
		record_collect_stale();

	for (size_t i = 0; i < HV_MAX_PARTITIONS; i++) {
		if (records[i].id == id)
			return &records[i];
		if (!records[i].id && !free_slot)
			free_slot = &records[i];
	}
	if (!create || !free_slot)
		return NULL;
	free_slot->id = id;
	return free_slot;
}

/* Index of the first entry with gpa_page >= page. */
static size_t lower_bound(const struct map_record *r, uint64_t page)
{
	size_t lo = 0, hi = r->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (r->e[mid].gpa_page < page)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Room for extra more entries; false when out of memory. */
static bool record_reserve(struct map_record *r, uint64_t extra)
{
	if (r->n + extra <= r->cap)
		return true;
	size_t cap = r->cap ? r->cap : 64;
	while (cap < r->n + extra)
		cap *= 2;
	struct map_entry *e = realloc(r->e, cap * sizeof(*e));
	if (!e)
		return false;
	r->e = e;
	r->cap = cap;
	return true;
}

/* Record count pages mapped from gpa_page on; room reserved, no overlap. */
static void record_insert(struct map_record *r, uint64_t gpa_page, const uint64_t *pfns,
			  uint32_t count)
{
	size_t at = lower_bound(r, gpa_page);

	memmove(&r->e[at + count], &r->e[at], (r->n - at) * sizeof(r->e[0]));
	for (uint32_t i = 0; i < count; i++)
		r->e[at + i] = (struct map_entry){ gpa_page + i, pfns[i] };
	r->n += count;
}

static void record_forget(struct map_record *r)
{
	free(r->e);
	memset(r, 0, sizeof(*r));
}

/*
 * Free the recorded pages in [gpa_page, gpa_page + count) that are root
 * pages again (unmapped) and drop their entries; entries whose page is
 * still mapped stay.  Returns how many pages were freed.
 */
static uint64_t record_free_range(struct map_record *r, uint64_t gpa_page, uint64_t count)
{
	size_t at = lower_bound(r, gpa_page), keep = at, i = at;
	uint64_t freed = 0;

	for (; i < r->n && r->e[i].gpa_page - gpa_page < count; i++) {
		if (hv_root_free_pages(&r->e[i].pfn, 1) == 1)
			freed++;
		else
			r->e[keep++] = r->e[i];
	}
	memmove(&r->e[keep], &r->e[i], (r->n - i) * sizeof(r->e[0]));
	r->n -= i - keep;
	return freed;
}

uint64_t svc_memory_release_partition(uint64_t id)
{
	struct map_record *r = record_find(id, false);

	if (!r)
		return 0;
	size_t n = r->n;
	uint64_t freed = record_free_range(r, 0, UINT64_MAX);
	if (freed != n)
		log_warn("mgmt: partition %llu: %zu of %zu mapped pages are not root pages; kept",
			 (unsigned long long)id, n - (size_t)freed, n);
	record_forget(r);
	return freed;
}

uint64_t svc_memory_mapped_pages(uint64_t id)
{
	struct map_record *r = record_find(id, false);
	return r ? r->n : 0;
}

/* ---- pool -------------------------------------------------------------------- */

uint64_t svc_withdraw_to_allocator(uint64_t id, uint64_t pages, uint16_t *status)
{
	uint64_t pfns[CHUNK], total = 0;
	uint32_t done;

	*status = HV_STATUS_SUCCESS;
	while (total < pages) {
		uint32_t n = pages - total < CHUNK ? (uint32_t)(pages - total) : CHUNK;
		uint16_t st = hv_withdraw_memory(id, n, pfns, &done);
		/* Withdrawn pages are root pages: back to the allocator. */
		hv_root_free_pages(pfns, done);
		total += done;
		if (st != HV_STATUS_SUCCESS) {
			*status = st;
			break;
		}
		if (done < n) {
			*status = HV_STATUS_NO_RESOURCES; /* no unused page left */
			break;
		}
	}
	return total;
}

uint16_t svc_deposit_root_pages(uint64_t id, uint64_t pages)
{
	uint64_t pfns[CHUNK], total = 0;
	uint16_t st = HV_STATUS_SUCCESS;
	uint32_t done;

	while (total < pages) {
		uint32_t n = pages - total < CHUNK ? (uint32_t)(pages - total) : CHUNK;
		if (!hv_root_alloc_pages(pfns, n)) {
			st = SVC_NO_ROOT_MEMORY;
			break;
		}
		st = hv_deposit_memory(id, pfns, n, &done);
		total += done;
		if (st != HV_STATUS_SUCCESS) {
			hv_root_free_pages(pfns + done, n - done);
			break;
		}
	}
	/* All or none: take back what this call deposited. */
	if (st != HV_STATUS_SUCCESS && total) {
		uint16_t wst;
		uint64_t back = svc_withdraw_to_allocator(id, total, &wst);
		if (back != total)
			log_warn("mgmt: partition %llu: %llu of %llu pages of a failed deposit"
				 " stay in its pool",
				 (unsigned long long)id, (unsigned long long)(total - back),
				 (unsigned long long)total);
	}
	return st;
}

/* Does partition id exist?  (For a NOT_FOUND before any allocation.) */
static bool partition_exists(uint64_t id)
{
	spin_lock(&hv_lock);
	bool ok = partition_find(id) != NULL;
	spin_unlock(&hv_lock);
	return ok;
}

static enum mgmt_result fail_no_partition(struct mgmt_call *call, uint64_t id)
{
	return mgmt_fail_hv(call, HV_STATUS_INVALID_PARTITION_ID, "partition %llu does not exist",
			    (unsigned long long)id);
}

enum mgmt_result svc_memory_deposit(struct mgmt_call *call, const void *req, void *resp)
{
	const unihv_v1_DepositRequest *r = req;
	unihv_v1_DepositResponse *out = resp;

	memset(out, 0, sizeof(*out));
	call->partition_id = r->partition_id;
	if (r->pages == 0 || r->pages > UINT32_MAX)
		return mgmt_fail_hv(call, HV_STATUS_INVALID_PARAMETER,
				    "deposit of %llu pages (1 to 2^32-1)",
				    (unsigned long long)r->pages);
	if (!partition_exists(r->partition_id))
		return fail_no_partition(call, r->partition_id);
	uint16_t st = svc_deposit_root_pages(r->partition_id, r->pages);
	if (st == SVC_NO_ROOT_MEMORY)
		return mgmt_fail(call, RPC_RESOURCE_EXHAUSTED, SVC_E_OUT_OF_MEMORY,
				 "the appliance has not %llu free pages",
				 (unsigned long long)r->pages);
	if (st != HV_STATUS_SUCCESS)
		return mgmt_fail_hv(call, st, "DepositMemory of %llu pages into partition %llu",
				    (unsigned long long)r->pages,
				    (unsigned long long)r->partition_id);
	out->pages_deposited = r->pages;
	return MGMT_DONE;
}

enum mgmt_result svc_memory_withdraw(struct mgmt_call *call, const void *req, void *resp)
{
	const unihv_v1_WithdrawRequest *r = req;
	unihv_v1_WithdrawResponse *out = resp;
	uint16_t st;

	memset(out, 0, sizeof(*out));
	call->partition_id = r->partition_id;
	if (r->pages == 0)
		return mgmt_fail_hv(call, HV_STATUS_INVALID_PARAMETER, "withdrawal of 0 pages");
	uint64_t got = svc_withdraw_to_allocator(r->partition_id, r->pages, &st);
	/* Fewer than asked is a success (TLFS WithdrawMemory); none is not. */
	if (got == 0)
		return mgmt_fail_hv(call, st, "WithdrawMemory from partition %llu",
				    (unsigned long long)r->partition_id);
	out->pages_withdrawn = got;
	return MGMT_DONE;
}

enum mgmt_result svc_memory_balance(struct mgmt_call *call, const void *req, void *resp)
{
	const unihv_v1_PartitionRef *r = req;
	unihv_v1_BalanceResponse *out = resp;
	uint64_t available = 0, in_use = 0;

	memset(out, 0, sizeof(*out));
	call->partition_id = r->partition_id;
	uint16_t st = hv_get_memory_balance(r->partition_id, &available, &in_use);
	if (st != HV_STATUS_SUCCESS)
		return mgmt_fail_hv(call, st, "GetMemoryBalance of partition %llu",
				    (unsigned long long)r->partition_id);
	out->available_pages = available;
	out->in_use_pages = in_use;
	return MGMT_DONE;
}

/* ---- guest-physical mappings ------------------------------------------------- */

/* A page-aligned, non-empty range inside the guest-physical space; false
 * (the call failed) otherwise. */
static bool range_ok(struct mgmt_call *call, uint64_t gpa, uint64_t size)
{
	if ((gpa | size) & (PAGE_BYTES - 1) || size == 0) {
		mgmt_fail_hv(call, HV_STATUS_INVALID_PARAMETER,
			     "range 0x%llx + 0x%llx is empty or not page aligned",
			     (unsigned long long)gpa, (unsigned long long)size);
		return false;
	}
	if (gpa >= GPA_LIMIT || size > GPA_LIMIT - gpa) {
		mgmt_fail_hv(call, HV_STATUS_INVALID_PARAMETER,
			     "range 0x%llx + 0x%llx is beyond the %u-bit guest-physical space",
			     (unsigned long long)gpa, (unsigned long long)size,
			     HV_GPA_WIDTH_BITS);
		return false;
	}
	return true;
}

/*
 * Before mapping: the partition exists, is set up, and no page of the
 * range is mapped yet (WHP maps a range once; replacing a mapping would
 * also need the replaced pages freed).  HV status or 0; *mapped_at the
 * first mapped GPA when the range overlaps a mapping (status 0xFFFF).
 */
#define RANGE_OVERLAPS 0xFFFFu
static uint16_t check_unmapped(uint64_t id, uint64_t gpa, uint64_t pages, uint64_t *mapped_at)
{
	struct partition *p;
	uint8_t byte;

	spin_lock(&hv_lock);
	uint16_t st = partition_find_active(id, &p);
	for (uint64_t i = 0; st == HV_STATUS_SUCCESS && i < pages; i++) {
		/* The manager's view of guest memory answers "is it mapped". */
		if (partition_read_gpa(p, gpa + (i << PAGE_SHIFT), &byte, 1)) {
			*mapped_at = gpa + (i << PAGE_SHIFT);
			st = RANGE_OVERLAPS;
		}
	}
	spin_unlock(&hv_lock);
	return st;
}

/* Undo the first pages of a MapGpaRange: unmap, then free what came back. */
static void unmap_and_free(struct map_record *r, uint64_t id, uint64_t gpa_page, uint64_t pages)
{
	uint32_t done;

	if (!pages)
		return;
	hv_unmap_gpa_pages(id, gpa_page, (uint32_t)pages, &done);
	record_free_range(r, gpa_page, pages);
}

enum mgmt_result svc_memory_map_gpa_range(struct mgmt_call *call, const void *req, void *resp)
{
	const unihv_v1_MapGpaRangeRequest *r = req;
	uint64_t mapped_at = 0, pfns[CHUNK];

	(void)resp;
	call->partition_id = r->partition_id;
	if (!range_ok(call, r->guest_address, r->size_bytes))
		return MGMT_DONE;
	if (r->flags & ~(WHV_MAP_READ | WHV_MAP_WRITE | WHV_MAP_EXECUTE))
		return mgmt_fail_hv(call, HV_STATUS_INVALID_PARAMETER,
				    "map flags 0x%x: only Read (1), Write (2), Execute (4)",
				    r->flags);
	uint64_t gpa_page = r->guest_address >> PAGE_SHIFT;
	uint64_t pages = r->size_bytes >> PAGE_SHIFT;
	uint16_t st = check_unmapped(r->partition_id, r->guest_address, pages, &mapped_at);
	if (st == RANGE_OVERLAPS)
		return mgmt_fail(call, RPC_ALREADY_EXISTS, "UNIHV_E_GPA_RANGE_MAPPED",
				 "GPA 0x%llx of partition %llu is already mapped; unmap it first",
				 (unsigned long long)mapped_at,
				 (unsigned long long)r->partition_id);
	if (st == HV_STATUS_INVALID_PARTITION_ID)
		return fail_no_partition(call, r->partition_id);
	if (st != HV_STATUS_SUCCESS)
		return mgmt_fail_hv(call, st, "partition %llu is not set up (Partition/Setup)",
				    (unsigned long long)r->partition_id);

	struct map_record *rec = record_find(r->partition_id, true);
	if (!rec || !record_reserve(rec, pages)) {
		if (rec && !rec->n)
			record_forget(rec);
		return mgmt_fail(call, RPC_RESOURCE_EXHAUSTED, SVC_E_OUT_OF_MEMORY,
				 "no memory to record %llu mapped pages",
				 (unsigned long long)pages);
	}
	uint32_t map_flags = ((r->flags & WHV_MAP_READ) ? HV_MAP_GPA_READABLE : 0) |
			     ((r->flags & WHV_MAP_WRITE) ? HV_MAP_GPA_WRITABLE : 0) |
			     ((r->flags & WHV_MAP_EXECUTE) ? HV_MAP_GPA_EXECUTABLE : 0);
	uint64_t total = 0;
	while (total < pages) {
		uint32_t n = pages - total < CHUNK ? (uint32_t)(pages - total) : CHUNK, done = 0;
		/* Fresh pages come zeroed from the allocator (mm/pmm.h). */
		if (!hv_root_alloc_pages(pfns, n)) {
			unmap_and_free(rec, r->partition_id, gpa_page, total);
			return mgmt_fail(call, RPC_RESOURCE_EXHAUSTED, SVC_E_OUT_OF_MEMORY,
					 "the appliance has not %llu free pages to back the range",
					 (unsigned long long)pages);
		}
		st = hv_map_gpa_pages(r->partition_id, gpa_page + total, map_flags, pfns, n, &done);
		/* The EPT's table pages come from the partition's pool: like
		 * WHvMapGpaRange, top it up (what the rest of this chunk can need:
		 * a page table per 512 pages plus the levels above) and go on. */
		if (st == HV_STATUS_INSUFFICIENT_MEMORY &&
		    svc_deposit_root_pages(r->partition_id, (n - done) / 512 + 4) == HV_STATUS_SUCCESS) {
			uint32_t more = 0;
			st = hv_map_gpa_pages(r->partition_id, gpa_page + total + done, map_flags,
					      pfns + done, n - done, &more);
			done += more;
		}
		record_insert(rec, gpa_page + total, pfns, done);
		total += done;
		if (st != HV_STATUS_SUCCESS) {
			hv_root_free_pages(pfns + done, n - done);
			unmap_and_free(rec, r->partition_id, gpa_page, total);
			return mgmt_fail_hv(call, st, "MapGpaPages at GPA 0x%llx of partition %llu",
					    (unsigned long long)((gpa_page + total) << PAGE_SHIFT),
					    (unsigned long long)r->partition_id);
		}
	}
	return MGMT_DONE;
}

enum mgmt_result svc_memory_unmap_gpa_range(struct mgmt_call *call, const void *req, void *resp)
{
	const unihv_v1_UnmapGpaRangeRequest *r = req;
	uint32_t done = 0;

	(void)resp;
	call->partition_id = r->partition_id;
	if (!range_ok(call, r->guest_address, r->size_bytes))
		return MGMT_DONE;
	uint64_t gpa_page = r->guest_address >> PAGE_SHIFT;
	uint64_t pages = r->size_bytes >> PAGE_SHIFT; /* < 2^27: fits the count */
	uint16_t st = hv_unmap_gpa_pages(r->partition_id, gpa_page, (uint32_t)pages, &done);
	/* The pages unmapped so far are root pages again: free ours. */
	struct map_record *rec = record_find(r->partition_id, false);
	if (rec)
		record_free_range(rec, gpa_page, done);
	return mgmt_fail_hv(call, st, "UnmapGpaPages at GPA 0x%llx of partition %llu",
			    (unsigned long long)((gpa_page + done) << PAGE_SHIFT),
			    (unsigned long long)r->partition_id);
}

/* ---- guest memory access ------------------------------------------------------ */

/* ReadGpa/WriteGpa: at most 64 KiB, inside the guest-physical space;
 * false (the call failed) otherwise. */
static bool io_ok(struct mgmt_call *call, uint64_t gpa, uint64_t size)
{
	if (size > GPA_IO_MAX) {
		mgmt_fail_hv(call, HV_STATUS_INVALID_PARAMETER,
			     "%llu bytes: at most %u per call", (unsigned long long)size,
			     GPA_IO_MAX);
		return false;
	}
	if (gpa >= GPA_LIMIT || size > GPA_LIMIT - gpa) {
		mgmt_fail_hv(call, HV_STATUS_INVALID_PARAMETER,
			     "GPA 0x%llx + %llu is beyond the %u-bit guest-physical space",
			     (unsigned long long)gpa, (unsigned long long)size,
			     HV_GPA_WIDTH_BITS);
		return false;
	}
	return true;
}

/* Copy between buf and partition id's guest memory (hv_lock held inside):
 * HV status, INVALID_PARAMETER when a page of the range is not mapped. */
static uint16_t gpa_copy(uint64_t id, uint64_t gpa, void *buf, uint64_t len, bool write)
{
	uint16_t st = HV_STATUS_SUCCESS;

	spin_lock(&hv_lock);
	struct partition *p = partition_find(id);
	if (!p)
		st = HV_STATUS_INVALID_PARTITION_ID;
	else if (len && !(write ? partition_write_gpa(p, gpa, buf, len)
				: partition_read_gpa(p, gpa, buf, len)))
		st = HV_STATUS_INVALID_PARAMETER;
	spin_unlock(&hv_lock);
	return st;
}

static enum mgmt_result fail_copy(struct mgmt_call *call, uint16_t st, uint64_t id, uint64_t gpa,
				  uint64_t len)
{
	if (st == HV_STATUS_INVALID_PARTITION_ID)
		return fail_no_partition(call, id);
	return mgmt_fail_hv(call, st, "GPA range 0x%llx + %llu of partition %llu is not mapped",
			    (unsigned long long)gpa, (unsigned long long)len,
			    (unsigned long long)id);
}

enum mgmt_result svc_memory_read_gpa(struct mgmt_call *call, const void *req, void *resp)
{
	const unihv_v1_ReadGpaRequest *r = req;
	unihv_v1_ReadGpaResponse *out = resp;

	out->data.size = 0;
	call->partition_id = r->partition_id;
	if (!io_ok(call, r->guest_address, r->size))
		return MGMT_DONE;
	uint16_t st = gpa_copy(r->partition_id, r->guest_address, out->data.bytes, r->size, false);
	if (st != HV_STATUS_SUCCESS)
		return fail_copy(call, st, r->partition_id, r->guest_address, r->size);
	out->data.size = (pb_size_t)r->size;
	return MGMT_DONE;
}

enum mgmt_result svc_memory_write_gpa(struct mgmt_call *call, const void *req, void *resp)
{
	const unihv_v1_WriteGpaRequest *r = req;

	(void)resp;
	call->partition_id = r->partition_id;
	if (!io_ok(call, r->guest_address, r->data.size))
		return MGMT_DONE;
	/* The request is the handler's own copy: no double fetch to fear. */
	uint16_t st = gpa_copy(r->partition_id, r->guest_address, (void *)r->data.bytes,
			       r->data.size, true);
	if (st != HV_STATUS_SUCCESS)
		return fail_copy(call, st, r->partition_id, r->guest_address, r->data.size);
	return MGMT_DONE;
}

/* WHvTranslateGva: the GPA keeps the GVA's offset in the page. */
enum mgmt_result svc_memory_translate_gva(struct mgmt_call *call, const void *req, void *resp)
{
	const unihv_v1_TranslateGvaRequest *r = req;
	unihv_v1_TranslateGvaResponse *out = resp;
	uint64_t result = 0, gpa_page = 0;

	memset(out, 0, sizeof(*out));
	call->partition_id = r->partition_id;
	uint16_t st = hv_translate_virtual_address(r->partition_id, r->vp_index, r->flags,
						   r->gva >> PAGE_SHIFT, &result, &gpa_page);
	if (st != HV_STATUS_SUCCESS)
		return mgmt_fail_hv(call, st,
				    "TranslateVirtualAddress 0x%llx on partition %llu VP %u",
				    (unsigned long long)r->gva,
				    (unsigned long long)r->partition_id, r->vp_index);
	out->result_code = (uint32_t)result;
	if (result == HV_TRANSLATE_GVA_SUCCESS)
		out->gpa = (gpa_page << PAGE_SHIFT) | (r->gva & (PAGE_BYTES - 1));
	return MGMT_DONE;
}

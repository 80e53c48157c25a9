/*
 * Extended hypercalls (TLFS "Extended Hypercall Interface", codes 0x8001
 * and up; digest hypercalls.md 0x8001-0x8006).  Every one needs the
 * EnableExtendedHypercalls privilege (checked by the dispatcher) and acts
 * on the calling guest's own partition: the root gets ACCESS_DENIED.
 *
 * Offered: QueryCapabilities, GetBootZeroedMemory, MemoryHeatHint.
 * EpfSetup (0x8004) and MemoryHeatHintAsync (0x8006) have no public
 * semantics; they are not advertised in the capability mask and answer
 * INVALID_HYPERCALL_CODE (the digest's rule for unadvertised codes).
 */
#include <string.h>
#include "hv/hv.h"
#include "hv/partition.h"
#include "hv/hypercall/handlers.h"
#include "unihv/hv_hypercall.h"
#include "unihv/hv_status.h"

#define BOOT_ZEROED_MAX_RANGES 255 /* (0xFF8 - 8) / 16 */

uint16_t hc_ext_query_capabilities(struct hc_call *call, uint32_t *done)
{
	(void)done;
	*(uint64_t *)call->output =
		HV_EXT_CAPABILITY_GET_BOOT_ZEROED_MEMORY | HV_EXT_CAPABILITY_MEMORY_HEAT_HINT;
	return HV_STATUS_SUCCESS;
}

/* ---- 0x8002 GetBootZeroedMemory ------------------------------------- */

struct zero_range {
	uint64_t start_page;
	uint64_t count;
};

struct zero_scan {
	struct zero_range best[BOOT_ZEROED_MAX_RANGES]; /* unsorted */
	uint32_t n;
	struct zero_range run;  /* the run being grown */
};

/* Keep r if it is among the largest ranges seen. */
static void keep(struct zero_scan *z, struct zero_range r)
{
	if (!r.count)
		return;
	if (z->n < BOOT_ZEROED_MAX_RANGES) {
		z->best[z->n++] = r;
		return;
	}
	uint32_t smallest = 0;
	for (uint32_t i = 1; i < z->n; i++)
		if (z->best[i].count < z->best[smallest].count)
			smallest = i;
	if (r.count > z->best[smallest].count)
		z->best[smallest] = r;
}

static bool page_is_zero(uint64_t hpa)
{
	const uint64_t *q = (const uint64_t *)(uintptr_t)hpa; /* identity map */
	for (unsigned i = 0; i < 512; i++)
		if (q[i])
			return false;
	return true;
}

static bool scan_leaf(void *ctx, uint64_t gpa, uint64_t hpa, uint64_t size)
{
	struct zero_scan *z = ctx;

	for (uint64_t off = 0; off < size; off += 4096) {
		uint64_t page = (gpa + off) >> 12;
		if (!page_is_zero(hpa + off)) {
			keep(z, z->run);
			z->run.count = 0;
			continue;
		}
		if (z->run.count && z->run.start_page + z->run.count == page) {
			z->run.count++;
		} else {
			keep(z, z->run);
			z->run = (struct zero_range){ page, 1 };
		}
	}
	return true;
}

/*
 * The GPA ranges of the caller's partition that read as zero now: every
 * mapped page is examined (a partition's memory is pinned, so "zeroed at
 * boot and not written since" and "reads as zero now" agree for a guest
 * that asks at boot, which is when Linux asks).  At most 255 ranges, the
 * largest first; unmapped GPAs are never reported.
 */
uint16_t hc_ext_get_boot_zeroed_memory(struct hc_call *call, uint32_t *done)
{
	static struct zero_scan scan; /* under hv_lock */
	uint64_t *out = (uint64_t *)call->output;

	(void)done;
	if (call->caller->is_root)
		return HV_STATUS_ACCESS_DENIED;
	spin_lock(&hv_lock);
	struct partition *p = partition_find(call->caller->partition_id);
	if (!p) {
		spin_unlock(&hv_lock);
		return HV_STATUS_INVALID_PARTITION_ID;
	}
	memset(&scan, 0, sizeof(scan));
	if (p->ept_ready)
		ept_for_each_leaf(&p->ept, scan_leaf, &scan);
	keep(&scan, scan.run);
	/* Largest first (insertion sort: at most 255 entries). */
	for (uint32_t i = 1; i < scan.n; i++) {
		struct zero_range r = scan.best[i];
		uint32_t j = i;
		for (; j > 0 && scan.best[j - 1].count < r.count; j--)
			scan.best[j] = scan.best[j - 1];
		scan.best[j] = r;
	}
	out[0] = scan.n;
	for (uint32_t i = 0; i < scan.n; i++) {
		out[1 + 2 * i] = scan.best[i].start_page;
		out[2 + 2 * i] = scan.best[i].count;
	}
	spin_unlock(&hv_lock);
	return HV_STATUS_SUCCESS;
}

/* ---- 0x8003 MemoryHeatHint ------------------------------------------ */

#define HEAT_TYPE_MASK       UINT64_C(0x3)
#define HEAT_TYPE_COLD_DISCARD 2u
/* HV_GPA_PAGE_RANGE (Linux layout): 10:0 additional pages, 11 large
 * page, 63:12 base page; large form: 12 size (0 = 2 MiB), 20:13
 * reserved, 63:21 base 2 MiB page. */
#define RANGE_ADDITIONAL(r)  ((r) & 0x7FFu)
#define RANGE_LARGE          (UINT64_C(1) << 11)

/*
 * A hint about how the guest uses memory.  unihv pins every page of a
 * partition (no overcommit, no swapping), so a hint changes nothing; it
 * is validated element by element so a malformed list is reported where
 * it goes wrong: heat type 3 or reserved header bits -> INVALID_PARAMETER
 * (no element done); a range beyond the partition's GPA space or a large
 * range with reserved bits or the 1 GiB size -> INVALID_PARAMETER at that
 * element.  Cold-discard on a 4 KiB range is accepted: Linux retries with
 * 2 MiB ranges only when told INVALID_PARAMETER.
 */
uint16_t hc_ext_memory_heat_hint(struct hc_call *call, uint32_t *done)
{
	uint64_t header = *(const uint64_t *)call->input;
	const uint64_t *ranges = (const uint64_t *)call->in_elems;
	uint64_t limit = call->caller->gpa_limit;

	if (call->caller->is_root)
		return HV_STATUS_ACCESS_DENIED;
	if ((header & HEAT_TYPE_MASK) > HEAT_TYPE_COLD_DISCARD || (header & ~HEAT_TYPE_MASK))
		return HV_STATUS_INVALID_PARAMETER;
	for (uint32_t i = call->rep_start; i < call->rep_count; i++) {
		uint64_t r = ranges[i], first, pages;
		if (r & RANGE_LARGE) {
			if (r & (UINT64_C(0x1FF) << 12))     /* size bit 12 (1 GiB) and 20:13 */
				return *done = i, HV_STATUS_INVALID_PARAMETER;
			first = (r >> 21) << 9;
			pages = (RANGE_ADDITIONAL(r) + 1) << 9;
		} else {
			first = r >> 12;
			pages = RANGE_ADDITIONAL(r) + 1;
		}
		if (first + pages > (limit >> 12))
			return *done = i, HV_STATUS_INVALID_PARAMETER;
		*done = i + 1;
	}
	return HV_STATUS_SUCCESS;
}

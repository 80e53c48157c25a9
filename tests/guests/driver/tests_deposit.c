/*
 * deposit_exhaustion: every structure of a partition comes from its
 * deposit pool, page by page.  Starting from an empty pool: initialize
 * needs 1 page (the EPT root), a VP 2, the first mapping at a GPA 3 (EPT
 * PDPT, PD, PT); each fails with INSUFFICIENT_MEMORY until deposited and
 * changes nothing.  GetMemoryBalance is exact at every step; unmapping
 * gives the tables back.  Then the teardown rules: DeletePartition refuses
 * an active partition (INVALID_PARTITION_STATE) and a non-empty pool
 * (OPERATION_DENIED); withdraw returns exactly the deposited pages, zeroed,
 * then NO_RESOURCES; after delete every call with the ID gives
 * INVALID_PARTITION_ID.
 */
#include <string.h>
#include "tests/guests/driver/gtest.h"
#include "hv/hv.h"
#include "hv/memory.h"
#include "hv/partition.h"
#include "hv/intercept.h"
#include "hv/vp_ops.h"
#include "unihv/hv_types.h"

const char *gt_test_deposit_exhaustion(void);

#define NPOOL 6

static const char *balance(uint64_t id, uint64_t want_avail, uint64_t want_used, const char *when)
{
	uint64_t avail = ~0ull, used = ~0ull;
	uint16_t st = hv_get_memory_balance(id, &avail, &used);

	if (st || avail != want_avail || used != want_used)
		return gt_fail("%s: balance %s available %llu in use %llu, want %llu %llu", when,
			       hv_status_name(st), (unsigned long long)avail,
			       (unsigned long long)used, (unsigned long long)want_avail,
			       (unsigned long long)want_used);
	return NULL;
}

static bool page_is_zero(uint64_t pfn)
{
	const uint64_t *p = (const uint64_t *)(uintptr_t)(pfn << 12);
	for (unsigned i = 0; i < 512; i++)
		if (p[i])
			return false;
	return true;
}

/* Every call that takes a partition ID, with an ID that does not exist. */
static const char *all_calls_refuse(uint64_t id, uint64_t root_page)
{
	struct hv_register_assoc a;
	union hv_register_value v;
	struct hv_message m;
	uint64_t x, y, pfns[1];
	uint32_t done, name = HV_X64_REGISTER_RAX;
	const struct {
		const char *call;
		uint16_t st;
	} r[] = {
		{ "initialize", hv_initialize_partition(id) },
		{ "finalize", hv_finalize_partition(id) },
		{ "delete", hv_delete_partition(id) },
		{ "deposit", hv_deposit_memory(id, &root_page, 1, &done) },
		{ "withdraw", hv_withdraw_memory(id, 1, pfns, &done) },
		{ "balance", hv_get_memory_balance(id, &x, &y) },
		{ "map", hv_map_gpa_pages(id, 0, HV_MAP_GPA_READABLE, &root_page, 1, &done) },
		{ "unmap", hv_unmap_gpa_pages(id, 0, 1, &done) },
		{ "create VP", hv_create_vp(id, 0) },
		{ "delete VP", hv_delete_vp(id, 0) },
		{ "get registers", hv_get_vp_registers(id, 0, &name, 1, &v, &done) },
		{ "set registers", (memset(&a, 0, sizeof(a)), a.name = name,
				    hv_set_vp_registers(id, 0, &a, 1, &done)) },
		{ "dispatch", hv_dispatch_vp(id, 0, &m) },
		{ "cancel", hv_cancel_vp(id, 0) },
		{ "translate", hv_translate_virtual_address(id, 0, HV_TRANSLATE_GVA_VALIDATE_READ, 0,
							   &x, &y) },
		{ "install intercept", hv_install_intercept(id, HV_INTERCEPT_ACCESS_MASK_EXECUTE,
							    HV_INTERCEPT_TYPE_X64_CPUID, 1) },
		{ "get property", hv_get_partition_property(id, HV_PARTITION_PROPERTY_CPU_WEIGHT, &x) },
		{ "set property", hv_set_partition_property(id, HV_PARTITION_PROPERTY_CPU_WEIGHT, 100) },
		{ "next child", hv_get_next_child_partition(id, &x) },
	};

	for (size_t i = 0; i < sizeof(r) / sizeof(r[0]); i++)
		if (r[i].st != HV_STATUS_INVALID_PARTITION_ID)
			return gt_fail("%s with a deleted ID: %s, want INVALID_PARTITION_ID", r[i].call,
				       hv_status_name(r[i].st));
	return NULL;
}

const char *gt_test_deposit_exhaustion(void)
{
	uint64_t id = 0, pool[NPOOL], page, out[16];
	uint32_t done;
	const char *err = NULL;
	enum page_owner_kind kind;

	if (!hv_root_alloc_pages(pool, NPOOL))
		return gt_fail("root allocation failed");
	if (!hv_root_alloc_pages(&page, 1)) {
		hv_root_free_pages(pool, NPOOL);
		return gt_fail("root allocation failed");
	}
	GT_TRY_STATUS(hv_create_partition(0, &id), HV_STATUS_SUCCESS);
	GT_TRY(balance(id, 0, 0, "new partition"));
	GT_TRY_STATUS(hv_withdraw_memory(id, 1, out, &done), HV_STATUS_NO_RESOURCES);
	GT_TRY_STATUS(hv_create_vp(id, 0), HV_STATUS_INVALID_PARTITION_STATE);

	/* Initialize: the EPT root page. */
	GT_TRY_STATUS(hv_initialize_partition(id), HV_STATUS_INSUFFICIENT_MEMORY);
	GT_TRY_STATUS(hv_deposit_memory(id, pool, 0, &done), HV_STATUS_INVALID_PARAMETER);
	GT_TRY_STATUS(hv_deposit_memory(id, &pool[0], 1, &done), HV_STATUS_SUCCESS);
	GT_TRY(balance(id, 1, 0, "1 deposited"));
	GT_TRY_STATUS(hv_initialize_partition(id), HV_STATUS_SUCCESS);
	GT_TRY(balance(id, 0, 1, "initialized"));
	GT_TRY_STATUS(hv_initialize_partition(id), HV_STATUS_INVALID_PARTITION_STATE);

	/* A VP: its state page and its VMCS. */
	GT_TRY_STATUS(hv_create_vp(id, 0), HV_STATUS_INSUFFICIENT_MEMORY);
	GT_TRY_STATUS(hv_deposit_memory(id, &pool[1], 1, &done), HV_STATUS_SUCCESS);
	GT_TRY_STATUS(hv_create_vp(id, 0), HV_STATUS_INSUFFICIENT_MEMORY);
	GT_TRY(balance(id, 1, 1, "VP refused with 1 page"));
	GT_TRY_STATUS(hv_deposit_memory(id, &pool[2], 1, &done), HV_STATUS_SUCCESS);
	GT_TRY_STATUS(hv_create_vp(id, 0), HV_STATUS_SUCCESS);
	GT_TRY(balance(id, 0, 3, "VP created"));

	/* A mapping at GPA 0: PDPT, PD and PT. */
	GT_TRY_STATUS(hv_map_gpa_pages(id, 0, HV_MAP_GPA_READABLE, &page, 1, &done),
		      HV_STATUS_INSUFFICIENT_MEMORY);
	GT_TRY_CHECK(done == 0, "refused map: done %u", done);
	GT_TRY_STATUS(hv_deposit_memory(id, &pool[3], 2, &done), HV_STATUS_SUCCESS);
	GT_TRY_STATUS(hv_map_gpa_pages(id, 0, HV_MAP_GPA_READABLE, &page, 1, &done),
		      HV_STATUS_INSUFFICIENT_MEMORY);
	GT_TRY(balance(id, 2, 3, "map refused with 2 pages"));
	page_owner_get(&hv_page_owner, page, &kind, NULL);
	GT_TRY_CHECK(kind == PAGE_OWNER_ROOT, "refused map left the page with owner kind %d", kind);
	GT_TRY_STATUS(hv_deposit_memory(id, &pool[5], 1, &done), HV_STATUS_SUCCESS);
	GT_TRY_STATUS(hv_map_gpa_pages(id, 0, HV_MAP_GPA_READABLE, &page, 1, &done),
		      HV_STATUS_SUCCESS);
	GT_TRY(balance(id, 0, 6, "mapped"));
	GT_TRY_STATUS(hv_unmap_gpa_pages(id, 0, 1, &done), HV_STATUS_SUCCESS);
	GT_TRY(balance(id, 3, 3, "unmapped (empty tables freed)"));
	GT_TRY_STATUS(hv_map_gpa_pages(id, 0, HV_MAP_GPA_READABLE, &page, 1, &done),
		      HV_STATUS_SUCCESS);
	GT_TRY(balance(id, 0, 6, "mapped again"));

	/* Teardown rules. */
	GT_TRY_STATUS(hv_delete_partition(id), HV_STATUS_INVALID_PARTITION_STATE);
	GT_TRY_STATUS(hv_finalize_partition(id), HV_STATUS_SUCCESS);
	GT_TRY(balance(id, 6, 0, "finalized"));
	page_owner_get(&hv_page_owner, page, &kind, NULL);
	GT_TRY_CHECK(kind == PAGE_OWNER_ROOT, "after finalize the guest page has owner kind %d", kind);
	GT_TRY_STATUS(hv_finalize_partition(id), HV_STATUS_INVALID_PARTITION_STATE);
	GT_TRY_STATUS(hv_create_vp(id, 1), HV_STATUS_INVALID_PARTITION_STATE);
	GT_TRY_STATUS(hv_deposit_memory(id, &page, 1, &done), HV_STATUS_INVALID_PARTITION_STATE);
	GT_TRY_STATUS(hv_delete_partition(id), HV_STATUS_OPERATION_DENIED);

	GT_TRY_STATUS(hv_withdraw_memory(id, 16, out, &done), HV_STATUS_SUCCESS);
	uint32_t got = done;
	hv_root_free_pages(out, got); /* ours again: freed even if a check below fails */
	GT_TRY_CHECK(got == NPOOL, "withdrew %u pages, want %u", got, NPOOL);
	for (uint32_t i = 0; i < got; i++) {
		bool ours = false;
		for (uint32_t j = 0; j < NPOOL; j++)
			ours |= out[i] == pool[j];
		GT_TRY_CHECK(ours, "withdrew page 0x%llx that was never deposited",
			     (unsigned long long)out[i]);
		GT_TRY_CHECK(page_is_zero(out[i]), "withdrawn page 0x%llx is not zeroed",
			     (unsigned long long)out[i]);
	}
	GT_TRY(balance(id, 0, 0, "withdrawn"));
	GT_TRY_STATUS(hv_withdraw_memory(id, 1, out, &done), HV_STATUS_NO_RESOURCES);
	GT_TRY_STATUS(hv_delete_partition(id), HV_STATUS_SUCCESS);
	uint64_t gone = id;
	id = 0;
	GT_TRY(all_calls_refuse(gone, page));
out:
	if (id) { /* a check failed midway: tear down whatever is left */
		hv_finalize_partition(id);
		while (hv_withdraw_memory(id, 16, out, &done) == HV_STATUS_SUCCESS)
			hv_root_free_pages(out, done);
		hv_delete_partition(id);
	}
	/* Pages still the root's (never deposited, or the guest page): free
	 * them; pages already freed are not the root's and are refused. */
	hv_root_free_pages(pool, NPOOL);
	hv_root_free_pages(&page, 1);
	return err;
}

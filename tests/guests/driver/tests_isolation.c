/*
 * isolation: partitions A and B.  A maps a page with a secret at GPA
 * 0x20000; B's guest (tests/guests/mem.S) reading GPA 0x20000 gets
 * UNMAPPED_GPA, B cannot map A's page (OBJECT_IN_USE) nor have it
 * deposited (OPERATION_DENIED), a page of A's pool cannot be mapped into
 * A or B nor deposited into B (OPERATION_DENIED), and the root cannot free
 * A's page.  A's secret is untouched.
 */
#include <string.h>
#include "tests/guests/driver/gtest.h"
#include "hv/hv.h"
#include "hv/memory.h"
#include "hv/vp_ops.h"
#include "unihv/hv_types.h"

const char *gt_test_isolation(void);

#define GPA 0x20000ull
#define RW (HV_MAP_GPA_READABLE | HV_MAP_GPA_WRITABLE)

const char *gt_test_isolation(void)
{
	static uint8_t secret[4096], seen[4096];
	struct gt_vm a, b;
	struct hv_message m;
	const char *err;
	uint32_t done;
	uint64_t pool_page;

	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	for (unsigned i = 0; i < sizeof(secret); i++)
		secret[i] = (uint8_t)(i * 7 + 0x5c);

	GT_TRY(gt_vm_create(&a, 16, 16));
	GT_TRY(gt_vm_map(&a, GPA, 1, RW));
	GT_TRY(gt_vm_write(&a, GPA, secret, sizeof(secret)));
	uint64_t a_page = a.guest_pfns[a.guest_count - 1];

	GT_TRY(gt_vm_create(&b, 16, 16));
	GT_TRY(gt_vm_load(&b, 0x1000, GT_BLOB(mem)));
	GT_TRY_STATUS(hv_create_vp(b.id, 0), HV_STATUS_SUCCESS);
	GT_TRY(gt_setup_real_mode(&b, 0, 0x1000));

	/* B's GPA 0x20000 is its own, and unmapped. */
	GT_TRY(gt_run_expect(&b, 0, HV_MESSAGE_TYPE_UNMAPPED_GPA, &m));
	GT_TRY_CHECK(m.u.memory.guest_physical_address == GPA &&
			     m.u.memory.header.intercept_access_type == HV_INTERCEPT_ACCESS_READ,
		     "B's read: GPA 0x%llx access %u", (unsigned long long)m.u.memory.guest_physical_address,
		     m.u.memory.header.intercept_access_type);

	/* A's guest page is A's alone. */
	GT_TRY_STATUS(hv_map_gpa_pages(b.id, GPA >> 12, HV_MAP_GPA_READABLE, &a_page, 1, &done),
		      HV_STATUS_OBJECT_IN_USE);
	GT_TRY_CHECK(done == 0, "refused map reports %u done", done);
	GT_TRY_STATUS(hv_deposit_memory(b.id, &a_page, 1, &done), HV_STATUS_OPERATION_DENIED);
	GT_TRY_CHECK(done == 0, "refused deposit reports %u done", done);
	GT_TRY_CHECK(hv_root_free_pages(&a_page, 1) == 0, "the root freed a page A has mapped");

	/* A page of A's pool is the hypervisor's: mapped nowhere, deposited once. */
	GT_TRY_CHECK(hv_root_alloc_pages(&pool_page, 1), "root allocation failed");
	if (hv_deposit_memory(a.id, &pool_page, 1, &done) != HV_STATUS_SUCCESS) {
		hv_root_free_pages(&pool_page, 1);
		GT_TRY_CHECK(false, "deposit into A failed");
	}
	GT_TRY_STATUS(hv_map_gpa_pages(a.id, 0x30, RW, &pool_page, 1, &done),
		      HV_STATUS_OPERATION_DENIED);
	GT_TRY_STATUS(hv_map_gpa_pages(b.id, 0x30, RW, &pool_page, 1, &done),
		      HV_STATUS_OPERATION_DENIED);
	GT_TRY_STATUS(hv_deposit_memory(b.id, &pool_page, 1, &done), HV_STATUS_OPERATION_DENIED);

	/* Nothing of that reached B's address space or A's page. */
	GT_TRY(gt_run_expect(&b, 0, HV_MESSAGE_TYPE_UNMAPPED_GPA, &m));
	GT_TRY_CHECK(m.u.memory.guest_physical_address == GPA, "B's second read: GPA 0x%llx",
		     (unsigned long long)m.u.memory.guest_physical_address);
	GT_TRY(gt_vm_read(&a, GPA, seen, sizeof(seen)));
	GT_TRY_CHECK(!memcmp(seen, secret, sizeof(seen)), "A's secret page changed");
out:
	err = gt_finish(&b, err);
	return gt_finish(&a, err);
}

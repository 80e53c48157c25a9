/*
 * Changing a mapping under a guest that already used it (real mode, page
 * at GPA 0x20000):
 *   unmap_tlb     tests/guests/unmap.S reads the byte at 0x20000 twice.
 *                 Between the reads the manager unmaps the page: the second
 *                 read gives UNMAPPED_GPA (no stale translation); unmapping
 *                 it again, and a range around it, succeeds; the page is
 *                 the root's again (freeable, count 1).  A different root
 *                 page mapped there gives the retried read its value, not
 *                 the old page's.
 *   unmap_running tests/guests/unmap_spin.S spins on CPU 1 reading the page
 *                 (0xa1) without exits.  The unmap from CPU 0 must not
 *                 return while that CPU can still reach the page: right
 *                 after it, the root reuses the page (writes 0xee), and the
 *                 guest must get UNMAPPED_GPA at its read, never see 0xee.
 *   remap_rights  tests/guests/remap.S reads a read-only page, then writes
 *                 it: GPA_INTERCEPT (WRITE), page unchanged.  MapGpaPages of
 *                 the same page at the same GPA with READ|WRITE only changes
 *                 the rights (no pool page used): the write completes and
 *                 the guest reads back what it wrote.
 */
#include <string.h>
#include "tests/guests/driver/gtest.h"
#include "hv/hv.h"
#include "hv/memory.h"
#include "hv/vp_ops.h"
#include "unihv/hv_types.h"
#include "arch/cpu.h"
#include "smp/smp.h"
#include "time/clock.h"

const char *gt_test_unmap_tlb(void);
const char *gt_test_remap_rights(void);
const char *gt_test_unmap_running(void);

#define PORT 0x1240
#define PAGE_GPA 0x20000ull
#define R HV_MAP_GPA_READABLE
#define RW (HV_MAP_GPA_READABLE | HV_MAP_GPA_WRITABLE)

static const char *start(struct gt_vm *vm, struct gt_blob blob)
{
	const char *err = gt_vm_load(vm, 0x1000, blob);
	uint16_t st;

	if (err)
		return err;
	if ((st = hv_create_vp(vm->id, 0)))
		return gt_fail("create VP: %s", hv_status_name(st));
	return gt_setup_real_mode(vm, 0, 0x1000);
}

static const char *expect_byte(struct gt_vm *vm, const char *what, uint64_t want)
{
	uint64_t v;
	const char *err = gt_run_out(vm, 0, PORT, 1, &v);

	if (!err && v != want)
		err = gt_fail("%s gave 0x%llx, want 0x%llx", what, (unsigned long long)v,
			      (unsigned long long)want);
	return err;
}

static const char *check_mem(const struct hv_message *m, uint8_t access, uint64_t rip)
{
	const struct hv_x64_memory_intercept_message *mi = &m->u.memory;

	if (mi->header.intercept_access_type != access || mi->header.rip != rip ||
	    mi->guest_physical_address != PAGE_GPA)
		return gt_fail("access %u rip 0x%llx GPA 0x%llx, want %u 0x%llx 0x%llx",
			       mi->header.intercept_access_type, (unsigned long long)mi->header.rip,
			       (unsigned long long)mi->guest_physical_address, access,
			       (unsigned long long)rip, PAGE_GPA);
	return NULL;
}

const char *gt_test_unmap_tlb(void)
{
	struct gt_vm vm;
	struct hv_message m;
	const char *err;
	uint64_t old_pfn = 0;
	bool own_old = false;
	uint32_t done;
	uint8_t b;

	GT_TRY(gt_vm_create(&vm, 16, 16));
	GT_TRY(start(&vm, GT_BLOB(unmap)));
	/* The first page is the test's own: it must come back to it. */
	GT_TRY_CHECK(hv_root_alloc_pages(&old_pfn, 1), "root allocation failed");
	own_old = true;
	GT_TRY_STATUS(hv_map_gpa_pages(vm.id, PAGE_GPA >> 12, R, &old_pfn, 1, &done),
		      HV_STATUS_SUCCESS);
	GT_TRY(gt_vm_write(&vm, PAGE_GPA, "\xa1", 1));
	GT_TRY(expect_byte(&vm, "the first read", 0xa1));

	/* Unmapped between the two reads: the cached translation must go. */
	GT_TRY_STATUS(hv_unmap_gpa_pages(vm.id, PAGE_GPA >> 12, 1, &done), HV_STATUS_SUCCESS);
	GT_TRY_CHECK(done == 1, "unmap done %u, want 1", done);
	GT_TRY_CHECK(gt_vm_read(&vm, PAGE_GPA, &b, 1) != NULL,
		     "the manager still reads GPA 0x20000 after the unmap");
	GT_TRY(gt_run_expect(&vm, 0, HV_MESSAGE_TYPE_UNMAPPED_GPA, &m));
	GT_TRY(check_mem(&m, HV_INTERCEPT_ACCESS_READ, 0x100c));

	/* Already unmapped: success, every page counted. */
	GT_TRY_STATUS(hv_unmap_gpa_pages(vm.id, PAGE_GPA >> 12, 1, &done), HV_STATUS_SUCCESS);
	GT_TRY_CHECK(done == 1, "second unmap done %u, want 1", done);
	GT_TRY_STATUS(hv_unmap_gpa_pages(vm.id, (PAGE_GPA >> 12) - 1, 3, &done),
		      HV_STATUS_SUCCESS);
	GT_TRY_CHECK(done == 3, "unmap of 3 unmapped pages done %u, want 3", done);

	/* A different page (the old one is still held, so it cannot be it). */
	GT_TRY(gt_vm_map(&vm, PAGE_GPA, 1, R));
	GT_TRY_CHECK(vm.guest_pfns[vm.guest_count - 1] != old_pfn, "the same page came back");
	GT_TRY(gt_vm_write(&vm, PAGE_GPA, "\xb2", 1));
	GT_TRY(expect_byte(&vm, "the read retried on the new page", 0xb2));
	GT_TRY(gt_run_expect(&vm, 0, HV_MESSAGE_TYPE_X64_HALT, &m));
	GT_TRY_CHECK(m.u.halt.header.rip == 0x1011, "HLT message rip 0x%llx, want 0x1011",
		     (unsigned long long)m.u.halt.header.rip);
	GT_TRY_CHECK(*(volatile uint8_t *)(uintptr_t)(old_pfn << 12) == 0xa1,
		     "the unmapped page changed to 0x%02x",
		     *(volatile uint8_t *)(uintptr_t)(old_pfn << 12));

	/* The unmapped page is the root's: freeing it works. */
	own_old = false;
	GT_TRY_CHECK(hv_root_free_pages(&old_pfn, 1) == 1,
		     "the unmapped page did not go back to the root");
out:
	err = gt_finish(&vm, err);
	if (own_old)
		hv_root_free_pages(&old_pfn, 1); /* back from the finalize if still mapped */
	return err;
}

const char *gt_test_unmap_running(void)
{
	struct gt_vm vm;
	static struct hv_dispatch_request req;
	const char *err;
	uint64_t old_pfn = 0;
	bool own_old = false;
	uint32_t done;

	memset(&vm, 0, sizeof(vm));
	GT_TRY_CHECK(smp_cpus_online() >= 2, "needs 2 CPUs");
	GT_TRY(gt_vm_create(&vm, 16, 16));
	GT_TRY(start(&vm, GT_BLOB(unmap_spin)));
	GT_TRY_CHECK(hv_root_alloc_pages(&old_pfn, 1), "root allocation failed");
	own_old = true;
	GT_TRY_STATUS(hv_map_gpa_pages(vm.id, PAGE_GPA >> 12, R, &old_pfn, 1, &done),
		      HV_STATUS_SUCCESS);
	volatile uint8_t *old = (volatile uint8_t *)(uintptr_t)(old_pfn << 12);
	*old = 0xa1;

	req = (struct hv_dispatch_request){ .id = vm.id, .vp_index = 0 };
	GT_TRY_CHECK(hv_dispatch_vp_start(1, &req), "could not start the VP on CPU 1");
	clock_delay_us(50000); /* it spins, the translation cached */
	GT_TRY_CHECK(!__atomic_load_n(&req.done, __ATOMIC_ACQUIRE),
		     "the spinning VP stopped before the unmap (type 0x%x)",
		     req.msg.header.message_type);
	GT_TRY_STATUS(hv_unmap_gpa_pages(vm.id, PAGE_GPA >> 12, 1, &done), HV_STATUS_SUCCESS);
	*old = 0xee; /* the root's page now: reused at once */

	uint64_t end = clock_ns() + 2000000000ull;
	while (!__atomic_load_n(&req.done, __ATOMIC_ACQUIRE) && clock_ns() < end)
		cpu_relax();
	GT_TRY_CHECK(req.done, "the VP did not stop within 2 s of the unmap");
	GT_TRY_STATUS(req.status, HV_STATUS_SUCCESS);
	GT_TRY_CHECK(req.msg.header.message_type != HV_MESSAGE_TYPE_X64_IO_PORT_INTERCEPT,
		     "the guest read 0x%llx through a stale translation after the unmap",
		     (unsigned long long)req.msg.u.io_port.rax & 0xff);
	GT_TRY_CHECK(req.msg.header.message_type == HV_MESSAGE_TYPE_UNMAPPED_GPA,
		     "message type 0x%x, want UNMAPPED_GPA", req.msg.header.message_type);
	GT_TRY(check_mem(&req.msg, HV_INTERCEPT_ACCESS_READ, 0x1008));

	own_old = false;
	GT_TRY_CHECK(hv_root_free_pages(&old_pfn, 1) == 1,
		     "the unmapped page did not go back to the root");
out:
	err = gt_finish(&vm, err);
	if (own_old)
		hv_root_free_pages(&old_pfn, 1);
	return err;
}

const char *gt_test_remap_rights(void)
{
	struct gt_vm vm;
	struct hv_message m;
	const char *err;
	uint64_t avail, in_use, avail2, in_use2;
	uint32_t done;
	uint8_t b = 0;

	GT_TRY(gt_vm_create(&vm, 16, 16));
	GT_TRY(start(&vm, GT_BLOB(remap)));
	GT_TRY(gt_vm_map(&vm, PAGE_GPA, 1, R));
	GT_TRY(gt_vm_write(&vm, PAGE_GPA, "\x11", 1));

	GT_TRY(expect_byte(&vm, "the read of the read-only page", 0x11));
	GT_TRY(gt_run_expect(&vm, 0, HV_MESSAGE_TYPE_GPA_INTERCEPT, &m));
	GT_TRY(check_mem(&m, HV_INTERCEPT_ACCESS_WRITE, 0x100c));
	GT_TRY(gt_vm_read(&vm, PAGE_GPA, &b, 1));
	GT_TRY_CHECK(b == 0x11, "the refused write changed the page to 0x%02x", b);

	/* Same page, same GPA, now writable: a rights change only. */
	uint64_t pfn = vm.guest_pfns[vm.guest_count - 1];
	GT_TRY_STATUS(hv_get_memory_balance(vm.id, &avail, &in_use), HV_STATUS_SUCCESS);
	GT_TRY_STATUS(hv_map_gpa_pages(vm.id, PAGE_GPA >> 12, RW, &pfn, 1, &done),
		      HV_STATUS_SUCCESS);
	GT_TRY_CHECK(done == 1, "remap done %u, want 1", done);
	GT_TRY_STATUS(hv_get_memory_balance(vm.id, &avail2, &in_use2), HV_STATUS_SUCCESS);
	GT_TRY_CHECK(avail2 == avail && in_use2 == in_use,
		     "the remap changed the pool: %llu/%llu available/in use, was %llu/%llu",
		     (unsigned long long)avail2, (unsigned long long)in_use2,
		     (unsigned long long)avail, (unsigned long long)in_use);

	GT_TRY(expect_byte(&vm, "the read after the write", 0x5a));
	GT_TRY(gt_run_expect(&vm, 0, HV_MESSAGE_TYPE_X64_HALT, &m));
	GT_TRY_CHECK(m.u.halt.header.rip == 0x1016, "HLT message rip 0x%llx, want 0x1016",
		     (unsigned long long)m.u.halt.header.rip);
	GT_TRY(gt_vm_read(&vm, PAGE_GPA, &b, 1));
	GT_TRY_CHECK(b == 0x5a, "the page holds 0x%02x after the write, want 0x5a", b);
out:
	return gt_finish(&vm, err);
}

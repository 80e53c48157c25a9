/*
 * EPT intercepts (guest tests/guests/mem.S, real mode, page at GPA 0x20000):
 *   unmapped_read   a read of an unmapped GPA gives UNMAPPED_GPA (READ, exact
 *                   GPA, RIP, instruction bytes); once mapped, the read is
 *                   retried and sees the page's byte.
 *   unmapped_write  the same for a write; the retried write lands in the page.
 *   readonly_write  on a read-only page a read works and a write gives
 *                   GPA_INTERCEPT (WRITE); remapping it writable lets it finish.
 *   noexec          a jump into a readable+writable, not executable page gives
 *                   GPA_INTERCEPT (EXECUTE); made executable, its HLT runs.
 */
#include <string.h>
#include "tests/guests/driver/gtest.h"
#include "hv/memory.h"
#include "hv/vp_ops.h"
#include "unihv/hv_types.h"

const char *gt_test_unmapped_read(void);
const char *gt_test_unmapped_write(void);
const char *gt_test_readonly_write(void);
const char *gt_test_noexec(void);

#define PAGE_GPA 0x20000ull
#define R HV_MAP_GPA_READABLE
#define RW (HV_MAP_GPA_READABLE | HV_MAP_GPA_WRITABLE)
#define RWX (RW | HV_MAP_GPA_KERNEL_EXECUTABLE)

/* A partition with mem.S at 0x1000 and VP 0 in real mode at ip. */
static const char *start(struct gt_vm *vm, uint64_t ip)
{
	const char *err = gt_vm_load(vm, 0x1000, GT_BLOB(mem));
	uint16_t st;

	if (err)
		return err;
	if ((st = hv_create_vp(vm->id, 0)))
		return gt_fail("create VP: %s", hv_status_name(st));
	return gt_setup_real_mode(vm, 0, ip);
}

/*
 * The memory intercept message: access type, RIP, CS base, GPA (in real
 * mode the linear address equals the GPA, and it is reported as the GVA),
 * and the first len instruction bytes at CS:RIP.
 */
static const char *check_mem(const struct gt_vm *vm, const struct hv_message *m, uint8_t access,
			     uint64_t cs_base, uint64_t rip, const void *insn, size_t len)
{
	const struct hv_x64_memory_intercept_message *mi = &m->u.memory;
	const struct hv_x64_intercept_message_header *h = &mi->header;

	if (h->intercept_access_type != access || h->rip != rip || h->cs_segment.base != cs_base)
		return gt_fail("access %u rip 0x%llx cs.base 0x%llx, want %u 0x%llx 0x%llx",
			       h->intercept_access_type, (unsigned long long)h->rip,
			       (unsigned long long)h->cs_segment.base, access,
			       (unsigned long long)rip, (unsigned long long)cs_base);
	if (mi->guest_physical_address != PAGE_GPA)
		return gt_fail("GPA 0x%llx, want 0x%llx",
			       (unsigned long long)mi->guest_physical_address, PAGE_GPA);
	if (!(mi->memory_access_info & HV_X64_MEMORY_ACCESS_INFO_GVA_VALID) ||
	    mi->guest_virtual_address != PAGE_GPA)
		return gt_fail("GVA 0x%llx (info 0x%x), want 0x%llx valid",
			       (unsigned long long)mi->guest_virtual_address,
			       mi->memory_access_info, PAGE_GPA);
	if (m->header.payload_size != sizeof(*mi) || m->header.origination_id != vm->id ||
	    h->vp_index != 0 || h->execution_state != 0)
		return gt_fail("payload %u origin %llu vp %u state 0x%x", m->header.payload_size,
			       (unsigned long long)m->header.origination_id, h->vp_index,
			       h->execution_state);
	if (mi->instruction_byte_count != 16 || memcmp(mi->instruction_bytes, insn, len))
		return gt_fail("%u instruction bytes, first 0x%02x, want 16 from 0x%02x",
			       mi->instruction_byte_count, mi->instruction_bytes[0],
			       *(const uint8_t *)insn);
	return NULL;
}

const char *gt_test_unmapped_read(void)
{
	struct gt_vm vm;
	struct hv_message m;
	const char *err;
	uint64_t v;

	GT_TRY(gt_vm_create(&vm, 16, 16));
	GT_TRY(start(&vm, 0x1000));
	GT_TRY(gt_run_expect(&vm, 0, HV_MESSAGE_TYPE_UNMAPPED_GPA, &m));
	GT_TRY(check_mem(&vm, &m, HV_INTERCEPT_ACCESS_READ, 0, 0x1005, "\xa0\x00\x00", 3));

	/* Mapped now: the same instruction is retried and reads the byte. */
	GT_TRY(gt_vm_map(&vm, PAGE_GPA, 1, R));
	GT_TRY(gt_vm_write(&vm, PAGE_GPA, "\xa5", 1));
	GT_TRY(gt_run_out(&vm, 0, 0x1240, 1, &v));
	GT_TRY_CHECK(v == 0xa5, "the retried read gave 0x%llx, want 0xa5", (unsigned long long)v);
	GT_TRY(gt_run_expect(&vm, 0, HV_MESSAGE_TYPE_X64_HALT, &m));
out:
	return gt_finish(&vm, err);
}

const char *gt_test_unmapped_write(void)
{
	struct gt_vm vm;
	struct hv_message m;
	const char *err;
	uint8_t b = 0;

	GT_TRY(gt_vm_create(&vm, 16, 16));
	GT_TRY(start(&vm, 0x1020));
	GT_TRY(gt_run_expect(&vm, 0, HV_MESSAGE_TYPE_UNMAPPED_GPA, &m));
	GT_TRY(check_mem(&vm, &m, HV_INTERCEPT_ACCESS_WRITE, 0, 0x1025,
			 "\xc6\x06\x00\x00\x77", 5));

	GT_TRY(gt_vm_map(&vm, PAGE_GPA, 1, RW));
	GT_TRY(gt_run_expect(&vm, 0, HV_MESSAGE_TYPE_X64_HALT, &m));
	GT_TRY_CHECK(m.u.halt.header.rip == 0x102b, "HLT message rip 0x%llx, want 0x102b",
		     (unsigned long long)m.u.halt.header.rip);
	GT_TRY(gt_vm_read(&vm, PAGE_GPA, &b, 1));
	GT_TRY_CHECK(b == 0x77, "the retried write left 0x%02x, want 0x77", b);
out:
	return gt_finish(&vm, err);
}

const char *gt_test_readonly_write(void)
{
	struct gt_vm vm;
	struct hv_message m;
	const char *err;
	uint64_t v;
	uint8_t b = 0;
	uint32_t done;

	GT_TRY(gt_vm_create(&vm, 16, 16));
	GT_TRY(start(&vm, 0x1040));
	GT_TRY(gt_vm_map(&vm, PAGE_GPA, 1, R));
	GT_TRY(gt_vm_write(&vm, PAGE_GPA, "\x3c", 1));

	GT_TRY(gt_run_out(&vm, 0, 0x1240, 1, &v));
	GT_TRY_CHECK(v == 0x3c, "read of the read-only page gave 0x%llx, want 0x3c",
		     (unsigned long long)v);
	GT_TRY(gt_run_expect(&vm, 0, HV_MESSAGE_TYPE_GPA_INTERCEPT, &m));
	GT_TRY(check_mem(&vm, &m, HV_INTERCEPT_ACCESS_WRITE, 0, 0x104c,
			 "\xc6\x06\x00\x00\x77", 5));
	GT_TRY(gt_vm_read(&vm, PAGE_GPA, &b, 1));
	GT_TRY_CHECK(b == 0x3c, "the refused write changed the page to 0x%02x", b);

	/* Same page, now writable: only the rights change, the write completes. */
	uint64_t pfn = vm.guest_pfns[vm.guest_count - 1];
	GT_TRY_STATUS(hv_map_gpa_pages(vm.id, PAGE_GPA >> 12, RW, &pfn, 1, &done),
		      HV_STATUS_SUCCESS);
	GT_TRY(gt_run_expect(&vm, 0, HV_MESSAGE_TYPE_X64_HALT, &m));
	GT_TRY(gt_vm_read(&vm, PAGE_GPA, &b, 1));
	GT_TRY_CHECK(b == 0x77, "the write after remapping left 0x%02x, want 0x77", b);
out:
	return gt_finish(&vm, err);
}

const char *gt_test_noexec(void)
{
	struct gt_vm vm;
	struct hv_message m;
	const char *err;
	uint32_t done;

	GT_TRY(gt_vm_create(&vm, 16, 16));
	GT_TRY(start(&vm, 0x1060));
	GT_TRY(gt_vm_map(&vm, PAGE_GPA, 1, RW));
	GT_TRY(gt_vm_write(&vm, PAGE_GPA, "\xf4", 1)); /* hlt */

	GT_TRY(gt_run_expect(&vm, 0, HV_MESSAGE_TYPE_GPA_INTERCEPT, &m));
	GT_TRY(check_mem(&vm, &m, HV_INTERCEPT_ACCESS_EXECUTE, PAGE_GPA, 0, "\xf4", 1));
	GT_TRY_CHECK(m.u.memory.header.cs_segment.selector == 0x2000, "CS selector 0x%x",
		     m.u.memory.header.cs_segment.selector);

	uint64_t pfn = vm.guest_pfns[vm.guest_count - 1];
	GT_TRY_STATUS(hv_map_gpa_pages(vm.id, PAGE_GPA >> 12, RWX, &pfn, 1, &done),
		      HV_STATUS_SUCCESS);
	GT_TRY(gt_run_expect(&vm, 0, HV_MESSAGE_TYPE_X64_HALT, &m));
	GT_TRY_CHECK(m.u.halt.header.rip == 1 && m.u.halt.header.cs_segment.base == PAGE_GPA,
		     "HLT at cs.base 0x%llx rip 0x%llx, want 0x20000:1",
		     (unsigned long long)m.u.halt.header.cs_segment.base,
		     (unsigned long long)m.u.halt.header.rip);
out:
	return gt_finish(&vm, err);
}

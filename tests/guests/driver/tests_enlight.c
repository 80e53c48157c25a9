/*
 * Guest enlightenments (hv/enlight_cpuid.c, hv/synthetic_msr.c):
 *   enlight64             (tests/guests/enlight64.S, long mode, VP index 2)
 *                         every hypervisor CPUID leaf with exact values;
 *                         GUEST_OS_ID and the hypercall MSR (Enable needs an
 *                         OS ID, RsvdP dropped, unmapped/beyond GPA #GP,
 *                         OS ID 0 disables, Locked freezes it), a call
 *                         through the hypercall page (64-bit convention)
 *                         and an XMM-fast one; VP_INDEX; #GP for read-only
 *                         writes, RESET without its privilege, unknown and
 *                         unimplemented synthetic MSRs (no intercept, RIP
 *                         not advanced); TIME_REF_COUNT and VP_RUNTIME
 *                         advance; frequencies; the reference TSC page
 *                         (contents, and the guest's time from it is
 *                         monotonic and agrees with TIME_REF_COUNT).
 *   enlight32_hypercall   (enlight32.S at 0x1000) a 32-bit guest enables
 *                         the page and calls GetPartitionId through it
 *                         (EDX:EAX convention).
 *   enlight_privileges    (enlight32.S at 0x1200) PrivilegeFlags without
 *                         AccessHypercallMsrs, with AccessResetReg: CPUID
 *                         0x40000003 EAX follows, both hypercall MSRs #GP,
 *                         VP_INDEX still works, a RESET write reaches the
 *                         manager as an MSR intercept.
 */
#include <stdio.h>
#include <string.h>
#include "tests/guests/driver/gtest.h"
#include "core/config.h"
#include "hv/hv.h"
#include "hv/memory.h"
#include "hv/partition.h"
#include "hv/reference_time.h"
#include "hv/vp_ops.h"
#include "time/clock.h"
#include "unihv/hv_cpuid.h"
#include "unihv/hv_types.h"

const char *gt_test_enlight64(void);
const char *gt_test_enlight32_hypercall(void);
const char *gt_test_enlight_privileges(void);

#define PORT 0x1240
#define GP_PORT 0x1241
#define OSID 0x8100123456789abcull
#define RWX (HV_MAP_GPA_READABLE | HV_MAP_GPA_WRITABLE | HV_MAP_GPA_EXECUTABLE)

/* MSR privileges with working MSRs: VpRunTime, PartitionReferenceCounter,
 * SynicRegs, SyntheticTimerRegs, HypercallMsrs, VpIndex, ResetReg,
 * PartitionReferenceTsc, FrequencyRegs. */
#define WORKING_MSR_PRIVILEGES 0x00000aefull

/* CPUID 0x40000003 EDX: XMM fast input (4), frequency MSRs (8), MSR lock (18). */
#define FEATURES_EDX 0x00040110u

/* Prefix err (possibly gt_fail's own buffer) with what. */
static const char *ctx(const char *what, const char *err)
{
	char copy[200];

	if (!err)
		return NULL;
	strncpy(copy, err, sizeof(copy) - 1);
	copy[sizeof(copy) - 1] = 0;
	return gt_fail("%s: %s", what, copy);
}

struct guest {
	struct gt_vm *vm;
	uint32_t vp;
};

static const char *next32(struct guest *g, const char *what, uint32_t *v)
{
	uint64_t x = 0;
	const char *err = gt_run_out(g->vm, g->vp, PORT, 4, &x);

	*v = (uint32_t)x;
	return ctx(what, err);
}

static const char *next64(struct guest *g, const char *what, uint64_t *v)
{
	uint32_t lo = 0, hi = 0;
	const char *err = next32(g, what, &lo);

	if (!err)
		err = next32(g, what, &hi);
	*v = ((uint64_t)hi << 32) | lo;
	return err;
}

static const char *expect32(struct guest *g, const char *what, uint32_t want)
{
	uint32_t v;
	const char *err = next32(g, what, &v);

	if (!err && v != want)
		err = gt_fail("%s = 0x%x, want 0x%x", what, v, want);
	return err;
}

static const char *expect64(struct guest *g, const char *what, uint64_t want)
{
	uint64_t v;
	const char *err = next64(g, what, &v);

	if (!err && v != want)
		err = gt_fail("%s = 0x%llx, want 0x%llx", what, (unsigned long long)v,
			      (unsigned long long)want);
	return err;
}

/* The guest's #GP handler ran for the expected instruction: error code 0,
 * RIP not advanced. */
static const char *expect_gp(struct guest *g, const char *what)
{
	uint64_t code = 1, delta = 1;
	const char *err = gt_run_out(g->vm, g->vp, GP_PORT, 4, &code);

	if (!err)
		err = gt_run_out(g->vm, g->vp, GP_PORT, 4, &delta);
	if (err)
		return ctx(what, err);
	if (code || delta)
		return gt_fail("%s: #GP error code 0x%llx, RIP - faulting instruction = 0x%llx, "
			       "want 0 and 0",
			       what, (unsigned long long)code, (unsigned long long)delta);
	return NULL;
}

static const char *expect_halt(struct guest *g)
{
	struct hv_message m;
	return ctx("final HLT", gt_run_expect(g->vm, g->vp, HV_MESSAGE_TYPE_X64_HALT, &m));
}

/* The hypercall page at gpa: VMCALL; RET, then INT3. */
static const char *check_hypercall_page(struct gt_vm *vm, uint64_t gpa)
{
	static uint8_t page[4096];
	static const uint8_t stub[4] = { 0x0f, 0x01, 0xc1, 0xc3 };
	const char *err = gt_vm_read(vm, gpa, page, sizeof(page));

	if (err)
		return err;
	if (memcmp(page, stub, 4))
		return gt_fail("hypercall page starts %02x %02x %02x %02x, want 0f 01 c1 c3",
			       page[0], page[1], page[2], page[3]);
	for (unsigned i = 4; i < sizeof(page); i++)
		if (page[i] != 0xcc)
			return gt_fail("hypercall page byte 0x%x = 0x%02x, want 0xcc", i, page[i]);
	return NULL;
}

static const char *check_partition_id(struct gt_vm *vm, uint64_t gpa)
{
	uint64_t id = 0;
	const char *err = gt_vm_read(vm, gpa, &id, 8);

	if (!err && id != vm->id)
		err = gt_fail("GetPartitionId wrote %llu, want %llu", (unsigned long long)id,
			      (unsigned long long)vm->id);
	return err;
}

static uint64_t get_privileges(struct gt_vm *vm)
{
	uint64_t v = 0;
	hv_get_partition_property(vm->id, HV_PARTITION_PROPERTY_PRIVILEGE_FLAGS, &v);
	return v;
}

/* ---- enlight64 ------------------------------------------------------------------ */

static const char *cpuid_leaves(struct guest *g)
{
	uint64_t adv = get_privileges(g->vm) & (WORKING_MSR_PRIVILEGES | 0xffffffff00000000ull);
	const uint32_t want[12][4] = {
		{ 0x4000000a, 0x7263694d, 0x666f736f, 0x76482074 }, /* max leaf, "Microsoft Hv" */
		{ 0x31237648, 0, 0, 0 },                            /* "Hv#1" */
		{ 1, 0x00010000, 0, 0 },                            /* build 1, version 1.0 */
		{ (uint32_t)adv, (uint32_t)(adv >> 32), 0, FEATURES_EDX },
		{ 1u << 5, 0xffffffff, 0, 0 },                      /* relaxed timing, never notify */
		{ 64, MAX_CPUS, 0, 0 },                             /* VPs, logical processors */
		{ (1u << 1) | (1u << 3) | (1u << 17), 0, 0, 0 },    /* MSR bitmaps, SLAT, UG */
		{ 0, 0, 0, 0 }, { 0, 0, 0, 0 }, { 0, 0, 0, 0 }, { 0, 0, 0, 0 },
		{ 0, 0, 0, 0 },                                     /* 0x4000000B: beyond max */
	};
	static const char reg_names[4][4] = { "EAX", "EBX", "ECX", "EDX" };
	char what[48];
	const char *err;

	if (!(adv & HV_PARTITION_PRIVILEGE_ACCESS_SYNIC_REGS) ||
	    !(adv & HV_PARTITION_PRIVILEGE_ACCESS_SYNTHETIC_TIMER_REGS))
		return gt_fail("SynIC/STIMER privileges not advertised");
	for (unsigned leaf = 0; leaf < 12; leaf++)
		for (unsigned r = 0; r < 4; r++) {
			snprintf(what, sizeof(what), "CPUID 0x%x %s", 0x40000000u + leaf,
				 reg_names[r]);
			if ((err = expect32(g, what, want[leaf][r])))
				return err;
		}
	return NULL;
}

static const char *hypercall_msrs(struct guest *g)
{
	const char *err;
	uint32_t st;
	uint64_t prop = 0;

	GT_TRY(expect64(g, "GUEST_OS_ID at reset", 0));
	GT_TRY(expect64(g, "HYPERCALL at reset", 0));
	GT_TRY(expect64(g, "HYPERCALL enabled while GUEST_OS_ID is 0", 0x14000));
	GT_TRY(expect64(g, "GUEST_OS_ID", OSID));
	GT_TRY_STATUS(hv_get_partition_property(g->vm->id, HV_PARTITION_PROPERTY_GUEST_OS_ID,
						&prop),
		      HV_STATUS_SUCCESS);
	GT_TRY_CHECK(prop == OSID, "GuestOsId property 0x%llx, want the MSR's 0x%llx",
		     (unsigned long long)prop, OSID);
	GT_TRY(expect_gp(g, "HYPERCALL at an unmapped GPA"));
	GT_TRY(expect_gp(g, "HYPERCALL beyond the GPA space"));
	GT_TRY(expect64(g, "HYPERCALL after refused writes", 0x14000));
	GT_TRY(expect64(g, "HYPERCALL enabled (RsvdP bits written)", 0x14001));
	GT_TRY(next32(g, "GetPartitionId through the page", &st));
	GT_TRY_CHECK(st == HV_STATUS_SUCCESS, "GetPartitionId through the page: %s",
		     hv_status_name((uint16_t)st));
	GT_TRY(check_partition_id(g->vm, 0x16000));
	GT_TRY(check_hypercall_page(g->vm, 0x14000));
	GT_TRY(next32(g, "XMM-fast TranslateVirtualAddress", &st));
	GT_TRY_CHECK(st == HV_STATUS_ACCESS_DENIED,
		     "XMM-fast TranslateVirtualAddress: %s, want the handler's ACCESS_DENIED",
		     hv_status_name((uint16_t)st));
	GT_TRY(expect64(g, "HYPERCALL after GUEST_OS_ID = 0", 0x14000));
	GT_TRY(expect64(g, "HYPERCALL enabled and locked", 0x14003));
	GT_TRY(expect64(g, "locked HYPERCALL after writing 0", 0x14003));
	GT_TRY(expect64(g, "locked HYPERCALL after GUEST_OS_ID = 0", 0x14003));
	GT_TRY(next32(g, "GetPartitionId through the locked page", &st));
	GT_TRY_CHECK(st == HV_STATUS_SUCCESS, "GetPartitionId through the locked page: %s",
		     hv_status_name((uint16_t)st));
out:
	return err;
}

static const char *other_msrs(struct guest *g)
{
	const char *err;
	uint64_t t1, t2, r1, r2, t3, v;

	GT_TRY(expect64(g, "VP_INDEX", 2));
	GT_TRY(expect_gp(g, "WRMSR VP_INDEX"));
	GT_TRY(expect_gp(g, "RDMSR RESET without AccessResetReg"));
	GT_TRY(expect_gp(g, "RDMSR 0x400000FE"));
	GT_TRY(expect_gp(g, "WRMSR 0x400000FE"));
	GT_TRY(expect_gp(g, "WRMSR EOI"));
	GT_TRY(expect_gp(g, "WRMSR SVERSION (read-only)"));

	GT_TRY(next64(g, "TIME_REF_COUNT 1", &t1));
	GT_TRY(next64(g, "TIME_REF_COUNT 2", &t2));
	GT_TRY_CHECK(t1 > 0 && t2 > t1 && t2 - t1 < 10 * HV_REFERENCE_TIME_HZ,
		     "TIME_REF_COUNT %llu then %llu: want it advancing (by less than 10 s)",
		     (unsigned long long)t1, (unsigned long long)t2);
	GT_TRY(expect_gp(g, "WRMSR TIME_REF_COUNT"));

	GT_TRY(next64(g, "VP_RUNTIME 1", &r1));
	GT_TRY(next64(g, "VP_RUNTIME 2", &r2));
	GT_TRY(next64(g, "TIME_REF_COUNT 3", &t3));
	GT_TRY_CHECK(r2 > r1 && r2 <= t3,
		     "VP_RUNTIME %llu then %llu, TIME_REF_COUNT %llu: want it advancing and "
		     "below the partition's age",
		     (unsigned long long)r1, (unsigned long long)r2, (unsigned long long)t3);
	GT_TRY(expect_gp(g, "WRMSR VP_RUNTIME"));

	GT_TRY(next64(g, "TSC_FREQUENCY", &v));
	GT_TRY_CHECK(v == clock_tsc_hz() && v, "TSC_FREQUENCY %llu, want %llu",
		     (unsigned long long)v, (unsigned long long)clock_tsc_hz());
	GT_TRY(expect64(g, "APIC_FREQUENCY", 1000000000));
	GT_TRY(expect_gp(g, "WRMSR TSC_FREQUENCY"));
out:
	return err;
}

/* a - b within [lo, hi] (signed). */
static bool diff_in(uint64_t a, uint64_t b, int64_t lo, int64_t hi)
{
	int64_t d = (int64_t)(a - b);
	return d >= lo && d <= hi;
}

static const char *reference_tsc(struct guest *g)
{
	static struct hv_reference_tsc_page page;
	const char *err;
	uint32_t seq;
	uint64_t ref1, m1, ref2, m2;
	uint64_t scale = reference_tsc_scale(clock_tsc_hz());

	GT_TRY(expect64(g, "REFERENCE_TSC at reset", 0));
	GT_TRY(expect64(g, "REFERENCE_TSC enabled (RsvdP bits written)", 0x15001));
	GT_TRY(gt_vm_read(g->vm, 0x15000, &page, sizeof(page)));
	GT_TRY_CHECK(scale && page.tsc_sequence != 0 && page.tsc_scale == scale && !page.rsvd1 &&
			     !page.timeline_bias && !page.tsc_multiplier,
		     "page: sequence %u scale 0x%llx (want 0x%llx for %llu Hz) rsvd1 %u "
		     "bias %llu multiplier %llu",
		     page.tsc_sequence, (unsigned long long)page.tsc_scale,
		     (unsigned long long)scale, (unsigned long long)clock_tsc_hz(), page.rsvd1,
		     (unsigned long long)page.timeline_bias,
		     (unsigned long long)page.tsc_multiplier);
	for (unsigned i = 0; i < sizeof(page.rsvd2) / sizeof(page.rsvd2[0]); i++)
		GT_TRY_CHECK(!page.rsvd2[i], "page reserved qword %u = 0x%llx", i,
			     (unsigned long long)page.rsvd2[i]);

	GT_TRY(next32(g, "TscSequence seen by the guest", &seq));
	GT_TRY(next64(g, "time 1 from the page", &ref1));
	GT_TRY(next64(g, "TIME_REF_COUNT m1", &m1));
	GT_TRY(next64(g, "time 2 from the page", &ref2));
	GT_TRY(next64(g, "TIME_REF_COUNT m2", &m2));
	/* Each MSR read comes after the page read before it, one exit later
	 * (well under 10 ms); the two clocks may round 1 unit apart. */
	GT_TRY_CHECK(seq == page.tsc_sequence && ref2 > ref1 && diff_in(m1, ref1, -1, 100000) &&
			     diff_in(ref2, m1, -1, INT64_MAX) && diff_in(m2, ref2, -1, 100000),
		     "sequence %u (page %u), page time %llu, MSR %llu, page time %llu, MSR %llu: "
		     "want them increasing and the page within 10 ms of TIME_REF_COUNT",
		     seq, page.tsc_sequence, (unsigned long long)ref1, (unsigned long long)m1,
		     (unsigned long long)ref2, (unsigned long long)m2);
	GT_TRY(expect64(g, "REFERENCE_TSC disabled", 0));
out:
	return err;
}

const char *gt_test_enlight64(void)
{
	struct gt_vm vm;
	struct guest g = { &vm, 2 };
	const char *err;
	uint64_t version;

	GT_TRY(gt_vm_create(&vm, 16, 32));
	GT_TRY(gt_vm_load(&vm, 0x1000, GT_BLOB(enlight64)));
	GT_TRY_STATUS(hv_create_vp(vm.id, g.vp), HV_STATUS_SUCCESS);
	GT_TRY(gt_setup_long_mode(&vm, g.vp, 0x1000, 0x10000));
	/* HvRegisterHypervisorVersion: CPUID 0x40000002 EAX, EBX in the low half. */
	version = gt_get(&vm, g.vp, HV_REGISTER_HYPERVISOR_VERSION);
	GT_TRY_CHECK(version == 0x0001000000000001ull, "HypervisorVersion 0x%llx, want build 1, 1.0",
		     (unsigned long long)version);

	GT_TRY(cpuid_leaves(&g));
	GT_TRY(hypercall_msrs(&g));
	GT_TRY(other_msrs(&g));
	GT_TRY(reference_tsc(&g));
	GT_TRY(expect_halt(&g));
out:
	return gt_finish(&vm, err);
}

/* ---- enlight32 -------------------------------------------------------------------- */

const char *gt_test_enlight32_hypercall(void)
{
	struct gt_vm vm;
	struct guest g = { &vm, 0 };
	const char *err;

	GT_TRY(gt_vm_create(&vm, 16, 16));
	GT_TRY(gt_vm_load(&vm, 0x1000, GT_BLOB(enlight32)));
	GT_TRY_STATUS(hv_create_vp(vm.id, 0), HV_STATUS_SUCCESS);
	GT_TRY(gt_setup_protected_mode(&vm, 0, 0x1000));
	GT_TRY(expect32(&g, "GetPartitionId result EAX", HV_STATUS_SUCCESS));
	GT_TRY(expect32(&g, "GetPartitionId result EDX", 0));
	GT_TRY(check_partition_id(&vm, 0x5000));
	GT_TRY(check_hypercall_page(&vm, 0x6000));
	GT_TRY(expect32(&g, "VP_INDEX", 0));
	GT_TRY(expect_halt(&g));
out:
	return gt_finish(&vm, err);
}

/* Like gt_vm_create with 16 pool and 16 guest pages, but PrivilegeFlags =
 * (default & ~clear) | set before InitializePartition. */
static const char *vm_create_privileges(struct gt_vm *vm, uint64_t clear, uint64_t set,
					uint64_t *privileges)
{
	uint64_t pfns[16], privs = 0;
	uint32_t done = 0;
	uint16_t st;

	memset(vm, 0, sizeof(*vm));
	if ((st = hv_create_partition(0, &vm->id)))
		return gt_fail("create partition: %s", hv_status_name(st));
	st = hv_get_partition_property(vm->id, HV_PARTITION_PROPERTY_PRIVILEGE_FLAGS, &privs);
	if (!st)
		st = hv_set_partition_property(vm->id, HV_PARTITION_PROPERTY_PRIVILEGE_FLAGS,
					       (privs & ~clear) | set);
	if (st)
		return gt_fail("PrivilegeFlags: %s", hv_status_name(st));
	*privileges = (privs & ~clear) | set;
	if (!hv_root_alloc_pages(pfns, 16))
		return gt_fail("root allocation of the pool failed");
	if ((st = hv_deposit_memory(vm->id, pfns, 16, &done))) {
		hv_root_free_pages(pfns + done, 16 - done);
		return gt_fail("deposit: %s", hv_status_name(st));
	}
	if ((st = hv_initialize_partition(vm->id)))
		return gt_fail("initialize: %s", hv_status_name(st));
	/* Privileges are constant for the partition's lifetime. */
	st = hv_set_partition_property(vm->id, HV_PARTITION_PROPERTY_PRIVILEGE_FLAGS, privs);
	if (st != HV_STATUS_INVALID_PARTITION_STATE)
		return gt_fail("PrivilegeFlags after initialize: %s, want INVALID_PARTITION_STATE",
			       hv_status_name(st));
	return gt_vm_map(vm, 0, 16, RWX);
}

const char *gt_test_enlight_privileges(void)
{
	struct gt_vm vm;
	struct guest g = { &vm, 0 };
	struct hv_message m;
	const char *err;
	uint64_t privs = 0;

	GT_TRY(vm_create_privileges(&vm, HV_PARTITION_PRIVILEGE_ACCESS_HYPERCALL_MSRS,
				    HV_PARTITION_PRIVILEGE_ACCESS_RESET_REG, &privs));
	GT_TRY(gt_vm_load(&vm, 0x1000, GT_BLOB(enlight32)));
	GT_TRY_STATUS(hv_create_vp(vm.id, 0), HV_STATUS_SUCCESS);
	GT_TRY(gt_setup_protected_mode(&vm, 0, 0x1200));

	GT_TRY(expect32(&g, "CPUID 0x40000003 EAX", (uint32_t)(privs & WORKING_MSR_PRIVILEGES)));
	GT_TRY(expect_gp(&g, "RDMSR HYPERCALL without AccessHypercallMsrs"));
	GT_TRY(expect_gp(&g, "WRMSR HYPERCALL without AccessHypercallMsrs"));
	GT_TRY(expect_gp(&g, "WRMSR GUEST_OS_ID without AccessHypercallMsrs"));
	GT_TRY(expect_gp(&g, "RDMSR GUEST_OS_ID without AccessHypercallMsrs"));
	GT_TRY(expect32(&g, "VP_INDEX", 0));
	GT_TRY(expect32(&g, "RESET reads", 0));

	/* WRMSR RESET = 1: the manager's to handle. */
	GT_TRY(gt_run_expect(&vm, 0, HV_MESSAGE_TYPE_X64_MSR_INTERCEPT, &m));
	GT_TRY_CHECK(m.u.msr.msr_number == HV_X64_MSR_RESET &&
			     m.u.msr.header.intercept_access_type == HV_INTERCEPT_ACCESS_WRITE &&
			     m.u.msr.rax == 1 && m.u.msr.rdx == 0,
		     "RESET intercept: MSR 0x%x access %u rdx:rax 0x%llx:0x%llx, want a write "
		     "of 1 to 0x%x",
		     m.u.msr.msr_number, m.u.msr.header.intercept_access_type,
		     (unsigned long long)m.u.msr.rdx, (unsigned long long)m.u.msr.rax,
		     HV_X64_MSR_RESET);
	GT_TRY(gt_skip(&vm, 0, &m));
	GT_TRY(expect32(&g, "after the RESET writes", 0x5a5a));
	GT_TRY(expect_halt(&g));
out:
	return gt_finish(&vm, err);
}

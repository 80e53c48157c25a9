/*
 * registers: on a VP that never ran, every register name hv/vp_registers.c
 * implements is set to a distinctive valid value in one call and read back
 * exactly (all 16 bytes).  Read-only names refuse a set, an unknown name
 * refuses get and set (INVALID_PARAMETER), and *done counts the registers
 * processed before the failing one.
 */
#include <string.h>
#include "tests/guests/driver/gtest.h"
#include "hv/vp_ops.h"
#include "unihv/hv_types.h"

const char *gt_test_registers(void);

struct reg {
	uint32_t name;
	uint64_t lo, hi;
};

#define SEG(base, limit, sel, attr) (base), ((uint64_t)(attr) << 48 | (uint64_t)(sel) << 32 | (limit))
#define TABLE(base, limit) ((uint64_t)(limit) << 48), (base)
#define K 0xffff800000000000ull /* canonical kernel half */

static const struct reg regs[] = {
	{ HV_X64_REGISTER_RIP, K | 0x1234567, 0 },
	{ HV_X64_REGISTER_RFLAGS, 0xc0ed7, 0 },
	{ HV_X64_REGISTER_CR0, 0x80050033, 0 },
	{ HV_X64_REGISTER_CR2, 0xfedcba9876543210, 0 },
	{ HV_X64_REGISTER_CR3, 0x123456000, 0 },
	{ HV_X64_REGISTER_CR4, 0x1006a0, 0 },
	{ HV_X64_REGISTER_CR8, 0xb, 0 },
	{ HV_X64_REGISTER_XFEM, 3, 0 },
	{ HV_X64_REGISTER_DR0, K | 0x1000, 0 },
	{ HV_X64_REGISTER_DR1, K | 0x2000, 0 },
	{ HV_X64_REGISTER_DR2, K | 0x3000, 0 },
	{ HV_X64_REGISTER_DR3, K | 0x4000, 0 },
	{ HV_X64_REGISTER_DR6, 0xffff4ff1, 0 },
	{ HV_X64_REGISTER_DR7, 0x455, 0 },
	{ HV_X64_REGISTER_ES, SEG(0x10000, 0xffff, 0x1000, 0x0093) },
	{ HV_X64_REGISTER_CS, SEG(0, 0xffffffff, 0x08, 0xa09b) },
	{ HV_X64_REGISTER_SS, SEG(0x20000, 0xfffff, 0x10, 0xc093) },
	{ HV_X64_REGISTER_DS, SEG(0x30000, 0xabcde, 0x18, 0x0093) },
	{ HV_X64_REGISTER_FS, SEG(K | 0x40000, 0x1234, 0x2b, 0x00f3) },
	{ HV_X64_REGISTER_GS, SEG(K | 0x50000, 0x5678, 0x33, 0x40f3) },
	{ HV_X64_REGISTER_LDTR, SEG(0x60000, 0x7f, 0x40, 0x0082) },
	{ HV_X64_REGISTER_TR, SEG(0x70000, 0x67, 0x48, 0x008b) },
	{ HV_X64_REGISTER_IDTR, TABLE(K | 0x80000, 0xfff) },
	{ HV_X64_REGISTER_GDTR, TABLE(K | 0x90000, 0x7f) },
	{ HV_X64_REGISTER_EFER, 0xd01, 0 },
	{ HV_X64_REGISTER_KERNEL_GS_BASE, K | 0xa0000, 0 },
	{ HV_X64_REGISTER_APIC_BASE, 0xfee00900, 0 },
	{ HV_X64_REGISTER_PAT, 0x0007010600070106, 0 },
	{ HV_X64_REGISTER_SYSENTER_CS, 0x10, 0 },
	{ HV_X64_REGISTER_SYSENTER_EIP, K | 0xb0000, 0 },
	{ HV_X64_REGISTER_SYSENTER_ESP, K | 0xc0000, 0 },
	{ HV_X64_REGISTER_STAR, 0x0023001000000000, 0 },
	{ HV_X64_REGISTER_LSTAR, K | 0xd0000, 0 },
	{ HV_X64_REGISTER_CSTAR, K | 0xe0000, 0 },
	{ HV_X64_REGISTER_SFMASK, 0x47700, 0 },
	{ HV_X64_REGISTER_TSC_AUX, 7, 0 },
	/* Exception 14 with error code 0x5a. */
	{ HV_REGISTER_PENDING_INTERRUPTION, 1 | 3 << 1 | 1 << 4 | 14ull << 16 | 0x5aull << 32, 0 },
	{ HV_REGISTER_INTERRUPT_STATE, 1, 0 },
	{ HV_X64_REGISTER_PENDING_DEBUG_EXCEPTION, 0x4000, 0 },
	/* FCW 0x37f, FSW 0x4100, tag 0xa5, FOP 0x7ff, FIP. */
	{ HV_X64_REGISTER_FP_CONTROL_STATUS, 0x07ff00a54100037f, 0x123456789abc },
	/* FDP, MXCSR 0x1fa0, MXCSR_MASK 0xffff. */
	{ HV_X64_REGISTER_XMM_CONTROL_STATUS, K | 0xf0000, 0x0000ffff00001fa0 },
	{ HV_REGISTER_EXPLICIT_SUSPEND, 1, 0 },
};

#define GPRS 16
#define VECTORS 24 /* XMM0-15, FP_MMX0-7 */
#define COUNT (sizeof(regs) / sizeof(regs[0]) + GPRS + VECTORS)

static void fill(struct hv_register_assoc *a, uint32_t name, uint64_t lo, uint64_t hi)
{
	memset(a, 0, sizeof(*a));
	a->name = name;
	a->value.reg128.low = lo;
	a->value.reg128.high = hi;
}

const char *gt_test_registers(void)
{
	static struct hv_register_assoc set[COUNT];
	static union hv_register_value got[COUNT];
	static uint32_t names[COUNT];
	struct gt_vm vm;
	const char *err;
	uint32_t n = 0, done = 0;

	for (uint32_t i = 0; i < GPRS; i++)
		fill(&set[n++], HV_X64_REGISTER_RAX + i, 0xa5a5000000000000ull | i * 0x0101010101ull, 0);
	for (uint32_t i = 0; i < sizeof(regs) / sizeof(regs[0]); i++)
		fill(&set[n++], regs[i].name, regs[i].lo, regs[i].hi);
	for (uint32_t i = 0; i < 16; i++)
		fill(&set[n++], HV_X64_REGISTER_XMM0 + i, 0x0706050403020100ull + i * 0x1010101010101010ull,
		     0x8f8e8d8c8b8a8988ull - i);
	for (uint32_t i = 0; i < 8; i++) /* 64-bit mantissa, sign and exponent */
		fill(&set[n++], HV_X64_REGISTER_FP_MMX0 + i, 0xc90fdaa22168c234ull + i,
		     0x3fffull + i);
	for (uint32_t i = 0; i < n; i++)
		names[i] = set[i].name;

	GT_TRY(gt_vm_create(&vm, 16, 0));
	GT_TRY_STATUS(hv_create_vp(vm.id, 0), HV_STATUS_SUCCESS);
	GT_TRY_STATUS(hv_create_vp(vm.id, 3), HV_STATUS_SUCCESS);

	/* Everything in one call, read back in one call. */
	GT_TRY_STATUS(hv_set_vp_registers(vm.id, 0, set, n, &done), HV_STATUS_SUCCESS);
	GT_TRY_CHECK(done == n, "set: %u of %u done", done, n);
	memset(got, 0xee, sizeof(got));
	GT_TRY_STATUS(hv_get_vp_registers(vm.id, 0, names, n, got, &done), HV_STATUS_SUCCESS);
	GT_TRY_CHECK(done == n, "get: %u of %u done", done, n);
	for (uint32_t i = 0; i < n; i++)
		GT_TRY_CHECK(!memcmp(&got[i], &set[i].value, 16),
			     "register 0x%x: got %016llx:%016llx, set %016llx:%016llx", names[i],
			     (unsigned long long)got[i].reg128.high,
			     (unsigned long long)got[i].reg128.low,
			     (unsigned long long)set[i].value.reg128.high,
			     (unsigned long long)set[i].value.reg128.low);

	/* Read-only names. */
	GT_TRY_CHECK(gt_get(&vm, 3, HV_REGISTER_VP_INDEX) == 3, "VP 3 reads VP index %llu",
		     (unsigned long long)gt_get(&vm, 3, HV_REGISTER_VP_INDEX));
	GT_TRY_STATUS(gt_set(&vm, 3, HV_REGISTER_VP_INDEX, 3), HV_STATUS_INVALID_PARAMETER);
	GT_TRY_STATUS(gt_set(&vm, 0, HV_X64_REGISTER_TSC, 0), HV_STATUS_INVALID_PARAMETER);
	GT_TRY_STATUS(gt_set(&vm, 0, HV_REGISTER_HYPERVISOR_VERSION, 0), HV_STATUS_INVALID_PARAMETER);

	/* An unknown name. */
	uint32_t unknown = 0x12345;
	GT_TRY_STATUS(hv_get_vp_registers(vm.id, 0, &unknown, 1, got, &done),
		      HV_STATUS_INVALID_PARAMETER);
	GT_TRY_STATUS(gt_set(&vm, 0, unknown, 0), HV_STATUS_INVALID_PARAMETER);

	/* done stops at the failing element; the ones before it took effect. */
	struct hv_register_assoc multi[4];
	fill(&multi[0], HV_X64_REGISTER_RAX, 0x1111, 0);
	fill(&multi[1], HV_X64_REGISTER_RBX, 0x2222, 0);
	fill(&multi[2], HV_REGISTER_VP_INDEX, 0, 0);
	fill(&multi[3], HV_X64_REGISTER_RCX, 0x3333, 0);
	GT_TRY_STATUS(hv_set_vp_registers(vm.id, 0, multi, 4, &done), HV_STATUS_INVALID_PARAMETER);
	GT_TRY_CHECK(done == 2, "set stopped by a read-only name: done %u, want 2", done);
	GT_TRY_CHECK(gt_get(&vm, 0, HV_X64_REGISTER_RAX) == 0x1111 &&
			     gt_get(&vm, 0, HV_X64_REGISTER_RBX) == 0x2222 &&
			     gt_get(&vm, 0, HV_X64_REGISTER_RCX) == set[1].value.reg64,
		     "after the partial set: RAX 0x%llx RBX 0x%llx RCX 0x%llx",
		     (unsigned long long)gt_get(&vm, 0, HV_X64_REGISTER_RAX),
		     (unsigned long long)gt_get(&vm, 0, HV_X64_REGISTER_RBX),
		     (unsigned long long)gt_get(&vm, 0, HV_X64_REGISTER_RCX));
	fill(&multi[2], HV_X64_REGISTER_RFLAGS, 0, 0); /* bit 1 clear */
	GT_TRY_STATUS(hv_set_vp_registers(vm.id, 0, multi, 4, &done),
		      HV_STATUS_INVALID_REGISTER_VALUE);
	GT_TRY_CHECK(done == 2, "set stopped by a bad value: done %u, want 2", done);

	uint32_t three[3] = { HV_X64_REGISTER_RAX, unknown, HV_X64_REGISTER_RBX };
	GT_TRY_STATUS(hv_get_vp_registers(vm.id, 0, three, 3, got, &done),
		      HV_STATUS_INVALID_PARAMETER);
	GT_TRY_CHECK(done == 1 && got[0].reg64 == 0x1111, "get stopped by an unknown name: done %u",
		     done);

	/* A VP that does not exist. */
	GT_TRY_STATUS(hv_get_vp_registers(vm.id, 1, names, 1, got, &done), HV_STATUS_INVALID_VP_INDEX);
out:
	return gt_finish(&vm, err);
}

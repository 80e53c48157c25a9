/*
 * CPUID (guest tests/guests/cpuid.S, 32-bit protected mode):
 *   cpuid          the hypervisor answers the Hyper-V leaves ("Microsoft Hv",
 *                  "Hv#1") and leaf 1 with the hypervisor-present bit and
 *                  without VMX; a leaf with an installed CPUID intercept
 *                  reaches the manager (X64_CPUID_INTERCEPT, RAX/RCX as the
 *                  guest set them) and the manager's answer reaches the
 *                  guest; other leaves are still answered.
 *   cpuid_default  an intercepted leaf's message carries the hypervisor's
 *                  default result (TLFS DefaultResultRax..Rbx).
 */
#include "tests/guests/driver/gtest.h"
#include "hv/intercept.h"
#include "hv/vp_ops.h"
#include "unihv/hv_types.h"

const char *gt_test_cpuid(void);
const char *gt_test_cpuid_default(void);

#define PORT 0x1240
#define HV_EBX 0x7263694du /* "Micr" */
#define HV_ECX 0x666f736fu /* "osof" */
#define HV_EDX 0x76482074u /* "t Hv" */

static const char *start(struct gt_vm *vm, uint32_t leaf)
{
	const char *err = gt_vm_load(vm, 0x1000, GT_BLOB(cpuid));
	uint16_t st;

	if (err)
		return err;
	if ((st = hv_create_vp(vm->id, 0)))
		return gt_fail("create VP: %s", hv_status_name(st));
	st = hv_install_intercept(vm->id, HV_INTERCEPT_ACCESS_MASK_EXECUTE,
				  HV_INTERCEPT_TYPE_X64_CPUID, leaf);
	if (st)
		return gt_fail("install CPUID intercept: %s", hv_status_name(st));
	return gt_setup_protected_mode(vm, 0, 0x1000);
}

/* The next OUT must carry want. */
static const char *expect_out(struct gt_vm *vm, const char *what, uint64_t want)
{
	uint64_t v;
	const char *err = gt_run_out(vm, 0, PORT, 4, &v);

	if (!err && v != want)
		err = gt_fail("%s = 0x%llx, want 0x%llx", what, (unsigned long long)v,
			      (unsigned long long)want);
	return err;
}

/* Answer an intercepted CPUID with a, b, c, d and resume after it. */
static const char *answer(struct gt_vm *vm, const struct hv_message *m, uint32_t a, uint32_t b,
			  uint32_t c, uint32_t d)
{
	uint16_t st = gt_set(vm, 0, HV_X64_REGISTER_RAX, a);
	if (!st)
		st = gt_set(vm, 0, HV_X64_REGISTER_RBX, b);
	if (!st)
		st = gt_set(vm, 0, HV_X64_REGISTER_RCX, c);
	if (!st)
		st = gt_set(vm, 0, HV_X64_REGISTER_RDX, d);
	return st ? gt_fail("set CPUID result: %s", hv_status_name(st)) : gt_skip(vm, 0, m);
}

const char *gt_test_cpuid(void)
{
	struct gt_vm vm;
	struct hv_message m;
	const char *err;
	uint64_t v;

	GT_TRY(gt_vm_create(&vm, 16, 16));
	/* CPUID intercepts take the execute access only. */
	GT_TRY_STATUS(hv_install_intercept(vm.id, HV_INTERCEPT_ACCESS_MASK_READ,
					   HV_INTERCEPT_TYPE_X64_CPUID, 0x12345678),
		      HV_STATUS_INVALID_PARAMETER);
	GT_TRY(start(&vm, 0x12345678));

	GT_TRY(gt_run_out(&vm, 0, PORT, 4, &v));
	GT_TRY_CHECK(v >= 0x40000001 && v <= 0x400000ff, "leaf 0x40000000 EAX (max leaf) 0x%llx",
		     (unsigned long long)v);
	GT_TRY(expect_out(&vm, "leaf 0x40000000 EBX", HV_EBX));
	GT_TRY(expect_out(&vm, "leaf 0x40000000 ECX", HV_ECX));
	GT_TRY(expect_out(&vm, "leaf 0x40000000 EDX", HV_EDX));
	GT_TRY(expect_out(&vm, "leaf 0x40000001 EAX", 0x31237648)); /* "Hv#1" */
	GT_TRY(gt_run_out(&vm, 0, PORT, 4, &v));
	GT_TRY_CHECK((v & (1u << 31)) && !(v & (1u << 5)),
		     "leaf 1 ECX 0x%llx: want bit 31 (hypervisor) set, bit 5 (VMX) clear",
		     (unsigned long long)v);

	/* The intercepted leaf comes to us with the guest's inputs. */
	GT_TRY(gt_run_expect(&vm, 0, HV_MESSAGE_TYPE_X64_CPUID_INTERCEPT, &m));
	const struct hv_x64_cpuid_intercept_message *c = &m.u.cpuid;
	GT_TRY_CHECK(c->rax == 0x12345678 && c->rcx == 0xabcd && c->header.rip == 0x103b &&
			     (c->header.instruction_length & 0xf) == 2 &&
			     c->header.intercept_access_type == HV_INTERCEPT_ACCESS_EXECUTE &&
			     m.header.payload_size == sizeof(*c),
		     "CPUID intercept: rax 0x%llx rcx 0x%llx rip 0x%llx length %u access %u payload %u",
		     (unsigned long long)c->rax, (unsigned long long)c->rcx,
		     (unsigned long long)c->header.rip, c->header.instruction_length & 0xf,
		     c->header.intercept_access_type, m.header.payload_size);
	GT_TRY(answer(&vm, &m, 0x11111111, 0x22222222, 0x33333333, 0x44444444));
	GT_TRY(expect_out(&vm, "intercepted EAX", 0x11111111));
	GT_TRY(expect_out(&vm, "intercepted EBX", 0x22222222));
	GT_TRY(expect_out(&vm, "intercepted ECX", 0x33333333));
	GT_TRY(expect_out(&vm, "intercepted EDX", 0x44444444));

	/* Other leaves are still the hypervisor's. */
	GT_TRY(expect_out(&vm, "leaf 0x40000000 EBX again", HV_EBX));
	GT_TRY(gt_run_expect(&vm, 0, HV_MESSAGE_TYPE_X64_HALT, &m));
out:
	return gt_finish(&vm, err);
}

const char *gt_test_cpuid_default(void)
{
	struct gt_vm vm;
	struct hv_message m;
	const char *err;

	GT_TRY(gt_vm_create(&vm, 16, 16));
	GT_TRY(start(&vm, 0x40000000));
	GT_TRY(gt_run_expect(&vm, 0, HV_MESSAGE_TYPE_X64_CPUID_INTERCEPT, &m));
	const struct hv_x64_cpuid_intercept_message *c = &m.u.cpuid;
	GT_TRY_CHECK(c->rax == 0x40000000, "intercepted leaf 0x%llx", (unsigned long long)c->rax);
	GT_TRY_CHECK(c->default_result_rbx == HV_EBX && c->default_result_rcx == HV_ECX &&
			     c->default_result_rdx == HV_EDX && c->default_result_rax >= 0x40000001 &&
			     c->default_result_rax <= 0x400000ff,
		     "default result %llx %llx %llx %llx, want the hypervisor's leaf 0x40000000",
		     (unsigned long long)c->default_result_rax,
		     (unsigned long long)c->default_result_rbx,
		     (unsigned long long)c->default_result_rcx,
		     (unsigned long long)c->default_result_rdx);
	/* Pass the default through: the guest sees the usual answer. */
	GT_TRY(answer(&vm, &m, (uint32_t)c->default_result_rax, HV_EBX, HV_ECX, HV_EDX));
	GT_TRY(gt_run_out(&vm, 0, PORT, 4, &(uint64_t){ 0 }));
	GT_TRY(expect_out(&vm, "leaf 0x40000000 EBX", HV_EBX));
out:
	return gt_finish(&vm, err);
}

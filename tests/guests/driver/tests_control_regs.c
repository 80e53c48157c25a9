/*
 * Control registers the VMCS does not carry, which the hypervisor must
 * switch itself (64-bit guests, tests/guests/cr2.S and cr8.S):
 *   cr2  the CR2 the manager sets is what the guest reads, and the CR2 the
 *        guest writes is what the manager reads back.
 *   cr8  the same for CR8 (the task priority), and the guest's CR8 write
 *        does not reach the host's own TPR; the HLT message carries the
 *        guest's CR8 in bits 7:4 of the instruction-length byte.
 * Every mismatch is reported, not just the first.
 */
#include <stdio.h>
#include "tests/guests/driver/gtest.h"
#include "hv/vp_ops.h"
#include "unihv/hv_types.h"

const char *gt_test_cr2(void);
const char *gt_test_cr8(void);

static uint64_t host_cr8(void)
{
	uint64_t v;
	__asm__ volatile("mov %%cr8, %0" : "=r"(v));
	return v;
}

static void set_host_cr8(uint64_t v)
{
	__asm__ volatile("mov %0, %%cr8" : : "r"(v) : "memory");
}

static const char *start(struct gt_vm *vm, struct gt_blob blob)
{
	const char *err = gt_vm_load(vm, 0x1000, blob);
	uint16_t st;

	if (err)
		return err;
	if ((st = hv_create_vp(vm->id, 0)))
		return gt_fail("create VP: %s", hv_status_name(st));
	return gt_setup_long_mode(vm, 0, 0x1000, 0x10000);
}

/* Append to a failure list. */
static void note(char *buf, size_t size, const char *what, uint64_t got, uint64_t want)
{
	size_t n = 0;
	while (n < size && buf[n])
		n++;
	snprintf(buf + n, size - n, "%s%s 0x%llx (want 0x%llx)", n ? "; " : "", what,
		 (unsigned long long)got, (unsigned long long)want);
}

const char *gt_test_cr2(void)
{
	struct gt_vm vm;
	struct hv_message m;
	const char *err;
	char bad[200] = "";
	uint64_t lo, hi;
	const uint64_t set = 0x7fedcba98000ull, guest_wrote = 0x123456789000ull;

	GT_TRY(gt_vm_create(&vm, 16, 32));
	GT_TRY(start(&vm, GT_BLOB(cr2)));
	GT_TRY_STATUS(gt_set(&vm, 0, HV_X64_REGISTER_CR2, set), HV_STATUS_SUCCESS);
	GT_TRY(gt_run_out(&vm, 0, 0x1240, 4, &lo));
	GT_TRY(gt_run_out(&vm, 0, 0x1240, 4, &hi));
	GT_TRY(gt_run_expect(&vm, 0, HV_MESSAGE_TYPE_X64_HALT, &m));
	if ((hi << 32 | lo) != set)
		note(bad, sizeof(bad), "guest read CR2", hi << 32 | lo, set);
	if (gt_get(&vm, 0, HV_X64_REGISTER_CR2) != guest_wrote)
		note(bad, sizeof(bad), "CR2 register after the guest wrote it",
		     gt_get(&vm, 0, HV_X64_REGISTER_CR2), guest_wrote);
	if (bad[0])
		err = gt_fail("%s", bad);
out:
	return gt_finish(&vm, err);
}

const char *gt_test_cr8(void)
{
	struct gt_vm vm;
	struct hv_message m;
	const char *err;
	char bad[240] = "";
	uint64_t v, host_before = host_cr8();

	GT_TRY(gt_vm_create(&vm, 16, 32));
	GT_TRY(start(&vm, GT_BLOB(cr8)));
	GT_TRY_STATUS(gt_set(&vm, 0, HV_X64_REGISTER_CR8, 5), HV_STATUS_SUCCESS);
	GT_TRY(gt_run_out(&vm, 0, 0x1240, 4, &v));
	err = gt_run_expect(&vm, 0, HV_MESSAGE_TYPE_X64_HALT, &m);
	uint64_t host_after = host_cr8();
	if (err)
		goto out;
	if (v != 5)
		note(bad, sizeof(bad), "guest read CR8", v, 5);
	if (gt_get(&vm, 0, HV_X64_REGISTER_CR8) != 9)
		note(bad, sizeof(bad), "CR8 register after the guest wrote 9",
		     gt_get(&vm, 0, HV_X64_REGISTER_CR8), 9);
	if ((m.u.halt.header.instruction_length >> HV_X64_INTERCEPT_CR8_SHIFT) != 9)
		note(bad, sizeof(bad), "CR8 in the HLT message",
		     m.u.halt.header.instruction_length >> HV_X64_INTERCEPT_CR8_SHIFT, 9);
	if (host_after != host_before)
		note(bad, sizeof(bad), "host CR8 after the run", host_after, host_before);
	if (bad[0])
		err = gt_fail("%s", bad);
out:
	set_host_cr8(host_before); /* whatever the guest did to it */
	return gt_finish(&vm, err);
}

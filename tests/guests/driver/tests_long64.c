/*
 * long64 (guest tests/guests/long64.S, gt_setup_long_mode): the guest runs
 * 64-bit code.  A value only 64-bit registers hold (0x1122334455667788
 * rotated left by 16 through R8) arrives whole in the I/O message's RAX and
 * piecewise in the OUTs; PUSH/POP move 8 bytes; a 32-bit load zero-extends
 * into RAX.  Every message carries EFER.LMA | CR0.PE with CPL 0 and the
 * 64-bit CS (L bit).
 */
#include "tests/guests/driver/gtest.h"
#include "hv/vp_ops.h"
#include "unihv/hv_types.h"

const char *gt_test_long64(void);

#define PORT 0x1240
#define VALUE 0x3344556677881122ull
#define STATE_64 (HV_X64_EXECUTION_STATE_EFER_LMA | HV_X64_EXECUTION_STATE_CR0_PE)

static const char *check_state(const struct hv_x64_intercept_message_header *h, uint64_t rip)
{
	if (h->execution_state != STATE_64 || h->rip != rip || h->cs_segment.attributes != 0xa09b ||
	    h->cs_segment.selector != 0x08)
		return gt_fail("state 0x%x rip 0x%llx cs 0x%x attributes 0x%x, "
			       "want 0x%x (LMA, PE, CPL 0) 0x%llx 0x8 0xa09b",
			       h->execution_state, (unsigned long long)h->rip,
			       h->cs_segment.selector, h->cs_segment.attributes, STATE_64,
			       (unsigned long long)rip);
	return NULL;
}

/* The next OUT: at rip, 32-bit to PORT, with RAX = rax (whole). */
static const char *expect_out(struct gt_vm *vm, uint64_t rip, uint64_t rax)
{
	struct hv_message m;
	const char *err = gt_run_expect(vm, 0, HV_MESSAGE_TYPE_X64_IO_PORT_INTERCEPT, &m);
	const struct hv_x64_io_port_intercept_message *io = &m.u.io_port;

	if (!err)
		err = check_state(&io->header, rip);
	if (!err && (io->port_number != PORT || (io->access_info & 7) != 4 ||
		     io->header.intercept_access_type != HV_INTERCEPT_ACCESS_WRITE))
		err = gt_fail("at 0x%llx: port 0x%x size %u access %u, want a 32-bit OUT to 0x%x",
			      (unsigned long long)rip, io->port_number, io->access_info & 7,
			      io->header.intercept_access_type, PORT);
	if (!err && io->rax != rax)
		err = gt_fail("at 0x%llx: RAX 0x%llx, want 0x%llx", (unsigned long long)rip,
			      (unsigned long long)io->rax, (unsigned long long)rax);
	return err ? err : gt_skip(vm, 0, &m);
}

const char *gt_test_long64(void)
{
	struct gt_vm vm;
	struct hv_message m;
	const char *err;
	uint64_t pushed = 0;

	GT_TRY(gt_vm_create(&vm, 16, 32));
	GT_TRY(gt_vm_load(&vm, 0x1000, GT_BLOB(long64)));
	GT_TRY_STATUS(hv_create_vp(vm.id, 0), HV_STATUS_SUCCESS);
	GT_TRY(gt_setup_long_mode(&vm, 0, 0x1000, 0x10000));

	GT_TRY(expect_out(&vm, 0x1018, VALUE));          /* low half (whole RAX) */
	GT_TRY(expect_out(&vm, 0x101d, VALUE >> 32));    /* high half */
	GT_TRY(expect_out(&vm, 0x1024, 0x8000));         /* RSP after PUSH/POP */
	GT_TRY(expect_out(&vm, 0x1029, VALUE >> 32));    /* [RSP-4], zero-extended */
	GT_TRY(gt_vm_read(&vm, 0x7ff8, &pushed, 8));
	GT_TRY_CHECK(pushed == VALUE, "PUSH R8 stored 0x%llx, want 0x%llx",
		     (unsigned long long)pushed, VALUE);

	GT_TRY(gt_run_expect(&vm, 0, HV_MESSAGE_TYPE_X64_HALT, &m));
	GT_TRY(check_state(&m.u.halt.header, 0x102b));
	GT_TRY_CHECK(gt_get(&vm, 0, HV_X64_REGISTER_R8) == VALUE &&
			     gt_get(&vm, 0, HV_X64_REGISTER_RCX) == VALUE,
		     "R8 0x%llx RCX 0x%llx, want 0x%llx",
		     (unsigned long long)gt_get(&vm, 0, HV_X64_REGISTER_R8),
		     (unsigned long long)gt_get(&vm, 0, HV_X64_REGISTER_RCX), VALUE);
	GT_TRY_CHECK(gt_get(&vm, 0, HV_X64_REGISTER_EFER) == 0x500,
		     "EFER 0x%llx, want 0x500 (LME | LMA)",
		     (unsigned long long)gt_get(&vm, 0, HV_X64_REGISTER_EFER));
out:
	return gt_finish(&vm, err);
}

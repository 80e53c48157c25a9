/*
 * hlt: HLT gives an X64_HALT message whose RIP is already past the HLT
 * (the hypervisor retires it), and the next dispatch continues with the
 * instruction after it (an OUT), up to the second HLT.
 */
#include "tests/guests/driver/gtest.h"
#include "hv/vp_ops.h"
#include "unihv/hv_types.h"

const char *gt_test_hlt(void);

static const char *check_halt(const struct hv_message *m, uint64_t rip)
{
	const struct hv_x64_intercept_message_header *h = &m->u.halt.header;

	if (h->rip != rip || (h->instruction_length & HV_X64_INTERCEPT_INSTRUCTION_LENGTH_MASK) != 1 ||
	    h->intercept_access_type != HV_INTERCEPT_ACCESS_EXECUTE ||
	    m->header.payload_size != sizeof(m->u.halt))
		return gt_fail("HALT: rip 0x%llx length %u access %u payload %u, want rip 0x%llx",
			       (unsigned long long)h->rip, h->instruction_length & 0xf,
			       h->intercept_access_type, m->header.payload_size,
			       (unsigned long long)rip);
	return NULL;
}

const char *gt_test_hlt(void)
{
	struct gt_vm vm;
	struct hv_message m;
	const char *err;
	uint64_t v;

	GT_TRY(gt_vm_create(&vm, 16, 16));
	GT_TRY(gt_vm_load(&vm, 0x1000, GT_BLOB(hlt)));
	GT_TRY_STATUS(hv_create_vp(vm.id, 0), HV_STATUS_SUCCESS);
	GT_TRY(gt_setup_real_mode(&vm, 0, 0x1000));

	GT_TRY(gt_run_expect(&vm, 0, HV_MESSAGE_TYPE_X64_HALT, &m));
	GT_TRY(check_halt(&m, 0x1001));
	GT_TRY_CHECK(gt_get(&vm, 0, HV_X64_REGISTER_RIP) == 0x1001, "RIP register 0x%llx after HLT",
		     (unsigned long long)gt_get(&vm, 0, HV_X64_REGISTER_RIP));

	GT_TRY(gt_run_out(&vm, 0, 0x1241, 1, &v));
	GT_TRY_CHECK(v == 0x42, "OUT after HLT gave 0x%llx, want 0x42", (unsigned long long)v);
	GT_TRY(gt_run_expect(&vm, 0, HV_MESSAGE_TYPE_X64_HALT, &m));
	GT_TRY(check_halt(&m, 0x1008));
out:
	return gt_finish(&vm, err);
}

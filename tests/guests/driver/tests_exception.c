/*
 * exception_intercept:
 *   InstallIntercept(EXCEPTION) refuses vector 32, READ or WRITE access
 *   (INVALID_PARAMETER) and an unknown partition (INVALID_PARTITION_ID).
 *   With #UD (6) intercepted, a real-mode UD2 (tests/guests/exc16.S) gives
 *   EXCEPTION_INTERCEPT: vector 6, no error code, RIP at the UD2, the bytes
 *   0f 0b (unpaged), the guest's registers; nothing reaches the guest's
 *   stack.  With the intercept removed (access 0) the same UD2 goes through
 *   the guest's IVT entry 6 to its handler, which OUTs 0x66; the pushed
 *   FLAGS:CS:IP frame points at the UD2.
 *   With #PF (14) intercepted, a 64-bit write to the non-present GVA
 *   0x40001234 (tests/guests/pf64.S) gives vector 14, error code 2 (write,
 *   not present, supervisor) marked valid, ExceptionParameter = the GVA,
 *   and the guest's CR2 is untouched.
 * exception_software: with #BP (3) intercepted, a real-mode INT3
 *   (tests/guests/exc16.S) gives vector 3 marked as a software exception
 *   (ExceptionInfo bit 1, data-types 14.1), RIP at the INT3, instruction
 *   length 1; removed, the INT3 reaches the guest's IVT entry 3 with the
 *   return IP after it.
 */
#include <string.h>
#include "tests/guests/driver/gtest.h"
#include "hv/intercept.h"
#include "hv/vp_ops.h"
#include "unihv/hv_types.h"

const char *gt_test_exception_intercept(void);
const char *gt_test_exception_software(void);

#define PORT 0x1240
#define X HV_INTERCEPT_ACCESS_MASK_EXECUTE
#define EXC HV_INTERCEPT_TYPE_EXCEPTION

static const char *bad_parameters(void)
{
	struct gt_vm vm;
	const char *err;

	GT_TRY(gt_vm_create(&vm, 16, 0));
	GT_TRY_STATUS(hv_install_intercept(vm.id, X, EXC, 32), HV_STATUS_INVALID_PARAMETER);
	GT_TRY_STATUS(hv_install_intercept(vm.id, X, EXC, 0xffff), HV_STATUS_INVALID_PARAMETER);
	GT_TRY_STATUS(hv_install_intercept(vm.id, HV_INTERCEPT_ACCESS_MASK_READ, EXC, 6),
		      HV_STATUS_INVALID_PARAMETER);
	GT_TRY_STATUS(hv_install_intercept(vm.id, HV_INTERCEPT_ACCESS_MASK_WRITE, EXC, 6),
		      HV_STATUS_INVALID_PARAMETER);
	GT_TRY_STATUS(hv_install_intercept(vm.id, X | HV_INTERCEPT_ACCESS_MASK_READ, EXC, 6),
		      HV_STATUS_INVALID_PARAMETER);
	GT_TRY_STATUS(hv_install_intercept(vm.id + 1000, X, EXC, 6),
		      HV_STATUS_INVALID_PARTITION_ID);
out:
	return gt_finish(&vm, err);
}

static const char *undefined_opcode(void)
{
	struct gt_vm vm;
	struct hv_message m;
	const char *err;
	uint64_t v;
	uint16_t frame[3];
	const uint16_t ivt6[2] = { 0x1100, 0 }; /* IP, CS */

	GT_TRY(gt_vm_create(&vm, 16, 16));
	GT_TRY(gt_vm_load(&vm, 0x1000, GT_BLOB(exc16)));
	GT_TRY(gt_vm_write(&vm, 6 * 4, ivt6, sizeof(ivt6)));
	GT_TRY_STATUS(hv_create_vp(vm.id, 0), HV_STATUS_SUCCESS);
	GT_TRY(gt_setup_real_mode(&vm, 0, 0x1000));
	GT_TRY_STATUS(hv_install_intercept(vm.id, X, EXC, 6), HV_STATUS_SUCCESS);

	GT_TRY(gt_run_expect(&vm, 0, HV_MESSAGE_TYPE_EXCEPTION_INTERCEPT, &m));
	const struct hv_x64_exception_intercept_message *e = &m.u.exception;
	const struct hv_x64_intercept_message_header *h = &e->header;
	GT_TRY_CHECK(e->exception_vector == 6 && e->exception_info == 0 && e->error_code == 0 &&
			     e->exception_parameter == 0,
		     "vector %u info 0x%x error code 0x%x parameter 0x%llx, want 6 0 0 0",
		     e->exception_vector, e->exception_info, e->error_code,
		     (unsigned long long)e->exception_parameter);
	GT_TRY_CHECK(h->rip == 0x1003 && h->cs_segment.base == 0 && h->cs_segment.selector == 0 &&
			     h->intercept_access_type == HV_INTERCEPT_ACCESS_EXECUTE &&
			     h->execution_state == 0 && h->vp_index == 0,
		     "rip 0x%llx cs 0x%x base 0x%llx access %u state 0x%x vp %u, "
		     "want 0x1003 0 0 %u 0 0",
		     (unsigned long long)h->rip, h->cs_segment.selector,
		     (unsigned long long)h->cs_segment.base, h->intercept_access_type,
		     h->execution_state, h->vp_index, HV_INTERCEPT_ACCESS_EXECUTE);
	GT_TRY_CHECK(e->instruction_byte_count == 16 && e->instruction_bytes[0] == 0x0f &&
			     e->instruction_bytes[1] == 0x0b && e->instruction_bytes[2] == 0xf4,
		     "%u instruction bytes %02x %02x %02x, want 16: 0f 0b f4",
		     e->instruction_byte_count, e->instruction_bytes[0], e->instruction_bytes[1],
		     e->instruction_bytes[2]);
	GT_TRY_CHECK(m.header.payload_size == sizeof(*e) && m.header.origination_id == vm.id,
		     "payload %u origin %llu, want %zu %llu", m.header.payload_size,
		     (unsigned long long)m.header.origination_id, sizeof(*e),
		     (unsigned long long)vm.id);
	GT_TRY_CHECK(e->rdx == 0x1240 && e->rsp == 0x8000 && e->ss_segment.base == 0 &&
			     e->ds_segment.base == 0,
		     "rdx 0x%llx rsp 0x%llx ss.base 0x%llx ds.base 0x%llx, want 0x1240 0x8000 0 0",
		     (unsigned long long)e->rdx, (unsigned long long)e->rsp,
		     (unsigned long long)e->ss_segment.base, (unsigned long long)e->ds_segment.base);
	/* Intercepted, not delivered: no frame pushed, RIP still at the UD2. */
	GT_TRY_CHECK(gt_get(&vm, 0, HV_X64_REGISTER_RSP) == 0x8000 &&
			     gt_get(&vm, 0, HV_X64_REGISTER_RIP) == 0x1003,
		     "after the intercept RSP 0x%llx RIP 0x%llx, want 0x8000 0x1003",
		     (unsigned long long)gt_get(&vm, 0, HV_X64_REGISTER_RSP),
		     (unsigned long long)gt_get(&vm, 0, HV_X64_REGISTER_RIP));

	/* Removed: the UD2 runs again and the guest's own handler gets it. */
	GT_TRY_STATUS(hv_install_intercept(vm.id, HV_INTERCEPT_ACCESS_MASK_NONE, EXC, 6),
		      HV_STATUS_SUCCESS);
	GT_TRY(gt_run_out(&vm, 0, PORT, 1, &v));
	GT_TRY_CHECK(v == 0x66, "the #UD handler sent 0x%llx, want 0x66", (unsigned long long)v);
	GT_TRY(gt_run_expect(&vm, 0, HV_MESSAGE_TYPE_X64_HALT, &m));
	GT_TRY_CHECK(m.u.halt.header.rip == 0x1104, "HLT message rip 0x%llx, want 0x1104",
		     (unsigned long long)m.u.halt.header.rip);
	GT_TRY_CHECK(gt_get(&vm, 0, HV_X64_REGISTER_RSP) == 0x7ffa, "RSP 0x%llx, want 0x7ffa",
		     (unsigned long long)gt_get(&vm, 0, HV_X64_REGISTER_RSP));
	GT_TRY(gt_vm_read(&vm, 0x7ffa, frame, sizeof(frame)));
	GT_TRY_CHECK(frame[0] == 0x1003 && frame[1] == 0 && frame[2] == 0x0002,
		     "#UD frame IP 0x%x CS 0x%x FLAGS 0x%x, want 0x1003 0 0x2", frame[0],
		     frame[1], frame[2]);
out:
	return gt_finish(&vm, err);
}

static const char *page_fault(void)
{
	struct gt_vm vm;
	struct hv_message m;
	const char *err;

	GT_TRY(gt_vm_create(&vm, 16, 32));
	GT_TRY(gt_vm_load(&vm, 0x1000, GT_BLOB(pf64)));
	GT_TRY_STATUS(hv_create_vp(vm.id, 0), HV_STATUS_SUCCESS);
	GT_TRY(gt_setup_long_mode(&vm, 0, 0x1000, 0x10000));
	GT_TRY_STATUS(hv_install_intercept(vm.id, X, EXC, 14), HV_STATUS_SUCCESS);

	GT_TRY(gt_run_expect(&vm, 0, HV_MESSAGE_TYPE_EXCEPTION_INTERCEPT, &m));
	const struct hv_x64_exception_intercept_message *e = &m.u.exception;
	const struct hv_x64_intercept_message_header *h = &e->header;
	GT_TRY_CHECK(e->exception_vector == 14 &&
			     e->exception_info == HV_X64_EXCEPTION_INFO_ERROR_CODE_VALID &&
			     e->error_code == 2 && e->exception_parameter == 0x40001234,
		     "vector %u info 0x%x error code 0x%x parameter 0x%llx, "
		     "want 14 0x%x 2 0x40001234",
		     e->exception_vector, e->exception_info, e->error_code,
		     (unsigned long long)e->exception_parameter,
		     HV_X64_EXCEPTION_INFO_ERROR_CODE_VALID);
	GT_TRY_CHECK(h->rip == 0x100a && e->rax == 0x40001234 &&
			     h->execution_state == (HV_X64_EXECUTION_STATE_EFER_LMA |
						    HV_X64_EXECUTION_STATE_CR0_PE),
		     "rip 0x%llx rax 0x%llx state 0x%x, want 0x100a 0x40001234 0x%x",
		     (unsigned long long)h->rip, (unsigned long long)e->rax, h->execution_state,
		     HV_X64_EXECUTION_STATE_EFER_LMA | HV_X64_EXECUTION_STATE_CR0_PE);
	/* Paged: the bytes need a guest walk; if given, they must be right. */
	GT_TRY_CHECK(e->instruction_byte_count == 0 ||
			     (e->instruction_byte_count == 16 &&
			      !memcmp(e->instruction_bytes, "\xc6\x00\x5a\xf4", 4)),
		     "%u instruction bytes starting %02x, want none or c6 00 5a f4",
		     e->instruction_byte_count, e->instruction_bytes[0]);
	/* The fault went to the manager, not to the guest. */
	GT_TRY_CHECK(gt_get(&vm, 0, HV_X64_REGISTER_CR2) == 0 &&
			     gt_get(&vm, 0, HV_X64_REGISTER_RSP) == 0x8000,
		     "guest CR2 0x%llx RSP 0x%llx after the intercept, want 0 0x8000",
		     (unsigned long long)gt_get(&vm, 0, HV_X64_REGISTER_CR2),
		     (unsigned long long)gt_get(&vm, 0, HV_X64_REGISTER_RSP));
out:
	return gt_finish(&vm, err);
}

const char *gt_test_exception_intercept(void)
{
	const char *err = bad_parameters();

	if (!err)
		err = undefined_opcode();
	if (!err)
		err = page_fault();
	return err;
}

const char *gt_test_exception_software(void)
{
	struct gt_vm vm;
	struct hv_message m;
	const char *err;
	uint64_t v;
	uint16_t frame[3];
	const uint16_t ivt3[2] = { 0x1180, 0 }; /* IP, CS */

	GT_TRY(gt_vm_create(&vm, 16, 16));
	GT_TRY(gt_vm_load(&vm, 0x1000, GT_BLOB(exc16)));
	GT_TRY(gt_vm_write(&vm, 3 * 4, ivt3, sizeof(ivt3)));
	GT_TRY_STATUS(hv_create_vp(vm.id, 0), HV_STATUS_SUCCESS);
	GT_TRY(gt_setup_real_mode(&vm, 0, 0x1080));
	GT_TRY_STATUS(hv_install_intercept(vm.id, X, EXC, 3), HV_STATUS_SUCCESS);

	GT_TRY(gt_run_expect(&vm, 0, HV_MESSAGE_TYPE_EXCEPTION_INTERCEPT, &m));
	const struct hv_x64_exception_intercept_message *e = &m.u.exception;
	const struct hv_x64_intercept_message_header *h = &e->header;
	GT_TRY_CHECK(e->exception_vector == 3 && h->rip == 0x1083 && e->error_code == 0 &&
			     e->instruction_byte_count == 16 && e->instruction_bytes[0] == 0xcc,
		     "vector %u rip 0x%llx error code 0x%x, %u bytes from 0x%02x, "
		     "want 3 0x1083 0, 16 from 0xcc",
		     e->exception_vector, (unsigned long long)h->rip, e->error_code,
		     e->instruction_byte_count, e->instruction_bytes[0]);
	GT_TRY_CHECK(e->exception_info == HV_X64_EXCEPTION_INFO_SOFTWARE_EXCEPTION,
		     "INT3: exception info 0x%x, want 0x%x (software exception)",
		     e->exception_info, HV_X64_EXCEPTION_INFO_SOFTWARE_EXCEPTION);
	GT_TRY_CHECK((h->instruction_length & HV_X64_INTERCEPT_INSTRUCTION_LENGTH_MASK) == 1,
		     "INT3: instruction length %u, want 1",
		     h->instruction_length & HV_X64_INTERCEPT_INSTRUCTION_LENGTH_MASK);

	GT_TRY_STATUS(hv_install_intercept(vm.id, HV_INTERCEPT_ACCESS_MASK_NONE, EXC, 3),
		      HV_STATUS_SUCCESS);
	GT_TRY(gt_run_out(&vm, 0, PORT, 1, &v));
	GT_TRY_CHECK(v == 0x33, "the #BP handler sent 0x%llx, want 0x33", (unsigned long long)v);
	GT_TRY(gt_run_expect(&vm, 0, HV_MESSAGE_TYPE_X64_HALT, &m));
	GT_TRY(gt_vm_read(&vm, 0x7ffa, frame, sizeof(frame)));
	GT_TRY_CHECK(frame[0] == 0x1084 && frame[1] == 0,
		     "#BP frame IP 0x%x CS 0x%x, want 0x1084 0 (after the INT3)", frame[0], frame[1]);
out:
	return gt_finish(&vm, err);
}

/*
 * The hypercall ABI end to end: a guest's VMCALLs (statuses for the
 * dispatcher's checks, output written into guest memory), #UD for a
 * real-mode caller, and the root's calls through the same dispatcher.
 */
#include <string.h>
#include "tests/guests/driver/gtest.h"
#include "hv/hv.h"
#include "hv/hypercall/root_call.h"
#include "hv/vp_ops.h"
#include "unihv/hv_hypercall.h"
#include "unihv/hv_types.h"

const char *gt_test_hypercall_guest(void);
const char *gt_test_hypercall_real_mode(void);
const char *gt_test_hypercall_root(void);

const char *gt_test_hypercall_guest(void)
{
	static const uint16_t want[10] = {
		HV_STATUS_INVALID_HYPERCALL_CODE, HV_STATUS_SUCCESS,
		HV_STATUS_INVALID_HYPERCALL_INPUT, HV_STATUS_ACCESS_DENIED,
		HV_STATUS_INVALID_ALIGNMENT, HV_STATUS_INVALID_ALIGNMENT,
		HV_STATUS_INVALID_HYPERCALL_INPUT, HV_STATUS_INVALID_HYPERCALL_INPUT,
		HV_STATUS_ACCESS_DENIED, HV_STATUS_INVALID_ALIGNMENT,
	};
	struct gt_vm vm;
	struct hv_message m;
	const char *err;

	if ((err = gt_vm_create(&vm, 16, 16)))
		return err;
	if ((err = gt_vm_load(&vm, 0x1000, GT_BLOB(hypercall))) ||
	    (hv_create_vp(vm.id, 0) && (err = gt_fail("create vp"))) ||
	    (err = gt_setup_protected_mode(&vm, 0, 0x1000)))
		goto out;
	for (unsigned i = 0; i < 10; i++) {
		if ((err = gt_run_expect(&vm, 0, HV_MESSAGE_TYPE_X64_IO_PORT_INTERCEPT, &m)))
			goto out;
		uint16_t st = (uint16_t)m.u.io_port.rax;
		if (m.u.io_port.port_number != 0x50 + i || st != want[i]) {
			err = gt_fail("call %u: port 0x%x status %s, want %s", i,
				      m.u.io_port.port_number, hv_status_name(st),
				      hv_status_name(want[i]));
			goto out;
		}
		if (i == 1) {
			uint64_t id = 0;
			if ((err = gt_vm_read(&vm, 0x3000, &id, 8)))
				goto out;
			if (id != vm.id) {
				err = gt_fail("GetPartitionId wrote %llu, want %llu",
					      (unsigned long long)id, (unsigned long long)vm.id);
				goto out;
			}
		}
		if ((err = gt_skip(&vm, 0, &m)))
			goto out;
	}
	err = gt_run_expect(&vm, 0, HV_MESSAGE_TYPE_X64_HALT, &m);
out:;
	const char *err2 = gt_vm_destroy(&vm);
	return err ? err : err2;
}

/* VMCALL in real mode is refused with #UD (TLFS 4): the guest's own IVT
 * entry 6 runs, with the VMCALL's address as the return IP (a fault). */
const char *gt_test_hypercall_real_mode(void)
{
	static const uint8_t code[] = { 0x0f, 0x01, 0xc1, 0xf4 };           /* vmcall; hlt */
	static const uint8_t handler[] = { 0xb0, 0x66, 0xe6, 0x66, 0xf4 }; /* out 0x66; hlt */
	static const uint8_t ivt6[] = { 0x00, 0x11, 0x00, 0x00 };         /* 0000:1100 */
	struct gt_vm vm;
	struct hv_message m;
	uint16_t ret_ip = 0;
	const char *err;

	if ((err = gt_vm_create(&vm, 16, 16)))
		return err;
	if ((err = gt_vm_write(&vm, 0x1000, code, sizeof(code))) ||
	    (err = gt_vm_write(&vm, 0x1100, handler, sizeof(handler))) ||
	    (err = gt_vm_write(&vm, 6 * 4, ivt6, sizeof(ivt6))) ||
	    (hv_create_vp(vm.id, 0) && (err = gt_fail("create vp"))) ||
	    (err = gt_setup_real_mode(&vm, 0, 0x1000)))
		goto out;
	if ((err = gt_run_expect(&vm, 0, HV_MESSAGE_TYPE_X64_IO_PORT_INTERCEPT, &m)))
		goto out;
	if (m.u.io_port.port_number != 0x66) {
		err = gt_fail("the #UD handler did not run (port 0x%x)", m.u.io_port.port_number);
		goto out;
	}
	/* Real-mode delivery pushed FLAGS, CS, IP below SP 0x8000. */
	if ((err = gt_vm_read(&vm, 0x8000 - 6, &ret_ip, 2)))
		goto out;
	if (ret_ip != 0x1000)
		err = gt_fail("#UD return IP 0x%x, want the VMCALL at 0x1000", ret_ip);
out:;
	const char *err2 = gt_vm_destroy(&vm);
	return err ? err : err2;
}

static uint16_t status_of(uint64_t result)
{
	return (uint16_t)result;
}

static uint32_t reps_of(uint64_t result)
{
	return (uint32_t)(result >> 32) & 0xfff;
}

/* The manager's lifecycle, entirely through hv_root_call. */
const char *gt_test_hypercall_root(void)
{
	uint64_t pool[8], guest[2], id, r;
	uint8_t in[512], out[512];
	const char *err = NULL;

	if (!hv_root_alloc_pages(pool, 8))
		return gt_fail("root allocation");
	if (!hv_root_alloc_pages(guest, 2)) {
		hv_root_free_pages(pool, 8);
		return gt_fail("root allocation");
	}
	memset(in, 0, sizeof(in));
	r = hv_root_call(hv_hypercall_input(HVCALL_CREATE_PARTITION, 0, 0, 0, 0), in, 56, out, 8);
	memcpy(&id, out, 8);
	if (status_of(r))
		return gt_fail("CreatePartition: %s", hv_status_name(status_of(r)));

	/* DepositMemory, rep of 8 pages. */
	memcpy(in, &id, 8);
	memcpy(in + 8, pool, sizeof(pool));
	r = hv_root_call(hv_hypercall_input(HVCALL_DEPOSIT_MEMORY, 0, 0, 8, 0), in, 8 + 64, out, 0);
	if (status_of(r) || reps_of(r) != 8) {
		err = gt_fail("DepositMemory: %s, %u reps", hv_status_name(status_of(r)), reps_of(r));
		goto out;
	}
	r = hv_root_call(hv_hypercall_input(HVCALL_INITIALIZE_PARTITION, 0, 0, 0, 0), &id, 8, out, 0);
	if (status_of(r)) {
		err = gt_fail("InitializePartition: %s", hv_status_name(status_of(r)));
		goto out;
	}
	/* MapGpaPages: 2 pages at GPA page 0x10, RWX. */
	struct hv_input_map_gpa_pages map = { id, 0x10, HV_MAP_GPA_READABLE | HV_MAP_GPA_WRITABLE |
							       HV_MAP_GPA_EXECUTABLE, 0 };
	memcpy(in, &map, sizeof(map));
	memcpy(in + sizeof(map), guest, sizeof(guest));
	r = hv_root_call(hv_hypercall_input(HVCALL_MAP_GPA_PAGES, 0, 0, 2, 0), in, sizeof(map) + 16,
			 out, 0);
	if (status_of(r) || reps_of(r) != 2) {
		err = gt_fail("MapGpaPages: %s, %u reps", hv_status_name(status_of(r)), reps_of(r));
		goto out;
	}
	/* CreateVp 0, then SetVpRegisters (RAX) and GetVpRegisters back. */
	struct hv_input_create_vp cvp;
	memset(&cvp, 0, sizeof(cvp));
	cvp.partition_id = id;
	r = hv_root_call(hv_hypercall_input(HVCALL_CREATE_VP, 0, 0, 0, 0), &cvp, sizeof(cvp), out, 0);
	if (status_of(r)) {
		err = gt_fail("CreateVp: %s", hv_status_name(status_of(r)));
		goto out;
	}
	struct hv_input_get_set_vp_registers hdr = { id, 0, 0, 0, 0 };
	struct hv_register_assoc a;
	memset(&a, 0, sizeof(a));
	a.name = HV_X64_REGISTER_RAX;
	a.value.reg64 = 0x1122334455667788ull;
	memcpy(in, &hdr, 16);
	memcpy(in + 16, &a, 32);
	r = hv_root_call(hv_hypercall_input(HVCALL_SET_VP_REGISTERS, 0, 0, 1, 0), in, 48, out, 0);
	if (status_of(r) || reps_of(r) != 1) {
		err = gt_fail("SetVpRegisters: %s", hv_status_name(status_of(r)));
		goto out;
	}
	uint32_t name = HV_X64_REGISTER_RAX;
	memcpy(in + 16, &name, 4);
	r = hv_root_call(hv_hypercall_input(HVCALL_GET_VP_REGISTERS, 0, 0, 1, 0), in, 20, out, 16);
	uint64_t got;
	memcpy(&got, out, 8);
	if (status_of(r) || got != 0x1122334455667788ull) {
		err = gt_fail("GetVpRegisters: %s value 0x%llx", hv_status_name(status_of(r)),
			      (unsigned long long)got);
		goto out;
	}
	/* An invalid register name stops the rep at element 1. */
	uint32_t names[2] = { HV_X64_REGISTER_RAX, 0x12345 };
	memcpy(in + 16, names, 8);
	r = hv_root_call(hv_hypercall_input(HVCALL_GET_VP_REGISTERS, 0, 0, 2, 0), in, 24, out, 32);
	if (status_of(r) != HV_STATUS_INVALID_PARAMETER || reps_of(r) != 1) {
		err = gt_fail("GetVpRegisters with a bad name: %s, %u reps",
			      hv_status_name(status_of(r)), reps_of(r));
		goto out;
	}
out:
	/* Finalize, withdraw everything (rep with output elements), delete. */
	r = hv_root_call(hv_hypercall_input(HVCALL_FINALIZE_PARTITION, 0, 0, 0, 0), &id, 8, out, 0);
	if (!err && status_of(r))
		err = gt_fail("FinalizePartition: %s", hv_status_name(status_of(r)));
	struct hv_input_withdraw_memory wd;
	memset(&wd, 0, sizeof(wd));
	wd.partition_id = id;
	r = hv_root_call(hv_hypercall_input(HVCALL_WITHDRAW_MEMORY, 0, 0, 8, 0), &wd, sizeof(wd), out,
			 64);
	if (!err && (status_of(r) || reps_of(r) != 8))
		err = gt_fail("WithdrawMemory: %s, %u reps", hv_status_name(status_of(r)), reps_of(r));
	hv_root_free_pages((const uint64_t *)out, reps_of(r));
	r = hv_root_call(hv_hypercall_input(HVCALL_DELETE_PARTITION, 0, 0, 0, 0), &id, 8, out, 0);
	if (!err && status_of(r))
		err = gt_fail("DeletePartition: %s", hv_status_name(status_of(r)));
	hv_root_free_pages(guest, 2);
	return err;
}

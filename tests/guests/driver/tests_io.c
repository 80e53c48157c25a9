/* I/O-port intercepts: port, size, direction, data; resume with an IN value. */
#include "tests/guests/driver/gtest.h"
#include "unihv/hv_types.h"
#include "hv/vp_ops.h"

const char *gt_test_io(void);

const char *gt_test_io(void)
{
	struct gt_vm vm;
	struct hv_message m;
	const char *err;

	if ((err = gt_vm_create(&vm, 16, 16)))
		return err;
	if ((err = gt_vm_load(&vm, 0x1000, GT_BLOB(io))))
		goto out;
	GT_STATUS(hv_create_vp(vm.id, 0), HV_STATUS_SUCCESS);
	if ((err = gt_setup_real_mode(&vm, 0, 0x1000)))
		goto out;

	/* out %al, %dx: one byte 0x5a to port 0x1234 */
	if ((err = gt_run_expect(&vm, 0, HV_MESSAGE_TYPE_X64_IO_PORT_INTERCEPT, &m)))
		goto out;
	const struct hv_x64_io_port_intercept_message *io = &m.u.io_port;
	if (io->port_number != 0x1234 || (io->access_info & 7) != 1 ||
	    io->header.intercept_access_type != HV_INTERCEPT_ACCESS_WRITE ||
	    (io->rax & 0xff) != 0x5a || (io->header.instruction_length & 0xf) != 1) {
		err = gt_fail("OUT: port 0x%x size %u access %u rax 0x%llx len %u", io->port_number,
			      io->access_info & 7, io->header.intercept_access_type,
			      (unsigned long long)io->rax, io->header.instruction_length & 0xf);
		goto out;
	}
	if ((err = gt_skip(&vm, 0, &m)))
		goto out;

	/* in %dx, %ax: two bytes from port 0x1235; answer 0xbeef */
	if ((err = gt_run_expect(&vm, 0, HV_MESSAGE_TYPE_X64_IO_PORT_INTERCEPT, &m)))
		goto out;
	if (io->port_number != 0x1235 || (io->access_info & 7) != 2 ||
	    io->header.intercept_access_type != HV_INTERCEPT_ACCESS_READ) {
		err = gt_fail("IN: port 0x%x size %u access %u", io->port_number,
			      io->access_info & 7, io->header.intercept_access_type);
		goto out;
	}
	uint64_t rax = gt_get(&vm, 0, HV_X64_REGISTER_RAX);
	gt_set(&vm, 0, HV_X64_REGISTER_RAX, (rax & ~0xffffull) | 0xbeef);
	if ((err = gt_skip(&vm, 0, &m)))
		goto out;

	/* out %ax, %dx: the guest echoes the emulated value to 0x1236 */
	if ((err = gt_run_expect(&vm, 0, HV_MESSAGE_TYPE_X64_IO_PORT_INTERCEPT, &m)))
		goto out;
	if (io->port_number != 0x1236 || (io->access_info & 7) != 2 || (io->rax & 0xffff) != 0xbeef) {
		err = gt_fail("echo: port 0x%x size %u rax 0x%llx", io->port_number,
			      io->access_info & 7, (unsigned long long)io->rax);
		goto out;
	}
	if ((err = gt_skip(&vm, 0, &m)))
		goto out;
	err = gt_run_expect(&vm, 0, HV_MESSAGE_TYPE_X64_HALT, &m);
out:;
	const char *err2 = gt_vm_destroy(&vm);
	return err ? err : err2;
}

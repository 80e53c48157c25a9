/*
 * Two VPs of one partition running on two CPUs at the same time, and the
 * cancel of a VP that spins on another CPU (WHvCancelRunVirtualProcessor).
 */
#include "tests/guests/driver/gtest.h"
#include "hv/vp_ops.h"
#include "unihv/unihv_messages.h"
#include "arch/cpu.h"
#include "smp/smp.h"
#include "smp/smp_call.h"
#include "time/clock.h"

const char *gt_test_smp2(void);
const char *gt_test_cancel(void);

static const char *wait_done(struct hv_dispatch_request *req, uint64_t timeout_ns)
{
	uint64_t end = clock_ns() + timeout_ns;
	while (!__atomic_load_n(&req->done, __ATOMIC_ACQUIRE)) {
		if (clock_ns() > end)
			return gt_fail("dispatch on the other CPU did not return in time");
		cpu_relax();
	}
	return NULL;
}

const char *gt_test_smp2(void)
{
	struct gt_vm vm;
	struct hv_message m0;
	static struct hv_dispatch_request req;
	const char *err;

	if (smp_cpus_online() < 2)
		return gt_fail("needs 2 CPUs");
	if ((err = gt_vm_create(&vm, 16, 16)))
		return err;
	if ((err = gt_vm_load(&vm, 0x1000, GT_BLOB(smp2))))
		goto out;
	for (uint32_t i = 0; i < 2 && !err; i++) {
		if (hv_create_vp(vm.id, i) || (err = gt_setup_real_mode(&vm, i, 0x1000)))
			err = err ? err : gt_fail("create vp%u", i);
		else if (gt_set(&vm, i, HV_X64_REGISTER_RBX, i))
			err = gt_fail("set rbx");
	}
	if (err)
		goto out;
	req = (struct hv_dispatch_request){ .id = vm.id, .vp_index = 1 };
	if (!hv_dispatch_vp_start(1, &req)) {
		err = gt_fail("could not start vp1 on cpu1");
		goto out;
	}
	err = gt_run_expect(&vm, 0, HV_MESSAGE_TYPE_X64_IO_PORT_INTERCEPT, &m0);
	const char *err1 = wait_done(&req, 5000000000ull);
	if (err || (err = err1))
		goto out;
	if (req.status != HV_STATUS_SUCCESS ||
	    req.msg.header.message_type != HV_MESSAGE_TYPE_X64_IO_PORT_INTERCEPT) {
		err = gt_fail("vp1: status %s message 0x%x", hv_status_name(req.status),
			      req.msg.header.message_type);
		goto out;
	}
	if (m0.u.io_port.port_number != 0x100 || (m0.u.io_port.rax & 0xffff) != 1)
		err = gt_fail("vp0: port 0x%x value 0x%llx (0xdead: vp1 never ran alongside)",
			      m0.u.io_port.port_number, (unsigned long long)m0.u.io_port.rax & 0xffff);
	else if (req.msg.u.io_port.port_number != 0x101 || (req.msg.u.io_port.rax & 0xffff) != 1)
		err = gt_fail("vp1: port 0x%x value 0x%llx", req.msg.u.io_port.port_number,
			      (unsigned long long)req.msg.u.io_port.rax & 0xffff);
	else if (req.msg.u.io_port.header.vp_index != 1 || m0.u.io_port.header.vp_index != 0)
		err = gt_fail("vp index in messages: %u and %u", m0.u.io_port.header.vp_index,
			      req.msg.u.io_port.header.vp_index);
out:;
	const char *err2 = gt_vm_destroy(&vm);
	return err ? err : err2;
}

const char *gt_test_cancel(void)
{
	struct gt_vm vm;
	struct hv_message m;
	static struct hv_dispatch_request req;
	const char *err;

	if ((err = gt_vm_create(&vm, 16, 16)))
		return err;
	if ((err = gt_vm_load(&vm, 0x1000, GT_BLOB(spin))))
		goto out;
	if (hv_create_vp(vm.id, 0) || (err = gt_setup_real_mode(&vm, 0, 0x1000))) {
		err = err ? err : gt_fail("create vp0");
		goto out;
	}
	/* A cancel before the run makes the next dispatch return at once. */
	if (hv_cancel_vp(vm.id, 0) != HV_STATUS_SUCCESS) {
		err = gt_fail("cancel of an idle VP failed");
		goto out;
	}
	if ((err = gt_run_expect(&vm, 0, UNIHV_MESSAGE_TYPE_CANCELED, &m)))
		goto out;

	req = (struct hv_dispatch_request){ .id = vm.id, .vp_index = 0 };
	if (!hv_dispatch_vp_start(1, &req)) {
		err = gt_fail("could not start the VP on cpu1");
		goto out;
	}
	clock_delay_us(50000); /* let it spin */

	if (req.done) {
		err = gt_fail("the spinning VP returned before the cancel (type 0x%x)",
			      req.msg.header.message_type);
		goto out;
	}
	/* While it runs, its registers cannot be touched. */
	if (gt_set(&vm, 0, HV_X64_REGISTER_RAX, 1) != HV_STATUS_INVALID_VP_STATE) {
		err = gt_fail("set registers of a running VP was not refused");
		goto out;
	}
	hv_cancel_vp(vm.id, 0);
	if ((err = wait_done(&req, 2000000000ull)))
		goto out;
	if (req.status != HV_STATUS_SUCCESS || req.msg.header.message_type != UNIHV_MESSAGE_TYPE_CANCELED)
		err = gt_fail("canceled run: status %s type 0x%x", hv_status_name(req.status),
			      req.msg.header.message_type);
	else if (req.msg.u.intercept_header.rip != 0x1000)
		err = gt_fail("canceled at rip 0x%llx, not in the loop",
			      (unsigned long long)req.msg.u.intercept_header.rip);
out:;
	const char *err2 = gt_vm_destroy(&vm);
	return err ? err : err2;
}

struct cancel_later {
	uint64_t id;
};

static void cancel_after_delay(void *arg)
{
	struct cancel_later *c = arg;
	clock_delay_us(50000);
	hv_cancel_vp(c->id, 0);
}

const char *gt_test_cancel_here(void);

/* The VP spins on the calling CPU; CPU1 cancels it. */
const char *gt_test_cancel_here(void)
{
	struct gt_vm vm;
	struct hv_message m;
	static struct cancel_later c;
	const char *err;

	if ((err = gt_vm_create(&vm, 16, 16)))
		return err;
	if ((err = gt_vm_load(&vm, 0x1000, GT_BLOB(spin))))
		goto out;
	if (hv_create_vp(vm.id, 0) || (err = gt_setup_real_mode(&vm, 0, 0x1000))) {
		err = err ? err : gt_fail("create vp0");
		goto out;
	}
	c.id = vm.id;
	if (!smp_call_async(1, cancel_after_delay, &c)) {
		err = gt_fail("cannot post to cpu1");
		goto out;
	}
	/* The guest spins with RFLAGS.IF = 0: only the time slice ends its
	 * stay in the guest, so the cancel still gets through. */
	err = gt_run_expect(&vm, 0, UNIHV_MESSAGE_TYPE_CANCELED, &m);
	while (!smp_call_done(1))
		cpu_relax();
out:;
	const char *err2 = gt_vm_destroy(&vm);
	return err ? err : err2;
}

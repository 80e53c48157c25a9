/*
 * `make bench`: hypervisor path lengths under Bochs, where the TSC counts
 * instructions.  Each figure is a TSC delta measured inside the guest
 * around N iterations, minus the same loop without the measured event.
 */
#include <stdio.h>
#include "tests/guests/driver/gtest.h"
#include "hv/vp_ops.h"
#include "core/selftest.h"
#include "console/log.h"
#include "arch/cpu.h"
#include "unihv/hv_types.h"

#define N_FAST 2000
#define N_SLOW 200
#define N_COMPUTE 2000000

#define PORT_RESULT 0x10
#define BENCH_BASE 0x1000
#define OFF_VMCALL 0x00
#define OFF_EMPTY 0x40
#define OFF_IO 0x80
#define OFF_EPT 0xc0
#define OFF_COMPUTE 0x100
#define OFF_FAST 0x140
#define OFF_FLUSH_LIST 0x180
#define FLUSH_BLOCK 0x4000
#define N_FLUSH 400
#define UNMAPPED_GPA 0x800000

/* Run the loop at offset off for n iterations; *delta = guest TSC delta.
 * Intercepts other than the final OUT are answered by skipping the
 * instruction (I/O: from the message; EPT: the 2-byte mov). */
static const char *run_loop(struct gt_vm *vm, uint32_t off, uint32_t n, uint64_t *delta)
{
	struct hv_message m;

	gt_setup_protected_mode(vm, 0, BENCH_BASE + off);
	gt_set(vm, 0, HV_X64_REGISTER_RCX, n);
	gt_set(vm, 0, HV_X64_REGISTER_RBP, n);
	gt_set(vm, 0, HV_X64_REGISTER_RBX, UNMAPPED_GPA);
	for (;;) {
		uint16_t st = hv_dispatch_vp(vm->id, 0, &m);
		if (st)
			return gt_fail("dispatch: %s", hv_status_name(st));
		uint32_t type = m.header.message_type;
		if (type == HV_MESSAGE_TYPE_X64_IO_PORT_INTERCEPT && m.u.io_port.port_number == PORT_RESULT) {
			*delta = (uint32_t)m.u.io_port.rax;
			return gt_skip(vm, 0, &m);
		}
		if (type == HV_MESSAGE_TYPE_X64_IO_PORT_INTERCEPT) {
			gt_skip(vm, 0, &m);
		} else if (type == HV_MESSAGE_TYPE_UNMAPPED_GPA) {
			gt_set(vm, 0, HV_X64_REGISTER_RIP, m.u.memory.header.rip + 2);
		} else {
			return gt_fail("unexpected message 0x%x at 0x%llx", type,
				       (unsigned long long)m.u.intercept_header.rip);
		}
	}
}

/* The compute loop's body on the host, the same four instructions. */
static uint64_t host_compute(uint32_t n)
{
	uint64_t t0 = rdtsc();
	uint32_t x = 0x12345678, acc = 0;
	__asm__ volatile("1: imul $1103515245, %0, %0\n\t"
			 "add $12345, %0\n\t"
			 "xor %0, %1\n\t"
			 "dec %2\n\t"
			 "jnz 1b"
			 : "+r"(x), "+r"(acc), "+r"(n)
			 :
			 : "cc");
	return rdtsc() - t0;
}

static void report(const char *name, uint64_t value_x100, const char *unit)
{
	console_printf("BENCH %s: %llu.%02llu %s\n", name, (unsigned long long)(value_x100 / 100),
		       (unsigned long long)(value_x100 % 100), unit);
}

int guest_bench_run(const char *cmdline)
{
	struct gt_vm vm;
	uint64_t vmcall, empty, empty_slow, io, ept, compute, fast, flush1, flushn;
	const char *err;

	(void)cmdline;
	if ((err = gt_vm_create(&vm, 16, 16)))
		goto fail;
	if ((err = gt_vm_load(&vm, BENCH_BASE, GT_BLOB(bench))))
		goto out;
	if (hv_create_vp(vm.id, 0)) {
		err = gt_fail("create vp");
		goto out;
	}
	/* FlushVirtualAddressList input: all processors, GVA page elements. */
	{
		static uint64_t block[3 + N_FLUSH];
		block[0] = 0;
		block[1] = HV_FLUSH_ALL_PROCESSORS;
		block[2] = 0;
		for (unsigned i = 0; i < N_FLUSH; i++)
			block[3 + i] = 0x400u + i;
		if ((err = gt_vm_write(&vm, FLUSH_BLOCK, block, sizeof(block))))
			goto out;
	}
	/* Warm the paths once, then measure. */
	if ((err = run_loop(&vm, OFF_VMCALL, 10, &vmcall)) ||
	    (err = run_loop(&vm, OFF_VMCALL, N_FAST, &vmcall)) ||
	    (err = run_loop(&vm, OFF_EMPTY, N_FAST, &empty)) ||
	    (err = run_loop(&vm, OFF_EMPTY, N_SLOW, &empty_slow)) ||
	    (err = run_loop(&vm, OFF_IO, N_SLOW, &io)) ||
	    (err = run_loop(&vm, OFF_EPT, N_SLOW, &ept)) ||
	    (err = run_loop(&vm, OFF_COMPUTE, N_COMPUTE, &compute)) ||
	    (err = run_loop(&vm, OFF_FAST, N_FAST, &fast)) ||
	    (err = run_loop(&vm, OFF_FLUSH_LIST, 1, &flush1)) ||
	    (err = run_loop(&vm, OFF_FLUSH_LIST, N_FLUSH, &flushn)))
		goto out;
	/* The measured flush must have succeeded for every element. */
	if ((uint16_t)gt_get(&vm, 0, HV_X64_REGISTER_RDI) != HV_STATUS_SUCCESS ||
	    (gt_get(&vm, 0, HV_X64_REGISTER_RBX) & 0xfff) != N_FLUSH) {
		err = gt_fail("FlushVirtualAddressList: status 0x%llx, reps %llu",
			      (unsigned long long)gt_get(&vm, 0, HV_X64_REGISTER_RDI) & 0xffff,
			      (unsigned long long)gt_get(&vm, 0, HV_X64_REGISTER_RBX) & 0xfff);
		goto out;
	}
	uint64_t host = host_compute(N_COMPUTE);

	console_printf("BENCH conditions: Bochs TSC counts instructions; guest 32-bit protected "
		       "mode, 1 VP; loops of %u (fast) / %u (manager round trips) iterations\n",
		       N_FAST, N_SLOW);
	/* The guest's own instructions per iteration (vmcall/out/mov vs nop)
	 * cancel out against the empty loop. */
	report("vmcall_round_trip", (vmcall - empty) * 100 / N_FAST, "hypervisor instructions");
	report("io_intercept_round_trip", (io - empty_slow) * 100 / N_SLOW,
	       "instructions (hypervisor + in-image manager)");
	report("ept_violation_round_trip", (ept - empty_slow) * 100 / N_SLOW,
	       "instructions (hypervisor + in-image manager)");
	/* The fast loop runs two more guest instructions per iteration than
	 * the empty loop (the VMCALL stands where the NOP is). */
	report("fast_hypercall_round_trip", (fast - empty) * 100 / N_FAST - 200,
	       "hypervisor instructions (NotifyLongSpinWait, fast form)");
	report("flush_list_per_element", (flushn - flush1) * 100 / (N_FLUSH - 1),
	       "hypervisor instructions per FlushVirtualAddressList element (16 per VMCALL, then continuation)");
	report("compute_slowdown", compute * 100 / (host ? host : 1), "x (guest / bare image)");
out:;
	const char *err2 = gt_vm_destroy(&vm);
	if (!err)
		err = err2;
fail:
	if (err)
		console_printf("BENCH failed: %s\n", err);
	return err ? -1 : 0;
}

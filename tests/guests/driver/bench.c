/*
 * `make bench`: hypervisor path lengths under Bochs, where the TSC counts
 * instructions.  Each figure is a TSC delta measured inside the guest
 * around N iterations, minus the same loop without the measured event.
 */
#include <stdio.h>
#include "tests/guests/driver/gtest.h"
#include "hv/vp_ops.h"
#include "hv/port.h"
#include "smp/smp.h"
#include "time/clock.h"
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
#define OFF_POST 0x1c0
#define POST_VARS 0x5000
#define POST_BLOCK 0x6000
#define N_POST 100
#define RX_FLAGS 0x19000 /* tests/guests/portrx64.S */
#define RX_PML4 0x10000

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

/* Wait until the 32-bit word at gpa of vm is want (5 s). */
static const char *wait_word(struct gt_vm *vm, uint64_t gpa, uint32_t want)
{
	uint64_t end = clock_ns() + 5000000000ull;
	uint32_t v = 0;
	const char *err;

	while (!(err = gt_vm_read(vm, gpa, &v, 4)) && v != want)
		if (clock_ns() > end)
			return gt_fail("receiver word 0x%llx is %u, want %u", (unsigned long long)gpa,
				       v, want);
	return err;
}

/*
 * PostMessage delivery: the bench guest (sender) posts N_POST 16-byte
 * messages through a connection to a message port of a second partition,
 * whose VP (tests/guests/portrx64.S) runs on CPU 1, takes each message
 * from its SINT2 slot in an interrupt handler and writes EOM.  *delta is
 * the sender's TSC delta; *retries how often the slot and queue were full.
 */
static const char *post_bench(struct gt_vm *tx, uint64_t *delta, uint32_t *retries)
{
	struct gt_vm rx;
	struct hv_dispatch_request req = { 0 };
	struct hv_port_info pinfo = { .port_type = HV_PORT_TYPE_MESSAGE };
	struct hv_connection_info cinfo = { .port_type = HV_PORT_TYPE_MESSAGE };
	const uint64_t block[4] = { 0x21, 0x42 | 16ull << 32, 1, 2 }; /* conn, type, size, payload */
	uint32_t one = 1, received = 0;
	const char *err;

	pinfo.message_port_info.target_sint = 2;
	if ((err = gt_vm_create(&rx, 16, 32)))
		return err;
	if ((err = gt_vm_load(&rx, 0x1000, GT_BLOB(portrx64))) || hv_create_vp(rx.id, 0) ||
	    (err = gt_setup_long_mode(&rx, 0, 0x1000, RX_PML4)) ||
	    gt_set(&rx, 0, HV_X64_REGISTER_RSP, 0x8000) ||
	    hv_create_port(rx.id, 5, 0, 0, tx->id, &pinfo) ||
	    hv_connect_port(tx->id, 0x21, 0, rx.id, 5, &cinfo) ||
	    (err = gt_vm_write(tx, POST_BLOCK, block, sizeof(block)))) {
		err = err ? err : gt_fail("receiver or port set-up failed");
		goto out;
	}
	req.id = rx.id;
	if (!hv_dispatch_vp_start(1, &req)) {
		err = gt_fail("CPU 1 is busy");
		goto out;
	}
	if (!(err = wait_word(&rx, RX_FLAGS + 16, 1)) &&
	    !(err = run_loop(tx, OFF_POST, N_POST, delta)) &&
	    !(err = gt_vm_read(tx, POST_VARS + 8, retries, 4)))
		err = wait_word(&rx, RX_FLAGS, N_POST);
	gt_vm_read(&rx, RX_FLAGS, &received, 4);
	gt_vm_write(&rx, RX_FLAGS + 24, &one, 4); /* the receiver stops */
	uint64_t end = clock_ns() + 5000000000ull;
	while (!__atomic_load_n(&req.done, __ATOMIC_ACQUIRE) && clock_ns() < end)
		cpu_relax();
	if (!req.done) {
		hv_cancel_vp(rx.id, 0);
		while (!__atomic_load_n(&req.done, __ATOMIC_ACQUIRE))
			cpu_relax();
	}
	if (!err && received != N_POST)
		err = gt_fail("the receiver took %u of %u messages", received, N_POST);
out:
	return gt_finish(&rx, err);
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
	uint64_t vmcall, empty, empty_slow, io, ept, compute, fast, flush1, flushn, post = 0;
	uint32_t post_retries = 0;
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
	if (smp_cpus_online() >= 2 && (err = post_bench(&vm, &post, &post_retries)))
		goto out;
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
	if (post) {
		/* The post loop runs 10 guest instructions per message where the
		 * empty loop runs 5. */
		report("post_message_delivery", (post - empty_slow * N_POST / N_SLOW) * 100 / N_POST - 500,
		       "instructions per delivered PostMessage (hypercall, port lookup, SynIC slot "
		       "write, interrupt to the receiver's VP on the other CPU)");
		console_printf("BENCH post_message_retries: %u (slot and queue full: the receiver "
			       "was behind)\n", post_retries);
	}
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

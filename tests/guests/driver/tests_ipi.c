/*
 * Synthetic IPIs (hv/hypercall/hc_ipi.c, delivery in hv/vp.c) between the
 * two VPs of a 64-bit partition (tests/guests/ipi64.S):
 *   ipi   VP 0 (here, CPU 0) makes HvCallSendSyntheticClusterIpi[Ex]
 *         calls; first the bad inputs (vector 0x0F, VTL 1, reserved byte,
 *         empty mask, VP 5 that does not exist, Ex bank-count mismatch),
 *         which must send nothing.  Then VP 1 runs on CPU 1 with IF=1
 *         spinning on a flag its vector-0x40 handler sets: VP 0 sends 0x40
 *         to mask bit 1 (fast form), VP 1 must be kicked, take the
 *         interrupt once and OUT.  Part 2: VP 1 spins with IF=0 while VP 0
 *         sends 0x41 through the Ex memory form; then VP 1 does STI; HLT,
 *         which must end in the hypervisor (TLFS HLT wake-up) with the
 *         vector delivered, not reach the manager as a halt message.
 *         StartVirtualProcessor without its privilege: ACCESS_DENIED.
 *   start_vp  (partition with the StartVirtualProcessor privilege) VP 0
 *         calls HvCallStartVirtualProcessor for VP 1, which never ran:
 *         bad VP index, the caller itself (running), VTL 1, reserved
 *         bytes, an invalid context (CR0.PG without PE), then a long-mode
 *         context with RIP 0x1010 and RSP 0x6800; a second start is
 *         INVALID_VP_STATE.  The manager then dispatches VP 1, which must
 *         OUT its RSP from 0x1010.
 */
#include <string.h>
#include "tests/guests/driver/gtest.h"
#include "console/log.h"
#include "hv/hv.h"
#include "hv/memory.h"
#include "hv/partition.h"
#include "hv/vp_ops.h"
#include "arch/cpu.h"
#include "smp/smp.h"
#include "time/clock.h"
#include "unihv/hv_hypercall.h"
#include "unihv/hv_types.h"

const char *gt_test_ipi(void);
const char *gt_test_start_vp(void);

#define PORT 0x1260
#define CMD 0x18000
#define FLAGS 0x19000
#define IN_GPA 0x16000ull
#define PML4 0x10000ull

#define FAST (1ull << 16)
#define VARHEAD(n) ((uint64_t)(n) << 17)
#define HDR(vec, vtl, flags) \
	((uint64_t)(vec) | (uint64_t)(vtl) << 32 | (uint64_t)(flags) << 40)

struct ipi_case {
	const char *name;
	uint64_t control, rdx, r8;
	uint64_t input[4];   /* at IN_GPA when in_len != 0 */
	uint32_t in_len;
	uint64_t want;       /* RAX */
};

/* VP 0 makes one call here (CPU 0); check RAX. */
static const char *run_case(struct gt_vm *vm, const struct ipi_case *c)
{
	uint64_t cmd[3] = { c->control, c->rdx, c->r8 }, lo = 0, hi = 0;
	const char *err;

	if ((err = gt_vm_write(vm, CMD, cmd, sizeof(cmd))))
		return err;
	if (c->in_len && (err = gt_vm_write(vm, IN_GPA, c->input, c->in_len)))
		return err;
	if ((err = gt_run_out(vm, 0, PORT, 4, &lo)) || (err = gt_run_out(vm, 0, PORT, 4, &hi)))
		return gt_fail("%s: %s", c->name, err);
	uint64_t rax = lo | hi << 32;
	if (rax != c->want)
		return gt_fail("%s: RAX 0x%llx, want 0x%llx", c->name, (unsigned long long)rax,
			       (unsigned long long)c->want);
	return NULL;
}

static const char *wait_flag(struct gt_vm *vm, uint64_t gpa, struct hv_dispatch_request *req,
			     const char *what)
{
	uint64_t end = clock_ns() + 5000000000ull;
	uint32_t v = 0;
	const char *err;

	for (;;) {
		if ((err = gt_vm_read(vm, gpa, &v, 4)))
			return err;
		if (v)
			return NULL;
		if (__atomic_load_n(&req->done, __ATOMIC_ACQUIRE))
			return gt_fail("%s: VP 1 stopped first (status %s, message 0x%x)", what,
				       hv_status_name(req->status), req->msg.header.message_type);
		if (clock_ns() > end)
			return gt_fail("%s: timed out", what);
		cpu_relax();
	}
}

/* VP 1's dispatch on CPU 1 ends with an OUT to port; *value = EAX. */
static const char *wait_out(struct hv_dispatch_request *req, uint16_t port, uint32_t *value,
			    const char *what)
{
	uint64_t end = clock_ns() + 5000000000ull;

	while (!__atomic_load_n(&req->done, __ATOMIC_ACQUIRE)) {
		if (clock_ns() > end) {
			hv_cancel_vp(req->id, 1);
			while (!__atomic_load_n(&req->done, __ATOMIC_ACQUIRE))
				cpu_relax();
			return gt_fail("%s: VP 1 did not OUT (handler never ran?)", what);
		}
		cpu_relax();
	}
	if (req->status != HV_STATUS_SUCCESS ||
	    req->msg.header.message_type != HV_MESSAGE_TYPE_X64_IO_PORT_INTERCEPT ||
	    req->msg.u.io_port.port_number != port)
		return gt_fail("%s: status %s, message 0x%x", what, hv_status_name(req->status),
			       req->msg.header.message_type);
	*value = (uint32_t)req->msg.u.io_port.rax;
	return NULL;
}

/* Run VP 1 on CPU 1 to its next OUT while VP 0 sends c once VP 1 set ready. */
static const char *remote_round(struct gt_vm *vm, const struct ipi_case *c, uint64_t ready,
				uint64_t go, uint16_t port, uint32_t *value)
{
	static struct hv_dispatch_request req;
	const char *err, *err2;
	uint32_t one = 1;

	req = (struct hv_dispatch_request){ .id = vm->id, .vp_index = 1 };
	if (!hv_dispatch_vp_start(1, &req))
		return gt_fail("%s: could not start VP 1 on CPU 1", c->name);
	err = wait_flag(vm, ready, &req, c->name);
	if (!err)
		err = run_case(vm, c);
	if (!err && go)
		err = gt_vm_write(vm, go, &one, 4);
	err2 = wait_out(&req, port, value, c->name);
	if (err || (err = err2))
		return err;
	return gt_skip(vm, 1, &req.msg);
}

const char *gt_test_ipi(void)
{
	struct gt_vm vm;
	const char *err;
	uint32_t count[2], v = 0;

	if (smp_cpus_online() < 2)
		return gt_fail("needs 2 CPUs");
	GT_TRY(gt_vm_create(&vm, 16, 32));
	GT_TRY(gt_vm_load(&vm, 0x1000, GT_BLOB(ipi64)));
	for (uint32_t i = 0; i < 2; i++) {
		GT_TRY_STATUS(hv_create_vp(vm.id, i), HV_STATUS_SUCCESS);
		GT_TRY(gt_setup_long_mode(&vm, i, 0x1000, PML4));
		GT_TRY_STATUS(gt_set(&vm, i, HV_X64_REGISTER_RBX, i), HV_STATUS_SUCCESS);
		GT_TRY_STATUS(gt_set(&vm, i, HV_X64_REGISTER_RSP, 0x8000 - 0x1000 * i),
			      HV_STATUS_SUCCESS);
	}

	const uint16_t P = HV_STATUS_INVALID_PARAMETER, I = HV_STATUS_INVALID_HYPERCALL_INPUT;
	const uint64_t IPI = HVCALL_SEND_SYNTHETIC_CLUSTER_IPI;
	const uint64_t IPI_EX = HVCALL_SEND_SYNTHETIC_CLUSTER_IPI_EX;
	const struct ipi_case bad[] = {
		{ "vector 0x0f", IPI | FAST, HDR(0x0f, 0, 0), 2, {}, 0, P },
		{ "VTL 1", IPI | FAST, HDR(0x40, hv_input_vtl_target(1), 0), 2, {}, 0, P },
		{ "flags byte", IPI | FAST, HDR(0x40, 0, 1), 2, {}, 0, P },
		{ "empty mask", IPI | FAST, HDR(0x40, 0, 0), 0, {}, 0, P },
		{ "VP 5 does not exist", IPI | FAST, HDR(0x40, 0, 0), 2 | 1ull << 5, {}, 0, P },
		{ "memory form, VP 5", IPI, IN_GPA, 0, { HDR(0x40, 0, 0), 1ull << 5 }, 16, P },
		{ "ex bank count", IPI_EX | VARHEAD(0), IN_GPA, 0,
		  { HDR(0x41, 0, 0), HV_GENERIC_SET_SPARSE_4K, 1 }, 24, I },
		{ "ex vector 0x0f", IPI_EX | VARHEAD(1), IN_GPA, 0,
		  { HDR(0x0f, 0, 0), HV_GENERIC_SET_SPARSE_4K, 1, 2 }, 32, P },
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		GT_TRY(run_case(&vm, &bad[i]));

	/* Part 1: VP 1 spins with IF=1 on CPU 1; VP 0 sends 0x40 to it. */
	static const struct ipi_case send40 = { "IPI 0x40 to VP 1", IPI | FAST, HDR(0x40, 0, 0), 2,
						{}, 0, 0 };
	GT_TRY(remote_round(&vm, &send40, FLAGS + 0x28, 0, PORT + 1, &v));
	GT_TRY(gt_vm_read(&vm, FLAGS + 0x20, count, sizeof(count)));
	GT_TRY_CHECK(v == 1 && count[0] == 1 && count[1] == 0,
		     "part 1: VP 1 OUT %u, handler counts 0x40: %u, 0x41: %u (want 1, 1, 0)", v,
		     count[0], count[1]);

	/* Part 2: VP 1 has IF=0 when 0x41 arrives (Ex form, VP set {1}), then
	 * STI; HLT: woken in the hypervisor, the handler runs, then the OUT. */
	static const struct ipi_case send41 = { "IPI Ex 0x41 to VP 1, then STI; HLT",
						IPI_EX | VARHEAD(1), IN_GPA, 0,
						{ HDR(0x41, 0, 0), HV_GENERIC_SET_SPARSE_4K, 1, 2 },
						32, 0 };
	GT_TRY(remote_round(&vm, &send41, FLAGS + 0x2c, FLAGS + 0x30, PORT + 2, &v));
	GT_TRY(gt_vm_read(&vm, FLAGS + 0x20, count, sizeof(count)));
	GT_TRY_CHECK(v == 1 && count[0] == 1 && count[1] == 1,
		     "part 2: VP 1 OUT %u, handler counts 0x40: %u, 0x41: %u (want 1, 1, 1)", v,
		     count[0], count[1]);
	console_printf("ipi: VP 1 took vector 0x40 while spinning and 0x41 at STI; HLT\n");

	/* Not in the default privileges. */
	static const struct ipi_case start_denied = {
		"start VP without the privilege", HVCALL_START_VIRTUAL_PROCESSOR, IN_GPA, 0,
		{ HV_PARTITION_ID_SELF, 1 }, 16, HV_STATUS_ACCESS_DENIED
	};
	GT_TRY(run_case(&vm, &start_denied));
out:
	return gt_finish(&vm, err);
}

/* gt_vm_create(vm, 16, 32) with StartVirtualProcessor added to the
 * default PrivilegeFlags. */
static const char *vm_create_start_priv(struct gt_vm *vm)
{
	uint64_t pfns[16], privs = 0;
	uint32_t done = 0;
	uint16_t st;

	memset(vm, 0, sizeof(*vm));
	if ((st = hv_create_partition(0, &vm->id)))
		return gt_fail("create partition: %s", hv_status_name(st));
	st = hv_get_partition_property(vm->id, HV_PARTITION_PROPERTY_PRIVILEGE_FLAGS, &privs);
	if (!st)
		st = hv_set_partition_property(vm->id, HV_PARTITION_PROPERTY_PRIVILEGE_FLAGS,
					       privs | HV_PARTITION_PRIVILEGE_START_VIRTUAL_PROCESSOR);
	if (st)
		return gt_fail("PrivilegeFlags: %s", hv_status_name(st));
	if (!hv_root_alloc_pages(pfns, 16))
		return gt_fail("root allocation of the pool failed");
	if ((st = hv_deposit_memory(vm->id, pfns, 16, &done))) {
		hv_root_free_pages(pfns + done, 16 - done);
		return gt_fail("deposit: %s", hv_status_name(st));
	}
	if ((st = hv_initialize_partition(vm->id)))
		return gt_fail("initialize: %s", hv_status_name(st));
	return gt_vm_map(vm, 0, 32, HV_MAP_GPA_READABLE | HV_MAP_GPA_WRITABLE |
					    HV_MAP_GPA_EXECUTABLE);
}

/* HvCallStartVirtualProcessor input for VP vp_index: 240 bytes as u64. */
static void start_input(uint64_t in[30], uint32_t vp_index, uint8_t vtl, uint64_t cr0)
{
	struct hv_input_start_virtual_processor s;
	const struct hv_x64_segment_register code = { 0, 0xffffffff, 0x08, 0xa09b };
	const struct hv_x64_segment_register data = { 0, 0xffffffff, 0x10, 0xc093 };

	memset(&s, 0, sizeof(s));
	s.partition_id = HV_PARTITION_ID_SELF;
	s.vp_index = vp_index;
	s.target_vtl = vtl;
	s.vp_context.rip = 0x1010;
	s.vp_context.rsp = 0x6800;
	s.vp_context.rflags = 0x2;
	s.vp_context.cs = code;
	s.vp_context.ds = s.vp_context.es = s.vp_context.fs = s.vp_context.gs = data;
	s.vp_context.ss = data;
	s.vp_context.tr = (struct hv_x64_segment_register){ 0, 0x67, 0x18, 0x8b };
	s.vp_context.ldtr = (struct hv_x64_segment_register){ 0, 0xffff, 0, 0x82 };
	s.vp_context.idtr.limit = 0xffff;
	s.vp_context.gdtr.limit = 0xffff;
	s.vp_context.efer = 0x500;  /* LME | LMA */
	s.vp_context.cr0 = cr0;
	s.vp_context.cr3 = PML4;
	s.vp_context.cr4 = 0x20;    /* PAE */
	s.vp_context.msr_cr_pat = 0x0007040600070406ull;
	memcpy(in, &s, sizeof(s));
}

const char *gt_test_start_vp(void)
{
	struct gt_vm vm;
	const char *err;
	uint64_t v = 0;
	static struct ipi_case c;
	const uint64_t START = HVCALL_START_VIRTUAL_PROCESSOR;
	static const struct {
		const char *name;
		uint32_t vp;
		uint8_t vtl;
		uint64_t cr0;
		uint16_t rsvd;
		uint16_t want;
	} steps[] = {
		{ "start VP 5 (none)", 5, 0, 0x80000011, 0, HV_STATUS_INVALID_VP_INDEX },
		{ "start VP 0 (the caller)", 0, 0, 0x80000011, 0, HV_STATUS_INVALID_VP_STATE },
		{ "start VP 1 in VTL 1", 1, 0x11, 0x80000011, 0, HV_STATUS_INVALID_PARAMETER },
		{ "start VP 1, reserved bytes", 1, 0, 0x80000011, 1, HV_STATUS_INVALID_PARAMETER },
		{ "start VP 1, CR0.PG without PE", 1, 0, 0x80000010, 0,
		  HV_STATUS_INVALID_REGISTER_VALUE },
		{ "start VP 1", 1, 0, 0x80000011, 0, HV_STATUS_SUCCESS },
		{ "start VP 1 again", 1, 0, 0x80000011, 0, HV_STATUS_INVALID_VP_STATE },
	};
	uint64_t in[30];

	GT_TRY(vm_create_start_priv(&vm));
	GT_TRY(gt_vm_load(&vm, 0x1000, GT_BLOB(ipi64)));
	GT_TRY_STATUS(hv_create_vp(vm.id, 0), HV_STATUS_SUCCESS);
	GT_TRY_STATUS(hv_create_vp(vm.id, 1), HV_STATUS_SUCCESS);
	GT_TRY(gt_setup_long_mode(&vm, 0, 0x1000, PML4));
	for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		start_input(in, steps[i].vp, steps[i].vtl, steps[i].cr0);
		in[1] |= (uint64_t)steps[i].rsvd << 48;
		c = (struct ipi_case){ steps[i].name, START, IN_GPA, 0, {}, 0, steps[i].want };
		GT_TRY(gt_vm_write(&vm, IN_GPA, in, sizeof(in)));
		GT_TRY(run_case(&vm, &c));
	}
	/* The manager dispatches the started VP: it runs from the context. */
	GT_TRY(gt_run_out(&vm, 1, PORT + 3, 4, &v));
	GT_TRY_CHECK(v == 0x6800, "started VP 1 OUT RSP 0x%llx, want 0x6800",
		     (unsigned long long)v);
out:
	return gt_finish(&vm, err);
}

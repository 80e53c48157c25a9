/*
 * unihv.v1.Vp: Create, Delete, GetRegisters, SetRegisters, Run, CancelRun,
 * RequestInterrupt, on the TLFS root calls CreateVp 0x004E, DeleteVp
 * 0x004F, Get/SetVpRegisters 0x0050/0x0051 and DispatchVp 0x00C2
 * (hv/vp_ops.h), with WHP's meaning (WHvCreateVirtualProcessor,
 * WHvRunVirtualProcessor, WHvCancelRunVirtualProcessor,
 * WHvRequestInterrupt: /work/shared/spec/whp-api.md 2-4).
 *
 * Run: the boot CPU serves the network, so a VP runs on another CPU
 * (hv_dispatch_vp_start) while the call stays pending; the RPC layer
 * polls it (run_poll) until the dispatch is done and the intercept
 * message becomes the WHP exit context.  A timeout cancels the VP
 * (hv_cancel_vp), which comes back with the Canceled exit.
 */
#include <stdlib.h>
#include <string.h>
#include "mgmt/svc.h"
#include "hv/hv.h"
#include "hv/partition.h"
#include "hv/vp_ops.h"
#include "smp/percpu.h"
#include "smp/smp.h"
#include "time/clock.h"
#include "unihv/hv_message.h"
#include "unihv/hv_status.h"
#include "unihv/unihv_messages.h"
#include "unihv.pb.h"

#define BOOT_CPU 0u
#define MAX_REGS 64u

/* WHV_RUN_VP_EXIT_REASON (whp-api.md 3). */
#define WHV_EXIT_NONE 0x0000u
#define WHV_EXIT_MEMORY_ACCESS 0x0001u
#define WHV_EXIT_X64_IO_PORT_ACCESS 0x0002u
#define WHV_EXIT_UNRECOVERABLE_EXCEPTION 0x0004u
#define WHV_EXIT_INVALID_VP_REGISTER_VALUE 0x0005u
#define WHV_EXIT_UNSUPPORTED_FEATURE 0x0006u
#define WHV_EXIT_X64_INTERRUPT_WINDOW 0x0007u
#define WHV_EXIT_X64_HALT 0x0008u
#define WHV_EXIT_X64_APIC_EOI 0x0009u
#define WHV_EXIT_SYNIC_SINT_DELIVERABLE 0x000Au
#define WHV_EXIT_X64_MSR_ACCESS 0x1000u
#define WHV_EXIT_X64_CPUID 0x1001u
#define WHV_EXIT_EXCEPTION 0x1002u
#define WHV_EXIT_HYPERCALL 0x1005u
#define WHV_EXIT_CANCELED 0x2001u

/* WHV_INTERRUPT_TYPE (whp-api.md 4): the one unihv delivers. */
#define WHV_INTERRUPT_TYPE_FIXED 0u

static struct svc_vp_stats stats;

void svc_vp_get_stats(struct svc_vp_stats *out)
{
	*out = stats;
}

/* ---- validation ----------------------------------------------------------- */

static enum mgmt_result fail_no_vmx(struct mgmt_call *call, const char *what)
{
	return mgmt_fail(call, RPC_FAILED_PRECONDITION, SVC_E_NO_VIRTUALIZATION,
			 "%s needs VT-x (VMX), which this machine does not offer", what);
}

/* HV status for "VP vp_index of partition id exists" (the caller's check
 * before it commits resources; hv/ checks again). */
static uint16_t vp_exists(uint64_t id, uint32_t vp_index)
{
	uint16_t st = HV_STATUS_SUCCESS;

	spin_lock(&hv_lock);
	struct partition *p = partition_find(id);
	if (!p)
		st = HV_STATUS_INVALID_PARTITION_ID;
	else if (vp_index >= HV_MAX_VPS_PER_PARTITION || !p->vps[vp_index])
		st = HV_STATUS_INVALID_VP_INDEX;
	spin_unlock(&hv_lock);
	return st;
}

static enum mgmt_result fail_vp(struct mgmt_call *call, uint16_t st, const char *op, uint64_t id,
				uint32_t vp_index)
{
	if (st == HV_STATUS_INVALID_PARTITION_ID)
		return mgmt_fail_hv(call, st, "partition %llu does not exist",
				    (unsigned long long)id);
	if (st == HV_STATUS_INVALID_VP_INDEX)
		return mgmt_fail_hv(call, st, "partition %llu has no VP %u", (unsigned long long)id,
				    vp_index);
	return mgmt_fail_hv(call, st, "%s on partition %llu VP %u", op, (unsigned long long)id,
			    vp_index);
}

/* ---- lifecycle and registers ---------------------------------------------- */

enum mgmt_result svc_vp_create(struct mgmt_call *call, const void *req, void *resp)
{
	const unihv_v1_VpRef *r = req;

	(void)resp;
	call->partition_id = r->partition_id;
	if (!hv_virtualization_available())
		return fail_no_vmx(call, "creating a VP");
	uint16_t st = hv_create_vp(r->partition_id, r->vp_index);
	if (st == HV_STATUS_INVALID_VP_INDEX)
		return mgmt_fail_hv(call, st, "VP %u of partition %llu exists or is not below %u",
				    r->vp_index, (unsigned long long)r->partition_id,
				    HV_MAX_VPS_PER_PARTITION);
	return st ? fail_vp(call, st, "CreateVp", r->partition_id, r->vp_index) : MGMT_DONE;
}

enum mgmt_result svc_vp_delete(struct mgmt_call *call, const void *req, void *resp)
{
	const unihv_v1_VpRef *r = req;

	(void)resp;
	call->partition_id = r->partition_id;
	uint16_t st = hv_delete_vp(r->partition_id, r->vp_index);
	return st ? fail_vp(call, st, "DeleteVp", r->partition_id, r->vp_index) : MGMT_DONE;
}

enum mgmt_result svc_vp_get_registers(struct mgmt_call *call, const void *req, void *resp)
{
	const unihv_v1_GetRegistersRequest *r = req;
	unihv_v1_GetRegistersResponse *out = resp;
	static union hv_register_value values[MAX_REGS]; /* boot CPU only */
	uint32_t done = 0;

	memset(out, 0, sizeof(*out));
	call->partition_id = r->partition_id;
	if (r->names_count > MAX_REGS)
		return mgmt_fail_hv(call, HV_STATUS_INVALID_PARAMETER, "%u registers: at most %u",
				    (unsigned)r->names_count, MAX_REGS);
	if (r->names_count == 0) {
		uint16_t st = vp_exists(r->partition_id, r->vp_index);
		return st ? fail_vp(call, st, "GetVpRegisters", r->partition_id, r->vp_index)
			  : MGMT_DONE;
	}
	uint16_t st = hv_get_vp_registers(r->partition_id, r->vp_index, r->names, r->names_count,
					  values, &done);
	if (st == HV_STATUS_INVALID_PARAMETER && done < r->names_count)
		return mgmt_fail_hv(call, st, "register name 0x%x (#%u) is unknown",
				    r->names[done], done);
	if (st != HV_STATUS_SUCCESS)
		return fail_vp(call, st, "GetVpRegisters", r->partition_id, r->vp_index);
	for (uint32_t i = 0; i < r->names_count; i++)
		out->registers[i] = (unihv_v1_Register){ r->names[i], values[i].reg128.low,
							 values[i].reg128.high };
	out->registers_count = r->names_count;
	return MGMT_DONE;
}

enum mgmt_result svc_vp_set_registers(struct mgmt_call *call, const void *req, void *resp)
{
	const unihv_v1_SetRegistersRequest *r = req;
	static struct hv_register_assoc regs[MAX_REGS]; /* boot CPU only */
	uint32_t done = 0;

	(void)resp;
	call->partition_id = r->partition_id;
	if (r->registers_count > MAX_REGS)
		return mgmt_fail_hv(call, HV_STATUS_INVALID_PARAMETER, "%u registers: at most %u",
				    (unsigned)r->registers_count, MAX_REGS);
	if (r->registers_count == 0) {
		uint16_t st = vp_exists(r->partition_id, r->vp_index);
		return st ? fail_vp(call, st, "SetVpRegisters", r->partition_id, r->vp_index)
			  : MGMT_DONE;
	}
	memset(regs, 0, sizeof(regs));
	for (uint32_t i = 0; i < r->registers_count; i++) {
		regs[i].name = r->registers[i].name;
		regs[i].value.reg128.low = r->registers[i].low;
		regs[i].value.reg128.high = r->registers[i].high;
	}
	uint16_t st = hv_set_vp_registers(r->partition_id, r->vp_index, regs, r->registers_count,
					  &done);
	if ((st == HV_STATUS_INVALID_PARAMETER || st == HV_STATUS_INVALID_REGISTER_VALUE) &&
	    done < r->registers_count)
		return mgmt_fail_hv(call, st,
				    "register 0x%x (#%u) = 0x%llx:%016llx (%u set before it)",
				    r->registers[done].name, done,
				    (unsigned long long)r->registers[done].high,
				    (unsigned long long)r->registers[done].low, done);
	return st ? fail_vp(call, st, "SetVpRegisters", r->partition_id, r->vp_index) : MGMT_DONE;
}

enum mgmt_result svc_vp_cancel_run(struct mgmt_call *call, const void *req, void *resp)
{
	const unihv_v1_VpRef *r = req;

	(void)resp;
	call->partition_id = r->partition_id;
	uint16_t st = hv_cancel_vp(r->partition_id, r->vp_index);
	return st ? fail_vp(call, st, "CancelRun", r->partition_id, r->vp_index) : MGMT_DONE;
}

/*
 * WHvRequestInterrupt, fixed type only (the edge-triggered vectors of
 * hv/vp.c; no APIC emulation: destination = VP index).  The vector is
 * posted under hv_lock with vp_post_interrupt_locked, the same operation
 * vp_post_interrupts does, so the partition cannot go away between the
 * lookup and the post.
 */
enum mgmt_result svc_vp_request_interrupt(struct mgmt_call *call, const void *req, void *resp)
{
	const unihv_v1_RequestInterruptRequest *r = req;

	(void)resp;
	call->partition_id = r->partition_id;
	if (r->type != WHV_INTERRUPT_TYPE_FIXED)
		return mgmt_fail(call, RPC_UNIMPLEMENTED, "UNIHV_E_UNSUPPORTED_INTERRUPT_TYPE",
				 "interrupt type %u: only Fixed (0) is delivered", r->type);
	if (r->vector < 16 || r->vector > 255)
		return mgmt_fail_hv(call, HV_STATUS_INVALID_PARAMETER,
				    "vector %u: fixed vectors are 16 to 255", r->vector);
	spin_lock(&hv_lock);
	struct partition *p = partition_find(r->partition_id);
	uint16_t st = HV_STATUS_SUCCESS;
	if (!p)
		st = HV_STATUS_INVALID_PARTITION_ID;
	else if (r->destination >= HV_MAX_VPS_PER_PARTITION || !p->vps[r->destination])
		st = HV_STATUS_INVALID_VP_INDEX;
	else
		vp_post_interrupt_locked(p->vps[r->destination], (uint8_t)r->vector);
	spin_unlock(&hv_lock);
	return st ? fail_vp(call, st, "RequestInterrupt", r->partition_id, r->destination)
		  : MGMT_DONE;
}

/* ---- Run ------------------------------------------------------------------ */

/*
 * A run in progress.  hv/ writes req from the CPU running the VP until
 * req.done, so a run whose session closed before then cannot be freed at
 * once: it waits on the orphan list (after a cancel) and is freed by a
 * later Run once done.
 */
struct run {
	struct hv_dispatch_request req;
	uint64_t timeout_at;         /* clock_ns() of RunRequest.timeout_ms; 0: none */
	bool started;
	bool cancel_sent;
	struct run *next_orphan;
};

static struct run *orphans;

static void reap_orphans(void)
{
	for (struct run **pp = &orphans; *pp;) {
		struct run *run = *pp;
		if (__atomic_load_n(&run->req.done, __ATOMIC_ACQUIRE)) {
			*pp = run->next_orphan;
			free(run);
		} else {
			pp = &run->next_orphan;
		}
	}
}

/* Start the dispatch on a free CPU other than the boot CPU (and the
 * caller's); false when every such CPU is busy for now. */
static bool run_try_start(struct run *run)
{
	unsigned self = this_cpu_index();

	for (unsigned cpu = 0; cpu < MAX_CPUS && !run->started; cpu++)
		if (cpu != BOOT_CPU && cpu != self && hv_dispatch_vp_start(cpu, &run->req))
			run->started = true;
	return run->started;
}

/* The HV_MESSAGE types whose payload starts with the x64 intercept header. */
static bool has_intercept_header(uint32_t type)
{
	switch (type) {
	case HV_MESSAGE_TYPE_UNMAPPED_GPA:
	case HV_MESSAGE_TYPE_GPA_INTERCEPT:
	case HV_MESSAGE_TYPE_X64_IO_PORT_INTERCEPT:
	case HV_MESSAGE_TYPE_X64_MSR_INTERCEPT:
	case HV_MESSAGE_TYPE_X64_CPUID_INTERCEPT:
	case HV_MESSAGE_TYPE_EXCEPTION_INTERCEPT:
	case HV_MESSAGE_TYPE_X64_HALT:
	case HV_MESSAGE_TYPE_UNRECOVERABLE_EXCEPTION:
	case HV_MESSAGE_TYPE_X64_INTERRUPTION_DELIVERABLE:
	case HV_MESSAGE_TYPE_SYNIC_SINT_DELIVERABLE:
	case HV_MESSAGE_TYPE_HYPERCALL_INTERCEPT:
	case UNIHV_MESSAGE_TYPE_CANCELED:
		return true;
	default:
		return false;
	}
}

/*
 * WHV_RUN_VP_EXIT_CONTEXT from the intercept message: the TLFS messages
 * correspond 1:1 to WHP's exit reasons (whp-api.md 3, data-types 14.1).
 */
static void exit_from_message(unihv_v1_ExitContext *e, const struct hv_message *m)
{
	uint32_t type = m->header.message_type;

	e->message_type = type;
	memcpy(e->hv_message.bytes, m, sizeof(*m));
	e->hv_message.size = sizeof(*m);
	if (has_intercept_header(type)) {
		const struct hv_x64_intercept_message_header *h = &m->u.intercept_header;
		e->execution_state = h->execution_state;
		e->instruction_length =
			h->instruction_length & HV_X64_INTERCEPT_INSTRUCTION_LENGTH_MASK;
		e->rip = h->rip;
		e->rflags = h->rflags;
		e->cs_selector = h->cs_segment.selector;
	}
	switch (type) {
	case HV_MESSAGE_TYPE_X64_IO_PORT_INTERCEPT:
		e->exit_reason = WHV_EXIT_X64_IO_PORT_ACCESS;
		e->io_port = m->u.io_port.port_number;
		e->io_access_size = m->u.io_port.access_info & HV_X64_IO_PORT_ACCESS_SIZE_MASK;
		e->io_is_write =
			m->u.io_port.header.intercept_access_type == HV_INTERCEPT_ACCESS_WRITE;
		e->rax = m->u.io_port.rax;
		break;
	case HV_MESSAGE_TYPE_UNMAPPED_GPA:
	case HV_MESSAGE_TYPE_GPA_INTERCEPT:
		e->exit_reason = WHV_EXIT_MEMORY_ACCESS;
		e->gpa = m->u.memory.guest_physical_address;
		e->gva = m->u.memory.guest_virtual_address;
		e->memory_access_type = m->u.memory.header.intercept_access_type;
		break;
	case HV_MESSAGE_TYPE_X64_MSR_INTERCEPT:
		e->exit_reason = WHV_EXIT_X64_MSR_ACCESS;
		e->msr_number = m->u.msr.msr_number;
		e->msr_is_write =
			m->u.msr.header.intercept_access_type == HV_INTERCEPT_ACCESS_WRITE;
		e->rax = m->u.msr.rax;
		e->rdx = m->u.msr.rdx;
		break;
	case HV_MESSAGE_TYPE_X64_CPUID_INTERCEPT:
		e->exit_reason = WHV_EXIT_X64_CPUID;
		e->cpuid_rax = m->u.cpuid.rax;
		e->cpuid_rcx = m->u.cpuid.rcx;
		break;
	case HV_MESSAGE_TYPE_EXCEPTION_INTERCEPT:
		e->exit_reason = WHV_EXIT_EXCEPTION;
		e->exception_vector = m->u.exception.exception_vector;
		e->error_code = m->u.exception.error_code;
		break;
	case HV_MESSAGE_TYPE_X64_HALT:
		e->exit_reason = WHV_EXIT_X64_HALT;
		break;
	case HV_MESSAGE_TYPE_UNRECOVERABLE_EXCEPTION:
		e->exit_reason = WHV_EXIT_UNRECOVERABLE_EXCEPTION;
		break;
	case HV_MESSAGE_TYPE_INVALID_VP_REGISTER_VALUE:
		e->exit_reason = WHV_EXIT_INVALID_VP_REGISTER_VALUE;
		break;
	case HV_MESSAGE_TYPE_UNSUPPORTED_FEATURE:
		e->exit_reason = WHV_EXIT_UNSUPPORTED_FEATURE;
		break;
	case HV_MESSAGE_TYPE_X64_INTERRUPTION_DELIVERABLE:
		e->exit_reason = WHV_EXIT_X64_INTERRUPT_WINDOW;
		break;
	case HV_MESSAGE_TYPE_X64_APIC_EOI:
		e->exit_reason = WHV_EXIT_X64_APIC_EOI;
		break;
	case HV_MESSAGE_TYPE_SYNIC_SINT_DELIVERABLE:
		e->exit_reason = WHV_EXIT_SYNIC_SINT_DELIVERABLE;
		break;
	case HV_MESSAGE_TYPE_HYPERCALL_INTERCEPT:
		e->exit_reason = WHV_EXIT_HYPERCALL;
		break;
	case UNIHV_MESSAGE_TYPE_CANCELED:
		e->exit_reason = WHV_EXIT_CANCELED;
		e->cancel_reason = 0; /* WHvRunVpCancelReasonUser */
		break;
	default:
		e->exit_reason = WHV_EXIT_NONE; /* the raw message tells */
		break;
	}
}

static void run_release(struct mgmt_call *call)
{
	free(call->state);
	call->state = NULL;
	stats.runs_pending--;
}

static enum mgmt_result run_poll(struct mgmt_call *call, void *resp)
{
	struct run *run = call->state;
	unihv_v1_RunResponse *out = resp;
	/* RunRequest.timeout_ms is the run's own (Canceled exit); the ttRPC
	 * deadline (call->deadline_ns) is the RPC layer's (it cancels). */
	bool expired = run->timeout_at && clock_ns() >= run->timeout_at;

	if (!run_try_start(run)) {
		if (!expired)
			return MGMT_PENDING;
		uint32_t vp_index = run->req.vp_index;
		run_release(call);
		return mgmt_fail(call, RPC_DEADLINE_EXCEEDED, "UNIHV_E_NO_FREE_CPU",
				 "no CPU became free to run partition %llu VP %u in time",
				 (unsigned long long)call->partition_id, vp_index);
	}
	if (!__atomic_load_n(&run->req.done, __ATOMIC_ACQUIRE)) {
		/* Timeout: the VP leaves the guest at its next exit (at most
		 * one time slice) with the Canceled message. */
		if (expired && !run->cancel_sent) {
			hv_cancel_vp(run->req.id, run->req.vp_index);
			run->cancel_sent = true;
			stats.run_timeouts++;
		}
		return MGMT_PENDING;
	}
	uint16_t st = run->req.status;
	uint64_t id = run->req.id;
	uint32_t vp_index = run->req.vp_index;
	if (st == HV_STATUS_SUCCESS) {
		memset(out, 0, sizeof(*out));
		out->has_exit = true;
		exit_from_message(&out->exit, &run->req.msg);
	}
	/* Our timeout's cancel came too late (the VP stopped on its own): it
	 * must not cut the next run short. */
	if (run->cancel_sent && run->req.msg.header.message_type != UNIHV_MESSAGE_TYPE_CANCELED)
		hv_cancel_vp_withdraw(id, vp_index);
	run_release(call);
	return st ? fail_vp(call, st, "DispatchVp", id, vp_index) : MGMT_DONE;
}

/* The session went away: stop the VP; the run is freed once it is done. */
static void run_cancel(struct mgmt_call *call)
{
	struct run *run = call->state;

	if (!run)
		return;
	if (run->started && !__atomic_load_n(&run->req.done, __ATOMIC_ACQUIRE)) {
		hv_cancel_vp(run->req.id, run->req.vp_index);
		run->next_orphan = orphans;
		orphans = run;
		call->state = NULL;
		stats.runs_pending--;
		return;
	}
	run_release(call);
}

enum mgmt_result svc_vp_run(struct mgmt_call *call, const void *req, void *resp)
{
	const unihv_v1_RunRequest *r = req;

	(void)resp;
	call->partition_id = r->partition_id;
	reap_orphans();
	if (!hv_virtualization_available())
		return fail_no_vmx(call, "running a VP");
	uint16_t st = vp_exists(r->partition_id, r->vp_index);
	if (st != HV_STATUS_SUCCESS)
		return fail_vp(call, st, "DispatchVp", r->partition_id, r->vp_index);
	if (smp_cpus_online() < 2)
		return mgmt_fail(call, RPC_FAILED_PRECONDITION, "UNIHV_E_NO_VP_CPU",
				 "VPs run on CPUs other than the boot CPU, and only it is online");
	struct run *run = calloc(1, sizeof(*run));
	if (!run)
		return mgmt_fail(call, RPC_RESOURCE_EXHAUSTED, SVC_E_OUT_OF_MEMORY,
				 "no memory for a run");
	run->req.id = r->partition_id;
	run->req.vp_index = r->vp_index;
	if (r->timeout_ms)
		run->timeout_at = clock_ns() + (uint64_t)r->timeout_ms * 1000000u;
	call->state = run;
	call->poll = run_poll;
	call->cancel = run_cancel;
	stats.runs++;
	stats.runs_pending++;
	run_try_start(run);
	return MGMT_PENDING;
}

/*
 * VP lifecycle and the run loop: the middle layer of exit handling.  The
 * backend decodes a VM exit into struct hv_exit; here it is either handled
 * (CPUID, MSRs the hypervisor owns, hypercalls, host interrupts) and the
 * guest resumes, or it becomes an intercept message for the manager
 * (hv/intercept.c) and dispatch returns.
 */
#include <stdlib.h>
#include <string.h>
#include "hv/hv.h"
#include "hv/vp.h"
#include "hv/vp_ops.h"
#include "hv/partition.h"
#include "hv/intercept.h"
#include "hv/irq_pending.h"
#include "hv/emulate.h"
#include "hv/synthetic_msr.h"
#include "hv/synic.h"
#include "hv/stimer.h"
#include "hv/hypercall/guest_call.h"
#include "unihv/hv_status.h"
#include "arch/cpu.h"
#include "console/log.h"
#include "lib/bug.h"
#include "smp/percpu.h"
#include "smp/smp_call.h"

BUILD_BUG_ON(sizeof(struct vp) > 4096);

static volatile uint64_t exit_sequence[MAX_CPUS];

int vp_running_cpu(const struct vp *vp)
{
	return vp->run_state == VP_RUNNING ? vp->running_cpu : -1;
}

uint64_t vp_exit_sequence(const struct vp *vp)
{
	int cpu = vp->running_cpu;
	return cpu >= 0 ? __atomic_load_n(&exit_sequence[cpu], __ATOMIC_ACQUIRE) : 0;
}

hv_status_t hv_create_vp(uint64_t id, uint32_t vp_index)
{
	struct partition *p;

	spin_lock(&hv_lock);
	hv_status_t st = partition_find_active(id, &p);
	if (st == HV_STATUS_SUCCESS && (vp_index >= HV_MAX_VPS_PER_PARTITION || p->vps[vp_index]))
		st = HV_STATUS_INVALID_VP_INDEX;
	/* A VP is a VMCS: without VMX there is nothing to create. */
	if (st == HV_STATUS_SUCCESS && !hv_virtualization_available())
		st = HV_STATUS_FEATURE_UNAVAILABLE;
	if (st == HV_STATUS_SUCCESS && p->pool_free < 1 + ARCH_VP_PAGES)
		st = HV_STATUS_INSUFFICIENT_MEMORY;
	if (st != HV_STATUS_SUCCESS) {
		spin_unlock(&hv_lock);
		return st;
	}
	uint64_t vp_page = partition_pool_alloc(p);
	uint64_t arch_page = partition_pool_alloc(p);
	struct vp *vp = (struct vp *)(uintptr_t)vp_page;
	vp->partition = p;
	vp->index = vp_index;
	vp->pool_pages[0] = arch_page;
	vp->run_state = VP_IDLE;
	vp->running_cpu = -1;
	vp_regs_reset(&vp->regs, vp_index == 0);
	synic_vp_init(vp);
	if (!arch_vp_init(vp, arch_page)) {
		partition_pool_free(p, arch_page);
		partition_pool_free(p, vp_page);
		spin_unlock(&hv_lock);
		return HV_STATUS_NO_RESOURCES;
	}
	p->vps[vp_index] = vp;
	p->vp_count++;
	spin_unlock(&hv_lock);
	return HV_STATUS_SUCCESS;
}

/* Free a VP that is not running.  hv_lock held. */
void vp_destroy_locked(struct partition *p, uint32_t vp_index)
{
	struct vp *vp = p->vps[vp_index];

	/* A running VP is made to leave first: cancel it and wait without the
	 * lock (its CPU needs the lock to finish the dispatch). */
	while (vp->run_state == VP_RUNNING) {
		vp->cancel_requested = true;
		int cpu = vp->running_cpu;
		if (cpu >= 0)
			smp_kick((unsigned)cpu);
		spin_unlock(&hv_lock);
		while (vp->run_state == VP_RUNNING)
			cpu_relax();
		spin_lock(&hv_lock);
		if (p->vps[vp_index] != vp)
			return; /* someone else deleted it meanwhile */
	}
	arch_vp_destroy(vp);
	p->vps[vp_index] = NULL;
	p->vp_count--;
	partition_pool_free(p, vp->pool_pages[0]);
	partition_pool_free(p, (uint64_t)(uintptr_t)vp);
}

hv_status_t hv_delete_vp(uint64_t id, uint32_t vp_index)
{
	struct partition *p;

	spin_lock(&hv_lock);
	hv_status_t st = partition_find_active(id, &p);
	if (st == HV_STATUS_SUCCESS && (vp_index >= HV_MAX_VPS_PER_PARTITION || !p->vps[vp_index]))
		st = HV_STATUS_INVALID_VP_INDEX;
	if (st == HV_STATUS_SUCCESS)
		vp_destroy_locked(p, vp_index);
	spin_unlock(&hv_lock);
	return st;
}

/* Find an idle VP for a register or translate operation; hv_lock held. */
hv_status_t vp_lookup_idle(uint64_t id, uint32_t vp_index, struct vp **out)
{
	struct partition *p;
	hv_status_t st = partition_find_active(id, &p);
	if (st != HV_STATUS_SUCCESS)
		return st;
	if (vp_index >= HV_MAX_VPS_PER_PARTITION || !p->vps[vp_index])
		return HV_STATUS_INVALID_VP_INDEX;
	if (p->vps[vp_index]->run_state != VP_IDLE)
		return HV_STATUS_INVALID_VP_STATE;
	*out = p->vps[vp_index];
	return HV_STATUS_SUCCESS;
}

/* Second layer: handle e, or fill *msg and return true to stop. */
static bool handle_exit(struct vp *vp, struct hv_exit *e, struct hv_message *msg)
{
	vp->stats.exits_total++;
	vp->stats.exits_by_kind[e->kind]++;

	switch (e->kind) {
	case HV_EXIT_INTERRUPTED:
	case HV_EXIT_INTERRUPT_WINDOW:
		/* Let the host take the interrupt that caused the exit. */
		irq_enable();
		__asm__ volatile("nop");
		irq_disable();
		if (vp->cancel_requested) {
			vp->cancel_requested = false;
			intercept_canceled(vp, msg);
			return true;
		}
		return false;
	case HV_EXIT_CPUID:
		if (partition_intercepts_cpuid(vp->partition, (uint32_t)vp->regs.gpr[GPR_RAX]))
			break;
		emulate_cpuid(vp, e);
		return false;
	case HV_EXIT_MSR:
		if (emulate_msr(vp, e))
			return false;
		break;
	case HV_EXIT_HYPERCALL:
		guest_hypercall(vp, e);
		return false;
	case HV_EXIT_HLT:
		/* The VP resumes after the HLT.  With a vector pending and
		 * RFLAGS.IF=1 the HLT ends at once (TLFS HLT wake-up): the run
		 * loop injects it.  Otherwise the manager decides, as before
		 * (also with IF=1 and nothing pending: unihv has no timer to
		 * wait for; a vector sent later stays pending for the next
		 * dispatch). */
		arch_vp_skip_instruction(vp, e);
		if (irq_pending_highest(vp->irq_pending) >= 0 && arch_vp_interrupts_enabled(vp))
			return false;
		break;
	default:
		break;
	}
	intercept_message(vp, e, msg);
	vp->stats.messages++;
	return true;
}

/*
 * Before an entry: inject the highest pending vector as an external
 * interrupt if the guest can take it now, and ask for an interrupt-window
 * exit while vectors stay pending (cleared once none is).  Edge-triggered
 * fixed vectors only: no APIC, so no TPR/ISR priority and no EOI; a vector
 * posted again before delivery is delivered once.
 */
static void deliver_interrupts(struct vp *vp)
{
	int v = irq_pending_highest(vp->irq_pending);

	if (v < 0) {
		arch_vp_interrupt_window(vp, false); /* free when already off */
		return;
	}
	arch_vp_prepare(vp);
	if (v >= 0 && arch_vp_interruptible(vp) && irq_pending_take(vp->irq_pending, (uint8_t)v)) {
		arch_vp_inject_interrupt(vp, (uint8_t)v);
		v = irq_pending_highest(vp->irq_pending);
	}
	arch_vp_interrupt_window(vp, v >= 0);
	if (v >= 0)
		vp_attention(vp, VP_ATTN_IRQ); /* look again after the window exit */
}

/* The work an entry found in vp->attention (taken by the caller). */
static void attend(struct vp *vp, uint32_t attn)
{
	if ((attn & VP_ATTN_TLB_FLUSH) &&
	    __atomic_exchange_n(&vp->tlb_flush_pending, false, __ATOMIC_SEQ_CST))
		arch_vp_flush_guest_tlb(vp);
	if (attn & VP_ATTN_TIMER)
		stimer_check(vp); /* may post a SINT vector: before delivery */
	if (attn & (VP_ATTN_IRQ | VP_ATTN_TIMER))
		deliver_interrupts(vp);
}

/* Run vp here until a message; hv_lock not held, vp marked running. */
static void run_loop(struct vp *vp, struct hv_message *msg)
{
	struct hv_exit e;
	unsigned cpu = this_cpu_index();
	uint64_t flags = irq_save();

	if (vp->cancel_requested) {
		vp->cancel_requested = false;
		intercept_canceled(vp, msg);
		irq_restore(flags);
		return;
	}
	synthetic_msr_dispatch_begin(vp); /* HV_X64_MSR_VP_RUNTIME */
	for (;;) {
		/* Publish "in the guest" before looking for a flush request: a
		 * requester that set the flag after this check sees in_guest and
		 * waits for the exit (vp_flush_guest_tlbs). */
		__atomic_store_n(&vp->in_guest, true, __ATOMIC_SEQ_CST);
		uint32_t attn = __atomic_exchange_n(&vp->attention, 0, __ATOMIC_SEQ_CST);
		if (attn)
			attend(vp, attn);
		arch_vp_run(vp, &e);
		__atomic_store_n(&vp->in_guest, false, __ATOMIC_RELEASE);
		__atomic_add_fetch(&exit_sequence[cpu], 1, __ATOMIC_RELEASE);
		if (handle_exit(vp, &e, msg))
			break;
	}
	synthetic_msr_dispatch_end(vp);
	/* Leave the VP with its state in vp->regs, free to run anywhere. */
	arch_vp_release(vp);
	irq_restore(flags);
}

hv_status_t hv_dispatch_vp(uint64_t id, uint32_t vp_index, struct hv_message *msg)
{
	struct vp *vp;

	if (!hv_virtualization_available())
		return HV_STATUS_FEATURE_UNAVAILABLE;
	spin_lock(&hv_lock);
	hv_status_t st = vp_lookup_idle(id, vp_index, &vp);
	if (st == HV_STATUS_SUCCESS && vp->partition->crashed)
		st = HV_STATUS_INVALID_PARTITION_STATE;
	if (st == HV_STATUS_SUCCESS) {
		vp->running_cpu = (int)this_cpu_index();
		vp->run_state = VP_RUNNING;
		vp->dispatched = true; /* no StartVirtualProcessor from now on */
	}
	spin_unlock(&hv_lock);
	if (st != HV_STATUS_SUCCESS)
		return st;

	memset(msg, 0, sizeof(*msg));
	run_loop(vp, msg);

	spin_lock(&hv_lock);
	vp->run_state = VP_IDLE;
	vp->running_cpu = -1;
	spin_unlock(&hv_lock);
	return HV_STATUS_SUCCESS;
}

struct remote_dispatch {
	uint64_t id;
	uint32_t vp_index;
	struct hv_message *msg;
	hv_status_t status;
};

static void dispatch_here(void *arg)
{
	struct remote_dispatch *d = arg;
	d->status = hv_dispatch_vp(d->id, d->vp_index, d->msg);
}

hv_status_t hv_dispatch_vp_on_cpu(uint64_t id, uint32_t vp_index, unsigned cpu,
				  struct hv_message *msg)
{
	struct remote_dispatch d = { id, vp_index, msg, HV_STATUS_INVALID_PARAMETER };

	if (!smp_call_sync(cpu, dispatch_here, &d))
		return HV_STATUS_INVALID_PARAMETER; /* no such CPU online */
	return d.status;
}

static void dispatch_request_here(void *arg)
{
	struct hv_dispatch_request *req = arg;
	req->status = hv_dispatch_vp(req->id, req->vp_index, &req->msg);
	__atomic_store_n(&req->done, true, __ATOMIC_RELEASE);
}

bool hv_dispatch_vp_start(unsigned cpu, struct hv_dispatch_request *req)
{
	req->done = false;
	if (cpu == this_cpu_index())
		return false; /* would run to completion here: use hv_dispatch_vp */
	return smp_call_async(cpu, dispatch_request_here, req);
}

/* Whether mask names a VP index p has no VP for; hv_lock held. */
static bool names_missing_vp(const struct partition *p, uint64_t mask)
{
	for (uint32_t i = 0; i < HV_MAX_VPS_PER_PARTITION; i++)
		if ((mask >> i & 1) && !p->vps[i])
			return true;
	return false;
}

hv_status_t vp_flush_guest_tlbs(struct partition *p, bool all, uint64_t mask)
{
	unsigned self = this_cpu_index();
	int cpus[HV_MAX_VPS_PER_PARTITION];
	uint64_t seqs[HV_MAX_VPS_PER_PARTITION];
	unsigned n = 0;

	spin_lock(&hv_lock);
	if (!all && names_missing_vp(p, mask)) {
		spin_unlock(&hv_lock);
		return HV_STATUS_INVALID_PARAMETER; /* no such VP */
	}
	for (uint32_t i = 0; i < HV_MAX_VPS_PER_PARTITION; i++) {
		struct vp *vp = p->vps[i];
		if (!vp || !(all || (mask >> i & 1)))
			continue;
		__atomic_store_n(&vp->tlb_flush_pending, true, __ATOMIC_SEQ_CST);
		vp_attention(vp, VP_ATTN_TLB_FLUSH);
		/* running_cpu is stable under hv_lock.  Sequence first, then
		 * in_guest: an exit counted after the read ends the wait. */
		int cpu = vp_running_cpu(vp);
		if (cpu < 0 || (unsigned)cpu == self)
			continue; /* idle, or the caller: flushes before its next entry */
		uint64_t seq = __atomic_load_n(&exit_sequence[cpu], __ATOMIC_SEQ_CST);
		if (!__atomic_load_n(&vp->in_guest, __ATOMIC_SEQ_CST))
			continue; /* in the host: sees the flag before entering */
		smp_kick((unsigned)cpu);
		cpus[n] = cpu;
		seqs[n++] = seq;
	}
	spin_unlock(&hv_lock);
	/* Wait without the lock (the kicked CPU may need it to handle the
	 * exit) on per-CPU counters, which outlive any VP. */
	for (unsigned k = 0; k < n; k++)
		while (__atomic_load_n(&exit_sequence[cpus[k]], __ATOMIC_ACQUIRE) == seqs[k])
			cpu_relax();
	return HV_STATUS_SUCCESS;
}

void vp_post_interrupt_locked(struct vp *vp, uint8_t vector)
{
	irq_pending_set(vp->irq_pending, vector);
	vp_attention(vp, VP_ATTN_IRQ);
	/* Seen before the next entry; one in the guest elsewhere is kicked
	 * out now (running_cpu is stable under hv_lock). */
	int cpu = vp_running_cpu(vp);
	if (cpu >= 0 && (unsigned)cpu != this_cpu_index() &&
	    __atomic_load_n(&vp->in_guest, __ATOMIC_SEQ_CST))
		smp_kick((unsigned)cpu);
}

hv_status_t vp_post_interrupts(struct partition *p, bool all, uint64_t mask, uint8_t vector)
{
	spin_lock(&hv_lock);
	if (!all && names_missing_vp(p, mask)) {
		spin_unlock(&hv_lock);
		return HV_STATUS_INVALID_PARAMETER; /* no such VP */
	}
	for (uint32_t i = 0; i < HV_MAX_VPS_PER_PARTITION; i++) {
		struct vp *vp = p->vps[i];
		if (!vp || !(all || (mask >> i & 1)))
			continue;
		vp_post_interrupt_locked(vp, vector);
	}
	spin_unlock(&hv_lock);
	return HV_STATUS_SUCCESS;
}

void hv_cancel_vp_withdraw(uint64_t id, uint32_t vp_index)
{
	spin_lock(&hv_lock);
	struct partition *p = partition_find(id);
	struct vp *vp = p && vp_index < HV_MAX_VPS_PER_PARTITION ? p->vps[vp_index] : NULL;
	if (vp && vp->run_state == VP_IDLE)
		vp->cancel_requested = false;
	spin_unlock(&hv_lock);
}

hv_status_t hv_cancel_vp(uint64_t id, uint32_t vp_index)
{
	spin_lock(&hv_lock);
	struct partition *p = partition_find(id);
	hv_status_t st = HV_STATUS_SUCCESS;
	if (!p)
		st = HV_STATUS_INVALID_PARTITION_ID;
	else if (vp_index >= HV_MAX_VPS_PER_PARTITION || !p->vps[vp_index])
		st = HV_STATUS_INVALID_VP_INDEX;
	if (st == HV_STATUS_SUCCESS) {
		struct vp *vp = p->vps[vp_index];
		vp->cancel_requested = true;
		int cpu = vp_running_cpu(vp);
		if (cpu >= 0 && (unsigned)cpu != this_cpu_index())
			smp_kick((unsigned)cpu);
	}
	spin_unlock(&hv_lock);
	return st;
}

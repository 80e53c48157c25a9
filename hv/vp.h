/*
 * Virtual processors: the architectural state, the backend state, the
 * run state, and the exit handling in the middle layer of the three
 * (backend decode -> hv/vp.c -> intercept message for the manager).
 */
#ifndef UNIHV_HV_VP_H
#define UNIHV_HV_VP_H

#include <stdbool.h>
#include <stdint.h>
#include "hv/arch.h"
#include "hv/vp_regs.h"
#include "lib/spinlock.h"
#include "hv/synic.h"
#include "hv/stimer.h"

struct partition;

enum vp_run_state {
	VP_IDLE,     /* not running: registers may be read and written */
	VP_RUNNING,  /* on a CPU in vp_run */
};

struct vp_stats {
	uint64_t exits_total;
	uint64_t exits_by_kind[HV_EXIT_UNKNOWN + 1];
	uint64_t messages;
};

struct vp {
	struct partition *partition;
	uint32_t index;
	struct vp_regs regs;
	struct arch_vp arch;
	volatile enum vp_run_state run_state;
	volatile int running_cpu;          /* valid while VP_RUNNING */
	volatile bool cancel_requested;
	bool explicit_suspend;             /* HvRegisterExplicitSuspend */
	bool halted;                       /* executed HLT, waiting for an event */
	/* Guest TLB flushes (hv/hypercall/hc_guest.c): a flush requested for
	 * this VP, applied before its next entry; in_guest is true from that
	 * check until the exit is counted (vp_flush_guest_tlbs). */
	volatile bool tlb_flush_pending;
	volatile bool in_guest;
	/* Work to do before the next entry (VP_ATTN_*), set by whoever creates
	 * it (vp_attention) and taken by the run loop, so that an entry with
	 * nothing to do costs one exchange. */
	volatile uint32_t attention;
	/* Virtual interrupts (vp_post_interrupt): pending fixed vectors, bit n
	 * = vector n, set atomically from any CPU (hv/irq_pending.h). */
	volatile uint64_t irq_pending[4];
	/* HvCallStartVirtualProcessor (hv/hypercall/hc_start_vp.c): started
	 * with an initial context; dispatched: hv_dispatch_vp ran it once.
	 * Only a VP with neither may be started. */
	bool started;
	bool dispatched;
	struct vp_stats stats;
	uint64_t pool_pages[ARCH_VP_PAGES];

	/* Enlightenments: HV_X64_MSR_VP_RUNTIME (hv/synthetic_msr.c). */
	uint64_t runtime_ns;         /* time in the dispatches that ended */
	uint64_t dispatch_start_ns;  /* clock_ns() when the current one began */
	/* SynIC (hv/synic.c) and synthetic timers (hv/stimer.c). */
	struct synic synic;
	struct stimer stimers[STIMER_COUNT];
};

#define VP_ATTN_TLB_FLUSH 1u /* tlb_flush_pending was set */
#define VP_ATTN_IRQ       2u /* irq_pending has (or may have) a vector */
#define VP_ATTN_TIMER     4u /* a synthetic timer is armed or has a message */

/* Ask vp's run loop to look at `bits` before its next entry.  Any CPU;
 * callers that need a running VP to see it at once also kick its CPU. */
static inline void vp_attention(struct vp *vp, uint32_t bits)
{
	__atomic_or_fetch(&vp->attention, bits, __ATOMIC_SEQ_CST);
}

#endif

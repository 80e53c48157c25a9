/*
 * Synthetic timers STIMER0-3 (TLFS timers.md; digest enlightenments.md §6).
 * Privilege AccessSyntheticTimerRegs (bit 3); without it the MSRs #GP.
 *
 *   STIMERn_CONFIG: Enable 0, Periodic 1, Lazy 2, AutoEnable 3, SINTx
 *     19:16.  RsvdZ bits, ApicVector (11:4) and DirectMode (12; direct mode
 *     is not offered, CPUID 0x40000003 EDX[19] clear) set -> #GP.
 *     Enabling with SINTx = 0 leaves Enable clear.  Writing CONFIG with
 *     Enable set (re)starts the timer from COUNT.
 *   STIMERn_COUNT: 100 ns reference-time units.  One-shot: absolute expiry
 *     (TIME_REF_COUNT >= COUNT; a past value fires at the next check).
 *     Periodic: the period, the first one starting when the timer is
 *     enabled (or COUNT written while enabled).  Writing 0 clears Enable;
 *     a non-zero write with AutoEnable sets it.
 *   A timer with Enable set and COUNT 0 is not armed.
 *
 * Expiry is checked in the VP run loop before each entry (stimer_check),
 * so it is late by up to the time the VP stays in the guest without an
 * exit: at most the VMX preemption-timer slice (10 ms), less whenever the
 * guest exits sooner (any RDMSR of TIME_REF_COUNT, EOM, ...).  Never early.
 * On expiry a HvMessageTypeTimerExpired message (origination 0, payload
 * timer index, expiration time = the due time, delivery time = reference
 * time when written to the slot) goes to SINTx of this VP through the
 * timer's own buffer: if it cannot be delivered now (slot busy -> the
 * slot's MessagePending is set; SynIC/SIMP off) it stays pending and is
 * retried at every check and EOM; further expiries of that timer while it
 * is pending are dropped (one buffer per timer).  One-shot timers clear
 * Enable when they fire.  Periodic timers re-arm at due + period; if that
 * is already past, missed periods are skipped (next due = now + period),
 * for lazy and non-lazy timers alike.
 * Timers run only while the VP is dispatched: a VP that is not running
 * (halt handed to the manager, idle) fires its overdue timers at its next
 * dispatch.
 */
#ifndef UNIHV_HV_STIMER_H
#define UNIHV_HV_STIMER_H

#include <stdbool.h>
#include <stdint.h>

struct vp;

#define STIMER_COUNT 4

struct stimer {
	uint64_t config;
	uint64_t count;
	uint64_t due;             /* reference time of the next expiry, when armed */
	uint64_t expiration;      /* due time of the pending message */
	bool armed;
	bool msg_pending;         /* expired, message not yet in the slot */
};

static inline bool stimer_msr_in_range(uint32_t msr)
{
	return msr >= 0x400000B0u && msr <= 0x400000B7u;
}

/* RDMSR/WRMSR by vp itself (privilege already checked); false -> #GP. */
bool stimer_msr_read(struct vp *vp, uint32_t msr, uint64_t *out);
bool stimer_msr_write(struct vp *vp, uint32_t msr, uint64_t value);

/* Run loop, before each entry: fire due timers, retry pending messages. */
void stimer_check(struct vp *vp);

/* hv_lock held (SynIC rescan): retry vp's pending timer messages. */
void stimer_deliver_pending_locked(struct vp *vp);

#endif

/*
 * Per-VP synthetic interrupt controller (SynIC) message delivery (TLFS
 * inter-partition-communication.md; digest enlightenments.md §5).
 *
 * MSRs (privilege AccessSynicRegs, bit 2; without it RDMSR/WRMSR #GP):
 *   SCONTROL 0x40000080 RW  bit 0 Enable; 63:1 RsvdP (read back as 0).
 *   SVERSION 0x40000081 R   1; WRMSR #GP.
 *   SIEFP    0x40000082 RW  bit 0 Enable, 63:12 GPN; 11:1 RsvdP.  The
 *                           event-flags page: SignalEvent sets flags in
 *                           it (synic_signal_event_locked).  A GPN beyond
 *                           the GPA space #GPs.
 *   SIMP     0x40000083 RW  as SIEFP; the message page.  Not an overlay:
 *                           messages are written into whatever guest page
 *                           is mapped at the GPN (partition_write_gpa under
 *                           hv_lock); nothing is written when enabling (the
 *                           guest zeroes its page).  Enabling rescans the
 *                           queues.
 *   EOM      0x40000084 W   any value; reads 0.  Rescans: every SINT whose
 *                           slot is now empty gets its oldest queued
 *                           message (and pending timer messages).
 *   SINT0-15 0x40000090+n RW vector 7:0, Masked 16, AutoEOI 17; all other
 *                           bits RsvdP (Polling, AsIntercept, Proxy are not
 *                           offered and read back as 0).  An unmasked
 *                           vector below 16 #GPs (a masked one is accepted,
 *                           so the reset value 0x10000 can be written back,
 *                           as KVM does).  Reset value 0x10000.
 *
 * Delivery (synic_post_message): the target VP needs SCONTROL.Enable and
 * SIMP.Enable with a page mapped at the GPN, else
 * HV_STATUS_INVALID_SYNIC_STATE.  If slot n's MessageType is NONE the
 * message (header + payload_size bytes, MessageType stored last) is copied
 * there, and the SINT's vector is posted (vp_post_interrupt_locked) unless
 * the SINT is masked (then the message sits in the slot, TLFS: "the
 * interrupt is lost").  Otherwise it is queued (SYNIC_QUEUE_LEN messages
 * per VP, shared by the SINTs, oldest first; full ->
 * HV_STATUS_INSUFFICIENT_BUFFERS) and MessagePending is set in the
 * occupied slot's header so the guest writes EOM.  AutoEOI has no effect:
 * unihv has no virtual APIC, vectors are edge-triggered without EOI.
 * The pending-flag update is a plain read-modify-write of the guest page,
 * not an atomic one: a guest on another VP clearing the slot at that very
 * moment may miss the flag (the message then waits for the next EOM or
 * post to that SINT).
 */
#ifndef UNIHV_HV_SYNIC_H
#define UNIHV_HV_SYNIC_H

#include <stdbool.h>
#include <stdint.h>
#include "unihv/hv_message.h"
#include "unihv/hv_status.h"
#include "unihv/hv_types.h"

struct vp;
typedef uint16_t hv_status_t;

#define SYNIC_QUEUE_LEN 4

struct synic_queued {
	uint8_t sint;
	struct hv_message msg;
};

struct synic {
	uint64_t scontrol;
	uint64_t siefp;
	uint64_t simp;
	uint64_t sint[HV_SYNIC_SINT_COUNT];
	uint32_t queued;                              /* entries in queue */
	struct synic_queued queue[SYNIC_QUEUE_LEN];   /* oldest first */
};

/* At VP creation: reset values. */
void synic_vp_init(struct vp *vp);

static inline bool synic_msr_in_range(uint32_t msr)
{
	return (msr >= 0x40000080u && msr <= 0x40000084u) ||
	       (msr >= 0x40000090u && msr <= 0x4000009Fu);
}

/* RDMSR/WRMSR of a SynIC MSR by vp itself (privilege already checked).
 * false -> #GP.  Take hv_lock themselves. */
bool synic_msr_read(struct vp *vp, uint32_t msr, uint64_t *out);
bool synic_msr_write(struct vp *vp, uint32_t msr, uint64_t value);

/* Post msg to vp's SINT sint (see above).  Any CPU; takes hv_lock.
 * HV_STATUS_SUCCESS when delivered to the slot or queued. */
hv_status_t synic_post_message(struct vp *vp, uint32_t sint, const struct hv_message *msg);

/* The same with hv_lock held. */
hv_status_t synic_post_message_locked(struct vp *vp, uint32_t sint, const struct hv_message *msg);

/* SCONTROL and SIMP enabled: vp can take messages; SCONTROL and SIEFP
 * enabled: it can take event flags.  hv_lock held. */
bool synic_ready_for_messages(const struct vp *vp);
bool synic_ready_for_events(const struct vp *vp);

/*
 * SignalEvent's delivery (TLFS "Event Flags"): set flag (0..2047) of
 * SINT sint in vp's SIEF page with one atomic OR; when it was clear, post
 * the SINT's vector (*newly = true).  SynIC or SIEFP disabled, the SINT
 * masked, or no page behind SIEFP -> INVALID_SYNIC_STATE.  hv_lock held.
 */
hv_status_t synic_signal_event_locked(struct vp *vp, uint32_t sint, uint32_t flag, bool *newly);

/*
 * hv_lock held.  Put msg into slot sint if it is empty and raise the
 * vector: true.  Otherwise (slot busy: MessagePending set in it; SynIC or
 * SIMP disabled or unmapped) false and nothing queued: for sources with
 * their own buffer (synthetic timers), retried at the next rescan.
 */
bool synic_try_deliver_locked(struct vp *vp, uint32_t sint, const struct hv_message *msg);

#endif

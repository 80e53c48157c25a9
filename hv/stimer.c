/*
 * Synthetic timers; semantics in hv/stimer.h.  A VP's timer state changes
 * under hv_lock (the SynIC rescan may run on another CPU); the run loop
 * looks at it without the lock first to stay cheap when nothing is armed.
 */
#include <string.h>
#include "hv/stimer.h"
#include "hv/synic.h"
#include "hv/hv.h"
#include "hv/vp.h"
#include "hv/synthetic_msr.h"
#include "unihv/hv_cpuid.h"
#include "unihv/hv_message.h"

#define CONFIG_OK (HV_STIMER_CONFIG_ENABLE | HV_STIMER_CONFIG_PERIODIC | HV_STIMER_CONFIG_LAZY | \
		   HV_STIMER_CONFIG_AUTO_ENABLE | HV_STIMER_CONFIG_SINTX_MASK)

static uint32_t sintx(const struct stimer *t)
{
	return (uint32_t)((t->config & HV_STIMER_CONFIG_SINTX_MASK) >> HV_STIMER_CONFIG_SINTX_SHIFT);
}

/* hv_lock held: arm t from now per CONFIG and COUNT (or disarm). */
static void arm(struct vp *vp, struct stimer *t)
{
	t->armed = false;
	if (!(t->config & HV_STIMER_CONFIG_ENABLE) || !t->count)
		return;
	if (t->config & HV_STIMER_CONFIG_PERIODIC)
		t->due = synthetic_msr_reference_time(vp->partition) + t->count;
	else
		t->due = t->count;
	t->armed = true;
	vp_attention(vp, VP_ATTN_TIMER);
}

/* hv_lock held: try to put timer i's pending message into its SINT slot. */
static void deliver(struct vp *vp, uint32_t i)
{
	struct stimer *t = &vp->stimers[i];
	struct hv_message msg;

	memset(&msg, 0, sizeof(msg));
	msg.header.message_type = HV_MESSAGE_TYPE_TIMER_EXPIRED;
	msg.header.payload_size = sizeof(struct hv_timer_message_payload);
	msg.u.timer.timer_index = i;
	msg.u.timer.expiration_time = t->expiration;
	msg.u.timer.delivery_time = synthetic_msr_reference_time(vp->partition);
	if (synic_try_deliver_locked(vp, sintx(t), &msg))
		t->msg_pending = false;
}

void stimer_deliver_pending_locked(struct vp *vp)
{
	for (uint32_t i = 0; i < STIMER_COUNT; i++)
		if (vp->stimers[i].msg_pending)
			deliver(vp, i);
}

void stimer_check(struct vp *vp)
{
	bool any = false;

	for (uint32_t i = 0; i < STIMER_COUNT; i++)
		any |= vp->stimers[i].armed || vp->stimers[i].msg_pending;
	if (!any)
		return;
	uint64_t now = synthetic_msr_reference_time(vp->partition);
	spin_lock(&hv_lock);
	for (uint32_t i = 0; i < STIMER_COUNT; i++) {
		struct stimer *t = &vp->stimers[i];
		if (t->armed && now >= t->due) {
			if (!t->msg_pending) {
				t->msg_pending = true;
				t->expiration = t->due;
			} /* else: the timer's one buffer is busy, this expiry is dropped */
			if (t->config & HV_STIMER_CONFIG_PERIODIC) {
				t->due += t->count;
				if (t->due <= now)
					t->due = now + t->count; /* skip missed periods */
			} else {
				t->armed = false;
				t->config &= ~HV_STIMER_CONFIG_ENABLE;
			}
		}
		if (t->msg_pending)
			deliver(vp, i);
	}
	/* Still armed or waiting for its slot: look again next entry. */
	for (uint32_t i = 0; i < STIMER_COUNT; i++)
		if (vp->stimers[i].armed || vp->stimers[i].msg_pending)
			vp_attention(vp, VP_ATTN_TIMER);
	spin_unlock(&hv_lock);
}

bool stimer_msr_read(struct vp *vp, uint32_t msr, uint64_t *out)
{
	const struct stimer *t = &vp->stimers[(msr - HV_X64_MSR_STIMER0_CONFIG) / 2];

	*out = (msr - HV_X64_MSR_STIMER0_CONFIG) % 2 ? t->count : t->config;
	return true;
}

bool stimer_msr_write(struct vp *vp, uint32_t msr, uint64_t value)
{
	struct stimer *t = &vp->stimers[(msr - HV_X64_MSR_STIMER0_CONFIG) / 2];
	bool is_count = (msr - HV_X64_MSR_STIMER0_CONFIG) % 2;

	if (!is_count && (value & ~CONFIG_OK))
		return false; /* RsvdZ, or direct mode (not offered) */
	spin_lock(&hv_lock);
	if (is_count) {
		t->count = value;
		if (!value)
			t->config &= ~HV_STIMER_CONFIG_ENABLE;
		else if (t->config & HV_STIMER_CONFIG_AUTO_ENABLE)
			t->config |= HV_STIMER_CONFIG_ENABLE;
	} else {
		t->config = value;
	}
	if (!sintx(t))
		t->config &= ~HV_STIMER_CONFIG_ENABLE; /* SINT 0: not enabled */
	arm(vp, t);
	spin_unlock(&hv_lock);
	return true;
}

/*
 * SynIC MSRs and SIM-page message delivery; semantics in hv/synic.h.
 */
#include <stddef.h>
#include <string.h>
#include "hv/synic.h"
#include "hv/stimer.h"
#include "hv/hv.h"
#include "hv/vp.h"
#include "hv/vp_ops.h"
#include "hv/partition.h"
#include "hv/memory.h"
#include "unihv/hv_cpuid.h"

#define SINT_KEPT (HV_SINT_VECTOR_MASK | HV_SINT_MASKED | HV_SINT_AUTO_EOI)

void synic_vp_init(struct vp *vp)
{
	memset(&vp->synic, 0, sizeof(vp->synic));
	for (uint32_t i = 0; i < HV_SYNIC_SINT_COUNT; i++)
		vp->synic.sint[i] = HV_SINT_RESET_VALUE;
	memset(vp->stimers, 0, sizeof(vp->stimers));
}

static bool gpa_in_space(uint64_t gpa)
{
	return gpa < (1ull << HV_GPA_WIDTH_BITS);
}

/* The GPA of slot sint, or false when messages cannot be delivered. */
static bool slot_gpa(struct vp *vp, uint32_t sint, uint64_t *gpa)
{
	const struct synic *s = &vp->synic;

	if (!(s->scontrol & HV_X64_MSR_SCONTROL_ENABLE) || !(s->simp & HV_X64_MSR_SIMP_ENABLE))
		return false;
	*gpa = (s->simp & HV_X64_MSR_OVERLAY_GPN_MASK) + (uint64_t)sint * HV_MESSAGE_SIZE;
	return true;
}

bool synic_try_deliver_locked(struct vp *vp, uint32_t sint, const struct hv_message *msg)
{
	struct hv_message_header h;
	uint64_t gpa;

	if (!slot_gpa(vp, sint, &gpa) || !partition_read_gpa(vp->partition, gpa, &h, sizeof(h)))
		return false;
	if (h.message_type != HV_MESSAGE_TYPE_NONE) {
		if (!(h.message_flags & HV_MESSAGE_FLAG_PENDING)) {
			uint8_t flags = h.message_flags | HV_MESSAGE_FLAG_PENDING;
			partition_write_gpa(vp->partition,
					    gpa + offsetof(struct hv_message_header, message_flags),
					    &flags, 1);
		}
		return false;
	}
	uint32_t size = msg->header.payload_size;
	if (size > HV_MESSAGE_MAX_PAYLOAD_BYTE_COUNT)
		size = HV_MESSAGE_MAX_PAYLOAD_BYTE_COUNT;
	/* Everything but MessageType first, then MessageType: the slot turns
	 * non-empty only once complete. */
	struct hv_message_header nh = msg->header;
	nh.payload_size = (uint8_t)size;
	nh.message_flags = 0;
	if (!partition_write_gpa(vp->partition, gpa + sizeof(nh), msg->u.payload_bytes, size) ||
	    !partition_write_gpa(vp->partition, gpa + 4, (const uint8_t *)&nh + 4, sizeof(nh) - 4))
		return false;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	partition_write_gpa(vp->partition, gpa, &nh.message_type, sizeof(nh.message_type));
	uint64_t cfg = vp->synic.sint[sint];
	if (!(cfg & HV_SINT_MASKED))
		vp_post_interrupt_locked(vp, (uint8_t)(cfg & HV_SINT_VECTOR_MASK));
	return true;
}

/* hv_lock held: queued messages into empty slots, oldest first per SINT. */
static void rescan_locked(struct vp *vp)
{
	struct synic *s = &vp->synic;
	uint32_t busy = 0; /* SINTs whose oldest message stayed queued */

	for (uint32_t i = 0; i < s->queued;) {
		uint32_t sint = s->queue[i].sint;
		if (!(busy & (1u << sint)) && synic_try_deliver_locked(vp, sint, &s->queue[i].msg)) {
			s->queued--;
			memmove(&s->queue[i], &s->queue[i + 1],
				(s->queued - i) * sizeof(s->queue[0]));
			continue;
		}
		busy |= 1u << sint;
		i++;
	}
	stimer_deliver_pending_locked(vp);
}

hv_status_t synic_post_message_locked(struct vp *vp, uint32_t sint, const struct hv_message *msg)
{
	struct synic *s = &vp->synic;
	uint64_t gpa;

	if (sint >= HV_SYNIC_SINT_COUNT || msg->header.payload_size > HV_MESSAGE_MAX_PAYLOAD_BYTE_COUNT ||
	    msg->header.message_type == HV_MESSAGE_TYPE_NONE)
		return HV_STATUS_INVALID_PARAMETER;
	bool queued_before = false;
	for (uint32_t i = 0; i < s->queued; i++)
		queued_before |= s->queue[i].sint == sint;
	if (!slot_gpa(vp, sint, &gpa))
		return HV_STATUS_INVALID_SYNIC_STATE;
	if (!queued_before && synic_try_deliver_locked(vp, sint, msg))
		return HV_STATUS_SUCCESS;
	/* Keep the order: behind older messages for this SINT. */
	if (s->queued == SYNIC_QUEUE_LEN)
		return HV_STATUS_INSUFFICIENT_BUFFERS;
	s->queue[s->queued].sint = (uint8_t)sint;
	s->queue[s->queued].msg = *msg;
	s->queued++;
	if (queued_before)
		rescan_locked(vp); /* sets MessagePending if still busy */
	return HV_STATUS_SUCCESS;
}

hv_status_t synic_post_message(struct vp *vp, uint32_t sint, const struct hv_message *msg)
{
	spin_lock(&hv_lock);
	hv_status_t st = synic_post_message_locked(vp, sint, msg);
	spin_unlock(&hv_lock);
	return st;
}

bool synic_ready_for_messages(const struct vp *vp)
{
	return (vp->synic.scontrol & 1) && (vp->synic.simp & 1);
}

bool synic_ready_for_events(const struct vp *vp)
{
	return (vp->synic.scontrol & 1) && (vp->synic.siefp & 1);
}

hv_status_t synic_signal_event_locked(struct vp *vp, uint32_t sint, uint32_t flag, bool *newly)
{
	const struct synic *s = &vp->synic;
	uint64_t hpa;

	*newly = false;
	if (!synic_ready_for_events(vp) || (s->sint[sint] & HV_SINT_MASKED))
		return HV_STATUS_INVALID_SYNIC_STATE;
	uint64_t gpa = (s->siefp & ~0xFFFull) + sint * 256 + flag / 8;
	struct partition *p = vp->partition;
	if (!p->ept_ready || ept_lookup(&p->ept, gpa, &hpa, NULL, NULL) != EPT_OK)
		return HV_STATUS_INVALID_SYNIC_STATE; /* no page behind SIEFP */
	/* The guest clears flags concurrently: one atomic OR on its page. */
	uint8_t *byte = (uint8_t *)(uintptr_t)hpa; /* identity map */
	uint8_t bit = (uint8_t)(1u << (flag % 8));
	uint8_t old = __atomic_fetch_or(byte, bit, __ATOMIC_SEQ_CST);
	if (!(old & bit)) {
		*newly = true;
		vp_post_interrupt_locked(vp, (uint8_t)(s->sint[sint] & 0xFF));
	}
	return HV_STATUS_SUCCESS;
}

bool synic_msr_read(struct vp *vp, uint32_t msr, uint64_t *out)
{
	const struct synic *s = &vp->synic;

	switch (msr) {
	case HV_X64_MSR_SCONTROL:
		*out = s->scontrol;
		return true;
	case HV_X64_MSR_SVERSION:
		*out = HV_SYNIC_VERSION_1;
		return true;
	case HV_X64_MSR_SIEFP:
		*out = s->siefp;
		return true;
	case HV_X64_MSR_SIMP:
		*out = s->simp;
		return true;
	case HV_X64_MSR_EOM:
		*out = 0;
		return true;
	default:
		if (msr >= HV_X64_MSR_SINT0 && msr <= HV_X64_MSR_SINT15) {
			*out = s->sint[msr - HV_X64_MSR_SINT0];
			return true;
		}
		return false;
	}
}

bool synic_msr_write(struct vp *vp, uint32_t msr, uint64_t value)
{
	struct synic *s = &vp->synic;

	switch (msr) {
	case HV_X64_MSR_SCONTROL:
		value &= HV_X64_MSR_SCONTROL_ENABLE;
		break;
	case HV_X64_MSR_SIEFP:
	case HV_X64_MSR_SIMP:
		value &= ~HV_X64_MSR_OVERLAY_RSVDP_MASK;
		if (!gpa_in_space(value & HV_X64_MSR_OVERLAY_GPN_MASK))
			return false;
		break;
	case HV_X64_MSR_EOM:
		break;
	default:
		if (msr < HV_X64_MSR_SINT0 || msr > HV_X64_MSR_SINT15)
			return false; /* SVERSION: read-only */
		value &= SINT_KEPT;
		if (!(value & HV_SINT_MASKED) && (value & HV_SINT_VECTOR_MASK) < HV_SINT_MIN_VECTOR)
			return false;
		break;
	}
	spin_lock(&hv_lock);
	switch (msr) {
	case HV_X64_MSR_SCONTROL:
		s->scontrol = value;
		break;
	case HV_X64_MSR_SIEFP:
		s->siefp = value;
		break;
	case HV_X64_MSR_SIMP:
		s->simp = value;
		break;
	case HV_X64_MSR_EOM:
		break;
	default:
		s->sint[msr - HV_X64_MSR_SINT0] = value;
		break;
	}
	if (msr != HV_X64_MSR_SIEFP)
		rescan_locked(vp);
	spin_unlock(&hv_lock);
	return true;
}

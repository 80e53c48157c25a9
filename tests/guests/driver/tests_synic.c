/*
 * SynIC and synthetic timers (hv/synic.c, hv/stimer.c) with a 64-bit guest
 * (tests/guests/synic64.S):
 *   synic  SVERSION reads 1 and #GPs on write; SINT2 = vector 5 unmasked
 *          #GPs (SINT2 keeps 0x10000); posting before SIMP is enabled is
 *          INVALID_SYNIC_STATE.  With SCONTROL, SIMP (0x17000) and SINT2
 *          (vector 0x50) on, the manager posts two messages to SINT2 while
 *          the VP is stopped: the first lands in slot 2 with the vector
 *          raised, the second is queued and sets MessagePending in the
 *          slot.  Resumed, the guest handler empties the slot and writes
 *          EOM, which delivers the second: the handler runs twice, in order.
 *          STIMER0 periodic 1 ms to SINT2 for a 50 ms window measured with
 *          TIME_REF_COUNT: between 10 and 55 TimerExpired messages (periodic
 *          delivery, never early; misses tolerated), the last one with timer
 *          index 0, payload 24 bytes, origination 0, expiration <= delivery.
 *          STIMER CONFIG with DirectMode #GPs.  At the final HLT: SINT3
 *          (masked) takes one message into its slot with no vector, then
 *          SYNIC_QUEUE_LEN queued, then INSUFFICIENT_BUFFERS.
 */
#include <string.h>
#include "tests/guests/driver/gtest.h"
#include "console/log.h"
#include "hv/hv.h"
#include "hv/partition.h"
#include "hv/vp.h"
#include "hv/synic.h"
#include "hv/irq_pending.h"
#include "hv/vp_ops.h"
#include "unihv/hv_cpuid.h"
#include "unihv/hv_message.h"

const char *gt_test_synic(void);

#define PORT 0x1250
#define GP_PORT 0x1251
#define FLAGS 0x19000
#define LAST 0x19100
#define SIM 0x17000
#define PML4 0x10000

static struct vp *vp0(struct gt_vm *vm)
{
	spin_lock(&hv_lock);
	struct partition *p = partition_find(vm->id);
	struct vp *vp = p ? p->vps[0] : NULL;
	spin_unlock(&hv_lock);
	return vp;
}

static void make_msg(struct hv_message *m, uint32_t type, uint64_t tag)
{
	memset(m, 0, sizeof(*m));
	m->header.message_type = type;
	m->header.payload_size = 16;
	m->header.origination_id = 0x77;
	m->u.payload[0] = tag;
	m->u.payload[1] = ~tag;
}

static const char *expect_out(struct gt_vm *vm, uint16_t port, uint64_t want, const char *what)
{
	uint64_t v = 0;
	const char *err = gt_run_out(vm, 0, port, 4, &v);
	if (err)
		return gt_fail("%s: %s", what, err);
	if (v != want)
		return gt_fail("%s: 0x%llx, want 0x%llx", what, (unsigned long long)v,
			       (unsigned long long)want);
	return NULL;
}

const char *gt_test_synic(void)
{
	struct gt_vm vm;
	struct hv_message m, slot;
	const char *err;
	uint64_t v = 0, window = 0;
	uint32_t flags[6];

	GT_TRY(gt_vm_create(&vm, 16, 32));
	GT_TRY(gt_vm_load(&vm, 0x1000, GT_BLOB(synic64)));
	GT_TRY_STATUS(hv_create_vp(vm.id, 0), HV_STATUS_SUCCESS);
	GT_TRY(gt_setup_long_mode(&vm, 0, 0x1000, PML4));
	GT_TRY_STATUS(gt_set(&vm, 0, HV_X64_REGISTER_RSP, 0x8000), HV_STATUS_SUCCESS);
	struct vp *vp = vp0(&vm);
	GT_TRY_CHECK(vp, "no VP 0");

	GT_TRY(expect_out(&vm, PORT, 1, "SVERSION"));
	GT_TRY(expect_out(&vm, GP_PORT, 0, "WRMSR SVERSION #GP"));
	GT_TRY(expect_out(&vm, GP_PORT, 0, "WRMSR SINT2 = 5 #GP"));
	GT_TRY(expect_out(&vm, PORT, HV_SINT_RESET_VALUE, "SINT2 after the refused write"));
	make_msg(&m, 0x11, 1);
	GT_TRY_STATUS(synic_post_message(vp, 2, &m), HV_STATUS_INVALID_SYNIC_STATE);

	/* SynIC on, IF=1, stopped at the OUT: post two messages. */
	GT_TRY(expect_out(&vm, PORT + 2, 0x50, "SINT2"));
	GT_TRY_STATUS(synic_post_message(vp, 2, &m), HV_STATUS_SUCCESS);
	GT_TRY(gt_vm_read(&vm, SIM + 2 * 256, &slot, sizeof(slot)));
	GT_TRY_CHECK(slot.header.message_type == 0x11 && slot.header.payload_size == 16 &&
			     slot.header.message_flags == 0 && slot.header.origination_id == 0x77 &&
			     slot.u.payload[0] == 1 && slot.u.payload[1] == ~1ull,
		     "slot 2 after the first post: type 0x%x size %u flags 0x%x payload 0x%llx",
		     slot.header.message_type, slot.header.payload_size, slot.header.message_flags,
		     (unsigned long long)slot.u.payload[0]);
	GT_TRY_CHECK(irq_pending_highest(vp->irq_pending) == 0x50, "vector 0x50 not pending");
	make_msg(&m, 0x22, 2);
	GT_TRY_STATUS(synic_post_message(vp, 2, &m), HV_STATUS_SUCCESS);
	GT_TRY(gt_vm_read(&vm, SIM + 2 * 256, &slot, sizeof(slot)));
	GT_TRY_CHECK(slot.header.message_type == 0x11 &&
			     slot.header.message_flags == HV_MESSAGE_FLAG_PENDING,
		     "slot 2 after the second post: type 0x%x flags 0x%x (want 0x11, pending)",
		     slot.header.message_type, slot.header.message_flags);
	GT_TRY(expect_out(&vm, PORT + 3, 2, "handler runs for the two posts"));
	GT_TRY(gt_vm_read(&vm, FLAGS, flags, sizeof(flags)));
	GT_TRY_CHECK(flags[2] == 0x11 && flags[3] == 0x22 && flags[1] == 0,
		     "message order 0x%x 0x%x, timer count %u", flags[2], flags[3], flags[1]);

	/* STIMER0: 1 ms periodic for a 50 ms window. */
	GT_TRY(gt_run_out(&vm, 0, PORT + 4, 4, &v));
	GT_TRY(gt_run_out(&vm, 0, PORT + 4, 4, &window));
	GT_TRY_CHECK(window >= 500000 && window < 10000000, "window %llu (100 ns)",
		     (unsigned long long)window);
	uint64_t max = window / 10000 + 1;
	GT_TRY_CHECK(v >= 10 && v <= max,
		     "%llu timer messages in a %llu00 ns window of 1 ms periods (want 10..%llu)",
		     (unsigned long long)v, (unsigned long long)window, (unsigned long long)max);
	console_printf("synic: %llu timer messages in %llu00 ns\n", (unsigned long long)v,
		       (unsigned long long)window);
	GT_TRY(gt_vm_read(&vm, LAST, &slot, 40));
	GT_TRY_CHECK(slot.header.message_type == HV_MESSAGE_TYPE_TIMER_EXPIRED &&
			     slot.header.payload_size == 24 && slot.header.origination_id == 0 &&
			     slot.u.timer.timer_index == 0 && slot.u.timer.expiration_time > 0 &&
			     slot.u.timer.expiration_time <= slot.u.timer.delivery_time,
		     "last timer message: type 0x%x size %u origin %llu index %u expiration %llu "
		     "delivery %llu",
		     slot.header.message_type, slot.header.payload_size,
		     (unsigned long long)slot.header.origination_id, slot.u.timer.timer_index,
		     (unsigned long long)slot.u.timer.expiration_time,
		     (unsigned long long)slot.u.timer.delivery_time);
	GT_TRY(expect_out(&vm, GP_PORT, 0, "STIMER0_CONFIG DirectMode #GP"));
	GT_TRY(gt_run_expect(&vm, 0, HV_MESSAGE_TYPE_X64_HALT, &m));

	/* SINT3 is masked: into the slot without a vector, then queue, then full. */
	irq_pending_take(vp->irq_pending, 0x50);
	for (uint32_t i = 0; i <= SYNIC_QUEUE_LEN; i++) {
		make_msg(&m, 0x30 + i, i);
		GT_TRY_STATUS(synic_post_message(vp, 3, &m), HV_STATUS_SUCCESS);
	}
	GT_TRY_STATUS(synic_post_message(vp, 3, &m), HV_STATUS_INSUFFICIENT_BUFFERS);
	GT_TRY(gt_vm_read(&vm, SIM + 3 * 256, &slot, sizeof(slot)));
	GT_TRY_CHECK(slot.header.message_type == 0x30 &&
			     slot.header.message_flags == HV_MESSAGE_FLAG_PENDING,
		     "slot 3: type 0x%x flags 0x%x", slot.header.message_type,
		     slot.header.message_flags);
	GT_TRY_CHECK(irq_pending_highest(vp->irq_pending) < 0, "a vector was raised for masked SINT3");
out:
	return gt_finish(&vm, err);
}

/*
 * HvCallStartVirtualProcessor 0x0099 (TLFS "Virtual processor"; digest
 * hypercalls.md 2): start a VP of the caller's partition that has never
 * run, directly in an HV_INITIAL_VP_CONTEXT (instead of INIT/SIPI).
 * Gated by the StartVirtualProcessor privilege (bit 53), which is not in
 * unihv's guest defaults (the digest names only the gate): the root grants
 * it through PrivilegeFlags.
 *
 * unihv schedules nothing itself: the manager dispatches VPs.  "Started"
 * therefore means: the context is loaded into the VP's registers and the
 * VP is marked started; it runs from there when the manager next
 * dispatches it.  The manager may still dispatch a VP that was neither
 * started nor given registers by it (as before: reset state).
 *
 * Checks and statuses: a guest names its own partition (or SELF) —
 * another id ACCESS_DENIED; the root may name any child.  Target VTL other
 * than 0, or non-zero reserved bytes: INVALID_PARAMETER.  No such
 * partition: INVALID_PARTITION_ID; not active: INVALID_PARTITION_STATE;
 * no such VP: INVALID_VP_INDEX; a VP already started, already dispatched
 * once, or running (the caller itself): INVALID_VP_STATE.  The context
 * goes through the SetVpRegisters validity checks (hv/vp_registers.c) in
 * the order segments, descriptor tables, CR3, CR4, EFER, CR0, PAT, RIP,
 * RSP, RFLAGS: an invalid value gives INVALID_REGISTER_VALUE and leaves
 * the VP not started, with the registers before the bad one already
 * loaded (not rolled back; the VP has not run, so the manager or a retry
 * overwrites them).
 */
#include <string.h>
#include "hv/hypercall/handlers.h"
#include "hv/hv.h"
#include "hv/partition.h"
#include "hv/vp.h"
#include "hv/vp_ops.h"
#include "unihv/hv_hypercall.h"
#include "unihv/hv_regs.h"
#include "unihv/hv_status.h"
#include "unihv/hv_types.h"

#define NREGS 18

static void put(struct hv_register_assoc *a, uint32_t name, const void *v, size_t len)
{
	memset(a, 0, sizeof(*a));
	a->name = name;
	memcpy(&a->value, v, len);
}

uint16_t hc_start_virtual_processor(struct hc_call *call, uint32_t *done)
{
	const struct hv_input_start_virtual_processor *in = (const void *)call->input;
	const struct hv_initial_vp_context *c = &in->vp_context;
	const struct hc_caller *caller = call->caller;
	uint64_t id = in->partition_id;
	struct hv_register_assoc regs[NREGS];
	uint32_t n = 0, set = 0;

	(void)done;
	if (id == HV_PARTITION_ID_SELF) {
		if (caller->is_root)
			return HV_STATUS_INVALID_PARTITION_ID; /* the root has no VPs here */
		id = caller->partition_id;
	} else if (!caller->is_root && id != caller->partition_id) {
		return HV_STATUS_ACCESS_DENIED;
	}
	if (in->target_vtl != 0 && in->target_vtl != hv_input_vtl_target(0))
		return HV_STATUS_INVALID_PARAMETER;
	if (in->rsvd1 || in->rsvd2)
		return HV_STATUS_INVALID_PARAMETER;

	/* Claim the VP: started is set now, so a second call fails. */
	spin_lock(&hv_lock);
	struct partition *p = partition_find(id);
	struct vp *vp = NULL;
	uint16_t st = HV_STATUS_SUCCESS;
	if (!p)
		st = HV_STATUS_INVALID_PARTITION_ID;
	else if (p->state != PARTITION_ACTIVE)
		st = HV_STATUS_INVALID_PARTITION_STATE;
	else if (in->vp_index >= HV_MAX_VPS_PER_PARTITION || !(vp = p->vps[in->vp_index]))
		st = HV_STATUS_INVALID_VP_INDEX;
	else if (vp->started || vp->dispatched || vp->run_state != VP_IDLE)
		st = HV_STATUS_INVALID_VP_STATE;
	else
		vp->started = true;
	spin_unlock(&hv_lock);
	if (st)
		return st;

	put(&regs[n++], HV_X64_REGISTER_CS, &c->cs, 16);
	put(&regs[n++], HV_X64_REGISTER_DS, &c->ds, 16);
	put(&regs[n++], HV_X64_REGISTER_ES, &c->es, 16);
	put(&regs[n++], HV_X64_REGISTER_FS, &c->fs, 16);
	put(&regs[n++], HV_X64_REGISTER_GS, &c->gs, 16);
	put(&regs[n++], HV_X64_REGISTER_SS, &c->ss, 16);
	put(&regs[n++], HV_X64_REGISTER_TR, &c->tr, 16);
	put(&regs[n++], HV_X64_REGISTER_LDTR, &c->ldtr, 16);
	put(&regs[n++], HV_X64_REGISTER_IDTR, &c->idtr, 16);
	put(&regs[n++], HV_X64_REGISTER_GDTR, &c->gdtr, 16);
	put(&regs[n++], HV_X64_REGISTER_CR3, &c->cr3, 8);
	put(&regs[n++], HV_X64_REGISTER_CR4, &c->cr4, 8);
	put(&regs[n++], HV_X64_REGISTER_EFER, &c->efer, 8);
	put(&regs[n++], HV_X64_REGISTER_CR0, &c->cr0, 8);
	put(&regs[n++], HV_X64_REGISTER_PAT, &c->msr_cr_pat, 8);
	put(&regs[n++], HV_X64_REGISTER_RIP, &c->rip, 8);
	put(&regs[n++], HV_X64_REGISTER_RSP, &c->rsp, 8);
	put(&regs[n++], HV_X64_REGISTER_RFLAGS, &c->rflags, 8);
	_Static_assert(NREGS == 18, "every context field");

	st = hv_set_vp_registers(id, in->vp_index, regs, n, &set);
	if (st) {
		spin_lock(&hv_lock);
		if (p->vps[in->vp_index] == vp)
			vp->started = false;
		spin_unlock(&hv_lock);
	}
	return st;
}

/*
 * Virtual-processor operations with root-hypercall semantics (TLFS
 * CreateVp 0x004E, DeleteVp 0x004F, Get/SetVpRegisters 0x0050/0x0051,
 * TranslateVirtualAddress 0x0052, DispatchVp 0x00C2) plus the cancel of a
 * running VP (WHvCancelRunVirtualProcessor).
 */
#ifndef UNIHV_HV_VP_OPS_H
#define UNIHV_HV_VP_OPS_H

#include <stdint.h>
#include "unihv/hv_hypercall.h"
#include "unihv/hv_message.h"

typedef uint16_t hv_status_t;
struct partition;
struct vp;

/* The VP is created in the architectural reset state, VP 0 as the BSP;
 * it takes 2 pages from the partition's pool (VP state and VMCS). */
hv_status_t hv_create_vp(uint64_t id, uint32_t vp_index);
hv_status_t hv_delete_vp(uint64_t id, uint32_t vp_index);

/*
 * Get or set count registers by HV_REGISTER_NAME.  The VP must not be
 * running (HV_STATUS_INVALID_VP_STATE).  An unknown or read-only name gives
 * HV_STATUS_INVALID_PARAMETER, a value the architecture forbids
 * HV_STATUS_INVALID_REGISTER_VALUE; *done counts the registers processed
 * before the failing one.
 */
hv_status_t hv_get_vp_registers(uint64_t id, uint32_t vp_index, const uint32_t *names,
				uint32_t count, union hv_register_value *values, uint32_t *done);
hv_status_t hv_set_vp_registers(uint64_t id, uint32_t vp_index,
				const struct hv_register_assoc *regs, uint32_t count,
				uint32_t *done);

/*
 * The same on the calling VP itself, from a hypercall it is making (its
 * state is in the hardware of this CPU): the live values are read or
 * changed and loaded back before the guest resumes.  Setting RIP or RAX
 * is refused (INVALID_PARAMETER): the call's own completion rewrites
 * them.  hv/hypercall/hc_vp.c, on the VP's CPU.
 */
hv_status_t vp_get_own_registers(struct vp *vp, const uint32_t *names, uint32_t count,
				 union hv_register_value *values, uint32_t *done);
hv_status_t vp_set_own_registers(struct vp *vp, const struct hv_register_assoc *assocs,
				 uint32_t count, uint32_t *done);
/*
 * HvCallSwitchVirtualAddressSpace on the calling VP: load cr3 (checked
 * against the paging mode: bits above the guest's physical width, or
 * above bit 31 outside long mode, -> INVALID_PARAMETER; bit 63 allowed
 * with CR4.PCIDE) and drop the VP's cached translations.
 */
hv_status_t vp_switch_own_address_space(struct vp *vp, uint64_t cr3);

/*
 * Run the VP on the calling CPU until something needs the manager; the
 * intercept message is stored in *msg.  Statuses: INVALID_PARTITION_ID,
 * INVALID_VP_INDEX, INVALID_PARTITION_STATE (not active, or crashed),
 * INVALID_VP_STATE (already running), FEATURE_UNAVAILABLE (no VMX).
 */
hv_status_t hv_dispatch_vp(uint64_t id, uint32_t vp_index, struct hv_message *msg);
/* Same, on another CPU; waits for the result. */
hv_status_t hv_dispatch_vp_on_cpu(uint64_t id, uint32_t vp_index, unsigned cpu,
				  struct hv_message *msg);

/* A dispatch running on another CPU while the caller goes on. */
struct hv_dispatch_request {
	uint64_t id;
	uint32_t vp_index;
	struct hv_message msg;       /* valid once done */
	volatile hv_status_t status; /* valid once done */
	volatile bool done;
};

/*
 * Start req on CPU cpu and return at once; req->done becomes true when the
 * dispatch returned (poll it; hv_cancel_vp makes it return soon).  False
 * if that CPU is offline or busy with another request.
 */
bool hv_dispatch_vp_start(unsigned cpu, struct hv_dispatch_request *req);
/* Make a running VP (on any CPU) return with a "canceled" message soon;
 * a VP that is not running returns canceled from its next dispatch. */
hv_status_t hv_cancel_vp(uint64_t id, uint32_t vp_index);
/* Drop a cancel that found the VP stopping on its own (a manager's timeout
 * racing a real exit), so that the next dispatch runs; nothing if the VP
 * is running or gone. */
void hv_cancel_vp_withdraw(uint64_t id, uint32_t vp_index);

/* Translate a GVA with the VP's current paging state (TLFS 0x0052). */
hv_status_t hv_translate_virtual_address(uint64_t id, uint32_t vp_index, uint64_t control_flags,
					 uint64_t gva_page, uint64_t *result_code,
					 uint64_t *gpa_page);

/* For hv/ internals.  vp_lookup_idle: find a VP that exists and is not
 * running, with the TLFS status otherwise; hv_lock held. */
hv_status_t vp_lookup_idle(uint64_t id, uint32_t vp_index, struct vp **out);
void vp_destroy_locked(struct partition *p, uint32_t vp_index);
int vp_running_cpu(const struct vp *vp);
uint64_t vp_exit_sequence(const struct vp *vp);
/*
 * Make the VPs of p in mask (bit n = VP index n), or all of them, drop
 * their cached linear translations before they next run guest code; VPs
 * in the guest on other CPUs are kicked out and waited for.  Takes
 * hv_lock.  INVALID_PARAMETER if mask names a VP that does not exist.
 */
hv_status_t vp_flush_guest_tlbs(struct partition *p, bool all, uint64_t mask);
/*
 * Make the fixed vector pending (edge-triggered, no APIC: no IRR/ISR/EOI)
 * for the VPs of p in mask, or all of them; delivered before their next
 * entry when the guest can take it (hv/vp.c).  A target in the guest on
 * another CPU is kicked so it sees the vector at once.  Takes hv_lock.
 * INVALID_PARAMETER if mask names a VP that does not exist (nothing is
 * sent then).
 */
hv_status_t vp_post_interrupts(struct partition *p, bool all, uint64_t mask, uint8_t vector);

/* The same for one VP; hv_lock held (SynIC delivery, hv/synic.c). */
struct vp;
void vp_post_interrupt_locked(struct vp *vp, uint8_t vector);

#endif

/* Functions shared by the files of the VT-x backend only. */
#ifndef UNIHV_HV_VMX_VMX_INTERNAL_H
#define UNIHV_HV_VMX_VMX_INTERNAL_H

#include <stdint.h>
#include "hv/exit.h"
#include "hv/vp_regs.h"

struct vp;

/* vmcs_state.c: the current VMCS <-> struct vp_regs. */
void vmx_write_guest_state(const struct vp_regs *r);
void vmx_read_guest_state(struct vp_regs *r);
void vmx_update_entry_mode(uint64_t efer);
uint64_t vmx_cr0_mask(void);
uint64_t vmx_cr4_mask(void);
uint64_t vmx_real_cr0(uint64_t guest);
uint64_t vmx_real_cr4(uint64_t guest);

/* vmx_exit.c: decode the current VMCS's exit into *exit.  Returns true
 * when the backend handled it itself (CR access, XSETBV) and the guest
 * may be resumed at once. */
bool vmx_decode_exit(struct vp *vp, struct hv_exit *exit);

/* vmx_entry.S */
int vmx_enter(uint64_t *gprs, int launched);
void vmx_exit_landing(void);

#endif

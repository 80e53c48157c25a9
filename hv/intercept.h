/*
 * Building the HV_MESSAGE a dispatch returns to the manager (TLFS
 * "Intercepts" and data-types 14.1 payload layouts).
 */
#ifndef UNIHV_HV_INTERCEPT_H
#define UNIHV_HV_INTERCEPT_H

#include <stdbool.h>
#include <stdint.h>
#include "hv/exit.h"
#include "unihv/hv_message.h"

struct vp;
struct partition;

/*
 * Fill *msg for an exit hv/ does not handle.  Saves the VP's state into
 * vp->regs first.  Triple faults and unknown exits mark the partition
 * crashed.  Called by the run loop only.
 */
void intercept_message(struct vp *vp, const struct hv_exit *e, struct hv_message *msg);
/* The run was canceled (UNIHV_MESSAGE_TYPE_CANCELED). */
void intercept_canceled(struct vp *vp, struct hv_message *msg);

/* Whether the partition asked to see CPUID leaf `leaf` (InstallIntercept). */
bool partition_intercepts_cpuid(const struct partition *p, uint32_t leaf);

/* HvCallInstallIntercept 0x004D. */
uint16_t hv_install_intercept(uint64_t id, uint32_t access_mask, uint32_t type, uint64_t parameter);

#endif

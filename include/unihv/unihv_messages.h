/*
 * unihv's additions to the TLFS message types, for situations the TLFS
 * has no message for.  They sit in the hypervisor range (bit 31 set) at
 * 0x8000F000, which no TLFS source uses.
 */
#ifndef UNIHV_UNIHV_MESSAGES_H
#define UNIHV_UNIHV_MESSAGES_H

/* The manager canceled the run (WHvRunVpExitReasonCanceled); no payload
 * but the x64 intercept header. */
#define UNIHV_MESSAGE_TYPE_CANCELED 0x8000F000u

#endif

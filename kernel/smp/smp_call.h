/*
 * Running a function on another CPU.  Each CPU has one mailbox; the
 * target's idle loop (or its VP run loop, between guest entries) picks the
 * call up.  Used by hv/ to enable VMX on every CPU and to run virtual
 * processors on CPUs other than the caller's.
 */
#ifndef UNIHV_SMP_SMP_CALL_H
#define UNIHV_SMP_SMP_CALL_H

#include <stdbool.h>

typedef void (*smp_call_fn)(void *arg);

/*
 * Post fn(arg) to CPU cpu and return at once.  Returns false if the CPU is
 * offline or its mailbox is busy.  The caller learns of completion through
 * smp_call_done or its own flags in arg.
 */
bool smp_call_async(unsigned cpu, smp_call_fn fn, void *arg);
/* True when the last call posted to cpu has finished. */
bool smp_call_done(unsigned cpu);
/* Post and wait for completion (interrupts may be on or off). */
bool smp_call_sync(unsigned cpu, smp_call_fn fn, void *arg);
/* Run fn(arg) on every online CPU (the caller's included), one at a time. */
void smp_call_all(smp_call_fn fn, void *arg);

/* Poll the calling CPU's mailbox: idle loops call this. */
void smp_call_poll(void);

/* Interrupt a CPU (it leaves the guest, if it runs one, and polls). */
void smp_kick(unsigned cpu);

#endif

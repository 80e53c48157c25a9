/*
 * Stopping the machine.  panic() is for unusable hardware at boot and for
 * broken hypervisor invariants (see docs/error-policy.md); guest or manager
 * mistakes never reach it.
 */
#ifndef UNIHV_CORE_PANIC_H
#define UNIHV_CORE_PANIC_H

#include <stdbool.h>

/*
 * Print the message and a backtrace, stop every other CPU (NMI), and in
 * test mode end the emulator run with the failure status; otherwise halt.
 */
_Noreturn void panic(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
bool panic_in_progress(void);

#endif

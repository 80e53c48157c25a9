/*
 * Monotonic clock from the TSC, calibrated once at boot against the PIT
 * (or CPUID leaf 0x15/0x16 when there is no PIT).  Under Bochs the TSC and
 * the PIT both count emulated instructions, so the clock advances in
 * emulated time consistently with the APIC timer.
 */
#ifndef UNIHV_TIME_CLOCK_H
#define UNIHV_TIME_CLOCK_H

#include <stdint.h>

/* Calibrate and start the clock.  Boot CPU, once.  Returns the TSC rate. */
uint64_t clock_init(void);
/* Nanoseconds since clock_init (0 before it).  Any CPU, any context. */
uint64_t clock_ns(void);
uint64_t clock_tsc_hz(void);
/* Busy-wait. */
void clock_delay_us(uint64_t us);
/* How the rate was measured ("PIT", "CPUID 0x15", ...). */
const char *clock_source_name(void);

#endif

#ifndef UNIHV_TIME_PIT_H
#define UNIHV_TIME_PIT_H

#include <stdint.h>

/*
 * Count TSC ticks over ms milliseconds of PIT channel 2 (the classic
 * gate-on-port-0x61 method).  Returns TSC ticks per second, or 0 when the
 * PIT does not answer.  Boot CPU, interrupts off.
 */
uint64_t pit_measure_tsc_hz(unsigned ms);

#endif

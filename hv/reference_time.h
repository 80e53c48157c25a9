/*
 * Partition reference time arithmetic (TLFS timers.md; digest
 * enlightenments.md §3): the 10 MHz counter behind HV_X64_MSR_TIME_REF_COUNT
 * and the scale/offset of the reference TSC page.  Pure functions with no
 * kernel dependency: hv/synthetic_msr.c uses them and the host unit tests
 * (tests/unit/test_reference_time.c) check them.
 *
 * A guest computes from the reference TSC page
 *     ReferenceTime = ((TSC * TscScale) >> 64) + TscOffset
 * in 100 ns units.  The producer (OpenVMM's formula, digest §3) sets
 *     TscScale  = floor(10^7 * 2^64 / TSC_Hz)
 *     TscOffset = ReferenceTime(now) - ((TSC(now) * TscScale) >> 64)
 * so that the page agrees with TIME_REF_COUNT at the moment it is written.
 */
#ifndef UNIHV_HV_REFERENCE_TIME_H
#define UNIHV_HV_REFERENCE_TIME_H

#include <stdint.h>

#define REFERENCE_TIME_HZ 10000000u         /* 100 ns units */
#define REFERENCE_TIME_NS_PER_UNIT 100u

/*
 * floor(10^7 * 2^64 / tsc_hz).  0 when the scale does not fit 64 bits
 * (tsc_hz <= 10 MHz) or tsc_hz is 0: the page cannot describe such a TSC
 * and must stay invalid (TscSequence 0).
 */
uint64_t reference_tsc_scale(uint64_t tsc_hz);

/* High 64 bits of tsc * scale: the first term of the guest's formula. */
uint64_t reference_tsc_scaled(uint64_t tsc, uint64_t scale);

/* TscOffset that makes the page read ref_now at TSC value tsc_now. */
int64_t reference_tsc_offset(uint64_t tsc_now, uint64_t scale, uint64_t ref_now);

/* What a guest reads from the page at TSC value tsc (wraps like the guest's add). */
uint64_t reference_tsc_time(uint64_t tsc, uint64_t scale, int64_t offset);

/*
 * Reference time in 100 ns units for a clock reading now_ns when the
 * partition was created at origin_ns; 0 if now_ns is before origin_ns (a
 * CPU whose clock lags the creating CPU's).
 */
uint64_t reference_time_from_ns(uint64_t now_ns, uint64_t origin_ns);

#endif

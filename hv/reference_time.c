/*
 * Partition reference time arithmetic; see hv/reference_time.h.  128-bit
 * products and shifts only (no 128-bit division: the freestanding image
 * has no __udivti3), so the scale is a restoring long division.
 */
#include "hv/reference_time.h"

uint64_t reference_tsc_scale(uint64_t tsc_hz)
{
	/* The quotient fits 64 bits only when the dividend's high word
	 * (10^7) is below the divisor. */
	if (tsc_hz <= REFERENCE_TIME_HZ)
		return 0;
	unsigned __int128 rem = REFERENCE_TIME_HZ;
	uint64_t q = 0;
	for (int i = 0; i < 64; i++) {
		rem <<= 1;
		q <<= 1;
		if (rem >= tsc_hz) {
			rem -= tsc_hz;
			q |= 1;
		}
	}
	return q;
}

uint64_t reference_tsc_scaled(uint64_t tsc, uint64_t scale)
{
	return (uint64_t)(((unsigned __int128)tsc * scale) >> 64);
}

int64_t reference_tsc_offset(uint64_t tsc_now, uint64_t scale, uint64_t ref_now)
{
	return (int64_t)(ref_now - reference_tsc_scaled(tsc_now, scale));
}

uint64_t reference_tsc_time(uint64_t tsc, uint64_t scale, int64_t offset)
{
	return reference_tsc_scaled(tsc, scale) + (uint64_t)offset;
}

uint64_t reference_time_from_ns(uint64_t now_ns, uint64_t origin_ns)
{
	return now_ns > origin_ns ? (now_ns - origin_ns) / REFERENCE_TIME_NS_PER_UNIT : 0;
}

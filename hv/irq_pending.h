/*
 * A VP's pending fixed-vector bitmap (256 bits, bit n = vector n): set from
 * any CPU, taken (highest first) by the CPU that runs the VP.  Pure, no hv/
 * state: host-tested (tests/unit/test_irq_pending.c).
 */
#ifndef UNIHV_HV_IRQ_PENDING_H
#define UNIHV_HV_IRQ_PENDING_H

#include <stdbool.h>
#include <stdint.h>

static inline void irq_pending_set(volatile uint64_t bits[4], uint8_t vector)
{
	__atomic_fetch_or(&bits[vector >> 6], 1ull << (vector & 63), __ATOMIC_SEQ_CST);
}

/* The highest pending vector, or -1 when none. */
static inline int irq_pending_highest(volatile uint64_t bits[4])
{
	for (int w = 3; w >= 0; w--) {
		uint64_t v = __atomic_load_n(&bits[w], __ATOMIC_SEQ_CST);
		if (v)
			return w * 64 + 63 - __builtin_clzll(v);
	}
	return -1;
}

/* Clear vector; true when it was pending (only then may it be delivered). */
static inline bool irq_pending_take(volatile uint64_t bits[4], uint8_t vector)
{
	uint64_t bit = 1ull << (vector & 63);
	return (__atomic_fetch_and(&bits[vector >> 6], ~bit, __ATOMIC_SEQ_CST) & bit) != 0;
}

#endif

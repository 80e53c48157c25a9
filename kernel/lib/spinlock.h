/*
 * Ticket-free test-and-test-and-set spinlock.  Lock holders must not sleep
 * (nothing in unihv sleeps).  The _irqsave variants also mask interrupts on
 * this CPU, for locks that an interrupt handler may take.
 */
#ifndef UNIHV_LIB_SPINLOCK_H
#define UNIHV_LIB_SPINLOCK_H

#include <stdint.h>
#include "arch/cpu.h"

struct spinlock {
	volatile uint32_t locked;
};

#define SPINLOCK_INIT { 0 }

static inline void spin_lock(struct spinlock *l)
{
	while (__atomic_exchange_n(&l->locked, 1, __ATOMIC_ACQUIRE))
		while (__atomic_load_n(&l->locked, __ATOMIC_RELAXED))
			cpu_relax();
}

static inline int spin_trylock(struct spinlock *l)
{
	return !__atomic_exchange_n(&l->locked, 1, __ATOMIC_ACQUIRE);
}

static inline void spin_unlock(struct spinlock *l)
{
	__atomic_store_n(&l->locked, 0, __ATOMIC_RELEASE);
}

static inline uint64_t spin_lock_irqsave(struct spinlock *l)
{
	uint64_t flags = irq_save();
	spin_lock(l);
	return flags;
}

static inline void spin_unlock_irqrestore(struct spinlock *l, uint64_t flags)
{
	spin_unlock(l);
	irq_restore(flags);
}

#endif

/*
 * Per-CPU data, reached through GS base.  Index 0 is the boot CPU; indices
 * are dense and assigned in MADT order.
 */
#ifndef UNIHV_SMP_PERCPU_H
#define UNIHV_SMP_PERCPU_H

#include <stdint.h>
#include "arch/gdt.h"
#include "core/config.h"

struct percpu {
	struct percpu *self;      /* must stay first: GS:0 */
	unsigned index;
	uint32_t apic_id;
	volatile int online;
	volatile uint64_t timer_ticks;
	uint64_t kernel_stack_top;
	struct cpu_gdt gdt;
};

extern struct percpu percpu_area[MAX_CPUS];
/* Set once the boot CPU's GS base points at percpu_area[0]. */
extern int percpu_ready;

/* Make GS point at this CPU's block.  Boot and AP bring-up only. */
void percpu_install(struct percpu *pc);

static inline struct percpu *this_cpu(void)
{
	struct percpu *pc;
	__asm__ volatile("movq %%gs:0, %0" : "=r"(pc));
	return pc;
}

static inline unsigned this_cpu_index(void)
{
	return percpu_ready ? this_cpu()->index : 0;
}

#endif

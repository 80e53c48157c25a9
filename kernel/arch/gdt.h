/*
 * Per-CPU GDT and TSS (Intel SDM Vol. 3A 7.7, 64-bit TSS).  The TSS holds
 * the interrupt stacks (IST) for double fault, NMI and machine check, and
 * gives VMX a non-zero host TR selector.
 */
#ifndef UNIHV_ARCH_GDT_H
#define UNIHV_ARCH_GDT_H

#include <stdint.h>

#define GDT_KERNEL_CS 0x08
#define GDT_KERNEL_DS 0x10
#define GDT_TSS       0x18
#define GDT_ENTRIES   5

#define IST_DOUBLE_FAULT 1
#define IST_NMI          2
#define IST_MACHINE_CHECK 3
#define IST_COUNT        3

struct tss64 {
	uint32_t reserved0;
	uint64_t rsp[3];
	uint64_t reserved1;
	uint64_t ist[7];
	uint64_t reserved2;
	uint16_t reserved3;
	uint16_t iomap_base;
} __attribute__((packed));

struct cpu_gdt {
	uint64_t entries[GDT_ENTRIES];
	struct tss64 tss;
} __attribute__((aligned(16)));

/*
 * Fill and load this CPU's GDT and TSS.  ist_tops[i] is the top of IST
 * stack i+1.  Called once per CPU during bring-up, interrupts off.
 */
void gdt_load(struct cpu_gdt *g, const uint64_t ist_tops[IST_COUNT]);

#endif

/*
 * Interrupt descriptor table, exception reporting and the vector map.
 */
#ifndef UNIHV_ARCH_IDT_H
#define UNIHV_ARCH_IDT_H

#include <stdint.h>

struct interrupt_frame {
	uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
	uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
	uint64_t vector, error_code;
	uint64_t rip, cs, rflags, rsp, ss;
};

/* Vector map. 0-31 are exceptions. */
#define VECTOR_LEGACY_PIC_BASE 0x20   /* masked, remapped out of the way */
#define VECTOR_TIMER           0x40
#define VECTOR_KICK            0x41   /* wake a CPU: mailbox or leave the guest */
#define VECTOR_SPURIOUS        0xff

typedef void (*irq_handler_t)(struct interrupt_frame *frame);

/* Build the IDT once (boot CPU). */
void idt_init(void);
/* Load the IDT on the calling CPU. */
void idt_load(void);
/* Route a vector >= 32 to handler.  Boot-time registration only. */
void idt_set_handler(uint8_t vector, irq_handler_t handler);

/* Entry from isr.S. */
void interrupt_dispatch(struct interrupt_frame *frame);

#endif

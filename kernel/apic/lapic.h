/*
 * Local APIC in x2APIC mode (MSR interface) when the CPU has it, xAPIC
 * (MMIO) otherwise.  Intel SDM Vol. 3A chapter 10 (11 in newer editions).
 */
#ifndef UNIHV_APIC_LAPIC_H
#define UNIHV_APIC_LAPIC_H

#include <stdbool.h>
#include <stdint.h>

/* Mask the legacy 8259 PICs (boot CPU, once, before any sti). */
void pic_disable(void);

/* Enable this CPU's local APIC (x2APIC if present).  Every CPU, once. */
void lapic_init_cpu(void);
bool lapic_is_x2apic(void);
uint32_t lapic_id(void);
void lapic_eoi(void);

void lapic_send_init(uint32_t apic_id);
void lapic_send_startup(uint32_t apic_id, uint8_t vector_page);
void lapic_send_fixed(uint32_t apic_id, uint8_t vector);
/* NMI to every other CPU (panic).  Safe to call before the APIC is up. */
void lapic_send_nmi_all_but_self(void);

/*
 * Measure the APIC timer rate against the TSC clock (boot CPU, after
 * clock_init), then start a periodic interrupt at hz on the calling CPU.
 */
void lapic_timer_calibrate(void);
uint64_t lapic_timer_hz(void);
void lapic_timer_start_periodic(unsigned hz, uint8_t vector);

#endif

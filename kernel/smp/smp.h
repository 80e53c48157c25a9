/*
 * Application-processor start-up (Intel SDM Vol. 3A 9.4.4, INIT-SIPI-SIPI)
 * and the per-CPU bring-up shared by every CPU.
 */
#ifndef UNIHV_SMP_SMP_H
#define UNIHV_SMP_SMP_H

#include "acpi/acpi.h"

/* Boot CPU: per-CPU data, GDT/TSS on static IST stacks.  First thing in boot. */
void smp_early_init_bsp(void);

/*
 * Start every enabled processor the MADT lists (besides the boot CPU) and
 * wait for each to report online.  Boot CPU, once, after the page
 * allocator, APIC timer calibration and IDT are ready.  Returns the number
 * of CPUs online, boot CPU included.
 */
unsigned smp_start_aps(const struct acpi_madt_info *madt);

unsigned smp_cpus_online(void);

/* Timer rate every CPU runs at. */
#define SMP_TIMER_HZ 100

#endif

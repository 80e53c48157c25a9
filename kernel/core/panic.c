#include <stdarg.h>
#include <stdio.h>
#include "core/panic.h"
#include "core/backtrace.h"
#include "core/emu_exit.h"
#include "console/log.h"
#include "apic/lapic.h"
#include "arch/cpu.h"
#include "smp/percpu.h"
#include "lib/bug.h"

static volatile int panicking;

bool panic_in_progress(void)
{
	return panicking;
}

_Noreturn void panic(const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	irq_disable();
	/* The first CPU to panic reports; any other one just stops. */
	if (__atomic_exchange_n(&panicking, 1, __ATOMIC_SEQ_CST))
		cpu_stop();
	lapic_send_nmi_all_but_self();

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);

	console_force_unlock();
	console_printf("\n*** PANIC on cpu%u: %s\n", this_cpu_index(), msg);
	/* Start at our caller: its return address and its saved frame. */
	backtrace_print((uint64_t)(uintptr_t)__builtin_return_address(0),
			*(const uint64_t *)__builtin_frame_address(0));
	console_printf("*** system halted\n");
	emu_exit(EMU_EXIT_FAILURE);
	cpu_stop();
}

_Noreturn void bug_fail(const char *cond, const char *file, int line)
{
	panic("BUG: %s at %s:%d", cond, file, line);
}

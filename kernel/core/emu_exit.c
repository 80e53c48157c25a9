#include "core/emu_exit.h"
#include "arch/cpu.h"

#define QEMU_DEBUG_EXIT_PORT 0xf4
#define BOCHS_SHUTDOWN_PORT 0x8900

static bool enabled;

void emu_exit_enable(bool enable)
{
	enabled = enable;
}

void emu_exit(int code)
{
	if (!enabled)
		return;
	outl(QEMU_DEBUG_EXIT_PORT, (uint32_t)code);
	/* Bochs: writing "Shutdown" to port 0x8900 ends the simulation. */
	for (const char *p = "Shutdown"; *p; p++)
		outb(BOCHS_SHUTDOWN_PORT, (uint8_t)*p);
}

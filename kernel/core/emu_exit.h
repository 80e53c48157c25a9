/*
 * Ending a test run inside an emulator.  Only active when the boot command
 * line asks for it (test=...); on real hardware these are no-ops.
 */
#ifndef UNIHV_CORE_EMU_EXIT_H
#define UNIHV_CORE_EMU_EXIT_H

#include <stdbool.h>

/* QEMU isa-debug-exit at port 0xf4 exits with status (code << 1) | 1. */
#define EMU_EXIT_SUCCESS 0x10 /* QEMU exit status 33 */
#define EMU_EXIT_FAILURE 0x11 /* QEMU exit status 35 */

void emu_exit_enable(bool enable);
/* Leave the emulator (QEMU isa-debug-exit, Bochs port 0x8900) if enabled. */
void emu_exit(int code);

#endif

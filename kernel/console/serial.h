#ifndef UNIHV_CONSOLE_SERIAL_H
#define UNIHV_CONSOLE_SERIAL_H

#include <stdbool.h>
#include <stddef.h>

/* Probe and program COM1 and detect the 0xE9 debug port.  Boot CPU, once. */
void serial_init(void);
/* Write bytes to every present sink.  Callers serialise (console.c). */
void serial_write(const char *s, size_t n);
bool serial_has_e9(void);

#endif

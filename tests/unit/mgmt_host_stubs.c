/*
 * Host stand-ins for clock_ns() and the kernel log (mgmt_host_stubs.h).
 * The log is captured, not printed (UNIT_LOG=1 in the environment prints it).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include "console/log.h"
#include "mgmt_host_stubs.h"
#include "time/clock.h"

uint64_t stub_clock_now_ns;
unsigned stub_log_lines;
char stub_log_last[512];

uint64_t clock_ns(void)
{
	return stub_clock_now_ns;
}

void log_vprintf(enum log_level level, const char *fmt, va_list ap)
{
	vsnprintf(stub_log_last, sizeof(stub_log_last), fmt, ap);
	stub_log_lines++;
	if (getenv("UNIT_LOG"))
		fprintf(stderr, "log[%d]: %s\n", (int)level, stub_log_last);
}

void log_printf(enum log_level level, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_vprintf(level, fmt, ap);
	va_end(ap);
}

void stub_log_reset(void)
{
	stub_log_lines = 0;
	stub_log_last[0] = '\0';
}

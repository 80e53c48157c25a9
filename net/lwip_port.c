/*
 * What lwIP's NO_SYS port needs from the kernel (third_party/lwip/arch/cc.h
 * and lwipopts.h): a millisecond clock, diagnostics and assertions.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "console/log.h"
#include "core/panic.h"
#include "time/clock.h"
#include "lwip/opt.h"
#include "lwip/sys.h"

/* lwIP's timers: milliseconds, wrapping at 2^32 (lwIP compares with
 * wrap-around arithmetic). */
u32_t sys_now(void)
{
	return (u32_t)(clock_ns() / 1000000u);
}

void unihv_lwip_diag(const char *fmt, ...)
{
	char line[160];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	size_t n = strlen(line);
	while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		line[--n] = '\0';
	if (n)
		log_debug("lwip: %s", line);
}

/* An lwIP assertion is a broken invariant of the stack: stop the machine
 * (docs/error-policy.md). */
void unihv_lwip_assert(const char *msg, const char *file, int line)
{
	panic("lwIP assertion \"%s\" failed at %s:%d", msg, file, line);
}

#include <stdio.h>
#include <string.h>
#include "console/log.h"
#include "console/serial.h"
#include "lib/spinlock.h"
#include "time/clock.h"
#include "smp/percpu.h"

#define LOG_LINE_MAX 512

static enum log_level current_level = LOG_INFO;
static struct spinlock console_lock = SPINLOCK_INIT;
static volatile int console_lock_bypass;

static const char *const level_names[] = {
	[LOG_ERROR] = "error",
	[LOG_WARN] = "warn",
	[LOG_INFO] = "info",
	[LOG_DEBUG] = "debug",
};

void log_set_level(enum log_level level)
{
	current_level = level;
}

enum log_level log_get_level(void)
{
	return current_level;
}

static void console_emit(const char *buf, size_t len)
{
	if (console_lock_bypass) {
		serial_write(buf, len);
		return;
	}
	uint64_t flags = spin_lock_irqsave(&console_lock);
	serial_write(buf, len);
	spin_unlock_irqrestore(&console_lock, flags);
}

void console_force_unlock(void)
{
	console_lock_bypass = 1;
}

void log_vprintf(enum log_level level, const char *fmt, va_list ap)
{
	char line[LOG_LINE_MAX];
	int n;

	if (level > current_level)
		return;
	uint64_t ns = clock_ns();
	n = snprintf(line, sizeof(line), "[%5llu.%06llu] cpu%u %s: ",
		     (unsigned long long)(ns / 1000000000ull),
		     (unsigned long long)(ns / 1000ull % 1000000ull), this_cpu_index(),
		     level_names[level]);
	if (n < 0)
		return;
	int m = vsnprintf(line + n, sizeof(line) - (size_t)n, fmt, ap);
	if (m < 0)
		return;
	size_t len = (size_t)n + (size_t)m;
	if (len > sizeof(line) - 2)
		len = sizeof(line) - 2;
	line[len++] = '\n';
	console_emit(line, len);
}

void log_printf(enum log_level level, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_vprintf(level, fmt, ap);
	va_end(ap);
}

void console_printf(const char *fmt, ...)
{
	char line[LOG_LINE_MAX];
	va_list ap;

	va_start(ap, fmt);
	int n = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof(line))
		n = sizeof(line) - 1;
	console_emit(line, (size_t)n);
}

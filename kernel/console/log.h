/*
 * Kernel log: one line per call, prefixed with uptime, CPU and level,
 * written atomically to the console.  Formatting is musl's vsnprintf.
 */
#ifndef UNIHV_CONSOLE_LOG_H
#define UNIHV_CONSOLE_LOG_H

#include <stdarg.h>

enum log_level {
	LOG_ERROR = 0,
	LOG_WARN = 1,
	LOG_INFO = 2,
	LOG_DEBUG = 3,
};

/* Messages above this level are dropped (boot option loglevel=N). */
void log_set_level(enum log_level level);
enum log_level log_get_level(void);

void log_printf(enum log_level level, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void log_vprintf(enum log_level level, const char *fmt, va_list ap);

/* Raw console output without prefix (panic and exception reports). */
void console_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Stop taking the console lock: panic path on a possibly wedged CPU. */
void console_force_unlock(void);

#define log_error(...) log_printf(LOG_ERROR, __VA_ARGS__)
#define log_warn(...)  log_printf(LOG_WARN, __VA_ARGS__)
#define log_info(...)  log_printf(LOG_INFO, __VA_ARGS__)
#define log_debug(...) log_printf(LOG_DEBUG, __VA_ARGS__)

#endif

/*
 * Wall-clock time: the CMOS real-time clock (MC146818 and compatibles),
 * read once at boot and carried forward by the monotonic clock
 * (time/clock.h).  UTC is assumed (what QEMU, Bochs and servers keep in
 * the RTC).  Used where the image needs calendar time: X.509 validity
 * periods of the management endpoint's certificates.
 */
#ifndef UNIHV_TIME_RTC_H
#define UNIHV_TIME_RTC_H

#include <stdbool.h>
#include <stdint.h>

struct rtc_date {
	int year;   /* e.g. 2026 */
	int month;  /* 1..12 */
	int day;    /* 1..31 */
	int hour, minute, second;
	int weekday; /* 0 = Sunday (filled by rtc_date_from_unix only) */
	int yearday; /* 0..365 (filled by rtc_date_from_unix only) */
};

/*
 * Read the RTC (boot CPU, once, after clock_init).  Returns false when it
 * does not hold a valid date in 2000..2199 (a dead battery, no RTC);
 * then rtc_unix_time() stays 0 and the caller must not trust time.
 */
bool rtc_init(void);

/* Whether rtc_init() read a valid date. */
bool rtc_valid(void);

/* Seconds since 1970-01-01 00:00:00 UTC: the RTC at boot plus the
 * monotonic time since; 0 when the RTC was not valid.  Any CPU. */
int64_t rtc_unix_time(void);

/* Calendar conversions (pure).  The date must be valid (no checks). */
int64_t rtc_date_to_unix(const struct rtc_date *d);
void rtc_date_from_unix(int64_t t, struct rtc_date *out);

#endif

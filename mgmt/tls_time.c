/*
 * The wall clock mbedTLS asks for (third_party/mbedtls/unihv_mbedtls_config.h):
 * seconds since the epoch and their calendar form in UTC, from the RTC
 * read at boot (kernel/time/rtc.h).
 */
#include <time.h>
#include "mbedtls/platform_util.h"
#include "time/rtc.h"

/* mbedtls_time(): 0 (1970) when there is no valid RTC, which makes every
 * certificate "not yet valid": the endpoint refuses to start then anyway. */
time_t unihv_mbedtls_time(time_t *t)
{
	time_t now = (time_t)rtc_unix_time();
	if (t)
		*t = now;
	return now;
}

/* gmtime_r() for mbedTLS's X.509 date comparisons. */
struct tm *mbedtls_platform_gmtime_r(const mbedtls_time_t *tt, struct tm *tm_buf)
{
	struct rtc_date d;

	rtc_date_from_unix((int64_t)*tt, &d);
	*tm_buf = (struct tm){
		.tm_sec = d.second,
		.tm_min = d.minute,
		.tm_hour = d.hour,
		.tm_mday = d.day,
		.tm_mon = d.month - 1,
		.tm_year = d.year - 1900,
		.tm_wday = d.weekday,
		.tm_yday = d.yearday,
	};
	return tm_buf;
}

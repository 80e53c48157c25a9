/*
 * CMOS RTC: registers 0-9 (seconds .. year), 0x32 (century, where QEMU,
 * Bochs and the ACPI FADT default put it), status A (update in progress)
 * and B (binary/BCD, 12/24 hour).  Read until two consecutive reads agree,
 * so an update between two registers cannot tear the date.
 */
#include "time/rtc.h"
#include "arch/cpu.h"
#include "console/log.h"
#include "time/clock.h"

#define CMOS_INDEX 0x70
#define CMOS_DATA 0x71
#define REG_STATUS_A 0x0a
#define REG_STATUS_B 0x0b
#define REG_CENTURY 0x32
#define STATUS_A_UIP 0x80
#define STATUS_B_24H 0x02
#define STATUS_B_BINARY 0x04

static int64_t boot_unix;   /* RTC at boot_ns */
static uint64_t boot_ns;
static bool valid;

static uint8_t cmos_read(uint8_t reg)
{
	outb(CMOS_INDEX, reg);
	return inb(CMOS_DATA);
}

struct raw {
	uint8_t sec, min, hour, day, mon, year, century;
};

static void read_raw(struct raw *r)
{
	/* An update takes under 2 ms after UIP is seen; wait at most ~10 ms. */
	for (int i = 0; i < 10000 && (cmos_read(REG_STATUS_A) & STATUS_A_UIP); i++)
		clock_delay_us(1);
	r->sec = cmos_read(0x00);
	r->min = cmos_read(0x02);
	r->hour = cmos_read(0x04);
	r->day = cmos_read(0x07);
	r->mon = cmos_read(0x08);
	r->year = cmos_read(0x09);
	r->century = cmos_read(REG_CENTURY);
}

static bool same(const struct raw *a, const struct raw *b)
{
	return a->sec == b->sec && a->min == b->min && a->hour == b->hour && a->day == b->day &&
	       a->mon == b->mon && a->year == b->year && a->century == b->century;
}

/* BCD byte to binary; -1 when a digit is not decimal. */
static int bcd(uint8_t v)
{
	if ((v & 15) > 9 || (v >> 4) > 9)
		return -1;
	return (v >> 4) * 10 + (v & 15);
}

static int days_in_month(int year, int month)
{
	static const uint8_t days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
	return month == 2 && leap ? 29 : days[month - 1];
}

static bool decode(const struct raw *r, uint8_t status_b, struct rtc_date *d)
{
	bool binary = status_b & STATUS_B_BINARY;
	bool pm = !(status_b & STATUS_B_24H) && (r->hour & 0x80);
	uint8_t hour = r->hour & (status_b & STATUS_B_24H ? 0xff : 0x7f);
	int century = binary ? r->century : bcd(r->century);

	d->second = binary ? r->sec : bcd(r->sec);
	d->minute = binary ? r->min : bcd(r->min);
	d->hour = binary ? hour : bcd(hour);
	d->day = binary ? r->day : bcd(r->day);
	d->month = binary ? r->mon : bcd(r->mon);
	int yy = binary ? r->year : bcd(r->year);
	if (!(status_b & STATUS_B_24H) && d->hour >= 1 && d->hour <= 12)
		d->hour = d->hour % 12 + (pm ? 12 : 0);
	/* Without a usable century register, the two digits are 20yy. */
	if (century < 20 || century > 21)
		century = 20;
	d->year = century * 100 + yy;
	return yy >= 0 && yy <= 99 && d->month >= 1 && d->month <= 12 && d->day >= 1 &&
	       d->day <= days_in_month(d->year, d->month) && d->hour >= 0 && d->hour <= 23 &&
	       d->minute >= 0 && d->minute <= 59 && d->second >= 0 && d->second <= 59;
}

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
 * days_from_civil). */
static int64_t days_from_civil(int64_t y, int m, int d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

int64_t rtc_date_to_unix(const struct rtc_date *d)
{
	return days_from_civil(d->year, d->month, d->day) * 86400 + d->hour * 3600 +
	       d->minute * 60 + d->second;
}

void rtc_date_from_unix(int64_t t, struct rtc_date *out)
{
	int64_t days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
	int64_t secs = t - days * 86400;

	out->hour = (int)(secs / 3600);
	out->minute = (int)(secs / 60 % 60);
	out->second = (int)(secs % 60);
	out->weekday = (int)((days % 7 + 11) % 7); /* 1970-01-01 was a Thursday */
	/* civil_from_days */
	int64_t z = days + 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	out->day = (int)(doy - (153 * mp + 2) / 5 + 1);
	out->month = (int)(mp < 10 ? mp + 3 : mp - 9);
	out->year = (int)(yoe + era * 400 + (out->month <= 2));
	out->yearday = (int)(days - days_from_civil(out->year, 1, 1));
}

bool rtc_init(void)
{
	struct raw a, b;
	struct rtc_date d;
	int tries = 0;

	read_raw(&a);
	do {
		b = a;
		read_raw(&a);
	} while (!same(&a, &b) && ++tries < 5);
	uint8_t status_b = cmos_read(REG_STATUS_B);
	if (!same(&a, &b) || !decode(&a, status_b, &d)) {
		log_warn("rtc: the CMOS clock does not hold a valid date; no wall-clock time");
		return false;
	}
	boot_ns = clock_ns();
	boot_unix = rtc_date_to_unix(&d);
	valid = true;
	log_info("rtc: %04d-%02d-%02d %02d:%02d:%02d UTC", d.year, d.month, d.day, d.hour, d.minute,
		 d.second);
	return true;
}

bool rtc_valid(void)
{
	return valid;
}

int64_t rtc_unix_time(void)
{
	if (!valid)
		return 0;
	return boot_unix + (int64_t)((clock_ns() - boot_ns) / 1000000000ull);
}

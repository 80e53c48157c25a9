#include "time/clock.h"
#include "time/pit.h"
#include "arch/cpu.h"
#include "core/panic.h"

static uint64_t tsc_hz;
static uint64_t tsc_origin;
static uint64_t ns_mult; /* ns = (tsc delta * ns_mult) >> 32 */
static const char *source = "none";

static uint64_t tsc_hz_from_cpuid(void)
{
	struct cpuid_regs r = cpuid(0, 0);
	if (r.eax >= 0x15) {
		struct cpuid_regs c = cpuid(0x15, 0);
		if (c.eax && c.ebx && c.ecx) {
			source = "CPUID 0x15";
			return (uint64_t)c.ecx * c.ebx / c.eax;
		}
	}
	if (r.eax >= 0x16) {
		struct cpuid_regs c = cpuid(0x16, 0);
		if (c.eax) {
			source = "CPUID 0x16";
			return (uint64_t)c.eax * 1000000ull;
		}
	}
	return 0;
}

uint64_t clock_init(void)
{
	uint64_t hz = pit_measure_tsc_hz(20);
	if (hz)
		source = "PIT";
	else
		hz = tsc_hz_from_cpuid();
	if (!hz)
		panic("cannot calibrate the TSC: no PIT and no CPUID frequency leaf");
	ns_mult = (1000000000ull << 32) / hz;
	tsc_hz = hz;
	tsc_origin = rdtsc();
	return hz;
}

uint64_t clock_ns(void)
{
	if (!tsc_hz)
		return 0;
	uint64_t delta = rdtsc() - tsc_origin;
	/* Another CPU's TSC may lag a little behind the boot CPU's. */
	if ((int64_t)delta < 0)
		return 0;
	return (uint64_t)(((unsigned __int128)delta * ns_mult) >> 32);
}

uint64_t clock_tsc_hz(void)
{
	return tsc_hz;
}

void clock_delay_us(uint64_t us)
{
	uint64_t end = clock_ns() + us * 1000ull;
	while (clock_ns() < end)
		cpu_relax();
}

const char *clock_source_name(void)
{
	return source;
}

#include "time/pit.h"
#include "arch/cpu.h"

#define PIT_HZ 1193182ull
#define PIT_CH2 0x42
#define PIT_CMD 0x43
#define PORT_B 0x61
#define PORT_B_GATE2 0x01
#define PORT_B_SPEAKER 0x02
#define PORT_B_OUT2 0x20

uint64_t pit_measure_tsc_hz(unsigned ms)
{
	uint64_t latch = PIT_HZ * ms / 1000;

	if (latch == 0 || latch > 0xffff)
		return 0;
	outb(PORT_B, (uint8_t)((inb(PORT_B) & ~PORT_B_SPEAKER) | PORT_B_GATE2));
	outb(PIT_CMD, 0xb0); /* channel 2, lo/hi byte, mode 0, binary */
	outb(PIT_CH2, (uint8_t)latch);
	outb(PIT_CH2, (uint8_t)(latch >> 8));

	uint64_t start = rdtsc();
	uint64_t polls = 0;
	while (!(inb(PORT_B) & PORT_B_OUT2)) {
		/* No PIT: OUT2 never rises.  Give up after ~50M polls. */
		if (++polls > 50000000ull)
			return 0;
	}
	uint64_t end = rdtsc();
	if (end <= start)
		return 0;
	return (end - start) * 1000ull / ms;
}

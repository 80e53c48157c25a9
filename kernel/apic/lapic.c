#include "apic/lapic.h"
#include "arch/cpu.h"
#include "time/clock.h"
#include "console/log.h"
#include "lib/bug.h"

#define APIC_BASE_BSP     (1ull << 8)
#define APIC_BASE_X2APIC  (1ull << 10)
#define APIC_BASE_ENABLE  (1ull << 11)

/* Register numbers in x2APIC MSR form; xAPIC offset = (reg - 0x800) << 4. */
#define REG_ID         0x802
#define REG_TPR        0x808
#define REG_EOI        0x80b
#define REG_SVR        0x80f
#define REG_ESR        0x828
#define REG_ICR        0x830
#define REG_ICR_HIGH   0x831 /* xAPIC only */
#define REG_LVT_TIMER  0x832
#define REG_LVT_LINT0  0x835
#define REG_LVT_LINT1  0x836
#define REG_LVT_ERROR  0x837
#define REG_TIMER_INIT 0x838
#define REG_TIMER_CUR  0x839
#define REG_TIMER_DIV  0x83e

#define SVR_ENABLE     (1u << 8)
#define LVT_MASKED     (1u << 16)
#define LVT_PERIODIC   (1u << 17)
#define LVT_NMI        (4u << 8)
#define ICR_INIT       (5u << 8)
#define ICR_STARTUP    (6u << 8)
#define ICR_NMI        (4u << 8)
#define ICR_LEVEL_ASSERT (1u << 14)
#define ICR_PENDING    (1u << 12)
#define ICR_ALL_BUT_SELF (3u << 18)

static bool x2apic;
static volatile uint32_t *xapic_mmio;
static uint64_t timer_hz; /* APIC timer counts per second at divide-by-16 */

static uint32_t apic_read(uint32_t reg)
{
	if (x2apic)
		return (uint32_t)rdmsr(reg);
	return xapic_mmio[((reg - 0x800) << 4) / 4];
}

static void apic_write(uint32_t reg, uint32_t v)
{
	if (x2apic)
		wrmsr(reg, v);
	else
		xapic_mmio[((reg - 0x800) << 4) / 4] = v;
}

void pic_disable(void)
{
	/* Remap to 0x20/0x28 so stray PIC interrupts are not exceptions, then mask. */
	outb(0x20, 0x11);
	outb(0xa0, 0x11);
	outb(0x21, 0x20);
	outb(0xa1, 0x28);
	outb(0x21, 0x04);
	outb(0xa1, 0x02);
	outb(0x21, 0x01);
	outb(0xa1, 0x01);
	outb(0x21, 0xff);
	outb(0xa1, 0xff);
}

void lapic_init_cpu(void)
{
	uint64_t base = rdmsr(MSR_APIC_BASE);

	x2apic = (cpuid(1, 0).ecx & CPUID1_ECX_X2APIC) != 0;
	if (x2apic) {
		/* xAPIC must be enabled before x2APIC (SDM 10.12.5). */
		base |= APIC_BASE_ENABLE;
		wrmsr(MSR_APIC_BASE, base);
		wrmsr(MSR_APIC_BASE, base | APIC_BASE_X2APIC);
	} else {
		wrmsr(MSR_APIC_BASE, base | APIC_BASE_ENABLE);
		xapic_mmio = (volatile uint32_t *)(uintptr_t)(base & 0xffffff000ull);
	}
	apic_write(REG_TPR, 0);
	apic_write(REG_LVT_LINT0, LVT_MASKED);
	apic_write(REG_LVT_LINT1, LVT_NMI);
	apic_write(REG_LVT_ERROR, LVT_MASKED);
	apic_write(REG_SVR, SVR_ENABLE | 0xff);
	apic_write(REG_ESR, 0);
	lapic_eoi();
}

bool lapic_is_x2apic(void)
{
	return x2apic;
}

uint32_t lapic_id(void)
{
	uint32_t id = apic_read(REG_ID);
	return x2apic ? id : id >> 24;
}

void lapic_eoi(void)
{
	apic_write(REG_EOI, 0);
}

static void icr_send(uint32_t dest, uint32_t low)
{
	if (x2apic) {
		wrmsr(REG_ICR, ((uint64_t)dest << 32) | low);
		return;
	}
	if (!xapic_mmio)
		return;
	apic_write(REG_ICR_HIGH, dest << 24);
	apic_write(REG_ICR, low);
	for (unsigned spins = 0; (apic_read(REG_ICR) & ICR_PENDING) && spins < 1000000; spins++)
		cpu_relax();
}

void lapic_send_init(uint32_t apic_id)
{
	icr_send(apic_id, ICR_INIT | ICR_LEVEL_ASSERT);
}

void lapic_send_startup(uint32_t apic_id, uint8_t vector_page)
{
	icr_send(apic_id, ICR_STARTUP | vector_page);
}

void lapic_send_fixed(uint32_t apic_id, uint8_t vector)
{
	icr_send(apic_id, vector | ICR_LEVEL_ASSERT);
}

void lapic_send_nmi_all_but_self(void)
{
	/* Before lapic_init_cpu nothing else runs, and there is no one to stop. */
	if (!x2apic && !xapic_mmio)
		return;
	icr_send(0, ICR_NMI | ICR_LEVEL_ASSERT | ICR_ALL_BUT_SELF);
}

void lapic_timer_calibrate(void)
{
	const uint64_t window_ns = 10 * 1000 * 1000;

	apic_write(REG_TIMER_DIV, 0x3); /* divide by 16 */
	apic_write(REG_LVT_TIMER, LVT_MASKED);
	apic_write(REG_TIMER_INIT, 0xffffffff);
	uint64_t t0 = clock_ns();
	while (clock_ns() - t0 < window_ns)
		cpu_relax();
	uint32_t elapsed = 0xffffffffu - apic_read(REG_TIMER_CUR);
	uint64_t t1 = clock_ns();
	apic_write(REG_TIMER_INIT, 0);
	timer_hz = (uint64_t)elapsed * 1000000000ull / (t1 - t0);
	BUG_ON(timer_hz == 0);
}

uint64_t lapic_timer_hz(void)
{
	return timer_hz;
}

void lapic_timer_start_periodic(unsigned hz, uint8_t vector)
{
	BUG_ON(timer_hz == 0 || hz == 0);
	uint64_t count = timer_hz / hz;
	if (count == 0)
		count = 1;
	if (count > 0xffffffffull)
		count = 0xffffffffull;
	apic_write(REG_TIMER_DIV, 0x3);
	apic_write(REG_LVT_TIMER, LVT_PERIODIC | vector);
	apic_write(REG_TIMER_INIT, (uint32_t)count);
}

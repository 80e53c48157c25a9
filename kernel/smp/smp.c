#include <string.h>
#include "smp/smp.h"
#include "smp/percpu.h"
#include "arch/boot_defs.h"
#include "arch/cpu.h"
#include "arch/fpu.h"
#include "arch/gdt.h"
#include "arch/idt.h"
#include "apic/lapic.h"
#include "console/log.h"
#include "lib/musl_glue.h"
#include "mm/pmm.h"
#include "smp/smp_call.h"
#include "time/clock.h"

struct percpu percpu_area[MAX_CPUS];
int percpu_ready;

static unsigned cpus_online = 1;
static uint8_t bsp_ist_stacks[IST_COUNT][IST_STACK_SIZE] __attribute__((aligned(16)));

extern const char ap_trampoline_start[], ap_trampoline_end[];

void percpu_install(struct percpu *pc)
{
	pc->self = pc;
	wrmsr(MSR_GS_BASE, (uint64_t)(uintptr_t)pc);
}

void smp_early_init_bsp(void)
{
	struct percpu *pc = &percpu_area[0];
	uint64_t ist[IST_COUNT];

	pc->index = 0;
	percpu_install(pc);
	percpu_ready = 1;
	musl_glue_cpu_init(0);
	fpu_init_cpu();
	for (int i = 0; i < IST_COUNT; i++)
		ist[i] = (uint64_t)(uintptr_t)(bsp_ist_stacks[i] + IST_STACK_SIZE);
	gdt_load(&pc->gdt, ist);
}

unsigned smp_cpus_online(void)
{
	return __atomic_load_n(&cpus_online, __ATOMIC_ACQUIRE);
}

static void kick(struct interrupt_frame *f)
{
	(void)f;
	lapic_eoi(); /* the point was to interrupt: the idle loop polls */
}

static void timer_tick(struct interrupt_frame *f)
{
	(void)f;
	this_cpu()->timer_ticks++;
	lapic_eoi();
}

_Noreturn static void ap_main(struct percpu *pc)
{
	uint64_t ist[IST_COUNT];
	uint64_t ist_base = pc->kernel_stack_top - KERNEL_STACK_SIZE - IST_COUNT * IST_STACK_SIZE;

	percpu_install(pc);
	musl_glue_cpu_init(pc->index);
	fpu_init_cpu();
	for (int i = 0; i < IST_COUNT; i++)
		ist[i] = ist_base + (uint64_t)(i + 1) * IST_STACK_SIZE;
	gdt_load(&pc->gdt, ist);
	idt_load();
	lapic_init_cpu();
	lapic_timer_start_periodic(SMP_TIMER_HZ, VECTOR_TIMER);
	pc->apic_id = lapic_id();
	__atomic_store_n(&pc->online, 1, __ATOMIC_RELEASE);
	__atomic_add_fetch(&cpus_online, 1, __ATOMIC_ACQ_REL);
	log_info("cpu%u online (APIC ID %u)", pc->index, pc->apic_id);
	for (;;) {
		irq_disable();
		smp_call_poll();
		cpu_wait_for_interrupt();
	}
}

static bool start_one(struct percpu *pc)
{
	uint8_t *tramp = (uint8_t *)(uintptr_t)AP_TRAMPOLINE_ADDR;
	uint64_t pages = (KERNEL_STACK_SIZE + IST_COUNT * IST_STACK_SIZE) / PAGE_SIZE;
	uint64_t stack = pmm_alloc_pages(pages, 1);

	if (!stack) {
		log_error("cpu%u: no memory for its stacks", pc->index);
		return false;
	}
	pc->kernel_stack_top = stack + pages * PAGE_SIZE;

	*(uint64_t *)(tramp + AP_PARAM_CR3) = read_cr3();
	*(uint64_t *)(tramp + AP_PARAM_STACK) = pc->kernel_stack_top;
	*(uint64_t *)(tramp + AP_PARAM_ENTRY) = (uint64_t)(uintptr_t)ap_main;
	*(uint64_t *)(tramp + AP_PARAM_ARG) = (uint64_t)(uintptr_t)pc;
	*(uint64_t *)(tramp + AP_PARAM_EFER) = rdmsr(MSR_EFER) & (EFER_LME | EFER_NXE | EFER_SCE);
	__atomic_thread_fence(__ATOMIC_SEQ_CST);

	lapic_send_init(pc->apic_id);
	clock_delay_us(10000);
	for (int sipi = 0; sipi < 2 && !pc->online; sipi++) {
		lapic_send_startup(pc->apic_id, AP_TRAMPOLINE_ADDR >> 12);
		uint64_t deadline = clock_ns() + (sipi == 0 ? 200000ull : 100000000ull);
		while (!__atomic_load_n(&pc->online, __ATOMIC_ACQUIRE) && clock_ns() < deadline)
			cpu_relax();
	}
	if (!pc->online) {
		log_error("cpu%u (APIC ID %u) did not come online", pc->index, pc->apic_id);
		pmm_free_pages(stack, pages);
		return false;
	}
	return true;
}

unsigned smp_start_aps(const struct acpi_madt_info *madt)
{
	uint32_t self = lapic_id();
	unsigned next = 1;

	percpu_area[0].apic_id = self;
	percpu_area[0].online = 1;
	idt_set_handler(VECTOR_TIMER, timer_tick);
	idt_set_handler(VECTOR_KICK, kick);
	lapic_timer_start_periodic(SMP_TIMER_HZ, VECTOR_TIMER);

	memcpy((void *)(uintptr_t)AP_TRAMPOLINE_ADDR, ap_trampoline_start,
	       (size_t)(ap_trampoline_end - ap_trampoline_start));
	for (unsigned i = 0; i < madt->cpu_count; i++) {
		const struct acpi_cpu *c = &madt->cpus[i];
		if (c->apic_id == self || !c->enabled)
			continue;
		if (next == MAX_CPUS) {
			log_warn("more than %d CPUs: the rest stay offline", MAX_CPUS);
			break;
		}
		struct percpu *pc = &percpu_area[next];
		pc->index = next;
		pc->apic_id = c->apic_id;
		if (start_one(pc))
			next++;
		else
			memset(pc, 0, sizeof(*pc));
	}
	return smp_cpus_online();
}

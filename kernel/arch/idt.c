#include <stddef.h>
#include "arch/idt.h"
#include "arch/gdt.h"
#include "arch/cpu.h"
#include "console/log.h"
#include "core/panic.h"
#include "core/backtrace.h"
#include "apic/lapic.h"
#include "lib/bug.h"
#include "smp/percpu.h"

struct __attribute__((packed)) idt_gate {
	uint16_t offset_low;
	uint16_t selector;
	uint8_t ist;
	uint8_t type_attr;
	uint16_t offset_mid;
	uint32_t offset_high;
	uint32_t reserved;
};

struct __attribute__((packed)) idt_ptr {
	uint16_t limit;
	uint64_t base;
};

extern const uint64_t isr_stub_table[256];

static struct idt_gate idt[256] __attribute__((aligned(16)));
static irq_handler_t irq_handlers[256];

static const char *const exception_names[32] = {
	"#DE divide error", "#DB debug", "NMI", "#BP breakpoint", "#OF overflow",
	"#BR bound range", "#UD invalid opcode", "#NM device not available",
	"#DF double fault", "coprocessor segment overrun", "#TS invalid TSS",
	"#NP segment not present", "#SS stack fault", "#GP general protection",
	"#PF page fault", "reserved (15)", "#MF x87 floating point", "#AC alignment check",
	"#MC machine check", "#XM SIMD floating point", "#VE virtualization",
	"#CP control protection", "reserved (22)", "reserved (23)", "reserved (24)",
	"reserved (25)", "reserved (26)", "reserved (27)", "#HV hypervisor injection",
	"#VC VMM communication", "#SX security", "reserved (31)",
};

static void idt_set_gate(unsigned vector, uint64_t addr, uint8_t ist)
{
	idt[vector] = (struct idt_gate){
		.offset_low = (uint16_t)addr,
		.selector = GDT_KERNEL_CS,
		.ist = ist,
		.type_attr = 0x8e, /* present, DPL 0, 64-bit interrupt gate */
		.offset_mid = (uint16_t)(addr >> 16),
		.offset_high = (uint32_t)(addr >> 32),
	};
}

void idt_init(void)
{
	for (unsigned v = 0; v < 256; v++)
		idt_set_gate(v, isr_stub_table[v], 0);
	idt[2].ist = IST_NMI;
	idt[8].ist = IST_DOUBLE_FAULT;
	idt[18].ist = IST_MACHINE_CHECK;
}

void idt_load(void)
{
	struct idt_ptr p = { sizeof(idt) - 1, (uint64_t)(uintptr_t)idt };
	__asm__ volatile("lidt %0" : : "m"(p));
}

void idt_set_handler(uint8_t vector, irq_handler_t handler)
{
	BUG_ON(vector < 32);
	irq_handlers[vector] = handler;
}

static void report_exception(const struct interrupt_frame *f)
{
	const char *name = exception_names[f->vector];

	console_force_unlock();
	console_printf("\n*** EXCEPTION %s (vector %llu) on cpu%u, error code 0x%llx\n", name,
		       (unsigned long long)f->vector, this_cpu_index(),
		       (unsigned long long)f->error_code);
	if (f->vector == 14)
		console_printf("*** faulting address (CR2): 0x%016llx (%s, %s, %s)\n",
			       (unsigned long long)read_cr2(),
			       (f->error_code & 1) ? "protection" : "not present",
			       (f->error_code & 2) ? "write" : "read",
			       (f->error_code & 16) ? "instruction fetch" : "data");
	console_printf("RIP %016llx CS %04llx RFLAGS %016llx\n", (unsigned long long)f->rip,
		       (unsigned long long)f->cs, (unsigned long long)f->rflags);
	console_printf("RSP %016llx SS %04llx\n", (unsigned long long)f->rsp,
		       (unsigned long long)f->ss);
	console_printf("RAX %016llx RBX %016llx RCX %016llx RDX %016llx\n",
		       (unsigned long long)f->rax, (unsigned long long)f->rbx,
		       (unsigned long long)f->rcx, (unsigned long long)f->rdx);
	console_printf("RSI %016llx RDI %016llx RBP %016llx\n", (unsigned long long)f->rsi,
		       (unsigned long long)f->rdi, (unsigned long long)f->rbp);
	console_printf("R8  %016llx R9  %016llx R10 %016llx R11 %016llx\n",
		       (unsigned long long)f->r8, (unsigned long long)f->r9,
		       (unsigned long long)f->r10, (unsigned long long)f->r11);
	console_printf("R12 %016llx R13 %016llx R14 %016llx R15 %016llx\n",
		       (unsigned long long)f->r12, (unsigned long long)f->r13,
		       (unsigned long long)f->r14, (unsigned long long)f->r15);
	console_printf("CR0 %016llx CR2 %016llx CR3 %016llx CR4 %016llx\n",
		       (unsigned long long)read_cr0(), (unsigned long long)read_cr2(),
		       (unsigned long long)read_cr3(), (unsigned long long)read_cr4());
	backtrace_print(f->rip, f->rbp);
}

void interrupt_dispatch(struct interrupt_frame *f)
{
	uint64_t v = f->vector;

	if (v == 2 && panic_in_progress())
		cpu_stop(); /* another CPU panicked and is stopping us */
	if (v < 32) {
		report_exception(f);
		panic("unhandled exception %s at rip 0x%llx", exception_names[v],
		      (unsigned long long)f->rip);
	}
	if (irq_handlers[v]) {
		irq_handlers[v](f);
		return;
	}
	if (v == VECTOR_SPURIOUS)
		return; /* spurious interrupts need no EOI (SDM 10.9) */
	log_warn("unexpected interrupt vector %llu", (unsigned long long)v);
	lapic_eoi();
}

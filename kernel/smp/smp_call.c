#include "smp/smp_call.h"
#include "smp/smp.h"
#include "smp/percpu.h"
#include "apic/lapic.h"
#include "arch/cpu.h"
#include "arch/idt.h"

struct mailbox {
	volatile smp_call_fn fn;
	void *volatile arg;
	volatile unsigned posted, finished;
} __attribute__((aligned(64)));

static struct mailbox mailboxes[MAX_CPUS];

bool smp_call_async(unsigned cpu, smp_call_fn fn, void *arg)
{
	if (cpu >= MAX_CPUS || !percpu_area[cpu].online)
		return false;
	struct mailbox *m = &mailboxes[cpu];
	if (__atomic_load_n(&m->posted, __ATOMIC_ACQUIRE) !=
	    __atomic_load_n(&m->finished, __ATOMIC_ACQUIRE))
		return false;
	m->fn = fn;
	m->arg = arg;
	__atomic_add_fetch(&m->posted, 1, __ATOMIC_RELEASE);
	smp_kick(cpu);
	return true;
}

bool smp_call_done(unsigned cpu)
{
	struct mailbox *m = &mailboxes[cpu];
	return __atomic_load_n(&m->posted, __ATOMIC_ACQUIRE) ==
	       __atomic_load_n(&m->finished, __ATOMIC_ACQUIRE);
}

bool smp_call_sync(unsigned cpu, smp_call_fn fn, void *arg)
{
	if (cpu == this_cpu_index()) {
		fn(arg);
		return true;
	}
	while (!smp_call_async(cpu, fn, arg)) {
		if (cpu >= MAX_CPUS || !percpu_area[cpu].online)
			return false;
		cpu_relax();
	}
	while (!smp_call_done(cpu))
		cpu_relax();
	return true;
}

void smp_call_all(smp_call_fn fn, void *arg)
{
	for (unsigned c = 0; c < MAX_CPUS; c++)
		if (percpu_area[c].online)
			smp_call_sync(c, fn, arg);
}

void smp_call_poll(void)
{
	struct mailbox *m = &mailboxes[this_cpu_index()];
	unsigned posted = __atomic_load_n(&m->posted, __ATOMIC_ACQUIRE);

	if (posted == m->finished)
		return;
	m->fn(m->arg);
	__atomic_store_n(&m->finished, posted, __ATOMIC_RELEASE);
}

void smp_kick(unsigned cpu)
{
	if (cpu != this_cpu_index())
		lapic_send_fixed(percpu_area[cpu].apic_id, VECTOR_KICK);
}

/*
 * Start-up of the hypervisor core and the root's memory.
 */
#include <string.h>
#include "hv/hv.h"
#include "hv/arch.h"
#include "hv/partition.h"
#include "console/log.h"
#include "core/panic.h"
#include "mm/pmm.h"
#include "smp/percpu.h"
#include "smp/smp_call.h"
#include "arch/cpu.h"
#include "lib/bug.h"
#include "smp/smp.h"

struct spinlock hv_lock = SPINLOCK_INIT;
struct page_owner_table hv_page_owner;

static volatile unsigned cpus_enabled;
static const char *cpu_failure;

static void enable_this_cpu(void *arg)
{
	const char *why;
	(void)arg;
	uint64_t flags = irq_save();
	if (arch_cpu_enable(&why))
		__atomic_add_fetch(&cpus_enabled, 1, __ATOMIC_ACQ_REL);
	else
		cpu_failure = why;
	irq_restore(flags);
}

bool hv_init(const char **why)
{
	uint64_t frames = pmm_end_phys() >> 12;
	uint64_t pages = (frames * sizeof(uint32_t) + 4095) / 4096;
	uint64_t storage = pmm_alloc_pages(pages, 1);

	if (!storage)
		panic("no memory for the page-ownership table (%llu pages)",
		      (unsigned long long)pages);
	page_owner_init(&hv_page_owner, (uint32_t *)(uintptr_t)storage, frames);
	hv_partitions_init();

	smp_call_all(enable_this_cpu, NULL);
	if (!arch_available()) {
		*why = cpu_failure ? cpu_failure : "VMX unavailable";
		return false;
	}
	if (cpu_failure)
		log_warn("hv: VMX failed on some CPUs: %s", cpu_failure);
	*why = "VMX enabled";
	log_info("hv: VMX on %u of %u CPUs", cpus_enabled, smp_cpus_online());
	return true;
}

bool hv_virtualization_available(void)
{
	return arch_available();
}

bool hv_root_alloc_pages(uint64_t *pfns, uint32_t count)
{
	for (uint32_t i = 0; i < count; i++) {
		uint64_t phys = pmm_alloc_pages(1, 1);
		if (!phys) {
			hv_root_free_pages(pfns, i);
			return false;
		}
		spin_lock(&hv_lock);
		bool ok = page_owner_transfer(&hv_page_owner, phys >> 12, PAGE_OWNER_NONE, 0,
					      PAGE_OWNER_ROOT, 0);
		spin_unlock(&hv_lock);
		BUG_ON(!ok); /* a page fresh from the allocator belongs to no one */
		pfns[i] = phys >> 12;
	}
	return true;
}

bool hv_root_alloc_contiguous(uint64_t count, uint64_t align, uint64_t *pfn)
{
	uint64_t phys = pmm_alloc_pages(count, align);

	if (!phys)
		return false;
	spin_lock(&hv_lock);
	for (uint64_t i = 0; i < count; i++)
		BUG_ON(!page_owner_transfer(&hv_page_owner, (phys >> 12) + i, PAGE_OWNER_NONE, 0,
					    PAGE_OWNER_ROOT, 0));
	spin_unlock(&hv_lock);
	*pfn = phys >> 12;
	return true;
}

uint32_t hv_root_free_pages(const uint64_t *pfns, uint32_t count)
{
	uint32_t freed = 0;

	for (uint32_t i = 0; i < count; i++) {
		spin_lock(&hv_lock);
		bool ok = page_owner_transfer(&hv_page_owner, pfns[i], PAGE_OWNER_ROOT, 0,
					      PAGE_OWNER_NONE, 0);
		spin_unlock(&hv_lock);
		if (ok) {
			pmm_free_pages(pfns[i] << 12, 1);
			freed++;
		}
	}
	return freed;
}

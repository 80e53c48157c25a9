#include "mm/paging.h"
#include "arch/boot_defs.h"
#include "arch/cpu.h"
#include <stdbool.h>

#define GIB (1ull << 30)
#define MIB2 (2ull << 20)
#define STATIC_PD_GIB 60 /* 2 MiB mappings for up to 64 GiB without 1G pages */
#define PTE_NX (1ull << 63)

extern uint64_t boot_pml4[512];
extern uint64_t boot_pd[4 * 512];

static uint64_t pd_pool[STATIC_PD_GIB][512] __attribute__((aligned(4096)));
static uint64_t identity_limit = 4 * GIB;

uint64_t paging_identity_limit(void)
{
	return identity_limit;
}

static uint64_t *pdpt_low(void)
{
	return (uint64_t *)(uintptr_t)(boot_pml4[0] & 0x000ffffffffff000ull);
}

void paging_extend_identity_map(uint64_t end)
{
	bool gib_pages = (cpuid(0x80000001, 0).edx >> 26) & 1;
	uint64_t max = gib_pages ? 512 * GIB : (4 + STATIC_PD_GIB) * GIB;

	if (end > max)
		end = max;
	/* PML4[0] covers 0..512 GiB: its PDPT is the boot one. */
	uint64_t *pdpt = pdpt_low();
	for (uint64_t g = 4; g * GIB < end; g++) {
		if (gib_pages) {
			pdpt[g] = (g * GIB) | PTE_P | PTE_W | PTE_PS;
		} else {
			uint64_t *pd = pd_pool[g - 4];
			for (unsigned i = 0; i < 512; i++)
				pd[i] = (g * GIB + i * MIB2) | PTE_P | PTE_W | PTE_PS;
			pdpt[g] = (uint64_t)(uintptr_t)pd | PTE_P | PTE_W;
		}
		identity_limit = (g + 1) * GIB;
	}
	write_cr3(read_cr3());
}

void paging_set_uncached(uint64_t base, uint64_t len)
{
	uint64_t end = base + len;
	if (end > 4 * GIB)
		end = 4 * GIB;
	for (uint64_t a = base & ~(MIB2 - 1); a < end; a += MIB2) {
		boot_pd[a / MIB2] |= PTE_PCD | PTE_PWT;
		__asm__ volatile("invlpg (%0)" : : "r"(a) : "memory");
	}
}

const void *paging_phys_map(uint64_t pa, size_t len, void *ctx)
{
	(void)ctx;
	if (pa == 0 || pa + len < pa || pa + len > identity_limit)
		return NULL;
	return (const void *)(uintptr_t)pa;
}

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/selftest.h"
#include "arch/cpu.h"
#include "core/emu_exit.h"
#include "core/panic.h"
#include "boot/cmdline.h"
#include "console/log.h"
#include "mm/pmm.h"
#include "net/echo.h"
#include "smp/percpu.h"
#include "smp/smp.h"
#include "time/clock.h"

#define FAULT_TEST_ADDRESS 0x00007ffff0000000ull /* canonical, never mapped */

static void verdict(const char *name, const char *failure)
{
	if (failure)
		console_printf("TEST %s: FAIL (%s)\n", name, failure);
	else
		console_printf("TEST %s: PASS\n", name);
	emu_exit(failure ? EMU_EXIT_FAILURE : EMU_EXIT_SUCCESS);
}

/* Every online CPU's timer must tick while we wait 200 ms. */
static const char *check_timers(void)
{
	static char why[96];
	uint64_t before[MAX_CPUS];
	unsigned n = smp_cpus_online();

	for (unsigned i = 0; i < n; i++)
		before[i] = percpu_area[i].timer_ticks;
	uint64_t t0 = clock_ns();
	while (clock_ns() - t0 < 200000000ull)
		cpu_wait_for_interrupt();
	for (unsigned i = 0; i < n; i++) {
		uint64_t ticks = percpu_area[i].timer_ticks - before[i];
		log_info("selftest: cpu%u timer ticks in 200 ms: %llu", i, (unsigned long long)ticks);
		/* 100 Hz for 200 ms is 20 ticks; allow for start-up skew. */
		if (ticks < 10 || ticks > 40) {
			snprintf(why, sizeof(why), "cpu%u timer ticked %llu times in 200 ms", i,
				 (unsigned long long)ticks);
			return why;
		}
	}
	return NULL;
}

/* Pages and heap blocks come back to where they were. */
static const char *check_memory(void)
{
	struct page_alloc_stats a, b;

	pmm_get_stats(&a);
	uint64_t p = pmm_alloc_pages(512, 512);
	if (!p || (p & ((2u << 20) - 1)))
		return "2 MiB aligned allocation failed";
	char *blocks[64];
	for (int i = 0; i < 64; i++) {
		blocks[i] = malloc((size_t)(i + 1) * 97);
		if (!blocks[i])
			return "malloc failed";
		memset(blocks[i], i, (size_t)(i + 1) * 97);
	}
	for (int i = 0; i < 64; i++) {
		if (blocks[i][(i + 1) * 97 - 1] != (char)i)
			return "heap block corrupted";
		free(blocks[i]);
	}
	pmm_free_pages(p, 512);
	pmm_get_stats(&b);
	/* The heap keeps what it grew by; pages outside it must all be back. */
	if (b.free + b.allocated != a.free + a.allocated || b.reserved != a.reserved)
		return "page accounting changed";
	return NULL;
}

static void run_boot_test(void)
{
	const char *why = check_timers();
	if (!why)
		why = check_memory();
	verdict("boot", why);
}

static void run_fault_test(void)
{
	log_info("selftest: reading unmapped address 0x%llx", (unsigned long long)FAULT_TEST_ADDRESS);
	volatile uint64_t *bad = (volatile uint64_t *)(uintptr_t)FAULT_TEST_ADDRESS;
	uint64_t v = *bad;
	/* Not reached: the page fault handler panics. */
	verdict("fault", "read of an unmapped address did not fault");
	log_info("value %llu", (unsigned long long)v);
}

/*
 * The guest tests live in tests/guests/ and are linked only into the test
 * image (build/unihv-test.elf); this weak default stands in for them in
 * the production image.
 */
__attribute__((weak)) int guest_tests_run(const char *cmdline)
{
	(void)cmdline;
	return -2;
}

__attribute__((weak)) int guest_bench_run(const char *cmdline)
{
	(void)cmdline;
	return -2;
}

static void run_bench(const char *cmdline)
{
	int r = guest_bench_run(cmdline);
	verdict("bench", r == -2 ? "benchmarks are not linked into this image (use unihv-test.elf)"
			 : r < 0 ? "a benchmark failed" : NULL);
}

static void run_guest_tests(const char *cmdline)
{
	int r = guest_tests_run(cmdline);
	verdict("guests", r == -2 ? "guest tests are not linked into this image (use unihv-test.elf)"
			  : r < 0 ? "a guest test failed" : NULL);
}

void selftest_run(const char *cmdline)
{
	char name[32];

	if (!cmdline_get(cmdline, "test", name, sizeof(name)))
		return;
	if (strcmp(name, "boot") == 0)
		run_boot_test();
	else if (strcmp(name, "fault") == 0)
		run_fault_test();
	else if (strcmp(name, "bench") == 0)
		run_bench(cmdline);
	else if (strcmp(name, "guests") == 0)
		run_guest_tests(cmdline);
	else if (strcmp(name, "echo") == 0)
		verdict("echo", net_echo_selftest(cmdline));
	else if (strcmp(name, "panic") == 0)
		panic("panic requested by test=panic");
	else
		verdict(name, "unknown test");
}

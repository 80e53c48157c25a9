#include <stdbool.h>
#include "core/backtrace.h"
#include "console/log.h"

extern char _kernel_start[], _kernel_end[];

#define BACKTRACE_MAX_FRAMES 32

static bool in_image(uint64_t a, uint64_t len)
{
	return a >= (uint64_t)(uintptr_t)_kernel_start &&
	       a + len <= (uint64_t)(uintptr_t)_kernel_end && a + len > a;
}

/*
 * Frames live either in the image (boot stack) or in allocated stacks; we
 * accept any 8-aligned address in the identity-mapped first 4 GiB and stop
 * at the first frame that does not move up the stack.
 */
static bool plausible_frame(uint64_t rbp, uint64_t prev)
{
	return rbp && !(rbp & 7) && rbp < (4ull << 30) - 16 && rbp > prev;
}

void backtrace_print(uint64_t rip, uint64_t rbp)
{
	console_printf("backtrace (addr2line -e build/unihv.elf):\n");
	console_printf("  #0 0x%016llx\n", (unsigned long long)rip);
	uint64_t prev = 0;
	for (int i = 1; i < BACKTRACE_MAX_FRAMES && plausible_frame(rbp, prev); i++) {
		const uint64_t *frame = (const uint64_t *)(uintptr_t)rbp;
		uint64_t ret = frame[1];
		if (!in_image(ret, 1))
			break;
		console_printf("  #%d 0x%016llx\n", i, (unsigned long long)ret);
		prev = rbp;
		rbp = frame[0];
	}
}

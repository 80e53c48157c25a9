/*
 * Stack protector support (-fstack-protector-strong with
 * -mstack-protector-guard=global).  This file is compiled without the
 * protector: it changes the canary.
 */
#include <stdint.h>
#include "arch/cpu.h"
#include "lib/stack_protector.h"
#include "core/panic.h"

/* A fixed non-zero value until stack_protector_init() randomises it. */
uintptr_t __stack_chk_guard = 0x595e9fbd94fda766ull;

void stack_protector_init(uint64_t seed)
{
	uint64_t v = seed ^ rdtsc();

	v ^= v >> 33;
	v *= 0xff51afd7ed558ccdull;
	v ^= v >> 33;
	/* A zero low byte stops string overflows from copying past it. */
	__stack_chk_guard = v & ~(uintptr_t)0xff;
}

_Noreturn void __stack_chk_fail(void)
{
	panic("stack smashing detected (caller %p)", __builtin_return_address(0));
}

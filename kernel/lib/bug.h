/*
 * Hypervisor invariants.  BUG_ON is always on (never compiled out): a
 * broken invariant stops the machine with file and line rather than
 * continuing on corrupt state.  See docs/error-policy.md.
 *
 * bug_fail() is provided by kernel/core/panic.c in the image and by the
 * harness in host unit tests.
 */
#ifndef UNIHV_LIB_BUG_H
#define UNIHV_LIB_BUG_H

_Noreturn void bug_fail(const char *cond, const char *file, int line);

#define BUG_ON(cond)                                              \
	do {                                                      \
		if (__builtin_expect(!!(cond), 0))                \
			bug_fail(#cond, __FILE__, __LINE__);      \
	} while (0)

#define BUILD_BUG_ON(cond) _Static_assert(!(cond), #cond)

#endif

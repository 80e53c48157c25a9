/*
 * The few Linux-specific internals that musl's freestanding subset needs.
 *
 * musl reaches per-thread state (errno, current locale) through the thread
 * pointer in FS.  Each CPU gets one musl thread descriptor whose self
 * pointer is FS:0, so musl's own errno and locale code work unchanged.
 * Stdio locking is never needed: unihv only uses string FILEs built on the
 * stack by the snprintf family (lock == -1), but vfprintf still links
 * against the lock functions.
 */
#include "stdio_impl.h"
#include "pthread_impl.h"
#include "libc.h"

#include "arch/cpu.h"
#include "lib/musl_glue.h"
#include "lib/bug.h"

static struct pthread musl_cpu_thread[MUSL_GLUE_MAX_CPUS];

void musl_glue_cpu_init(unsigned cpu)
{
	BUG_ON(cpu >= MUSL_GLUE_MAX_CPUS);
	struct pthread *t = &musl_cpu_thread[cpu];

	t->self = t;
	t->locale = &libc.global_locale;
	t->tid = (int)cpu + 1;
	wrmsr(MSR_FS_BASE, (uint64_t)(uintptr_t)t);
}

int __lockfile(FILE *f)
{
	BUG_ON(f->lock >= 0); /* only unlocked string streams exist */
	return 0;
}

void __unlockfile(FILE *f)
{
	(void)f;
}

/* musl calls this when a stream first reads or writes so that exit()
 * flushes stdio; unihv has no global streams and never exits. */
void __stdio_exit_needed(void)
{
}

/*
 * Runs the guest tests selected by the boot option guests=NAME,NAME (all
 * by default), checks that each leaves the free-page count unchanged, and
 * prints one verdict line per test and one for the whole run.
 */
#include <stdio.h>
#include <string.h>
#include "tests/guests/driver/gtest.h"
#include "boot/cmdline.h"
#include "console/log.h"
#include "core/selftest.h"
#include "hv/hv.h"
#include "hv/partition.h"
#include "mm/pmm.h"

static bool selected(const char *list, const char *name)
{
	size_t n = strlen(name);
	if (!list[0])
		return true;
	for (const char *p = list; *p;) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);
		if (len == n && memcmp(p, name, n) == 0)
			return true;
		p += len + (comma ? 1 : 0);
	}
	return false;
}

static uint64_t free_pages(void)
{
	struct page_alloc_stats s;
	pmm_get_stats(&s);
	return s.free;
}

/* The first partition grows the heap; later ones reuse it. */
static void warm_up(void)
{
	struct gt_vm vm;
	uint64_t id;

	if (!hv_virtualization_available()) {
		if (hv_create_partition(0, &id) == HV_STATUS_SUCCESS)
			hv_delete_partition(id);
	} else if (!gt_vm_create(&vm, 8, 1)) {
		gt_vm_destroy(&vm);
	}
}

int guest_tests_run(const char *cmdline)
{
	char list[256] = "";
	unsigned passed = 0, failed = 0;

	cmdline_get(cmdline, "guests", list, sizeof(list));
	warm_up();
	for (size_t i = 0; i < gt_tests_vmx_count; i++) {
		const struct gt_test *t = &gt_tests_vmx[i];
		if (!selected(list, t->name))
			continue;
		bool vmx = hv_virtualization_available();
		if ((t->needs == GT_NEEDS_VMX) != vmx) {
			console_printf("GUEST-TEST %s: SKIP (%s)\n", t->name,
				       vmx ? "checks the behaviour without VMX" : "needs VMX");
			continue;
		}
		uint64_t before = free_pages();
		const char *why = t->run();
		uint64_t after = free_pages();
		if (!why && after != before)
			why = gt_fail("free pages %llu before, %llu after",
				      (unsigned long long)before, (unsigned long long)after);
		if (why) {
			console_printf("GUEST-TEST %s: FAIL (%s)\n", t->name, why);
			failed++;
		} else {
			console_printf("GUEST-TEST %s: PASS\n", t->name);
			passed++;
		}
	}
	console_printf("guest tests: %u passed, %u failed\n", passed, failed);
	return failed ? -1 : (int)passed;
}

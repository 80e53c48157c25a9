/*
 * In-image checks selected by the boot option test=NAME, each printing one
 * verdict line "TEST NAME: PASS" or "TEST NAME: FAIL (why)" and ending the
 * emulator run.  The host runners in tests/integration read the verdict.
 */
#ifndef UNIHV_CORE_SELFTEST_H
#define UNIHV_CORE_SELFTEST_H

/* Run the test the command line names, if any.  Boot CPU, end of boot. */
void selftest_run(const char *cmdline);

/*
 * Run the guest tests (test image only).  Returns the number passed, -1
 * if any failed, -2 when the image does not contain them.
 */
int guest_tests_run(const char *cmdline);
/* The path-length benchmarks (test image only); 0, -1 on failure, -2 absent. */
int guest_bench_run(const char *cmdline);

#endif

/*
 * Host stand-ins for the kernel functions mgmt/ calls (clock_ns, the log),
 * for the unit tests of mgmt/ (mgmt_host_stubs.c).
 */
#ifndef UNIHV_TESTS_UNIT_MGMT_HOST_STUBS_H
#define UNIHV_TESTS_UNIT_MGMT_HOST_STUBS_H

#include <stdint.h>

/* What clock_ns() returns; tests set it. */
extern uint64_t stub_clock_now_ns;

/* Lines logged since the last stub_log_reset(), and the latest one. */
extern unsigned stub_log_lines;
extern char stub_log_last[512];
void stub_log_reset(void);

#endif

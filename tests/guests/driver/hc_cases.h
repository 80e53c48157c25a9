/*
 * Hypercall case tables run by the command-loop guest
 * tests/guests/hcguest64.S (VP 0, long mode from gt_setup_long_mode with
 * tables at PML4): the manager writes the call at CMD, the guest makes it
 * with the 64-bit convention and OUTs RAX to PORT (low, then high half).
 */
#ifndef UNIHV_TESTS_HC_CASES_H
#define UNIHV_TESTS_HC_CASES_H

#include <stdbool.h>
#include <stdint.h>
#include "tests/guests/driver/gtest.h"

#define PORT 0x1250
#define CMD 0x18000
#define IN_GPA 0x16000ull
#define OUT_GPA 0x17000ull
#define PML4 0x10000ull

#define FAST (1ull << 16)
#define VARHEAD(n) ((uint64_t)(n) << 17)
#define REPS(n) ((uint64_t)(n) << 32)

/* The command block at CMD (hcguest64.S). */
struct gt_hc_cmd {
	uint64_t control, rdx, r8, mode;
	uint64_t xmm[12];
};

struct gt_hc_case {
	const char *name;
	uint64_t control, rdx, r8;
	uint64_t xmm[4];
	uint64_t input[24];   /* written at IN_GPA when in_len != 0 */
	uint32_t in_len;
	uint64_t want;        /* RAX: status | reps << 32 */
	uint32_t out_words[4]; /* expected u32 outputs at OUT_GPA (or XMM1 with xmm_out) */
	uint32_t nout;        /* how many of them */
	bool xmm_out;
};

/* Run one case on VP 0 and check RAX and the outputs; NULL or why not. */
const char *gt_hc_run_case(struct gt_vm *vm, const struct gt_hc_case *c);

#endif

/*
 * In-image guest test driver: helpers that play the manager through the
 * hv/ API, and the test table.
 */
#ifndef UNIHV_TESTS_GTEST_H
#define UNIHV_TESTS_GTEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "unihv/hv_message.h"
#include "unihv/hv_regs.h"
#include "unihv/hv_status.h"

#define GT_MAX_PAGES 64

/* A partition under test and the root pages it holds. */
struct gt_vm {
	uint64_t id;
	uint64_t guest_pfns[GT_MAX_PAGES]; /* root pages mapped as guest memory */
	uint32_t guest_count;
};

/* Embedded flat guest binaries (tests/guests/NAME.S). */
struct gt_blob {
	const uint8_t *start;
	const uint8_t *end;
};
#define GT_BLOB(name)                                                        \
	({                                                                   \
		extern const uint8_t guest_##name##_start[], guest_##name##_end[]; \
		(struct gt_blob){ guest_##name##_start, guest_##name##_end };      \
	})

/* Failure reporting: a test returns NULL or a message (static storage). */
const char *gt_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
#define GT_CHECK(cond, ...)                          \
	do {                                         \
		if (!(cond))                         \
			return gt_fail(__VA_ARGS__); \
	} while (0)
#define GT_STATUS(expr, want)                                                          \
	do {                                                                           \
		uint16_t st_ = (expr);                                                 \
		if (st_ != (want))                                                     \
			return gt_fail("%s: got %s, want %s", #expr, hv_status_name(st_), \
				       hv_status_name(want));                          \
	} while (0)

/*
 * Shorthands for tests that hold resources: on failure they set the
 * test's `const char *err` and jump to its `out:` label, which cleans up
 * (typically `out: return gt_finish(&vm, err);`).
 */
#define GT_TRY(expr)                      \
	do {                              \
		if ((err = (expr)))       \
			goto out;         \
	} while (0)
#define GT_TRY_CHECK(cond, ...)                       \
	do {                                          \
		if (!(cond)) {                        \
			err = gt_fail(__VA_ARGS__);   \
			goto out;                     \
		}                                     \
	} while (0)
#define GT_TRY_STATUS(expr, want)                                                      \
	do {                                                                           \
		uint16_t st_ = (expr);                                                 \
		if (st_ != (want)) {                                                   \
			err = gt_fail("%s: got %s, want %s", #expr, hv_status_name(st_), \
				      hv_status_name(want));                           \
			goto out;                                                      \
		}                                                                      \
	} while (0)

/*
 * Create and initialize a partition with pool_pages deposited, and map
 * guest_pages of RWX memory at GPA 0.  Returns NULL or what went wrong.
 */
const char *gt_vm_create(struct gt_vm *vm, uint32_t pool_pages, uint32_t guest_pages);
/* Map count more root pages at gpa with map_flags (HV_MAP_GPA_*). */
const char *gt_vm_map(struct gt_vm *vm, uint64_t gpa, uint32_t count, uint32_t map_flags);
/* Finalize, withdraw everything, delete, and free the root pages. */
const char *gt_vm_destroy(struct gt_vm *vm);
/* Destroy vm (nothing if it was never created: id 0) and return err, or
 * the destroy error when err is NULL. */
const char *gt_finish(struct gt_vm *vm, const char *err);
/* Copy into guest memory (must be mapped). */
const char *gt_vm_write(struct gt_vm *vm, uint64_t gpa, const void *data, size_t len);
const char *gt_vm_read(struct gt_vm *vm, uint64_t gpa, void *data, size_t len);
const char *gt_vm_load(struct gt_vm *vm, uint64_t gpa, struct gt_blob blob);

/* Register access on VP vp. */
uint16_t gt_set(struct gt_vm *vm, uint32_t vp, uint32_t name, uint64_t value);
uint64_t gt_get(struct gt_vm *vm, uint32_t vp, uint32_t name);
/* Set a segment register (base, limit, selector, attributes). */
uint16_t gt_set_segment(struct gt_vm *vm, uint32_t vp, uint32_t name, uint64_t base,
			uint32_t limit, uint16_t selector, uint16_t attributes);
/* Real mode at CS:IP = 0:ip with flat 64 KiB segments at base 0. */
const char *gt_setup_real_mode(struct gt_vm *vm, uint32_t vp, uint64_t ip);
/* 32-bit protected mode, flat 4 GiB segments, no paging. */
const char *gt_setup_protected_mode(struct gt_vm *vm, uint32_t vp, uint64_t eip);
/* 64-bit long mode with identity page tables (2 MiB pages) built at pt_gpa
 * for the first 1 GiB, CS 64-bit. */
const char *gt_setup_long_mode(struct gt_vm *vm, uint32_t vp, uint64_t rip, uint64_t pt_gpa);

/* Dispatch and expect a message of this type. */
const char *gt_run_expect(struct gt_vm *vm, uint32_t vp, uint32_t type, struct hv_message *msg);
/* Advance RIP past the intercepted instruction (from the message). */
const char *gt_skip(struct gt_vm *vm, uint32_t vp, const struct hv_message *msg);
/* Dispatch and expect an OUT of size bytes (1, 2, 4) to port; *value gets
 * the data (RAX masked to size), and RIP moves past the OUT. */
const char *gt_run_out(struct gt_vm *vm, uint32_t vp, uint16_t port, unsigned size,
		       uint64_t *value);

enum gt_needs { GT_NEEDS_VMX, GT_NEEDS_NO_VMX };

struct gt_test {
	const char *name;
	const char *(*run)(void);
	enum gt_needs needs;
};

/* The test table, in tests/guests/driver/tests_*.c. */
extern const struct gt_test gt_tests_vmx[];
extern const size_t gt_tests_vmx_count;

#endif

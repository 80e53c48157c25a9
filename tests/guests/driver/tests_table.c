/* Every guest test, in the order they run. */
#include "tests/guests/driver/gtest.h"

const char *gt_test_io(void);

const struct gt_test gt_tests_vmx[] = {
	{ "io", gt_test_io, true },
};
const size_t gt_tests_vmx_count = sizeof(gt_tests_vmx) / sizeof(gt_tests_vmx[0]);

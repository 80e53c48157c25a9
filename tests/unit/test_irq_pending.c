/*
 * Host tests for hv/irq_pending.h: a VP's pending fixed-vector bitmap.
 */
#include "harness.h"
#include "hv/irq_pending.h"

static void highest_first(void **state)
{
	(void)state;
	volatile uint64_t bits[4] = { 0 };

	assert_int_equal(irq_pending_highest(bits), -1);
	irq_pending_set(bits, 0x40);
	irq_pending_set(bits, 0x10);
	irq_pending_set(bits, 0xff);
	irq_pending_set(bits, 0x7f);
	irq_pending_set(bits, 0x40); /* edge: a second post merges */
	assert_int_equal(irq_pending_highest(bits), 0xff);
	assert_true(irq_pending_take(bits, 0xff));
	assert_false(irq_pending_take(bits, 0xff));
	assert_int_equal(irq_pending_highest(bits), 0x7f);
	assert_true(irq_pending_take(bits, 0x7f));
	assert_int_equal(irq_pending_highest(bits), 0x40);
	assert_true(irq_pending_take(bits, 0x40));
	assert_int_equal(irq_pending_highest(bits), 0x10);
	assert_true(irq_pending_take(bits, 0x10));
	assert_int_equal(irq_pending_highest(bits), -1);
	irq_pending_set(bits, 0);
	assert_int_equal(irq_pending_highest(bits), 0);
	irq_pending_set(bits, 64);
	assert_int_equal(irq_pending_highest(bits), 64);
	assert_int_equal(bits[0], 1);
	assert_int_equal(bits[1], 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = { cmocka_unit_test(highest_first) };
	return cmocka_run_group_tests_name("test_irq_pending", tests, NULL, NULL);
}

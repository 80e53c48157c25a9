/*
 * Host tests for mgmt/audit.c: sequence numbers, truncation, reading after
 * a sequence, the ring wrapping and the count of dropped records.
 */
#include <stdio.h>
#include "harness.h"
#include "mgmt/audit.h"
#include "mgmt_host_stubs.h"

static int reset(void **state)
{
	audit_reset();
	stub_log_reset();
	stub_clock_now_ns = 0;
	return 0;
}

static void empty_log_reads_nothing(void **state)
{
	struct audit_entry out[4];
	uint64_t dropped = 99;

	assert_int_equal(audit_last_sequence(), 0);
	assert_int_equal(audit_read(0, 4, out, &dropped), 0);
	assert_int_equal(dropped, 0);
}

static void records_keep_every_field_and_are_logged(void **state)
{
	struct audit_entry out[4];
	uint64_t dropped = 99;

	stub_clock_now_ns = 1000;
	audit_record("alice", "unihv.v1.Partition/Create", 7, 0, "OK");
	stub_clock_now_ns = 2000;
	audit_record("bob", "unihv.v1.Partition/Delete", 8, 7, "UNIHV_E_PERMISSION_DENIED");
	assert_int_equal(audit_last_sequence(), 2);
	assert_int_equal(stub_log_lines, 2);
	assert_string_equal(stub_log_last,
			    "audit: #2 client=bob method=unihv.v1.Partition/Delete partition=8 "
			    "code=7 result=UNIHV_E_PERMISSION_DENIED");

	assert_int_equal(audit_read(0, 4, out, &dropped), 2);
	assert_int_equal(dropped, 0);
	assert_int_equal(out[0].sequence, 1);
	assert_int_equal(out[0].time_ns, 1000);
	assert_string_equal(out[0].client, "alice");
	assert_string_equal(out[0].method, "unihv.v1.Partition/Create");
	assert_int_equal(out[0].partition_id, 7);
	assert_int_equal(out[0].code, 0);
	assert_string_equal(out[0].result, "OK");
	assert_int_equal(out[1].sequence, 2);
	assert_int_equal(out[1].time_ns, 2000);
	assert_string_equal(out[1].client, "bob");
	assert_int_equal(out[1].code, 7);
	assert_string_equal(out[1].result, "UNIHV_E_PERMISSION_DENIED");

	/* After a sequence number; max honoured. */
	assert_int_equal(audit_read(1, 4, out, &dropped), 1);
	assert_int_equal(out[0].sequence, 2);
	assert_int_equal(audit_read(2, 4, out, &dropped), 0);
	assert_int_equal(audit_read(100, 4, out, &dropped), 0);
	assert_int_equal(audit_read(0, 1, out, &dropped), 1);
	assert_int_equal(out[0].sequence, 1);
	assert_int_equal(audit_read(0, 0, out, NULL), 0);
}

static void long_strings_are_truncated_and_null_is_empty(void **state)
{
	char longname[200];
	struct audit_entry out[1];

	memset(longname, 'x', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	audit_record(longname, longname, 0, 13, longname);
	audit_record(NULL, NULL, 0, 0, NULL);
	assert_int_equal(audit_read(0, 1, out, NULL), 1);
	assert_int_equal(strlen(out[0].client), MGMT_CLIENT_NAME_MAX - 1);
	assert_int_equal(strlen(out[0].method), AUDIT_METHOD_MAX - 1);
	assert_int_equal(strlen(out[0].result), AUDIT_RESULT_MAX - 1);
	assert_int_equal(audit_read(1, 1, out, NULL), 1);
	assert_string_equal(out[0].client, "");
	assert_string_equal(out[0].method, "");
	assert_string_equal(out[0].result, "");
}

static void ring_wraps_and_counts_dropped(void **state)
{
	static struct audit_entry out[AUDIT_RING_SIZE + 8];
	const uint64_t total = AUDIT_RING_SIZE + 5;
	uint64_t dropped;
	char name[32];

	for (uint64_t i = 1; i <= total; i++) {
		snprintf(name, sizeof(name), "client-%llu", (unsigned long long)i);
		stub_clock_now_ns = i * 10;
		audit_record(name, "unihv.v1.Memory/Deposit", i, 0, "OK");
	}
	assert_int_equal(audit_last_sequence(), total);

	/* From the start: records 1..5 are gone. */
	size_t n = audit_read(0, AUDIT_RING_SIZE + 8, out, &dropped);
	assert_int_equal(n, AUDIT_RING_SIZE);
	assert_int_equal(dropped, 5);
	for (size_t i = 0; i < n; i++) {
		uint64_t seq = 6 + i;

		assert_int_equal(out[i].sequence, seq);
		assert_int_equal(out[i].time_ns, seq * 10);
		assert_int_equal(out[i].partition_id, seq);
		snprintf(name, sizeof(name), "client-%llu", (unsigned long long)seq);
		assert_string_equal(out[i].client, name);
	}
	/* After record 3: 4 and 5 dropped, reading starts at 6. */
	n = audit_read(3, 2, out, &dropped);
	assert_int_equal(n, 2);
	assert_int_equal(dropped, 2);
	assert_int_equal(out[0].sequence, 6);
	assert_int_equal(out[1].sequence, 7);
	/* After record 5: nothing dropped. */
	n = audit_read(5, 1, out, &dropped);
	assert_int_equal(dropped, 0);
	assert_int_equal(out[0].sequence, 6);
	/* The newest record. */
	n = audit_read(total - 1, 8, out, &dropped);
	assert_int_equal(n, 1);
	assert_int_equal(dropped, 0);
	assert_int_equal(out[0].sequence, total);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(empty_log_reads_nothing, reset),
		cmocka_unit_test_setup(records_keep_every_field_and_are_logged, reset),
		cmocka_unit_test_setup(long_strings_are_truncated_and_null_is_empty, reset),
		cmocka_unit_test_setup(ring_wraps_and_counts_dropped, reset),
	};
	return cmocka_run_group_tests_name("test_audit", tests, NULL, NULL);
}

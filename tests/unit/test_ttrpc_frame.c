/*
 * Host tests for mgmt/ttrpc_frame.c: the 10-byte big-endian header and the
 * incremental frame reader (any split, oversize refused before the body).
 */
#include "harness.h"
#include "mgmt/ttrpc_frame.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static void header_bytes_are_big_endian(void **state)
{
	struct ttrpc_header h = { .length = 0x01020304, .stream_id = 0xa0b0c0d0, .type = 2,
				  .flags = 0x81 };
	static const uint8_t expected[TTRPC_HEADER_SIZE] = { 0x01, 0x02, 0x03, 0x04, 0xa0,
							     0xb0, 0xc0, 0xd0, 0x02, 0x81 };
	uint8_t out[TTRPC_HEADER_SIZE];
	struct ttrpc_header back;

	memset(out, 0xee, sizeof(out));
	ttrpc_header_write(out, &h);
	assert_memory_equal(out, expected, sizeof(expected));
	ttrpc_header_read(expected, &back);
	assert_int_equal(back.length, 0x01020304);
	assert_int_equal(back.stream_id, 0xa0b0c0d0);
	assert_int_equal(back.type, 2);
	assert_int_equal(back.flags, 0x81);
}

/* Two frames: 5-byte body on stream 1, empty body on stream 3 (type 3). */
static const uint8_t two_frames[] = {
	0, 0, 0, 5, 0, 0, 0, 1, 1, 0, 'h', 'e', 'l', 'l', 'o',
	0, 0, 0, 0, 0, 0, 0, 3, 3, 7,
};

struct seen {
	unsigned frames;
	struct ttrpc_header header[4];
	uint8_t body[4][16];
};

/* Feed buf in pieces ending at the given cut points; record the frames. */
static void feed_in_pieces(struct ttrpc_reader *r, const uint8_t *buf, size_t len,
			   const size_t *cuts, size_t ncuts, struct seen *seen)
{
	size_t start = 0;

	for (size_t i = 0; i <= ncuts; i++) {
		size_t end = i < ncuts ? cuts[i] : len;
		const uint8_t *p = buf + start;
		size_t left = end - start;

		while (left > 0) {
			size_t used = 0;
			enum ttrpc_read_status st = ttrpc_reader_feed(r, p, left, &used);

			assert_true(used <= left);
			p += used;
			left -= used;
			if (st == TTRPC_READ_MORE) {
				assert_int_equal(left, 0);
				break;
			}
			assert_int_equal(st, TTRPC_READ_FRAME);
			assert_true(seen->frames < ARRAY_SIZE(seen->header));
			seen->header[seen->frames] = r->header;
			memcpy(seen->body[seen->frames], r->body, r->header.length);
			seen->frames++;
		}
		start = end;
	}
}

static void check_two_frames(const struct seen *seen)
{
	assert_int_equal(seen->frames, 2);
	assert_int_equal(seen->header[0].length, 5);
	assert_int_equal(seen->header[0].stream_id, 1);
	assert_int_equal(seen->header[0].type, TTRPC_TYPE_REQUEST);
	assert_int_equal(seen->header[0].flags, 0);
	assert_memory_equal(seen->body[0], "hello", 5);
	assert_int_equal(seen->header[1].length, 0);
	assert_int_equal(seen->header[1].stream_id, 3);
	assert_int_equal(seen->header[1].type, TTRPC_TYPE_DATA);
	assert_int_equal(seen->header[1].flags, 7);
}

static void whole_buffer_gives_both_frames(void **state)
{
	uint8_t body[16];
	struct ttrpc_reader r;
	struct seen seen = { 0 };
	size_t used;

	ttrpc_reader_init(&r, body, sizeof(body));
	/* The first call stops right after the first frame. */
	assert_int_equal(ttrpc_reader_feed(&r, two_frames, sizeof(two_frames), &used),
			 TTRPC_READ_FRAME);
	assert_int_equal(used, 15);
	ttrpc_reader_init(&r, body, sizeof(body));
	feed_in_pieces(&r, two_frames, sizeof(two_frames), NULL, 0, &seen);
	check_two_frames(&seen);
}

static void every_single_split(void **state)
{
	for (size_t cut = 0; cut <= sizeof(two_frames); cut++) {
		uint8_t body[16];
		struct ttrpc_reader r;
		struct seen seen = { 0 };

		ttrpc_reader_init(&r, body, sizeof(body));
		feed_in_pieces(&r, two_frames, sizeof(two_frames), &cut, 1, &seen);
		check_two_frames(&seen);
	}
}

static void byte_by_byte_and_random_splits(void **state)
{
	size_t cuts[sizeof(two_frames)];
	uint8_t body[16];
	struct ttrpc_reader r;
	struct test_rng rng;

	for (size_t i = 0; i < sizeof(two_frames); i++)
		cuts[i] = i + 1;
	struct seen seen = { 0 };
	ttrpc_reader_init(&r, body, sizeof(body));
	feed_in_pieces(&r, two_frames, sizeof(two_frames), cuts, sizeof(two_frames) - 1, &seen);
	check_two_frames(&seen);

	test_rng_seed(&rng, 42);
	for (int round = 0; round < 500; round++) {
		size_t n = 0, at = 0;

		while (n < 6) {
			at += 1 + test_rng_below(&rng, 6);
			if (at >= sizeof(two_frames))
				break;
			cuts[n++] = at;
		}
		memset(&seen, 0, sizeof(seen));
		ttrpc_reader_init(&r, body, sizeof(body));
		feed_in_pieces(&r, two_frames, sizeof(two_frames), cuts, n, &seen);
		check_two_frames(&seen);
	}
}

static void empty_input_needs_more(void **state)
{
	uint8_t body[4];
	struct ttrpc_reader r;
	size_t used = 99;

	ttrpc_reader_init(&r, body, sizeof(body));
	assert_int_equal(ttrpc_reader_feed(&r, NULL, 0, &used), TTRPC_READ_MORE);
	assert_int_equal(used, 0);
}

static void body_of_exactly_max_is_accepted(void **state)
{
	uint8_t frame[TTRPC_HEADER_SIZE + 8] = { 0, 0, 0, 8, 0, 0, 0, 9, 1, 0,
						 1, 2, 3, 4, 5, 6, 7, 8 };
	uint8_t body[8];
	struct ttrpc_reader r;
	size_t used;

	ttrpc_reader_init(&r, body, sizeof(body));
	assert_int_equal(ttrpc_reader_feed(&r, frame, sizeof(frame), &used), TTRPC_READ_FRAME);
	assert_int_equal(used, sizeof(frame));
	assert_memory_equal(r.body, frame + TTRPC_HEADER_SIZE, 8);
}

static void oversize_refused_before_the_body(void **state)
{
	/* Announces 9 bytes to a reader with room for 8; body bytes follow. */
	uint8_t frame[TTRPC_HEADER_SIZE + 9] = { 0, 0, 0, 9, 0, 0, 0, 5, 1, 0,
						 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa };
	uint8_t body[9] = { 0 };
	struct ttrpc_reader r;
	size_t used;

	ttrpc_reader_init(&r, body, 8);
	/* Header in two pieces: the verdict comes with its last byte. */
	assert_int_equal(ttrpc_reader_feed(&r, frame, 4, &used), TTRPC_READ_MORE);
	assert_int_equal(used, 4);
	assert_int_equal(ttrpc_reader_feed(&r, frame + 4, sizeof(frame) - 4, &used),
			 TTRPC_READ_TOO_LARGE);
	assert_int_equal(used, TTRPC_HEADER_SIZE - 4);
	assert_int_equal(r.header.length, 9);
	assert_int_equal(r.header.stream_id, 5);
	for (size_t i = 0; i < sizeof(body); i++)
		assert_int_equal(body[i], 0);
	/* Failed for good. */
	assert_int_equal(ttrpc_reader_feed(&r, frame + TTRPC_HEADER_SIZE, 9, &used),
			 TTRPC_READ_TOO_LARGE);
	assert_int_equal(used, 0);

	/* 4 GiB - 1 announced: refused the same way. */
	static const uint8_t huge[TTRPC_HEADER_SIZE] = { 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 1, 1, 0 };
	ttrpc_reader_init(&r, body, 8);
	assert_int_equal(ttrpc_reader_feed(&r, huge, sizeof(huge), &used), TTRPC_READ_TOO_LARGE);
	assert_int_equal(r.header.length, 0xffffffffu);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(header_bytes_are_big_endian),
		cmocka_unit_test(whole_buffer_gives_both_frames),
		cmocka_unit_test(every_single_split),
		cmocka_unit_test(byte_by_byte_and_random_splits),
		cmocka_unit_test(empty_input_needs_more),
		cmocka_unit_test(body_of_exactly_max_is_accepted),
		cmocka_unit_test(oversize_refused_before_the_body),
	};
	return cmocka_run_group_tests_name("test_ttrpc_frame", tests, NULL, NULL);
}

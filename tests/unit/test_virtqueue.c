/*
 * Host tests for drivers/virtio/virtqueue.c: ring layout, and that every
 * way a device can lie through the used ring (Virtio 1.1 section 2.6.8) is
 * caught.  The test plays the device by writing the used ring itself.
 */
#include <stdlib.h>
#include <string.h>
#include "harness.h"
#include "drivers/virtio/virtqueue.h"

/* drivers/dma.h takes pages from the kernel's allocator; here, the heap. */
uint64_t pmm_alloc_pages(uint64_t count, uint64_t align_pages)
{
	(void)align_pages;
	void *p = aligned_alloc(4096, count * 4096);
	if (p)
		memset(p, 0, count * 4096);
	return (uint64_t)(uintptr_t)p;
}

void pmm_free_pages(uint64_t phys, uint64_t count)
{
	(void)count;
	free((void *)(uintptr_t)phys);
}

/* The device puts buffer id with len on the used ring. */
static void device_use(struct virtq *q, uint32_t id, uint32_t len)
{
	uint16_t idx = q->used->idx;
	q->used->ring[idx & (q->size - 1)].id = id;
	q->used->ring[idx & (q->size - 1)].len = len;
	q->used->idx = (uint16_t)(idx + 1);
}

static void test_alloc_checks_size(void **state)
{
	struct virtq q;

	assert_error(virtq_alloc(&q, 0, 0), "power of two");
	assert_error(virtq_alloc(&q, 0, 3), "power of two");
	assert_error(virtq_alloc(&q, 0, 96), "power of two");
	assert_null(virtq_alloc(&q, 0, 1));
	virtq_free(&q);
	assert_null(virtq_alloc(&q, 0, 32768));
	virtq_free(&q);
}

static void test_legacy_layout(void **state)
{
	struct virtq q;

	/* 2.6.2: 16 * 256 + 2 * (3 + 256) = 4614 -> used ring at 8192. */
	assert_int_equal(virtq_ring_bytes(256), 8192 + 4096);
	assert_null(virtq_alloc(&q, 1, 256));
	assert_ptr_equal((uint8_t *)q.avail, (uint8_t *)q.mem + 4096);
	assert_ptr_equal((const uint8_t *)q.used, (uint8_t *)q.mem + 8192);
	assert_int_equal(q.avail->flags, VIRTQ_AVAIL_F_NO_INTERRUPT);
	virtq_free(&q);
}

static void test_add_publish_and_use(void **state)
{
	struct virtq q;
	uint16_t id;
	uint32_t len;
	const char *why = NULL;

	assert_null(virtq_alloc(&q, 0, 8));
	assert_int_equal(virtq_get_used(&q, &id, &len, &why), VIRTQ_EMPTY);
	virtq_add(&q, 3, 0x1000, 2048, true);
	virtq_add(&q, 5, 0x2000, 100, false);
	assert_int_equal(q.avail->idx, 0); /* not visible before publish */
	virtq_publish(&q);
	assert_int_equal(q.avail->idx, 2);
	assert_int_equal(q.avail->ring[0], 3);
	assert_int_equal(q.avail->ring[1], 5);
	assert_int_equal(q.desc[3].flags, VIRTQ_DESC_F_WRITE);
	assert_int_equal(q.desc[5].flags, 0);
	assert_int_equal(q.desc[5].len, 100);

	device_use(&q, 5, 0);
	device_use(&q, 3, 2048);
	assert_int_equal(virtq_get_used(&q, &id, &len, &why), VIRTQ_USED);
	assert_int_equal(id, 5);
	assert_int_equal(len, 0);
	assert_int_equal(virtq_get_used(&q, &id, &len, &why), VIRTQ_USED);
	assert_int_equal(id, 3);
	assert_int_equal(len, 2048);
	assert_int_equal(virtq_get_used(&q, &id, &len, &why), VIRTQ_EMPTY);
	assert_int_equal(q.in_flight, 0);
	virtq_free(&q);
}

static void test_used_index_jump_is_refused(void **state)
{
	struct virtq q;
	uint16_t id;
	uint32_t len;
	const char *why = NULL;

	assert_null(virtq_alloc(&q, 0, 8));
	virtq_add(&q, 0, 0x1000, 64, true);
	virtq_publish(&q);
	q.used->idx = 2; /* two used entries for one buffer in flight */
	assert_int_equal(virtq_get_used(&q, &id, &len, &why), VIRTQ_BAD);
	assert_error(why, "used index moved by 2");
	q.used->idx = 9; /* more than the queue size */
	assert_int_equal(virtq_get_used(&q, &id, &len, &why), VIRTQ_BAD);
	q.used->idx = 0xffff; /* backwards */
	assert_int_equal(virtq_get_used(&q, &id, &len, &why), VIRTQ_BAD);
	virtq_free(&q);
}

static void test_bad_descriptor_ids_are_refused(void **state)
{
	struct virtq q;
	uint16_t id;
	uint32_t len;
	const char *why = NULL;

	assert_null(virtq_alloc(&q, 0, 8));
	virtq_add(&q, 1, 0x1000, 64, true);
	virtq_add(&q, 2, 0x2000, 64, true);
	virtq_publish(&q);
	device_use(&q, 8, 10); /* beyond the table */
	assert_int_equal(virtq_get_used(&q, &id, &len, &why), VIRTQ_BAD);
	assert_error(why, "out of range");
	q.used->ring[0].id = 0x10001; /* would alias id 1 if truncated to 16 bits */
	assert_int_equal(virtq_get_used(&q, &id, &len, &why), VIRTQ_BAD);
	q.used->ring[0].id = 4; /* in range, never given to the device */
	assert_int_equal(virtq_get_used(&q, &id, &len, &why), VIRTQ_BAD);
	assert_error(why, "not in flight");
	q.used->ring[0].id = 1;
	assert_int_equal(virtq_get_used(&q, &id, &len, &why), VIRTQ_USED);
	device_use(&q, 1, 10); /* the same buffer a second time */
	assert_int_equal(virtq_get_used(&q, &id, &len, &why), VIRTQ_BAD);
	assert_error(why, "not in flight");
	virtq_free(&q);
}

static void test_length_beyond_buffer_is_refused(void **state)
{
	struct virtq q;
	uint16_t id;
	uint32_t len;
	const char *why = NULL;

	assert_null(virtq_alloc(&q, 0, 4));
	virtq_add(&q, 0, 0x1000, 2048, true);
	virtq_publish(&q);
	/* The device rewrites the descriptor's length: our own record counts. */
	q.desc[0].len = 0xffffffff;
	device_use(&q, 0, 2049);
	assert_int_equal(virtq_get_used(&q, &id, &len, &why), VIRTQ_BAD);
	assert_error(why, "beyond the 2048-byte buffer");
	q.used->ring[0].len = 2048;
	assert_int_equal(virtq_get_used(&q, &id, &len, &why), VIRTQ_USED);
	assert_int_equal(len, 2048);
	virtq_free(&q);
}

/* 16-bit indices wrap many times; nothing drifts. */
static void test_indices_wrap(void **state)
{
	struct virtq q;
	uint16_t id;
	uint32_t len;
	const char *why = NULL;

	assert_null(virtq_alloc(&q, 0, 4));
	for (uint32_t i = 0; i < 200000; i++) {
		uint16_t b = (uint16_t)(i % 4);
		virtq_add(&q, b, 0x1000 + b, 100, true);
		virtq_publish(&q);
		device_use(&q, b, i % 101);
		assert_int_equal(virtq_get_used(&q, &id, &len, &why), VIRTQ_USED);
		assert_int_equal(id, b);
		assert_int_equal(len, i % 101);
	}
	assert_int_equal(q.avail_idx, (uint16_t)200000);
	assert_int_equal(q.last_used, (uint16_t)200000);
	virtq_free(&q);
}

static void test_reset_forgets_everything(void **state)
{
	struct virtq q;
	uint16_t id;
	uint32_t len;
	const char *why = NULL;

	assert_null(virtq_alloc(&q, 0, 4));
	virtq_add(&q, 0, 0x1000, 100, true);
	virtq_publish(&q);
	device_use(&q, 0, 1);
	virtq_reset(&q);
	assert_int_equal(q.in_flight, 0);
	assert_int_equal(q.avail->idx, 0);
	assert_int_equal(q.used->idx, 0);
	assert_int_equal(q.avail->flags, VIRTQ_AVAIL_F_NO_INTERRUPT);
	assert_int_equal(virtq_get_used(&q, &id, &len, &why), VIRTQ_EMPTY);
	device_use(&q, 0, 1); /* a stale completion after the reset */
	assert_int_equal(virtq_get_used(&q, &id, &len, &why), VIRTQ_BAD);
	virtq_free(&q);
}

static void test_kick_follows_device_flag(void **state)
{
	struct virtq q;

	assert_null(virtq_alloc(&q, 0, 4));
	assert_true(virtq_kick_needed(&q));
	q.used->flags = VIRTQ_USED_F_NO_NOTIFY;
	assert_false(virtq_kick_needed(&q));
	virtq_free(&q);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_alloc_checks_size),
		cmocka_unit_test(test_legacy_layout),
		cmocka_unit_test(test_add_publish_and_use),
		cmocka_unit_test(test_used_index_jump_is_refused),
		cmocka_unit_test(test_bad_descriptor_ids_are_refused),
		cmocka_unit_test(test_length_beyond_buffer_is_refused),
		cmocka_unit_test(test_indices_wrap),
		cmocka_unit_test(test_reset_forgets_everything),
		cmocka_unit_test(test_kick_follows_device_flag),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

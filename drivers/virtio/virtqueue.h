/*
 * Split virtqueues (Virtio 1.1 section 2.6), driver side, with one
 * descriptor per buffer: buffer i always uses descriptor i, so a
 * descriptor id the device hands back names the buffer directly and can
 * be checked against what is in flight.
 *
 * The rings sit in one zeroed allocation laid out as the legacy interface
 * requires (2.6.2: descriptor table, available ring, then the used ring at
 * the next 4 KiB boundary); the modern interface accepts the same layout
 * (its alignment rules, 2.6 table "Virtqueue Part Alignment", are weaker).
 *
 * Everything read from the used ring is validated (2.6.8): the used index
 * may not move by more than the buffers in flight, an id must name a
 * descriptor in flight, a length may not exceed the buffer.
 */
#ifndef UNIHV_DRIVERS_VIRTIO_VIRTQUEUE_H
#define UNIHV_DRIVERS_VIRTIO_VIRTQUEUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define VIRTQ_MAX_SIZE 32768 /* 2.6: Queue Size is at most 32768 */

/* 2.6.5 The Virtqueue Descriptor Table */
struct virtq_desc {
	uint64_t addr;
	uint32_t len;
	uint16_t flags;
	uint16_t next;
};
#define VIRTQ_DESC_F_NEXT  1
#define VIRTQ_DESC_F_WRITE 2 /* device writes (otherwise reads) */

/* 2.6.6 The Virtqueue Available Ring */
struct virtq_avail {
	uint16_t flags;
	uint16_t idx;
	uint16_t ring[];
};
#define VIRTQ_AVAIL_F_NO_INTERRUPT 1

/* 2.6.8 The Virtqueue Used Ring */
struct virtq_used_elem {
	uint32_t id;
	uint32_t len;
};
struct virtq_used {
	uint16_t flags;
	uint16_t idx;
	struct virtq_used_elem ring[];
};
#define VIRTQ_USED_F_NO_NOTIFY 1

struct virtq {
	uint16_t index;      /* queue number on the device */
	uint16_t size;       /* descriptors, a power of two */
	struct virtq_desc *desc;
	struct virtq_avail *avail;
	volatile struct virtq_used *used;
	uint16_t avail_idx;  /* our next available-ring index */
	uint16_t last_used;  /* next used-ring index to read */
	uint16_t in_flight;  /* buffers the device holds */
	/* Per descriptor, our own record (the rings are device-writable):
	 * whether the device holds it and the buffer's length. */
	struct virtq_buf {
		uint32_t len;
		bool busy;
	} *bufs;
	uint32_t notify_off; /* modern transport: offset of the notify register */
	void *mem;
	size_t mem_bytes;
};

enum virtq_used_result {
	VIRTQ_EMPTY, /* nothing new */
	VIRTQ_USED,  /* *id and *len are valid: the buffer is ours again */
	VIRTQ_BAD,   /* the device broke the protocol; *why says how */
};

/* Bytes of ring memory for size descriptors (2.6.2 legacy layout). */
size_t virtq_ring_bytes(uint16_t size);

/*
 * Allocate the rings and bookkeeping for a queue of size descriptors (a
 * power of two, 1..VIRTQ_MAX_SIZE).  Returns NULL or why it failed.
 * The available ring asks for no interrupts: the drivers poll.
 */
const char *virtq_alloc(struct virtq *q, uint16_t index, uint16_t size);
void virtq_free(struct virtq *q);

/* Forget every buffer and zero the rings: after a device reset only. */
void virtq_reset(struct virtq *q);

/*
 * Hand buffer id (descriptor id, < size, not in flight) of len bytes at
 * bus address addr to the device; device_writes for receive buffers.
 * Visible to the device after virtq_publish().
 */
void virtq_add(struct virtq *q, uint16_t id, uint64_t addr, uint32_t len, bool device_writes);
/* Make the added buffers visible (2.6.13.3: barrier, then the index). */
void virtq_publish(struct virtq *q);
/* Whether the device wants a notification now (2.6.13.4: full barrier). */
bool virtq_kick_needed(const struct virtq *q);

/* Take the next used buffer, validated (see above). */
enum virtq_used_result virtq_get_used(struct virtq *q, uint16_t *id, uint32_t *len,
				      const char **why);

#endif

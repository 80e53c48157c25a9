#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "drivers/virtio/virtqueue.h"
#include "drivers/dma.h"

#define QUEUE_ALIGN 4096 /* 2.6.2: legacy used-ring alignment */

static size_t align_up(size_t v, size_t a)
{
	return (v + a - 1) & ~(a - 1);
}

static size_t used_offset(uint16_t size)
{
	/* descriptors + avail (flags, idx, ring[size], used_event) */
	return align_up(sizeof(struct virtq_desc) * size + sizeof(uint16_t) * (3u + size),
			QUEUE_ALIGN);
}

size_t virtq_ring_bytes(uint16_t size)
{
	/* + used (flags, idx, ring[size], avail_event) */
	return used_offset(size) +
	       align_up(sizeof(uint16_t) * 3 + sizeof(struct virtq_used_elem) * size, QUEUE_ALIGN);
}

static void setup_pointers(struct virtq *q)
{
	uint8_t *base = q->mem;

	q->desc = (struct virtq_desc *)base;
	q->avail = (struct virtq_avail *)(base + sizeof(struct virtq_desc) * q->size);
	q->used = (volatile struct virtq_used *)(base + used_offset(q->size));
	q->avail->flags = VIRTQ_AVAIL_F_NO_INTERRUPT;
}

const char *virtq_alloc(struct virtq *q, uint16_t index, uint16_t size)
{
	if (size == 0 || (size & (size - 1)) || size > VIRTQ_MAX_SIZE)
		return "queue size is not a power of two up to 32768";
	memset(q, 0, sizeof(*q));
	q->index = index;
	q->size = size;
	q->mem_bytes = virtq_ring_bytes(size);
	q->mem = dma_alloc(q->mem_bytes);
	q->bufs = calloc(size, sizeof(*q->bufs));
	if (!q->mem || !q->bufs) {
		virtq_free(q);
		return "out of memory for the queue";
	}
	setup_pointers(q);
	return NULL;
}

void virtq_free(struct virtq *q)
{
	dma_free(q->mem, q->mem_bytes);
	free(q->bufs);
	q->mem = NULL;
	q->bufs = NULL;
}

void virtq_reset(struct virtq *q)
{
	memset(q->mem, 0, q->mem_bytes);
	memset(q->bufs, 0, sizeof(*q->bufs) * q->size);
	q->avail_idx = q->last_used = q->in_flight = 0;
	setup_pointers(q);
}

void virtq_add(struct virtq *q, uint16_t id, uint64_t addr, uint32_t len, bool device_writes)
{
	struct virtq_desc *d = &q->desc[id];

	d->addr = addr;
	d->len = len;
	d->flags = device_writes ? VIRTQ_DESC_F_WRITE : 0;
	d->next = 0;
	q->bufs[id].busy = true;
	q->bufs[id].len = len;
	q->in_flight++;
	q->avail->ring[q->avail_idx & (q->size - 1)] = id;
	q->avail_idx++;
}

void virtq_publish(struct virtq *q)
{
	dma_wmb(); /* ring entries before the index */
	*(volatile uint16_t *)&q->avail->idx = q->avail_idx;
}

bool virtq_kick_needed(const struct virtq *q)
{
	dma_mb(); /* our index store before reading the device's flags */
	return !(q->used->flags & VIRTQ_USED_F_NO_NOTIFY);
}

enum virtq_used_result virtq_get_used(struct virtq *q, uint16_t *id, uint32_t *len,
				      const char **why)
{
	static char msg[96];
	uint16_t used_idx = q->used->idx;
	uint16_t ready = (uint16_t)(used_idx - q->last_used);

	if (ready == 0)
		return VIRTQ_EMPTY;
	if (ready > q->in_flight) {
		snprintf(msg, sizeof(msg), "queue %u: used index moved by %u with %u buffers in flight",
			 q->index, ready, q->in_flight);
		*why = msg;
		return VIRTQ_BAD;
	}
	dma_rmb(); /* the index before the element it covers */
	struct virtq_used_elem e = q->used->ring[q->last_used & (q->size - 1)];
	if (e.id >= q->size || !q->bufs[e.id].busy) {
		snprintf(msg, sizeof(msg), "queue %u: used descriptor id %u %s", q->index, e.id,
			 e.id >= q->size ? "out of range" : "was not in flight");
		*why = msg;
		return VIRTQ_BAD;
	}
	if (e.len > q->bufs[e.id].len) {
		snprintf(msg, sizeof(msg), "queue %u: used length %u beyond the %u-byte buffer",
			 q->index, e.len, q->bufs[e.id].len);
		*why = msg;
		return VIRTQ_BAD;
	}
	q->bufs[e.id].busy = false;
	q->in_flight--;
	q->last_used++;
	*id = (uint16_t)e.id;
	*len = e.len;
	return VIRTQ_USED;
}

/*
 * The audit ring (audit.h): AUDIT_RING_SIZE records, sequence numbers
 * from 1; record n lives in slot (n - 1) % AUDIT_RING_SIZE.
 */
#include <stdbool.h>
#include <string.h>
#include "console/log.h"
#include "mgmt/audit.h"
#include "time/clock.h"

static struct audit_entry ring[AUDIT_RING_SIZE];
static uint64_t last_sequence; /* 0: empty */

static void copy_truncated(char *dst, size_t size, const char *src)
{
	size_t n = src ? strlen(src) : 0;

	if (n >= size)
		n = size - 1;
	if (n)
		memcpy(dst, src, n);
	dst[n] = '\0';
}

void audit_record(const char *client, const char *method, uint64_t partition_id, int32_t code,
		  const char *result)
{
	uint64_t seq = last_sequence + 1;
	struct audit_entry *e = &ring[(seq - 1) % AUDIT_RING_SIZE];

	e->sequence = seq;
	e->time_ns = clock_ns();
	copy_truncated(e->client, sizeof(e->client), client);
	copy_truncated(e->method, sizeof(e->method), method);
	e->partition_id = partition_id;
	e->code = code;
	copy_truncated(e->result, sizeof(e->result), result);
	last_sequence = seq;
	/* Every record goes to the console too, except successful guest-memory
	 * writes: a transfer makes one per 64 KiB, and the serial console
	 * would then cost more than the transfer (they stay in the ring; a
	 * failed write is logged). */
	bool bulk = code == 0 && !strcmp(e->method, "unihv.v1.Memory/WriteGpa");
	log_printf(bulk ? LOG_DEBUG : LOG_INFO,
		   "audit: #%llu client=%s method=%s partition=%llu code=%d result=%s",
		 (unsigned long long)e->sequence, e->client, e->method,
		 (unsigned long long)e->partition_id, (int)e->code, e->result);
}

size_t audit_read(uint64_t after_sequence, size_t max, struct audit_entry *out,
		  uint64_t *dropped)
{
	uint64_t oldest = last_sequence > AUDIT_RING_SIZE ? last_sequence - AUDIT_RING_SIZE + 1 : 1;
	uint64_t first = after_sequence + 1;
	size_t n = 0;

	if (dropped)
		*dropped = 0;
	if (after_sequence >= last_sequence)
		return 0;
	if (first < oldest) {
		if (dropped)
			*dropped = oldest - first;
		first = oldest;
	}
	for (uint64_t seq = first; seq <= last_sequence && n < max; seq++)
		out[n++] = ring[(seq - 1) % AUDIT_RING_SIZE];
	return n;
}

uint64_t audit_last_sequence(void)
{
	return last_sequence;
}

void audit_reset(void)
{
	memset(ring, 0, sizeof(ring));
	last_sequence = 0;
}

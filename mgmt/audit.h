/*
 * The audit log: every mutating management call (and every refused one),
 * in a fixed ring of AUDIT_RING_SIZE records.  The oldest records are
 * overwritten; a reader learns how many it missed.  Each record is also
 * written to the console log ("audit: ...").
 *
 * Boot CPU (network context) only: no locking.
 */
#ifndef UNIHV_MGMT_AUDIT_H
#define UNIHV_MGMT_AUDIT_H

#include <stddef.h>
#include <stdint.h>
#include "mgmt/mgmt_role.h"

#define AUDIT_RING_SIZE  1024
/* Field sizes, including the NUL: those of unihv.v1.AuditRecord
 * (proto/unihv.options), so a record copies into one with strcpy. */
#define AUDIT_METHOD_MAX 64
#define AUDIT_RESULT_MAX 48

struct audit_entry {
	uint64_t sequence;                   /* 1, 2, ... in recording order */
	uint64_t time_ns;                    /* clock_ns() when recorded */
	char client[MGMT_CLIENT_NAME_MAX];   /* certificate CN of the caller */
	char method[AUDIT_METHOD_MAX];       /* "unihv.v1.Partition/Create" */
	uint64_t partition_id;               /* 0 when none */
	int32_t code;                        /* gRPC code of the result */
	char result[AUDIT_RESULT_MAX];       /* error name, "OK" on success */
};

/* Record one call; longer strings are truncated, NULL is taken as "". */
void audit_record(const char *client, const char *method, uint64_t partition_id, int32_t code,
		  const char *result);

/*
 * Copy the records with a sequence number above after_sequence, oldest
 * first, at most max of them, into out[]; return how many were copied.
 * *dropped (when not NULL) is set to the number of records after
 * after_sequence that were overwritten before this read (records the
 * reader can no longer see).  Pass after_sequence 0 to read from the
 * oldest record kept.
 *
 * For the Host/Audit handler: AuditRequest.max_records 0 means "as many as
 * fit", i.e. max = the capacity of AuditResponse.records.
 */
size_t audit_read(uint64_t after_sequence, size_t max, struct audit_entry *out,
		  uint64_t *dropped);

/* Sequence number of the latest record (0 when none yet). */
uint64_t audit_last_sequence(void);

/* Forget every record and restart sequence numbers at 1 (host tests). */
void audit_reset(void);

#endif

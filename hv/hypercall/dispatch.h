/*
 * The TLFS hypercall dispatcher (TLFS "Hypercall Interface"; digest
 * hypercall-abi.md).  Pure C with no VT-x knowledge: a guest's VMCALL
 * (hv/emulate.c) and the manager's root calls (mgmt/) both come here with
 * a struct hc_caller that says who calls and how to reach its memory.
 */
#ifndef UNIHV_HV_HYPERCALL_DISPATCH_H
#define UNIHV_HV_HYPERCALL_DISPATCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define HC_BLOCK_SIZE 4096 /* an input or output block never crosses a page */

struct vp;

/* Who calls. */
struct hc_caller {
	uint64_t partition_id;  /* the caller's partition; 0 for the root */
	uint32_t vp_index;      /* the calling VP (guest callers) */
	struct vp *vp;          /* the same, for handlers acting on the caller's
				 * live state (opaque here); NULL for the root */
	uint64_t privileges;    /* HV_PARTITION_PRIVILEGE_* of the caller */
	bool is_root;           /* the manager: parent of every partition */
	bool xmm_fast_input;    /* XMM fast calls advertised (CPUID 0x40000003 EDX[4]) */
	/* The caller's guest-physical memory, for memory-based calls; false =
	 * not accessible. */
	bool (*read_gpa)(void *ctx, uint64_t gpa, void *buf, size_t len);
	bool (*write_gpa)(void *ctx, uint64_t gpa, const void *buf, size_t len);
	void *ctx;
	uint64_t gpa_limit;     /* size of the caller's GPA space */
	/* Most elements one invocation processes before asking the guest to
	 * re-execute (continuation); 0 = no limit (the root). */
	uint32_t rep_budget;
};

/* The call as the guest's registers express it (TLFS 4, 5, 10). */
struct hc_input {
	uint64_t control;       /* the hypercall input value */
	uint64_t param[2];      /* RDX, R8 (EBX:ECX, EDI:ESI for 32-bit callers) */
	/* XMM0-5 (96 bytes, low quadword first) of a 64-bit caller, or NULL;
	 * XMM fast output is written back here. */
	uint64_t (*xmm)[2];
	unsigned cpl;
	bool protected_mode;    /* CR0.PE */
	bool virtual_8086;
};

enum hc_action {
	HC_COMPLETE,    /* write result to RAX, advance RIP */
	HC_CONTINUE,    /* write control back, do not advance RIP (TLFS 7) */
	HC_INJECT_UD,   /* inject #UD, nothing else (TLFS 4) */
};

struct hc_output {
	enum hc_action action;
	uint64_t result;        /* HC_COMPLETE: status | reps completed << 32 */
	uint64_t control;       /* HC_CONTINUE: control with the new rep start */
	bool xmm_written;       /* fast output went into in->xmm */
};

/* Scratch for copying blocks in (once: no double fetch) and out. */
struct hc_scratch {
	uint8_t input[HC_BLOCK_SIZE] __attribute__((aligned(16)));
	uint8_t output[HC_BLOCK_SIZE] __attribute__((aligned(16)));
};

/*
 * Decode, check in TLFS order (hypercall-abi.md 13), copy the input
 * block, run the handler, write the output block and compute the result.
 * The caller fills every field of *in; *out is written entirely.
 * Counts every call by code and status.  Any CPU; the handlers take
 * hv_lock themselves.
 */
void hc_dispatch(const struct hc_caller *caller, struct hc_input *in,
		 struct hc_scratch *scratch, struct hc_output *out);

/* What a handler sees. */
struct hc_call {
	const struct hc_caller *caller;
	uint16_t code;
	bool fast;
	const uint8_t *input;       /* fixed header, then the variable header */
	uint32_t var_bytes;         /* variable header bytes */
	const uint8_t *in_elems;    /* rep input elements (element 0 first) */
	uint8_t *output;            /* fixed output */
	uint8_t *out_elems;         /* rep output elements (element 0 first) */
	uint32_t rep_start, rep_count;
};

/* A handler returns a status; rep handlers set *reps_done to the absolute
 * number of elements done (rep_start + processed), also on failure. */
typedef uint16_t (*hc_handler)(struct hc_call *call, uint32_t *reps_done);

struct hc_desc {
	const char *name;
	hc_handler handler;
	bool rep;
	bool fast;              /* two-register fast form allowed */
	bool xmm_fast;          /* XMM fast form allowed */
	bool var_header;
	uint16_t in_size;       /* fixed input header */
	uint16_t in_elem;       /* per rep element */
	uint16_t out_size;      /* fixed output */
	uint16_t out_elem;      /* per rep element */
	uint64_t privilege;     /* required HV_PARTITION_PRIVILEGE_* bit, 0 = none */
};

/* The call table (hv/hypercall/table.c); NULL handler = not implemented. */
const struct hc_desc *hc_lookup(uint16_t code);

/* Counters (TLFS-less, for operators): calls by code and by status. */
struct hc_counters {
	uint64_t calls;
	uint64_t by_status[0x20]; /* index = status; statuses >= 0x1f share [0x1f] */
};
const struct hc_counters *hc_counters_for(uint16_t code);
/* The writable slot for code (table.c; every code has one). */
struct hc_counters *hc_counters_slot(uint16_t code);

#endif

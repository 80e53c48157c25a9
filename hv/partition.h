/*
 * Partitions: lifecycle (TLFS "Partition Properties and Creation":
 * uninitialized -> active -> finalized), the deposit pool that backs every
 * hypervisor structure of the partition, and its guest-physical address
 * space.  Every function returns an HV_STATUS (unihv/hv_status.h): these
 * are the semantics of the root hypercalls, called by the hypercall
 * dispatcher and by the management plane alike.
 */
#ifndef UNIHV_HV_PARTITION_H
#define UNIHV_HV_PARTITION_H

#include <stdbool.h>
#include <stdint.h>
#include "hv/ept.h"
#include "hv/port.h"
#include "lib/spinlock.h"

#define HV_MAX_PARTITIONS 64      /* live at once, the root not counted */
#define HV_MAX_VPS_PER_PARTITION 64
#define HV_GPA_WIDTH_BITS 39      /* 512 GiB of guest-physical space */

typedef uint16_t hv_status_t;

enum partition_state {
	PARTITION_UNINITIALIZED,
	PARTITION_ACTIVE,
	PARTITION_FINALIZED,
};

struct vp;

struct partition {
	uint64_t id;                 /* TLFS partition ID, unique since boot */
	uint32_t index;              /* slot, also the page-owner index (1..) */
	enum partition_state state;
	bool crashed;                /* a guest error stopped it */
	char crash_reason[96];
	uint64_t creation_flags;

	/* Deposit pool: free pages linked through their first 8 bytes. */
	uint64_t pool_free_head;
	uint64_t pool_free;          /* pages available */
	uint64_t pool_in_use;        /* pages backing structures */

	struct ept ept;
	bool ept_ready;
	uint64_t eptp;
	volatile uint64_t tlb_generation; /* bumped when a mapping shrinks */
	uint64_t guest_pages;        /* 4 KiB guest pages mapped */

	struct vp *vps[HV_MAX_VPS_PER_PARTITION];
	uint32_t vp_count;

	uint32_t exception_bitmap;   /* intercepted exception vectors */
	uint32_t intercept_cpuid_leaves[16];
	uint32_t intercept_cpuid_count;
	bool intercept_unhandled_msrs; /* always delivered; recorded for Get */

	/* Properties (TLFS HV_PARTITION_PROPERTY_CODE), hv/partition_props.c. */
	uint64_t prop_processor_vendor;
	uint64_t privilege_flags;
	uint64_t synthetic_features;
	uint64_t suspend;
	uint64_t cpu_reserve, cpu_cap, cpu_weight;
	uint64_t guest_os_id;        /* also HV_X64_MSR_GUEST_OS_ID (hv/synthetic_msr.c) */

	/* Enlightenments: partition-wide synthetic MSRs (hv/synthetic_msr.c).
	 * Changed under hv_lock by the guest's WRMSRs. */
	uint64_t hypercall_msr;      /* HV_X64_MSR_HYPERCALL as the guest reads it */
	uint64_t reference_tsc_msr;  /* HV_X64_MSR_REFERENCE_TSC as the guest reads it */
	uint32_t reference_tsc_sequence; /* TscSequence last written (0: none yet) */
	uint64_t ref_time_origin_ns; /* clock_ns() at creation: TIME_REF_COUNT 0 */
	uint64_t ref_time_last;      /* largest TIME_REF_COUNT returned (atomic) */

	/* SynIC ports (receive side) and connections (send side), hv/port.c. */
	struct hv_port ports[HV_MAX_PORTS];
	struct hv_connection connections[HV_MAX_CONNECTIONS];
};

/* Set up partition bookkeeping; boot CPU, after the page allocator. */
void hv_partitions_init(void);

/*
 * Look up a partition by TLFS ID.  Returns NULL for an unknown ID.  The
 * caller holds hv_lock (hv/hv.h) while it uses the result.
 */
struct partition *partition_find(uint64_t id);
/* The partition id in the active state (*out), or INVALID_PARTITION_ID /
 * INVALID_PARTITION_STATE; hv_lock held. */
hv_status_t partition_find_active(uint64_t id, struct partition **out);

/* Take a zeroed page from the partition's pool; 0 when it is empty. */
uint64_t partition_pool_alloc(struct partition *p);
/* Give a page taken with partition_pool_alloc back to the pool. */
void partition_pool_free(struct partition *p, uint64_t phys);

/* INVEPT on this CPU if p's mappings shrank since this CPU last flushed. */
void partition_flush_tlb_if_needed(struct partition *p);
/*
 * After a mapping of p shrank: make every CPU drop cached translations
 * before the page is reused (bump the generation, kick CPUs running p's
 * VPs and wait until each has left the guest).  hv_lock held.
 */
void partition_shootdown(struct partition *p);

/* Root partition calls (TLFS 0x0040-0x004A). */
hv_status_t hv_create_partition(uint64_t flags, uint64_t *id_out);
hv_status_t hv_initialize_partition(uint64_t id);
hv_status_t hv_finalize_partition(uint64_t id);
hv_status_t hv_delete_partition(uint64_t id);
hv_status_t hv_get_partition_property(uint64_t id, uint32_t code, uint64_t *value);
hv_status_t hv_set_partition_property(uint64_t id, uint32_t code, uint64_t value);
hv_status_t hv_get_next_child_partition(uint64_t previous, uint64_t *next);

#endif

/*
 * Partition lifecycle and pool (TLFS "Partition Management": partition
 * states, CreatePartition 0x0040, InitializePartition 0x0041,
 * FinalizePartition 0x0042, DeletePartition 0x0043, Get/Set
 * PartitionProperty 0x0044/0x0045, GetNextChildPartition 0x0047).
 */
#include <stdlib.h>
#include <string.h>
#include "hv/hv.h"
#include "hv/partition.h"
#include "hv/memory.h"
#include "hv/vp_ops.h"
#include "hv/arch.h"
#include "hv/synthetic_msr.h"
#include "unihv/hv_status.h"
#include "unihv/hv_types.h"
#include "arch/cpu.h"
#include "lib/bug.h"
#include "smp/percpu.h"
#include "smp/smp_call.h"
#include "time/clock.h"

/* Creation flags we accept (data-types 9.1); any other bit is reserved. */
#define KNOWN_CREATION_FLAGS                                                            \
	((1ull << 0) | (1ull << 1) | (1ull << 4) | (1ull << 8) | (1ull << 9) | (1ull << 10) | \
	 (1ull << 13) | (1ull << 15) | (1ull << 16) | (1ull << 19) | (1ull << 20) | (1ull << 22))

/* What a partition may do unless the root sets PrivilegeFlags before
 * initializing it: the guest-facing enlightenments and calls, nothing
 * that manages other partitions (data-types 7). */
#define HV_GUEST_DEFAULT_PRIVILEGES                                                       \
	(HV_PARTITION_PRIVILEGE_ACCESS_VP_RUN_TIME_REG |                                   \
	 HV_PARTITION_PRIVILEGE_ACCESS_PARTITION_REFERENCE_COUNTER |                       \
	 HV_PARTITION_PRIVILEGE_ACCESS_SYNIC_REGS |                                        \
	 HV_PARTITION_PRIVILEGE_ACCESS_SYNTHETIC_TIMER_REGS |                              \
	 HV_PARTITION_PRIVILEGE_ACCESS_INTR_CTRL_REGS |                                    \
	 HV_PARTITION_PRIVILEGE_ACCESS_HYPERCALL_MSRS |                                    \
	 HV_PARTITION_PRIVILEGE_ACCESS_VP_INDEX |                                          \
	 HV_PARTITION_PRIVILEGE_ACCESS_PARTITION_REFERENCE_TSC |                           \
	 HV_PARTITION_PRIVILEGE_ACCESS_FREQUENCY_REGS |                                    \
	 HV_PARTITION_PRIVILEGE_ACCESS_PARTITION_ID |                                      \
	 HV_PARTITION_PRIVILEGE_POST_MESSAGES |                                            \
	 HV_PARTITION_PRIVILEGE_SIGNAL_EVENTS |                                            \
	 HV_PARTITION_PRIVILEGE_ACCESS_VP_REGISTERS |                                      \
	 HV_PARTITION_PRIVILEGE_ENABLE_EXTENDED_HYPERCALLS)

static struct partition *partitions[HV_MAX_PARTITIONS]; /* slot 0 unused (root) */
static uint64_t next_partition_id = 1;
static uint64_t flushed_generation[MAX_CPUS][HV_MAX_PARTITIONS];

void hv_partitions_init(void)
{
	memset(partitions, 0, sizeof(partitions));
}

struct partition *partition_find(uint64_t id)
{
	for (unsigned i = 1; i < HV_MAX_PARTITIONS; i++)
		if (partitions[i] && partitions[i]->id == id)
			return partitions[i];
	return NULL;
}

hv_status_t partition_find_active(uint64_t id, struct partition **out)
{
	struct partition *p = partition_find(id);
	if (!p)
		return HV_STATUS_INVALID_PARTITION_ID;
	if (p->state != PARTITION_ACTIVE)
		return HV_STATUS_INVALID_PARTITION_STATE;
	*out = p;
	return HV_STATUS_SUCCESS;
}

/* ---- pool ---------------------------------------------------------------- */

uint64_t partition_pool_alloc(struct partition *p)
{
	uint64_t phys = p->pool_free_head;

	if (!phys)
		return 0;
	p->pool_free_head = *(uint64_t *)(uintptr_t)phys;
	p->pool_free--;
	p->pool_in_use++;
	memset((void *)(uintptr_t)phys, 0, 4096);
	return phys;
}

void partition_pool_free(struct partition *p, uint64_t phys)
{
	enum page_owner_kind kind;
	uint32_t owner;

	page_owner_get(&hv_page_owner, phys >> 12, &kind, &owner);
	BUG_ON(kind != PAGE_OWNER_POOL || owner != p->index);
	BUG_ON(p->pool_in_use == 0);
	*(uint64_t *)(uintptr_t)phys = p->pool_free_head;
	p->pool_free_head = phys;
	p->pool_free++;
	p->pool_in_use--;
}

/* ---- TLB ----------------------------------------------------------------- */

void partition_flush_tlb_if_needed(struct partition *p)
{
	unsigned cpu = this_cpu_index();
	uint64_t gen = __atomic_load_n(&p->tlb_generation, __ATOMIC_ACQUIRE);

	/* Without VMX no CPU ever cached a translation (and INVEPT would #UD). */
	if (flushed_generation[cpu][p->index] != gen && hv_virtualization_available()) {
		arch_flush_ept(p->eptp);
		flushed_generation[cpu][p->index] = gen;
	}
}

void partition_shootdown(struct partition *p)
{
	unsigned self = this_cpu_index();

	__atomic_add_fetch(&p->tlb_generation, 1, __ATOMIC_ACQ_REL);
	partition_flush_tlb_if_needed(p);
	/* VPs running elsewhere re-check the generation before their next
	 * entry: kick them out of the guest and wait until they left it. */
	for (uint32_t i = 0; i < HV_MAX_VPS_PER_PARTITION; i++) {
		struct vp *vp = p->vps[i];
		if (!vp)
			continue;
		int cpu = vp_running_cpu(vp);
		if (cpu < 0 || (unsigned)cpu == self)
			continue;
		uint64_t seq = vp_exit_sequence(vp);
		smp_kick((unsigned)cpu);
		while (vp_running_cpu(vp) == cpu && vp_exit_sequence(vp) == seq)
			cpu_relax();
	}
	/* A CPU that ran p's VPs before but is idle now flushes on its next
	 * entry: the generation check covers it. */
}

/* ---- EPT table pages come from the pool ----------------------------------- */

static uint64_t ept_alloc_from_pool(void *ctx)
{
	return partition_pool_alloc(ctx);
}

static void ept_free_to_pool(void *ctx, uint64_t phys)
{
	partition_pool_free(ctx, phys);
}

static void *identity(void *ctx, uint64_t phys)
{
	(void)ctx;
	return (void *)(uintptr_t)phys;
}

/* ---- lifecycle --------------------------------------------------------------- */

hv_status_t hv_create_partition(uint64_t flags, uint64_t *id_out)
{
	if (flags & ~KNOWN_CREATION_FLAGS)
		return HV_STATUS_INVALID_PARAMETER;
	struct partition *p = calloc(1, sizeof(*p));
	if (!p)
		return HV_STATUS_INSUFFICIENT_MEMORY;

	spin_lock(&hv_lock);
	unsigned slot = 0;
	for (unsigned i = 1; i < HV_MAX_PARTITIONS && !slot; i++)
		if (!partitions[i])
			slot = i;
	if (!slot) {
		spin_unlock(&hv_lock);
		free(p);
		return HV_STATUS_NO_RESOURCES;
	}
	p->id = next_partition_id++;
	p->index = slot;
	p->state = PARTITION_UNINITIALIZED;
	p->creation_flags = flags;
	p->prop_processor_vendor = 1; /* Intel: the only backend */
	p->privilege_flags = HV_GUEST_DEFAULT_PRIVILEGES;
	p->cpu_cap = 0x10000;
	p->cpu_weight = 100;
	/* The generation starts above every CPU's "flushed" value (0). */
	p->tlb_generation = 1;
	synthetic_msr_partition_init(p); /* reference time 0 from now */
	partitions[slot] = p;
	*id_out = p->id;
	spin_unlock(&hv_lock);
	return HV_STATUS_SUCCESS;
}

hv_status_t hv_initialize_partition(uint64_t id)
{
	hv_status_t st = HV_STATUS_SUCCESS;

	spin_lock(&hv_lock);
	struct partition *p = partition_find(id);
	if (!p) {
		st = HV_STATUS_INVALID_PARTITION_ID;
	} else if (p->state != PARTITION_UNINITIALIZED) {
		st = HV_STATUS_INVALID_PARTITION_STATE;
	} else {
		/* The EPT is plain memory: it is built (and guest memory mapped,
		 * read and written) without VMX too; only VPs need VMX. */
		struct ept_ops ops = { ept_alloc_from_pool, ept_free_to_pool, identity, p };
		int r = ept_init(&p->ept, &ops, HV_GPA_WIDTH_BITS);
		if (r == EPT_ERR_NOMEM) {
			st = HV_STATUS_INSUFFICIENT_MEMORY;
		} else {
			BUG_ON(r != EPT_OK);
			p->ept_ready = true;
			p->eptp = arch_ept_pointer(p->ept.pml4);
			p->state = PARTITION_ACTIVE;
		}
	}
	spin_unlock(&hv_lock);
	return st;
}

hv_status_t hv_finalize_partition(uint64_t id)
{
	spin_lock(&hv_lock);
	struct partition *p = partition_find(id);
	if (!p) {
		spin_unlock(&hv_lock);
		return HV_STATUS_INVALID_PARTITION_ID;
	}
	if (p->state == PARTITION_FINALIZED) {
		spin_unlock(&hv_lock);
		return HV_STATUS_INVALID_PARTITION_STATE;
	}
	/* Stop and delete every VP, then drop every mapping and table. */
	for (uint32_t i = 0; i < HV_MAX_VPS_PER_PARTITION; i++)
		if (p->vps[i])
			vp_destroy_locked(p, i);
	partition_drop_guest_memory(p);
	p->state = PARTITION_FINALIZED;
	spin_unlock(&hv_lock);
	return HV_STATUS_SUCCESS;
}

hv_status_t hv_delete_partition(uint64_t id)
{
	spin_lock(&hv_lock);
	struct partition *p = partition_find(id);
	hv_status_t st = HV_STATUS_SUCCESS;
	if (!p)
		st = HV_STATUS_INVALID_PARTITION_ID;
	else if (p->state == PARTITION_ACTIVE)
		st = HV_STATUS_INVALID_PARTITION_STATE;
	else if (p->pool_free || p->pool_in_use)
		st = HV_STATUS_OPERATION_DENIED; /* withdraw the pool first */
	else
		partitions[p->index] = NULL;
	spin_unlock(&hv_lock);
	if (st == HV_STATUS_SUCCESS)
		free(p);
	return st;
}

hv_status_t hv_get_next_child_partition(uint64_t previous, uint64_t *next)
{
	/* Children in creation order: IDs grow, so the next is the smallest
	 * ID above previous. */
	spin_lock(&hv_lock);
	if (previous && !partition_find(previous)) {
		spin_unlock(&hv_lock);
		return HV_STATUS_INVALID_PARTITION_ID;
	}
	uint64_t best = 0;
	for (unsigned i = 1; i < HV_MAX_PARTITIONS; i++) {
		struct partition *p = partitions[i];
		if (p && p->id > previous && (!best || p->id < best))
			best = p->id;
	}
	spin_unlock(&hv_lock);
	*next = best;
	return HV_STATUS_SUCCESS;
}

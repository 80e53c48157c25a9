/*
 * unihv.v1.Partition: Create, SetProperty, GetProperty, Setup, Delete,
 * List.  The WHP lifecycle (WHvCreatePartition, WHvSetupPartition,
 * WHvDeletePartition; /work/shared/spec/whp-api.md 1 and 10) on the TLFS
 * root calls CreatePartition 0x0040, InitializePartition 0x0041,
 * FinalizePartition 0x0042, DeletePartition 0x0043, Get/Set
 * PartitionProperty 0x0044/0x0045 and GetNextChildPartition 0x0047
 * (hv/partition.h).
 */
#include <string.h>
#include "mgmt/svc.h"
#include "hv/hv.h"
#include "hv/partition.h"
#include "unihv/hv_status.h"
#include "unihv.pb.h"

/*
 * Setup = InitializePartition.  Initialize takes the partition's EPT root
 * table from its pool, and every later mapping up to three table pages,
 * so an empty pool would make Setup fail (INSUFFICIENT_MEMORY).  WHP has
 * no deposits: its Setup works on a partition nobody gave memory to.  So
 * Setup first tops the pool up to SETUP_POOL_PAGES (the root table and the
 * three tables of a first 4 KiB mapping), taking appliance pages as
 * Memory/Deposit does; a manager that deposited enough itself pays
 * nothing.  Those pages go back at Delete with the rest of the pool.
 * Finalize is not part of Setup: it is the end of a partition's life
 * (it drops every VP and mapping), done by Delete.
 */
#define SETUP_POOL_PAGES 4

static const char *state_name(enum partition_state s)
{
	switch (s) {
	case PARTITION_UNINITIALIZED: return "created";
	case PARTITION_ACTIVE: return "initialized";
	case PARTITION_FINALIZED: return "finalized";
	}
	return "unknown";
}

/* State and pool level of partition id; false if it does not exist. */
static bool partition_snapshot(uint64_t id, enum partition_state *state, uint64_t *pool_free)
{
	spin_lock(&hv_lock);
	struct partition *p = partition_find(id);
	if (p) {
		*state = p->state;
		*pool_free = p->pool_free;
	}
	spin_unlock(&hv_lock);
	return p != NULL;
}

enum mgmt_result svc_partition_create(struct mgmt_call *call, const void *req, void *resp)
{
	const unihv_v1_CreateRequest *r = req;
	unihv_v1_CreateResponse *out = resp;
	uint64_t id = 0;

	memset(out, 0, sizeof(*out));
	uint16_t st = hv_create_partition(r->flags, &id);
	if (st != HV_STATUS_SUCCESS)
		return mgmt_fail_hv(call, st, "CreatePartition with flags 0x%llx",
				    (unsigned long long)r->flags);
	call->partition_id = id;
	out->partition_id = id;
	return MGMT_DONE;
}

enum mgmt_result svc_partition_set_property(struct mgmt_call *call, const void *req, void *resp)
{
	const unihv_v1_SetPropertyRequest *r = req;

	(void)resp;
	call->partition_id = r->partition_id;
	uint16_t st = hv_set_partition_property(r->partition_id, r->property, r->value);
	return mgmt_fail_hv(call, st, "partition %llu property 0x%x = 0x%llx",
			    (unsigned long long)r->partition_id, r->property,
			    (unsigned long long)r->value);
}

enum mgmt_result svc_partition_get_property(struct mgmt_call *call, const void *req, void *resp)
{
	const unihv_v1_GetPropertyRequest *r = req;
	unihv_v1_GetPropertyResponse *out = resp;
	uint64_t value = 0;

	memset(out, 0, sizeof(*out));
	call->partition_id = r->partition_id;
	uint16_t st = hv_get_partition_property(r->partition_id, r->property, &value);
	if (st != HV_STATUS_SUCCESS)
		return mgmt_fail_hv(call, st, "partition %llu property 0x%x",
				    (unsigned long long)r->partition_id, r->property);
	out->value = value;
	return MGMT_DONE;
}

enum mgmt_result svc_partition_setup(struct mgmt_call *call, const void *req, void *resp)
{
	const unihv_v1_PartitionRef *r = req;
	enum partition_state state;
	uint64_t pool_free;

	(void)resp;
	call->partition_id = r->partition_id;
	if (!partition_snapshot(r->partition_id, &state, &pool_free))
		return mgmt_fail_hv(call, HV_STATUS_INVALID_PARTITION_ID,
				    "partition %llu does not exist",
				    (unsigned long long)r->partition_id);
	if (state != PARTITION_UNINITIALIZED)
		return mgmt_fail_hv(call, HV_STATUS_INVALID_PARTITION_STATE,
				    "partition %llu is %s, not created",
				    (unsigned long long)r->partition_id, state_name(state));
	if (pool_free < SETUP_POOL_PAGES) {
		uint16_t st = svc_deposit_root_pages(r->partition_id, SETUP_POOL_PAGES - pool_free);
		if (st == SVC_NO_ROOT_MEMORY)
			return mgmt_fail(call, RPC_RESOURCE_EXHAUSTED, SVC_E_OUT_OF_MEMORY,
					 "no free pages for the partition's first tables");
		if (st != HV_STATUS_SUCCESS)
			return mgmt_fail_hv(call, st, "deposit for partition %llu",
					    (unsigned long long)r->partition_id);
	}
	uint16_t st = hv_initialize_partition(r->partition_id);
	return mgmt_fail_hv(call, st, "InitializePartition %llu",
			    (unsigned long long)r->partition_id);
}

/*
 * WHvDeletePartition: FinalizePartition (stops and deletes the VPs, gives
 * every mapped page back to the root: hv/memory.c
 * partition_drop_guest_memory), then the pages Memory/MapGpaRange
 * allocated go back to the page allocator (they are root pages again, so
 * nothing is freed twice), then the whole pool is withdrawn and freed, and
 * DeletePartition removes the empty partition.
 */
enum mgmt_result svc_partition_delete(struct mgmt_call *call, const void *req, void *resp)
{
	const unihv_v1_PartitionRef *r = req;
	enum partition_state state;
	uint64_t pool_free;
	uint16_t st;

	(void)resp;
	call->partition_id = r->partition_id;
	if (!partition_snapshot(r->partition_id, &state, &pool_free))
		return mgmt_fail_hv(call, HV_STATUS_INVALID_PARTITION_ID,
				    "partition %llu does not exist",
				    (unsigned long long)r->partition_id);
	if (state != PARTITION_FINALIZED) {
		st = hv_finalize_partition(r->partition_id);
		if (st != HV_STATUS_SUCCESS)
			return mgmt_fail_hv(call, st, "FinalizePartition %llu",
					    (unsigned long long)r->partition_id);
	}
	svc_memory_release_partition(r->partition_id);
	svc_withdraw_to_allocator(r->partition_id, UINT64_MAX, &st);
	st = hv_delete_partition(r->partition_id);
	return mgmt_fail_hv(call, st, "DeletePartition %llu", (unsigned long long)r->partition_id);
}

/* One List entry for partition id; false if it vanished meanwhile. */
static bool describe(uint64_t id, unihv_v1_PartitionInfo *info)
{
	spin_lock(&hv_lock);
	struct partition *p = partition_find(id);
	if (p) {
		info->partition_id = p->id;
		strncpy(info->state, state_name(p->state), sizeof(info->state) - 1);
		info->vp_count = p->vp_count;
		info->pool_available_pages = p->pool_free;
		info->pool_in_use_pages = p->pool_in_use;
		info->mapped_pages = p->guest_pages;
	}
	spin_unlock(&hv_lock);
	return p != NULL;
}

enum mgmt_result svc_partition_list(struct mgmt_call *call, const void *req, void *resp)
{
	unihv_v1_ListResponse *out = resp;
	const size_t max = sizeof(out->partitions) / sizeof(out->partitions[0]);
	uint64_t id = 0, next;

	(void)req;
	memset(out, 0, sizeof(*out));
	/* GetNextChildPartition in creation order until it returns 0. */
	while (out->partitions_count < max) {
		uint16_t st = hv_get_next_child_partition(id, &next);
		if (st != HV_STATUS_SUCCESS)
			return mgmt_fail_hv(call, st, "GetNextChildPartition after %llu",
					    (unsigned long long)id);
		if (!next)
			break;
		if (describe(next, &out->partitions[out->partitions_count]))
			out->partitions_count++;
		id = next;
	}
	return MGMT_DONE;
}

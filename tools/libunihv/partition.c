/* unihv.v1.Partition: Create, SetProperty, GetProperty, Setup, Delete, List. */
#include <stdlib.h>
#include <string.h>
#include "unihv.pb.h"
#include "internal.h"

#define PARTITION "unihv.v1.Partition"

UNIHV_RESULT UnihvCreatePartition(UNIHV_CONNECTION *c, uint64_t flags, UNIHV_PARTITION_ID *id)
{
	unihv_v1_CreateRequest req = { .flags = flags };
	unihv_v1_CreateResponse resp = unihv_v1_CreateResponse_init_zero;
	UNIHV_RESULT r = unihv_call(c, PARTITION, "Create", unihv_v1_CreateRequest_fields, &req,
				    unihv_v1_CreateResponse_fields, &resp, 0);
	*id = UnihvSucceeded(&r) ? resp.partition_id : 0;
	return r;
}

UNIHV_RESULT UnihvSetPartitionProperty(UNIHV_CONNECTION *c, UNIHV_PARTITION_ID id,
				       uint32_t property, uint64_t value)
{
	unihv_v1_SetPropertyRequest req = { .partition_id = id, .property = property, .value = value };
	return unihv_call(c, PARTITION, "SetProperty", unihv_v1_SetPropertyRequest_fields, &req,
			  NULL, NULL, 0);
}

UNIHV_RESULT UnihvGetPartitionProperty(UNIHV_CONNECTION *c, UNIHV_PARTITION_ID id,
				       uint32_t property, uint64_t *value)
{
	unihv_v1_GetPropertyRequest req = { .partition_id = id, .property = property };
	unihv_v1_GetPropertyResponse resp = unihv_v1_GetPropertyResponse_init_zero;
	UNIHV_RESULT r = unihv_call(c, PARTITION, "GetProperty", unihv_v1_GetPropertyRequest_fields,
				    &req, unihv_v1_GetPropertyResponse_fields, &resp, 0);
	*value = UnihvSucceeded(&r) ? resp.value : 0;
	return r;
}

static UNIHV_RESULT by_ref(UNIHV_CONNECTION *c, const char *method, UNIHV_PARTITION_ID id)
{
	unihv_v1_PartitionRef req = { .partition_id = id };
	return unihv_call(c, PARTITION, method, unihv_v1_PartitionRef_fields, &req, NULL, NULL, 0);
}

UNIHV_RESULT UnihvSetupPartition(UNIHV_CONNECTION *c, UNIHV_PARTITION_ID id)
{
	return by_ref(c, "Setup", id);
}

UNIHV_RESULT UnihvDeletePartition(UNIHV_CONNECTION *c, UNIHV_PARTITION_ID id)
{
	return by_ref(c, "Delete", id);
}

UNIHV_RESULT UnihvListPartitions(UNIHV_CONNECTION *c, UNIHV_PARTITION_INFO *list,
				 uint32_t capacity, uint32_t *count)
{
	*count = 0;
	unihv_v1_ListResponse *resp = calloc(1, sizeof(*resp));
	if (!resp)
		return unihv_fail(UNIHV_RESOURCE_EXHAUSTED, "UNIHV_E_NO_MEMORY", "out of memory");
	UNIHV_RESULT r = unihv_call(c, PARTITION, "List", NULL, NULL, unihv_v1_ListResponse_fields,
				    resp, 0);
	if (UnihvSucceeded(&r)) {
		uint32_t n = resp->partitions_count < capacity ? resp->partitions_count : capacity;
		for (uint32_t i = 0; i < n; i++) {
			const unihv_v1_PartitionInfo *s = &resp->partitions[i];
			UNIHV_PARTITION_INFO *d = &list[i];
			d->partition_id = s->partition_id;
			unihv_strlcpy(d->state, s->state, sizeof(d->state));
			d->vp_count = s->vp_count;
			d->pool_available_pages = s->pool_available_pages;
			d->pool_in_use_pages = s->pool_in_use_pages;
			d->mapped_pages = s->mapped_pages;
		}
		*count = n;
	}
	free(resp);
	return r;
}

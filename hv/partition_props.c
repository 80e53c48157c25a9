/*
 * Get/SetPartitionProperty (TLFS 0x0044/0x0045; property codes in
 * data-types 9.3).  The properties unihv keeps are listed in one table
 * with where the value lives, whether it is "early" (settable only
 * before InitializePartition) or read-only, and its range.
 */
#include <stddef.h>
#include "hv/hv.h"
#include "hv/partition.h"
#include "unihv/hv_status.h"
#include "unihv/hv_types.h"
#include "time/clock.h"

struct prop_desc {
	uint32_t code;
	size_t offset;     /* in struct partition; SIZE_MAX = computed */
	bool early;        /* only between Create and Initialize */
	bool read_only;
	uint64_t max;      /* largest value accepted */
};

#define P(code, field, early, ro, max) { code, offsetof(struct partition, field), early, ro, max }

static const struct prop_desc props[] = {
	P(HV_PARTITION_PROPERTY_PRIVILEGE_FLAGS, privilege_flags, true, false, UINT64_MAX),
	P(HV_PARTITION_PROPERTY_SYNTHETIC_PROC_FEATURES, synthetic_features, true, false, UINT64_MAX),
	P(HV_PARTITION_PROPERTY_SUSPEND, suspend, false, false, 1),
	P(HV_PARTITION_PROPERTY_CPU_RESERVE, cpu_reserve, false, false, 0x10000),
	P(HV_PARTITION_PROPERTY_CPU_CAP, cpu_cap, false, false, 0x10000),
	P(HV_PARTITION_PROPERTY_CPU_WEIGHT, cpu_weight, false, false, 10000),
	P(HV_PARTITION_PROPERTY_PROCESSOR_VENDOR, prop_processor_vendor, false, true, 0),
	P(HV_PARTITION_PROPERTY_GUEST_OS_ID, guest_os_id, false, true, 0),
	{ HV_PARTITION_PROPERTY_PHYSICAL_ADDRESS_WIDTH, SIZE_MAX, false, true, 0 },
	{ HV_PARTITION_PROPERTY_PROCESSOR_CLOCK_FREQUENCY, SIZE_MAX, false, true, 0 },
};

static const struct prop_desc *find(uint32_t code)
{
	for (size_t i = 0; i < sizeof(props) / sizeof(props[0]); i++)
		if (props[i].code == code)
			return &props[i];
	return NULL;
}

static uint64_t computed(uint32_t code)
{
	if (code == HV_PARTITION_PROPERTY_PHYSICAL_ADDRESS_WIDTH)
		return HV_GPA_WIDTH_BITS;
	return clock_tsc_hz(); /* PROCESSOR_CLOCK_FREQUENCY, Hz */
}

/* Partition and property for a get or set; hv_lock held. */
static hv_status_t lookup(uint64_t id, uint32_t code, struct partition **p,
			  const struct prop_desc **d)
{
	*p = partition_find(id);
	*d = find(code);
	if (!*p)
		return HV_STATUS_INVALID_PARTITION_ID;
	return *d ? HV_STATUS_SUCCESS : HV_STATUS_UNKNOWN_PROPERTY;
}

hv_status_t hv_get_partition_property(uint64_t id, uint32_t code, uint64_t *value)
{
	struct partition *p;
	const struct prop_desc *d;

	spin_lock(&hv_lock);
	hv_status_t st = lookup(id, code, &p, &d);
	if (st == HV_STATUS_SUCCESS)
		*value = d->offset == SIZE_MAX ? computed(code)
					       : *(const uint64_t *)((const char *)p + d->offset);
	spin_unlock(&hv_lock);
	return st;
}

hv_status_t hv_set_partition_property(uint64_t id, uint32_t code, uint64_t value)
{
	struct partition *p;
	const struct prop_desc *d;

	spin_lock(&hv_lock);
	hv_status_t st = lookup(id, code, &p, &d);
	if (st != HV_STATUS_SUCCESS)
		; /* unknown partition or property */
	else if (d->read_only)
		st = HV_STATUS_PROPERTY_VALUE_OUT_OF_RANGE; /* read-only (TLFS 0x0045) */
	else if (d->early ? p->state != PARTITION_UNINITIALIZED : p->state == PARTITION_FINALIZED)
		st = HV_STATUS_INVALID_PARTITION_STATE;
	else if (value > d->max)
		st = HV_STATUS_PROPERTY_VALUE_OUT_OF_RANGE;
	else
		*(uint64_t *)((char *)p + d->offset) = value;
	spin_unlock(&hv_lock);
	return st;
}

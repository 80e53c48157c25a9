/*
 * The root's (manager's) hypercalls: the management plane builds the same
 * input blocks a privileged guest would and sends them through the same
 * dispatcher, with root privilege.  The root's "GPA space" is the identity
 * map, so the blocks are hypervisor memory.
 */
#include <string.h>
#include "hv/hypercall/root_call.h"
#include "hv/hypercall/dispatch.h"
#include "lib/spinlock.h"
#include "mm/paging.h"
#include "unihv/hv_status.h"

static struct hc_scratch root_scratch;
static uint8_t root_in[HC_BLOCK_SIZE] __attribute__((aligned(HC_BLOCK_SIZE)));
static uint8_t root_out[HC_BLOCK_SIZE] __attribute__((aligned(HC_BLOCK_SIZE)));
static struct spinlock root_lock = SPINLOCK_INIT;

static bool read_identity(void *ctx, uint64_t gpa, void *buf, size_t len)
{
	(void)ctx;
	memcpy(buf, (const void *)(uintptr_t)gpa, len);
	return true;
}

static bool write_identity(void *ctx, uint64_t gpa, const void *buf, size_t len)
{
	(void)ctx;
	memcpy((void *)(uintptr_t)gpa, buf, len);
	return true;
}

uint64_t hv_root_call(uint64_t control, const void *in, size_t in_len, void *out, size_t out_len)
{
	struct hc_input input;
	struct hc_output output;
	const struct hc_caller root = {
		.partition_id = 0,
		.is_root = true,
		.privileges = ~0ull,
		.read_gpa = read_identity,
		.write_gpa = write_identity,
		.gpa_limit = paging_identity_limit(),
	};

	if (in_len > HC_BLOCK_SIZE || out_len > HC_BLOCK_SIZE)
		return HV_STATUS_INVALID_ALIGNMENT; /* a block never exceeds a page */
	spin_lock(&root_lock);
	memset(&input, 0, sizeof(input));
	input.control = control;
	input.protected_mode = true;
	input.xmm = NULL;
	memcpy(root_in, in, in_len);
	memset(root_out, 0, out_len);
	input.param[0] = (uint64_t)(uintptr_t)root_in;
	input.param[1] = (uint64_t)(uintptr_t)root_out;
	hc_dispatch(&root, &input, &root_scratch, &output);
	memcpy(out, root_out, out_len);
	spin_unlock(&root_lock);
	/* No budget: root calls always complete. */
	return output.result;
}

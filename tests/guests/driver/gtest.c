/*
 * The manager side of the guest tests: everything goes through the same
 * hv/ calls the hypercall dispatcher and the management plane use.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "tests/guests/driver/gtest.h"
#include "hv/hv.h"
#include "hv/partition.h"
#include "hv/memory.h"
#include "hv/vp_ops.h"
#include "unihv/hv_types.h"

#define RWX (HV_MAP_GPA_READABLE | HV_MAP_GPA_WRITABLE | HV_MAP_GPA_EXECUTABLE)

const char *gt_fail(const char *fmt, ...)
{
	static char buf[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	return buf;
}

const char *gt_vm_map(struct gt_vm *vm, uint64_t gpa, uint32_t count, uint32_t map_flags)
{
	uint32_t done;

	if (vm->guest_count + count > GT_MAX_PAGES)
		return gt_fail("test maps too many pages");
	uint64_t *pfns = &vm->guest_pfns[vm->guest_count];
	if (!hv_root_alloc_pages(pfns, count))
		return gt_fail("root allocation of %u pages failed", count);
	uint16_t st = hv_map_gpa_pages(vm->id, gpa >> 12, map_flags, pfns, count, &done);
	vm->guest_count += done;
	if (st != HV_STATUS_SUCCESS) {
		hv_root_free_pages(pfns + done, count - done);
		return gt_fail("map %u pages at 0x%llx: %s", count, (unsigned long long)gpa,
			       hv_status_name(st));
	}
	return NULL;
}

const char *gt_vm_create(struct gt_vm *vm, uint32_t pool_pages, uint32_t guest_pages)
{
	uint64_t pfns[64];
	uint32_t done;
	uint16_t st;

	memset(vm, 0, sizeof(*vm));
	if (pool_pages > 64)
		return gt_fail("pool too large for the helper");
	st = hv_create_partition(0, &vm->id);
	if (st)
		return gt_fail("create partition: %s", hv_status_name(st));
	if (!hv_root_alloc_pages(pfns, pool_pages))
		return gt_fail("root allocation of the pool failed");
	st = hv_deposit_memory(vm->id, pfns, pool_pages, &done);
	if (st)
		return gt_fail("deposit: %s", hv_status_name(st));
	st = hv_initialize_partition(vm->id);
	if (st)
		return gt_fail("initialize: %s", hv_status_name(st));
	return guest_pages ? gt_vm_map(vm, 0, guest_pages, RWX) : NULL;
}

const char *gt_vm_destroy(struct gt_vm *vm)
{
	uint64_t pfns[64];
	uint32_t done;
	uint16_t st = hv_finalize_partition(vm->id);

	if (st)
		return gt_fail("finalize: %s", hv_status_name(st));
	/* Guest pages came back to the root at finalize: free them. */
	if (hv_root_free_pages(vm->guest_pfns, vm->guest_count) != vm->guest_count)
		return gt_fail("guest pages did not all come back to the root");
	vm->guest_count = 0;
	for (;;) {
		st = hv_withdraw_memory(vm->id, 64, pfns, &done);
		hv_root_free_pages(pfns, done);
		if (st == HV_STATUS_NO_RESOURCES)
			break;
		if (st)
			return gt_fail("withdraw: %s", hv_status_name(st));
	}
	st = hv_delete_partition(vm->id);
	if (st)
		return gt_fail("delete: %s", hv_status_name(st));
	return NULL;
}

const char *gt_finish(struct gt_vm *vm, const char *err)
{
	const char *err2 = vm->id ? gt_vm_destroy(vm) : NULL;

	vm->id = 0;
	return err ? err : err2;
}

const char *gt_vm_write(struct gt_vm *vm, uint64_t gpa, const void *data, size_t len)
{
	spin_lock(&hv_lock);
	struct partition *p = partition_find(vm->id);
	bool ok = p && partition_write_gpa(p, gpa, data, len);
	spin_unlock(&hv_lock);
	return ok ? NULL : gt_fail("write of %zu bytes at GPA 0x%llx failed", len,
				   (unsigned long long)gpa);
}

const char *gt_vm_read(struct gt_vm *vm, uint64_t gpa, void *data, size_t len)
{
	spin_lock(&hv_lock);
	struct partition *p = partition_find(vm->id);
	bool ok = p && partition_read_gpa(p, gpa, data, len);
	spin_unlock(&hv_lock);
	return ok ? NULL : gt_fail("read of %zu bytes at GPA 0x%llx failed", len,
				   (unsigned long long)gpa);
}

const char *gt_vm_load(struct gt_vm *vm, uint64_t gpa, struct gt_blob blob)
{
	return gt_vm_write(vm, gpa, blob.start, (size_t)(blob.end - blob.start));
}

uint16_t gt_set(struct gt_vm *vm, uint32_t vp, uint32_t name, uint64_t value)
{
	struct hv_register_assoc a;
	uint32_t done;

	memset(&a, 0, sizeof(a));
	a.name = name;
	memcpy(&a.value, &value, 8);
	return hv_set_vp_registers(vm->id, vp, &a, 1, &done);
}

uint64_t gt_get(struct gt_vm *vm, uint32_t vp, uint32_t name)
{
	union hv_register_value v;
	uint64_t out = ~0ull;
	uint32_t done;

	if (hv_get_vp_registers(vm->id, vp, &name, 1, &v, &done) == HV_STATUS_SUCCESS)
		memcpy(&out, &v, 8);
	return out;
}

uint16_t gt_set_segment(struct gt_vm *vm, uint32_t vp, uint32_t name, uint64_t base,
			uint32_t limit, uint16_t selector, uint16_t attributes)
{
	struct hv_register_assoc a;
	uint32_t done;

	memset(&a, 0, sizeof(a));
	a.name = name;
	a.value.segment.base = base;
	a.value.segment.limit = limit;
	a.value.segment.selector = selector;
	a.value.segment.attributes = attributes;
	return hv_set_vp_registers(vm->id, vp, &a, 1, &done);
}

static const uint32_t data_segments[] = { HV_X64_REGISTER_DS, HV_X64_REGISTER_ES,
					  HV_X64_REGISTER_FS, HV_X64_REGISTER_GS,
					  HV_X64_REGISTER_SS };

const char *gt_setup_real_mode(struct gt_vm *vm, uint32_t vp, uint64_t ip)
{
	uint16_t st = gt_set_segment(vm, vp, HV_X64_REGISTER_CS, 0, 0xffff, 0, 0x9b);
	for (unsigned i = 0; !st && i < 5; i++)
		st = gt_set_segment(vm, vp, data_segments[i], 0, 0xffff, 0, 0x93);
	if (!st)
		st = gt_set(vm, vp, HV_X64_REGISTER_RIP, ip);
	if (!st)
		st = gt_set(vm, vp, HV_X64_REGISTER_RSP, 0x8000);
	return st ? gt_fail("real-mode registers: %s", hv_status_name(st)) : NULL;
}

const char *gt_setup_protected_mode(struct gt_vm *vm, uint32_t vp, uint64_t eip)
{
	/* Flat code (type 0xb, S, P, D, G) and data (type 3) segments. */
	uint16_t st = gt_set_segment(vm, vp, HV_X64_REGISTER_CS, 0, 0xffffffff, 0x08, 0xc09b);
	for (unsigned i = 0; !st && i < 5; i++)
		st = gt_set_segment(vm, vp, data_segments[i], 0, 0xffffffff, 0x10, 0xc093);
	if (!st)
		st = gt_set_segment(vm, vp, HV_X64_REGISTER_TR, 0, 0x67, 0x18, 0x8b);
	if (!st)
		st = gt_set(vm, vp, HV_X64_REGISTER_CR0, 0x11); /* PE | ET */
	if (!st)
		st = gt_set(vm, vp, HV_X64_REGISTER_RIP, eip);
	if (!st)
		st = gt_set(vm, vp, HV_X64_REGISTER_RSP, 0x8000);
	return st ? gt_fail("protected-mode registers: %s", hv_status_name(st)) : NULL;
}

const char *gt_setup_long_mode(struct gt_vm *vm, uint32_t vp, uint64_t rip, uint64_t pt_gpa)
{
	/* PML4 -> PDPT -> PD with 512 2 MiB pages: identity for 1 GiB. */
	uint64_t table[512];
	const char *err;

	memset(table, 0, sizeof(table));
	table[0] = (pt_gpa + 0x1000) | 0x7;
	if ((err = gt_vm_write(vm, pt_gpa, table, sizeof(table))))
		return err;
	table[0] = (pt_gpa + 0x2000) | 0x7;
	if ((err = gt_vm_write(vm, pt_gpa + 0x1000, table, sizeof(table))))
		return err;
	for (unsigned i = 0; i < 512; i++)
		table[i] = ((uint64_t)i << 21) | 0x87; /* P, RW, US, PS */
	if ((err = gt_vm_write(vm, pt_gpa + 0x2000, table, sizeof(table))))
		return err;

	uint16_t st = gt_set_segment(vm, vp, HV_X64_REGISTER_CS, 0, 0xffffffff, 0x08, 0xa09b);
	for (unsigned i = 0; !st && i < 5; i++)
		st = gt_set_segment(vm, vp, data_segments[i], 0, 0xffffffff, 0x10, 0xc093);
	if (!st)
		st = gt_set_segment(vm, vp, HV_X64_REGISTER_TR, 0, 0x67, 0x18, 0x8b);
	if (!st)
		st = gt_set(vm, vp, HV_X64_REGISTER_CR3, pt_gpa);
	if (!st)
		st = gt_set(vm, vp, HV_X64_REGISTER_CR4, 0x20); /* PAE */
	if (!st)
		st = gt_set(vm, vp, HV_X64_REGISTER_EFER, 0x500); /* LME | LMA */
	if (!st)
		st = gt_set(vm, vp, HV_X64_REGISTER_CR0, 0x80000011); /* PG | ET | PE */
	if (!st)
		st = gt_set(vm, vp, HV_X64_REGISTER_RIP, rip);
	if (!st)
		st = gt_set(vm, vp, HV_X64_REGISTER_RSP, 0x8000);
	return st ? gt_fail("long-mode registers: %s", hv_status_name(st)) : NULL;
}

const char *gt_run_expect(struct gt_vm *vm, uint32_t vp, uint32_t type, struct hv_message *msg)
{
	uint16_t st = hv_dispatch_vp(vm->id, vp, msg);
	if (st)
		return gt_fail("dispatch: %s", hv_status_name(st));
	if (msg->header.message_type != type)
		return gt_fail("message type 0x%x at rip 0x%llx, want 0x%x",
			       msg->header.message_type,
			       (unsigned long long)msg->u.intercept_header.rip, type);
	return NULL;
}

const char *gt_skip(struct gt_vm *vm, uint32_t vp, const struct hv_message *msg)
{
	const struct hv_x64_intercept_message_header *h = &msg->u.intercept_header;
	unsigned len = h->instruction_length & HV_X64_INTERCEPT_INSTRUCTION_LENGTH_MASK;
	uint16_t st = gt_set(vm, vp, HV_X64_REGISTER_RIP, h->rip + len);
	return st ? gt_fail("set RIP: %s", hv_status_name(st)) : NULL;
}

const char *gt_run_out(struct gt_vm *vm, uint32_t vp, uint16_t port, unsigned size,
		       uint64_t *value)
{
	struct hv_message m;
	const char *err = gt_run_expect(vm, vp, HV_MESSAGE_TYPE_X64_IO_PORT_INTERCEPT, &m);
	const struct hv_x64_io_port_intercept_message *io = &m.u.io_port;

	if (err)
		return err;
	if (io->port_number != port || (io->access_info & 7) != size ||
	    io->header.intercept_access_type != HV_INTERCEPT_ACCESS_WRITE)
		return gt_fail("at rip 0x%llx: port 0x%x size %u access %u, want OUT of %u to 0x%x",
			       (unsigned long long)io->header.rip, io->port_number,
			       io->access_info & 7, io->header.intercept_access_type, size, port);
	*value = io->rax & (size == 4 ? 0xffffffffull : size == 2 ? 0xffffull : 0xffull);
	return gt_skip(vm, vp, &m);
}

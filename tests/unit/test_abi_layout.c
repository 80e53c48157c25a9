/*
 * Host tests for the ABI headers in include/unihv/: the layouts are
 * already checked at compile time by _Static_assert; these repeat a sample
 * at run time, check byte images written by the digest's offsets, and
 * exercise the hypercall input/result encoders, the reserved-bit masks and
 * hv_status_name().
 */
#include <string.h>
#include "harness.h"
#include "unihv/abi_version.h"
#include "unihv/hv_cpuid.h"
#include "unihv/hv_hypercall.h"
#include "unihv/hv_message.h"
#include "unihv/hv_regs.h"
#include "unihv/hv_status.h"
#include "unihv/hv_types.h"

#define ASSERT_SIZE(type, size) assert_int_equal(sizeof(type), (size))
#define ASSERT_OFF(type, field, off) assert_int_equal(offsetof(type, field), (off))

static void put_u16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

static void put_u32(uint8_t *p, uint32_t v)
{
	put_u16(p, (uint16_t)v);
	put_u16(p + 2, (uint16_t)(v >> 16));
}

static void put_u64(uint8_t *p, uint64_t v)
{
	put_u32(p, (uint32_t)v);
	put_u32(p + 4, (uint32_t)(v >> 32));
}

static void test_version(void **state)
{
	assert_int_equal(UNIHV_ABI_VERSION_MAJOR, 1);
	assert_int_equal(UNIHV_ABI_VERSION_MINOR, 0);
	assert_int_equal(UNIHV_ABI_VERSION, 0x10000);
}

static void test_struct_sizes(void **state)
{
	/* Root calls (digest hypercalls.md §3). */
	ASSERT_SIZE(struct hv_input_create_partition, 56);
	ASSERT_SIZE(struct hv_input_partition_id, 8);
	ASSERT_SIZE(struct hv_input_get_partition_property, 16);
	ASSERT_SIZE(struct hv_input_set_partition_property, 24);
	ASSERT_SIZE(struct hv_input_deposit_memory, 8);
	ASSERT_SIZE(struct hv_input_withdraw_memory, 16);
	ASSERT_SIZE(struct hv_output_get_memory_balance, 16);
	ASSERT_SIZE(struct hv_input_map_gpa_pages, 24);
	ASSERT_SIZE(struct hv_input_unmap_gpa_pages, 24);
	ASSERT_SIZE(struct hv_input_install_intercept, 24);
	ASSERT_SIZE(struct hv_input_create_vp, 40);
	ASSERT_SIZE(struct hv_input_delete_vp, 16);
	ASSERT_SIZE(struct hv_input_get_set_vp_registers, 16);
	ASSERT_SIZE(struct hv_register_assoc, 32);
	ASSERT_SIZE(union hv_register_value, 16);
	ASSERT_SIZE(struct hv_input_translate_virtual_address, 32);
	ASSERT_SIZE(struct hv_output_translate_virtual_address, 16);
	ASSERT_SIZE(struct hv_output_translate_virtual_address_ex, 64);
	ASSERT_SIZE(struct hv_input_read_gpa, 32);
	ASSERT_SIZE(struct hv_output_read_gpa, 24);
	ASSERT_SIZE(struct hv_input_write_gpa, 48);
	ASSERT_SIZE(struct hv_input_assert_virtual_interrupt, 32);
	ASSERT_SIZE(struct hv_input_create_port, 56);
	ASSERT_SIZE(struct hv_input_connect_port, 72);
	ASSERT_SIZE(struct hv_input_dispatch_vp, 32);
	ASSERT_SIZE(struct hv_output_dispatch_vp, 8);

	/* Guest-facing calls (§2). */
	ASSERT_SIZE(struct hv_vp_set, 16);
	ASSERT_SIZE(struct hv_input_flush_virtual_address_space, 24);
	ASSERT_SIZE(struct hv_input_flush_virtual_address_space_ex, 32);
	ASSERT_SIZE(struct hv_input_send_synthetic_cluster_ipi, 16);
	ASSERT_SIZE(struct hv_input_send_synthetic_cluster_ipi_ex, 24);
	ASSERT_SIZE(struct hv_input_post_message, 256);
	ASSERT_SIZE(struct hv_input_signal_event, 8);
	ASSERT_SIZE(struct hv_initial_vp_context, 224);
	ASSERT_SIZE(struct hv_input_start_virtual_processor, 240);
	ASSERT_SIZE(struct hv_input_enable_vp_vtl, 240);
	ASSERT_SIZE(struct hv_input_get_vp_index_from_apic_id, 16);
	ASSERT_SIZE(struct hv_input_retarget_device_interrupt, 56);
	ASSERT_SIZE(struct hv_output_ext_query_capabilities, 8);
	ASSERT_SIZE(struct hv_output_ext_get_boot_zeroed_memory, 0xFF8);

	/* Types, messages, pages. */
	ASSERT_SIZE(struct hv_x64_segment_register, 16);
	ASSERT_SIZE(struct hv_x64_table_register, 16);
	ASSERT_SIZE(struct hv_x64_pending_event, 32);
	ASSERT_SIZE(struct hv_port_info, 24);
	ASSERT_SIZE(struct hv_connection_info, 32);
	ASSERT_SIZE(struct hv_proximity_domain_info, 8);
	ASSERT_SIZE(struct hv_message, HV_MESSAGE_SIZE);
	ASSERT_SIZE(struct hv_x64_intercept_message_header, 40);
	ASSERT_SIZE(struct hv_x64_memory_intercept_message, 80);
	ASSERT_SIZE(struct hv_x64_io_port_intercept_message, 128);
	ASSERT_SIZE(struct hv_x64_msr_intercept_message, 64);
	ASSERT_SIZE(struct hv_x64_cpuid_intercept_message, 104);
	ASSERT_SIZE(struct hv_x64_exception_intercept_message, 240);
	ASSERT_SIZE(struct hv_timer_message_payload, 24);
	ASSERT_SIZE(struct hv_message_page, 4096);
	ASSERT_SIZE(struct hv_synic_event_flags_page, 4096);
	ASSERT_SIZE(struct hv_monitor_page, 4096);
	ASSERT_SIZE(struct hv_reference_tsc_page, 4096);
	ASSERT_SIZE(struct hv_vp_assist_page, 4096);
}

static void test_struct_offsets(void **state)
{
	ASSERT_OFF(struct hv_input_create_partition, compatibility_version, 16);
	ASSERT_OFF(struct hv_input_create_partition, partition_creation_properties, 24);
	ASSERT_OFF(struct hv_input_create_partition, isolation_properties, 48);
	ASSERT_OFF(struct hv_input_get_set_vp_registers, vp_index, 8);
	ASSERT_OFF(struct hv_input_get_set_vp_registers, input_vtl, 12);
	ASSERT_OFF(struct hv_register_assoc, value, 16);
	ASSERT_OFF(struct hv_input_create_vp, subnode_type, 15);
	ASSERT_OFF(struct hv_input_create_vp, proximity_domain_info, 24);
	ASSERT_OFF(struct hv_input_create_vp, flags, 32);
	ASSERT_OFF(struct hv_input_translate_virtual_address, control_flags, 16);
	ASSERT_OFF(struct hv_output_translate_virtual_address_ex, event_info, 16);
	ASSERT_OFF(struct hv_output_translate_virtual_address_ex, gpa_page, 48);
	ASSERT_OFF(struct hv_input_create_port, port_info, 24);
	ASSERT_OFF(struct hv_input_create_port, proximity_domain_info, 48);
	ASSERT_OFF(struct hv_input_connect_port, connection_info, 32);
	ASSERT_OFF(struct hv_input_connect_port, proximity_domain_info, 64);
	ASSERT_OFF(struct hv_input_send_synthetic_cluster_ipi, processor_mask, 8);
	ASSERT_OFF(struct hv_input_flush_virtual_address_list_ex, vp_set_bank_contents, 32);
	ASSERT_OFF(struct hv_input_retarget_device_interrupt, interrupt_target, 40);
	ASSERT_OFF(struct hv_input_start_virtual_processor, vp_context, 16);
	ASSERT_OFF(struct hv_initial_vp_context, idtr, 152);
	ASSERT_OFF(struct hv_initial_vp_context, msr_cr_pat, 216);
	ASSERT_OFF(struct hv_x64_segment_register, selector, 12);
	ASSERT_OFF(struct hv_x64_segment_register, attributes, 14);
	ASSERT_OFF(struct hv_x64_table_register, limit, 6);
	ASSERT_OFF(struct hv_message, u.payload, 16);
	ASSERT_OFF(struct hv_x64_intercept_message_header, rip, 24);
	ASSERT_OFF(struct hv_x64_memory_intercept_message, guest_physical_address, 56);
	ASSERT_OFF(struct hv_x64_io_port_intercept_message, es_segment, 88);
	ASSERT_OFF(struct hv_x64_exception_intercept_message, rax, 112);
	ASSERT_OFF(struct hv_port_info, event_port_info.flag_count, 18);
	ASSERT_OFF(struct hv_monitor_page, parameter, 1088);
	ASSERT_OFF(struct hv_vp_assist_page, intercept_message, 112);
}

/* A SetVpRegisters block written byte by byte at the digest's offsets. */
static void test_set_vp_registers_byte_image(void **state)
{
	uint64_t buf[16] = { 0 };
	uint8_t *b = (uint8_t *)buf;
	const struct hv_input_get_set_vp_registers *hdr = (const void *)b;
	const struct hv_register_assoc *assoc = (const void *)(b + 16);

	put_u64(b + 0, HV_PARTITION_ID_SELF);
	put_u32(b + 8, HV_VP_INDEX_SELF);
	b[12] = hv_input_vtl_target(1);
	/* element 0: name @0, value @16 (segment: base, limit, selector, attr) */
	put_u32(b + 16 + 0, HV_X64_REGISTER_CS);
	put_u64(b + 16 + 16, 0x1122334455667788ull);
	put_u32(b + 16 + 24, 0xFFFFF);
	put_u16(b + 16 + 28, 0x0010);
	put_u16(b + 16 + 30, 0xA09B);

	assert_int_equal(hdr->partition_id, HV_PARTITION_ID_SELF);
	assert_int_equal(hdr->vp_index, 0xFFFFFFFEu);
	assert_int_equal(hdr->input_vtl, 0x11);
	assert_int_equal(assoc->name, 0x00060001u);
	assert_int_equal(assoc->value.segment.base, 0x1122334455667788ull);
	assert_int_equal(assoc->value.segment.limit, 0xFFFFF);
	assert_int_equal(assoc->value.segment.selector, 0x10);
	assert_int_equal(assoc->value.segment.attributes, 0xA09B);
	assert_true(assoc->value.segment.attributes & HV_X64_SEGMENT_ATTR_LONG);
	assert_true(assoc->value.segment.attributes & HV_X64_SEGMENT_ATTR_PRESENT);
	assert_int_equal(assoc->value.reg128.low, 0x1122334455667788ull);
}

/* An I/O port intercept message, offsets from data-types.md §14/§14.1. */
static void test_io_intercept_message_byte_image(void **state)
{
	struct hv_message msg;
	uint8_t *b = (uint8_t *)&msg;

	memset(&msg, 0, sizeof(msg));
	put_u32(b + 0, HV_MESSAGE_TYPE_X64_IO_PORT_INTERCEPT);
	b[4] = 128;
	b[5] = HV_MESSAGE_FLAG_PENDING;
	put_u64(b + 8, 7);
	put_u32(b + 16 + 0, 3);                 /* vp index */
	b[16 + 4] = 0x21;                       /* CR8 2, length 1 */
	b[16 + 5] = HV_INTERCEPT_ACCESS_WRITE;
	put_u16(b + 16 + 6, 0x0015);            /* CPL 1, PE, LMA */
	put_u64(b + 16 + 24, 0xFFFFF00012345678ull);
	put_u16(b + 16 + 40, 0x3F8);
	b[16 + 42] = 1;
	put_u64(b + 16 + 48, 0x41);
	put_u64(b + 16 + 120, 0xDD);

	assert_int_equal(msg.header.message_type, 0x80010000u);
	assert_int_equal(msg.header.payload_size, sizeof(struct hv_x64_io_port_intercept_message));
	assert_true(msg.header.message_flags & HV_MESSAGE_FLAG_PENDING);
	assert_int_equal(msg.header.origination_id, 7);
	assert_int_equal(msg.u.io_port.header.vp_index, 3);
	assert_int_equal(msg.u.io_port.header.instruction_length &
			 HV_X64_INTERCEPT_INSTRUCTION_LENGTH_MASK, 1);
	assert_int_equal((msg.u.io_port.header.instruction_length & HV_X64_INTERCEPT_CR8_MASK) >>
			 HV_X64_INTERCEPT_CR8_SHIFT, 2);
	assert_int_equal(msg.u.io_port.header.intercept_access_type, 1);
	assert_int_equal(msg.u.io_port.header.execution_state & HV_X64_EXECUTION_STATE_CPL_MASK, 1);
	assert_true(msg.u.io_port.header.execution_state & HV_X64_EXECUTION_STATE_CR0_PE);
	assert_true(msg.u.io_port.header.execution_state & HV_X64_EXECUTION_STATE_EFER_LMA);
	assert_int_equal(msg.u.intercept_header.rip, 0xFFFFF00012345678ull);
	assert_int_equal(msg.u.io_port.port_number, 0x3F8);
	assert_int_equal(msg.u.io_port.access_info & HV_X64_IO_PORT_ACCESS_SIZE_MASK, 1);
	assert_int_equal(msg.u.io_port.rax, 0x41);
	assert_int_equal(msg.u.io_port.rdi, 0xDD);
	assert_int_equal(msg.u.payload[0] & 0xFFFFFFFF, 3);
}

static void test_input_value_known_encodings(void **state)
{
	uint64_t v;

	/* FlushVirtualAddressListEx, 2 bank words, 10 reps starting at 5. */
	v = hv_hypercall_input(HVCALL_FLUSH_VIRTUAL_ADDRESS_LIST_EX, 0, 2, 10, 5);
	assert_int_equal(v, 0x0005000A00040014ull);
	assert_int_equal(hv_hypercall_input_code(v), 0x0014);
	assert_false(hv_hypercall_input_is_fast(v));
	assert_int_equal(hv_hypercall_input_varhead_qwords(v), 2);
	assert_int_equal(hv_hypercall_input_rep_count(v), 10);
	assert_int_equal(hv_hypercall_input_rep_start(v), 5);
	assert_int_equal(hv_hypercall_input_rsvd_bits(v), 0);

	/* Fast SignalEvent. */
	v = hv_hypercall_input(HVCALL_SIGNAL_EVENT, 1, 0, 0, 0);
	assert_int_equal(v, 0x1005Dull);
	assert_true(hv_hypercall_input_is_fast(v));
	assert_int_equal(hv_signal_event_fast_input(0x123456, 9), 0x0000000900123456ull);

	/* Field maxima land exactly in their bit ranges. */
	v = hv_hypercall_input(0xFFFF, 1, HV_HYPERCALL_MAX_VARHEAD_QWORDS, HV_HYPERCALL_MAX_REP_COUNT,
			       HV_HYPERCALL_MAX_REP_COUNT);
	assert_int_equal(v, 0x0FFF0FFF07FFFFFFull);
	assert_int_equal(v & HV_HYPERCALL_INPUT_RSVD_MASK, 0);
	assert_int_equal(v | HV_HYPERCALL_INPUT_RSVD_MASK, UINT64_MAX);

	/* Oversized arguments are truncated, never spill into other fields. */
	v = hv_hypercall_input(1, 0, 0x400, 0x1000, 0x1000);
	assert_int_equal(v, 1);

	/* Continuation rewrites only the rep start index. */
	v = hv_hypercall_input(HVCALL_GET_VP_REGISTERS, 1, 0, 100, 0) | HV_HYPERCALL_INPUT_IS_NESTED;
	assert_int_equal(hv_hypercall_input_with_rep_start(v, 42),
			 (v & ~HV_HYPERCALL_INPUT_REP_START_MASK) | (42ull << 48));
	assert_int_equal(hv_hypercall_input_rep_start(hv_hypercall_input_with_rep_start(v, 42)), 42);
	assert_int_equal(hv_hypercall_input_rep_count(hv_hypercall_input_with_rep_start(v, 42)), 100);

	assert_true(hv_hypercall_code_is_extended(HVCALL_EXT_QUERY_CAPABILITIES));
	assert_false(hv_hypercall_code_is_extended(HVCALL_DISPATCH_VP));
}

static void test_input_value_round_trip(void **state)
{
	struct test_rng rng;

	test_rng_seed(&rng, 0xab1a70u);
	for (int i = 0; i < 10000; i++) {
		uint64_t raw = test_rng_next(&rng);
		uint64_t legal = raw & ~HV_HYPERCALL_INPUT_RSVD_MASK;
		uint64_t again = hv_hypercall_input(hv_hypercall_input_code(raw),
						    hv_hypercall_input_is_fast(raw),
						    hv_hypercall_input_varhead_qwords(raw),
						    hv_hypercall_input_rep_count(raw),
						    hv_hypercall_input_rep_start(raw));

		assert_int_equal(again, legal);
		assert_int_equal(hv_hypercall_input_rsvd_bits(raw), raw & 0xF000F000F8000000ull);
		assert_int_equal(hv_hypercall_input_is_nested(raw), (raw >> 31) & 1);
	}
}

static void test_reserved_masks(void **state)
{
	/* hypercall-abi.md §5: 30:27 + 47:44 + 63:60 RsvdZ, bit 31 is-nested. */
	assert_int_equal(HV_HYPERCALL_INPUT_RSVDZ_MASK, 0xF000F00078000000ull);
	assert_int_equal(HV_HYPERCALL_INPUT_RSVD_MASK, 0xF000F000F8000000ull);
	assert_int_equal(HV_HYPERCALL_INPUT_IS_NESTED, 1ull << 31);
	for (unsigned int bit = 0; bit < 64; bit++) {
		int reserved = (bit >= 27 && bit <= 31) || (bit >= 44 && bit <= 47) || bit >= 60;

		assert_int_equal(hv_hypercall_input_rsvd_bits(1ull << bit) != 0, reserved);
	}

	/* §6: result reserved 31:16 and 63:44. */
	assert_int_equal(HV_HYPERCALL_RESULT_RSVD_MASK, 0xFFFFF000FFFF0000ull);

	/* Other reserved masks from data-types.md. */
	assert_int_equal(HV_PARTITION_PRIVILEGE_RSVD_MASK, 0xFF840600FFFF0000ull);
	assert_int_equal(HV_PARTITION_PRIVILEGE_ACCESS_VP_REGISTERS, 1ull << 49);
	assert_int_equal(HV_PARTITION_PRIVILEGE_ENABLE_EXTENDED_HYPERCALLS, 1ull << 52);
	assert_int_equal(HV_FLUSH_RSVD_MASK & 0x3FF, 0xE0);
	assert_int_equal(HV_SINT_RSVDP_MASK & 0x1FFFFF, 0xFF00);
	assert_int_equal(HV_X64_MSR_HYPERCALL_RSVDP_MASK, 0xFFC);
	assert_int_equal(HV_INPUT_VTL_RSVDZ_MASK, 0xE0);
}

static void test_result_value(void **state)
{
	uint64_t r = hv_hypercall_result(HV_STATUS_INVALID_PARAMETER, 7);

	assert_int_equal(r, 0x0000000700000005ull);
	assert_int_equal(hv_hypercall_result_status(r), HV_STATUS_INVALID_PARAMETER);
	assert_int_equal(hv_hypercall_result_reps_completed(r), 7);

	r = hv_hypercall_result(HV_STATUS_SUCCESS, HV_HYPERCALL_MAX_REP_COUNT);
	assert_int_equal(r, 0x00000FFF00000000ull);
	assert_int_equal(r & HV_HYPERCALL_RESULT_RSVD_MASK, 0);
	assert_int_equal(hv_hypercall_result_reps_completed(UINT64_MAX), 0xFFF);
	assert_int_equal(hv_hypercall_result_status(UINT64_MAX), 0xFFFF);
}

static void test_constants(void **state)
{
	assert_int_equal(HV_PARTITION_ID_SELF, UINT64_MAX);
	assert_int_equal(HV_PARTITION_ID_INVALID, 0);
	assert_int_equal(HV_VP_INDEX_SELF, 0xFFFFFFFEu);
	assert_int_equal(HV_ANY_VP, 0xFFFFFFFFu);
	assert_int_equal(HVCALL_GET_VP_REGISTERS, 0x50);
	assert_int_equal(HVCALL_DISPATCH_VP, 0xC2);
	assert_int_equal(HV_REGISTER_SINT(15), 0x000A000Fu);
	assert_int_equal(HV_REGISTER_STIMER_CONFIG(3), 0x000B0006u);
	assert_int_equal(HV_REGISTER_STIMER_COUNT(3), 0x000B0007u);
	assert_int_equal(HV_X64_REGISTER_APIC_MSR(0x83F), HV_X64_REGISTER_APIC_SELF_IPI);
	assert_int_equal(HV_X64_MSR_SINT(15), 0x4000009Fu);
	assert_int_equal(HV_X64_MSR_STIMER_COUNT(3), 0x400000B7u);
	assert_int_equal(HV_CPUID_INTERFACE_SIGNATURE_HV1, 0x31237648u);
	assert_memory_equal(&(uint32_t){ HV_CPUID_VENDOR_EBX }, "Micr", 4);
	assert_memory_equal(&(uint32_t){ HV_CPUID_VENDOR_ECX }, "osof", 4);
	assert_memory_equal(&(uint32_t){ HV_CPUID_VENDOR_EDX }, "t Hv", 4);
	assert_int_equal(hv_input_vtl_target(0), 0x10);
	assert_int_equal(hv_input_vtl_target(0x1F), 0x1F);
	assert_int_equal(hv_gva_range(0x12345, 3), 0x12345003ull);
	assert_int_equal(hv_gpa_page_range(0x12345, 0xFFF), 0x123457FFull);
	assert_int_equal(HV_UNMAP_GPA_LARGE_PAGE, 0x2);
}

#define STATUS(x) { x, #x }

static void test_status_names(void **state)
{
	static const struct {
		uint16_t code;
		const char *name;
	} all[] = {
		STATUS(HV_STATUS_SUCCESS),
		STATUS(HV_STATUS_INVALID_HYPERCALL_CODE),
		STATUS(HV_STATUS_INVALID_HYPERCALL_INPUT),
		STATUS(HV_STATUS_INVALID_ALIGNMENT),
		STATUS(HV_STATUS_INVALID_PARAMETER),
		STATUS(HV_STATUS_ACCESS_DENIED),
		STATUS(HV_STATUS_INVALID_PARTITION_STATE),
		STATUS(HV_STATUS_OPERATION_DENIED),
		STATUS(HV_STATUS_UNKNOWN_PROPERTY),
		STATUS(HV_STATUS_PROPERTY_VALUE_OUT_OF_RANGE),
		STATUS(HV_STATUS_INSUFFICIENT_MEMORY),
		STATUS(HV_STATUS_PARTITION_TOO_DEEP),
		STATUS(HV_STATUS_INVALID_PARTITION_ID),
		STATUS(HV_STATUS_INVALID_VP_INDEX),
		STATUS(HV_STATUS_NOT_FOUND),
		STATUS(HV_STATUS_INVALID_PORT_ID),
		STATUS(HV_STATUS_INVALID_CONNECTION_ID),
		STATUS(HV_STATUS_INSUFFICIENT_BUFFERS),
		STATUS(HV_STATUS_NOT_ACKNOWLEDGED),
		STATUS(HV_STATUS_INVALID_VP_STATE),
		STATUS(HV_STATUS_ACKNOWLEDGED),
		STATUS(HV_STATUS_INVALID_SAVE_RESTORE_STATE),
		STATUS(HV_STATUS_INVALID_SYNIC_STATE),
		STATUS(HV_STATUS_OBJECT_IN_USE),
		STATUS(HV_STATUS_INVALID_PROXIMITY_DOMAIN_INFO),
		STATUS(HV_STATUS_NO_DATA),
		STATUS(HV_STATUS_INACTIVE),
		STATUS(HV_STATUS_NO_RESOURCES),
		STATUS(HV_STATUS_FEATURE_UNAVAILABLE),
		STATUS(HV_STATUS_PARTIAL_PACKET),
		STATUS(HV_STATUS_PROCESSOR_FEATURE_NOT_SUPPORTED),
		STATUS(HV_STATUS_PROCESSOR_CACHE_LINE_FLUSH_SIZE_INCOMPATIBLE),
		STATUS(HV_STATUS_INSUFFICIENT_BUFFER),
		STATUS(HV_STATUS_INCOMPATIBLE_PROCESSOR),
		STATUS(HV_STATUS_INSUFFICIENT_DEVICE_DOMAINS),
		STATUS(HV_STATUS_CPUID_FEATURE_VALIDATION_ERROR),
		STATUS(HV_STATUS_CPUID_XSAVE_FEATURE_VALIDATION_ERROR),
		STATUS(HV_STATUS_PROCESSOR_STARTUP_TIMEOUT),
		STATUS(HV_STATUS_SMX_ENABLED),
		STATUS(HV_STATUS_INVALID_LP_INDEX),
		STATUS(HV_STATUS_INVALID_REGISTER_VALUE),
		STATUS(HV_STATUS_INVALID_VTL_STATE),
		STATUS(HV_STATUS_NX_NOT_DETECTED),
		STATUS(HV_STATUS_INVALID_DEVICE_ID),
		STATUS(HV_STATUS_INVALID_DEVICE_STATE),
		STATUS(HV_STATUS_PENDING_PAGE_REQUESTS),
		STATUS(HV_STATUS_PAGE_REQUEST_INVALID),
		STATUS(HV_STATUS_KEY_ALREADY_EXISTS),
		STATUS(HV_STATUS_DEVICE_ALREADY_IN_DOMAIN),
		STATUS(HV_STATUS_INVALID_CPU_GROUP_ID),
		STATUS(HV_STATUS_INVALID_CPU_GROUP_STATE),
		STATUS(HV_STATUS_OPERATION_FAILED),
		STATUS(HV_STATUS_NOT_ALLOWED_WITH_NESTED_VIRT_ACTIVE),
		STATUS(HV_STATUS_INSUFFICIENT_ROOT_MEMORY),
		STATUS(HV_STATUS_EVENT_BUFFER_ALREADY_FREED),
		STATUS(HV_STATUS_TIME_OUT),
		STATUS(HV_STATUS_CALL_PENDING),
		STATUS(HV_STATUS_VTL_ALREADY_ENABLED),
		STATUS(HV_STATUS_UNKNOWN_REGISTER_NAME),
	};
	unsigned int named = 0;

	/* Every defined status maps to its own macro name. */
	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++)
		assert_string_equal(hv_status_name(all[i].code), all[i].name);

	/* A sample of values straight from status-codes.md. */
	assert_string_equal(hv_status_name(0x0000), "HV_STATUS_SUCCESS");
	assert_string_equal(hv_status_name(0x0003), "HV_STATUS_INVALID_HYPERCALL_INPUT");
	assert_string_equal(hv_status_name(0x000B), "HV_STATUS_INSUFFICIENT_MEMORY");
	assert_string_equal(hv_status_name(0x0013), "HV_STATUS_INSUFFICIENT_BUFFERS");
	assert_string_equal(hv_status_name(0x0033), "HV_STATUS_INSUFFICIENT_BUFFER");
	assert_string_equal(hv_status_name(0x0051), "HV_STATUS_INVALID_VTL_STATE");
	assert_string_equal(hv_status_name(0x0087), "HV_STATUS_UNKNOWN_REGISTER_NAME");

	/* Reserved and unknown values. */
	assert_string_equal(hv_status_name(0x0001), "HV_STATUS_UNKNOWN");
	assert_string_equal(hv_status_name(0x000F), "HV_STATUS_UNKNOWN");
	assert_string_equal(hv_status_name(0x0088), "HV_STATUS_UNKNOWN");
	assert_string_equal(hv_status_name(0xFFFF), "HV_STATUS_UNKNOWN");

	/* The switch names exactly the table's codes, no more. */
	for (uint32_t c = 0; c <= 0xFFFF; c++)
		named += strcmp(hv_status_name((uint16_t)c), "HV_STATUS_UNKNOWN") != 0;
	assert_int_equal(named, sizeof(all) / sizeof(all[0]));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_version),
		cmocka_unit_test(test_struct_sizes),
		cmocka_unit_test(test_struct_offsets),
		cmocka_unit_test(test_set_vp_registers_byte_image),
		cmocka_unit_test(test_io_intercept_message_byte_image),
		cmocka_unit_test(test_input_value_known_encodings),
		cmocka_unit_test(test_input_value_round_trip),
		cmocka_unit_test(test_reserved_masks),
		cmocka_unit_test(test_result_value),
		cmocka_unit_test(test_constants),
		cmocka_unit_test(test_status_names),
	};
	return cmocka_run_group_tests_name("test_abi_layout", tests, NULL, NULL);
}

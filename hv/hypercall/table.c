/*
 * The hypercall table: one const entry per call code with its class
 * (simple/rep), fast forms, block sizes, variable header and the privilege
 * that gates it (TLFS digest hypercalls.md 1 and 3; privilege bits
 * data-types.md 7).  Codes without a handler answer
 * HV_STATUS_INVALID_HYPERCALL_CODE.
 */
#include <stddef.h>
#include "hv/hypercall/handlers.h"
#include "unihv/hv_hypercall.h"
#include "unihv/hv_types.h"

#define PRIV(name) HV_PARTITION_PRIVILEGE_##name

static const struct hc_desc standard[HVCALL_DISPATCH_VP + 1] = {
	/* Guest-facing calls (hc_guest.c, hc_vp.c, hc_ipi.c, hc_port.c,
	 * hc_refusals.c). */
	[HVCALL_SWITCH_VIRTUAL_ADDRESS_SPACE] = { "SwitchVirtualAddressSpace",
						  hc_switch_virtual_address_space, .fast = true,
						  .in_size = 8 },
	[HVCALL_FLUSH_VIRTUAL_ADDRESS_SPACE] = { "FlushVirtualAddressSpace",
						 hc_flush_virtual_address, .xmm_fast = true,
						 .in_size = 24 },
	[HVCALL_FLUSH_VIRTUAL_ADDRESS_LIST] = { "FlushVirtualAddressList",
						hc_flush_virtual_address, .rep = true,
						.xmm_fast = true, .in_size = 24, .in_elem = 8 },
	[HVCALL_NOTIFY_LONG_SPIN_WAIT] = { "NotifyLongSpinWait", hc_notify_long_spin_wait,
					   .fast = true, .in_size = 8 },
	[HVCALL_FLUSH_VIRTUAL_ADDRESS_SPACE_EX] = { "FlushVirtualAddressSpaceEx",
						    hc_flush_virtual_address, .xmm_fast = true,
						    .var_header = true, .in_size = 32 },
	[HVCALL_FLUSH_VIRTUAL_ADDRESS_LIST_EX] = { "FlushVirtualAddressListEx",
						   hc_flush_virtual_address, .rep = true,
						   .xmm_fast = true, .var_header = true,
						   .in_size = 32, .in_elem = 8 },
	[HVCALL_SEND_SYNTHETIC_CLUSTER_IPI] = { "SendSyntheticClusterIpi",
						hc_send_synthetic_cluster_ipi, .fast = true,
						.in_size = 16 },
	[HVCALL_SEND_SYNTHETIC_CLUSTER_IPI_EX] = { "SendSyntheticClusterIpiEx",
						   hc_send_synthetic_cluster_ipi,
						   .xmm_fast = true, .var_header = true,
						   .in_size = 24 },
	[HVCALL_MODIFY_VTL_PROTECTION_MASK] = { "ModifyVtlProtectionMask", hc_vsm_refused,
						.rep = true, .xmm_fast = true, .in_size = 16,
						.in_elem = 8, .privilege = PRIV(ACCESS_VSM) },
	[HVCALL_ENABLE_PARTITION_VTL] = { "EnablePartitionVtl", hc_vsm_refused, .in_size = 16,
					  .privilege = PRIV(ACCESS_VSM) },
	[HVCALL_ENABLE_VP_VTL] = { "EnableVpVtl", hc_vsm_refused, .in_size = 240,
				   .privilege = PRIV(ACCESS_VSM) },
	[HVCALL_POST_MESSAGE] = { "PostMessage", hc_post_message, .in_size = 256,
				  .privilege = PRIV(POST_MESSAGES) },
	[HVCALL_SIGNAL_EVENT] = { "SignalEvent", hc_signal_event, .fast = true, .in_size = 8,
				  .privilege = PRIV(SIGNAL_EVENTS) },
	[HVCALL_RETARGET_DEVICE_INTERRUPT] = { "RetargetDeviceInterrupt",
					       hc_retarget_device_interrupt, .var_header = true,
					       .in_size = 56 },
	[HVCALL_CREATE_PORT] = { "CreatePort", hc_create_port, .in_size = 56,
				 .privilege = PRIV(CREATE_PORT) },
	[HVCALL_CONNECT_PORT] = { "ConnectPort", hc_connect_port, .in_size = 72,
				  .privilege = PRIV(CONNECT_PORT) },
	[HVCALL_DELETE_PORT] = { "DeletePort", hc_delete_port, .fast = true, .in_size = 16,
				 .privilege = PRIV(CREATE_PORT) },
	[HVCALL_DISCONNECT_PORT] = { "DisconnectPort", hc_disconnect_port, .fast = true,
				     .in_size = 16, .privilege = PRIV(CONNECT_PORT) },
	[HVCALL_START_VIRTUAL_PROCESSOR] = { "StartVirtualProcessor", hc_start_virtual_processor,
					     .in_size = 240,
					     .privilege = PRIV(START_VIRTUAL_PROCESSOR) },
	[HVCALL_GET_VP_INDEX_FROM_APIC_ID] = { "GetVpIndexFromApicId",
					       hc_get_vp_index_from_apic_id, .rep = true,
					       .xmm_fast = true, .in_size = 16, .in_elem = 4,
					       .out_elem = 4, .privilege = PRIV(ACCESS_VP_INDEX) },
	[HVCALL_CREATE_PARTITION] = { "CreatePartition", hc_create_partition, .in_size = 56,
				      .out_size = 8, .privilege = PRIV(CREATE_PARTITIONS) },
	[HVCALL_INITIALIZE_PARTITION] = { "InitializePartition", hc_partition_lifecycle,
					  .fast = true, .in_size = 8 },
	[HVCALL_FINALIZE_PARTITION] = { "FinalizePartition", hc_partition_lifecycle,
					.fast = true, .in_size = 8 },
	[HVCALL_DELETE_PARTITION] = { "DeletePartition", hc_partition_lifecycle, .fast = true,
				      .in_size = 8 },
	[HVCALL_GET_PARTITION_PROPERTY] = { "GetPartitionProperty", hc_get_partition_property,
					    .in_size = 16, .out_size = 8 },
	[HVCALL_SET_PARTITION_PROPERTY] = { "SetPartitionProperty", hc_set_partition_property,
					    .in_size = 24 },
	[HVCALL_GET_PARTITION_ID] = { "GetPartitionId", hc_get_partition_id, .out_size = 8,
				      .privilege = PRIV(ACCESS_PARTITION_ID) },
	[HVCALL_GET_NEXT_CHILD_PARTITION] = { "GetNextChildPartition",
					      hc_get_next_child_partition, .in_size = 16,
					      .out_size = 8 },
	[HVCALL_DEPOSIT_MEMORY] = { "DepositMemory", hc_deposit_memory, .rep = true,
				    .in_size = 8, .in_elem = 8,
				    .privilege = PRIV(ACCESS_MEMORY_POOL) },
	[HVCALL_WITHDRAW_MEMORY] = { "WithdrawMemory", hc_withdraw_memory, .rep = true,
				     .in_size = 16, .out_elem = 8,
				     .privilege = PRIV(ACCESS_MEMORY_POOL) },
	[HVCALL_GET_MEMORY_BALANCE] = { "GetMemoryBalance", hc_get_memory_balance,
					.in_size = 16, .out_size = 16,
					.privilege = PRIV(ACCESS_MEMORY_POOL) },
	[HVCALL_MAP_GPA_PAGES] = { "MapGpaPages", hc_map_gpa_pages, .rep = true, .in_size = 24,
				   .in_elem = 8 },
	[HVCALL_UNMAP_GPA_PAGES] = { "UnmapGpaPages", hc_unmap_gpa_pages, .rep = true,
				     .in_size = 24 },
	[HVCALL_INSTALL_INTERCEPT] = { "InstallIntercept", hc_install_intercept, .in_size = 24 },
	[HVCALL_CREATE_VP] = { "CreateVp", hc_create_vp, .in_size = 40 },
	[HVCALL_DELETE_VP] = { "DeleteVp", hc_delete_vp, .fast = true, .in_size = 16 },
	[HVCALL_GET_VP_REGISTERS] = { "GetVpRegisters", hc_get_vp_registers, .rep = true,
				      .xmm_fast = true, .in_size = 16, .in_elem = 4,
				      .out_elem = 16, .privilege = PRIV(ACCESS_VP_REGISTERS) },
	[HVCALL_SET_VP_REGISTERS] = { "SetVpRegisters", hc_set_vp_registers, .rep = true,
				      .xmm_fast = true, .in_size = 16, .in_elem = 32,
				      .privilege = PRIV(ACCESS_VP_REGISTERS) },
	[HVCALL_TRANSLATE_VIRTUAL_ADDRESS] = { "TranslateVirtualAddress",
					       hc_translate_virtual_address, .xmm_fast = true,
					       .in_size = 32, .out_size = 16 },
	[HVCALL_DISPATCH_VP] = { "DispatchVp", NULL, .in_size = 32, .out_size = 8 },
};

static const struct hc_desc extended[] = {
	[HVCALL_EXT_QUERY_CAPABILITIES - HVCALL_EXT_CODE_BASE] = {
		"ExtQueryCapabilities", hc_ext_query_capabilities, .out_size = 8,
		.privilege = PRIV(ENABLE_EXTENDED_HYPERCALLS) },
	[HVCALL_EXT_GET_BOOT_ZEROED_MEMORY - HVCALL_EXT_CODE_BASE] = {
		"ExtGetBootZeroedMemory", hc_ext_get_boot_zeroed_memory, .out_size = 0xFF8,
		.privilege = PRIV(ENABLE_EXTENDED_HYPERCALLS) },
	[HVCALL_EXT_MEMORY_HEAT_HINT - HVCALL_EXT_CODE_BASE] = {
		"ExtMemoryHeatHint", hc_ext_memory_heat_hint, .rep = true, .in_size = 8,
		.in_elem = 8, .privilege = PRIV(ENABLE_EXTENDED_HYPERCALLS) },
	/* 0x8004 EpfSetup, 0x8006 MemoryHeatHintAsync: no public semantics,
	 * not advertised by QueryCapabilities -> INVALID_HYPERCALL_CODE. */
};

#define NSTANDARD (sizeof(standard) / sizeof(standard[0]))
#define NEXTENDED (sizeof(extended) / sizeof(extended[0]))

/* One counter block per table slot, and one for every other code. */
static struct hc_counters counters[NSTANDARD + NEXTENDED + 1];

const struct hc_desc *hc_lookup(uint16_t code)
{
	if (code < NSTANDARD)
		return standard[code].name ? &standard[code] : NULL;
	if (code >= HVCALL_EXT_CODE_BASE && code - HVCALL_EXT_CODE_BASE < NEXTENDED)
		return extended[code - HVCALL_EXT_CODE_BASE].name
			       ? &extended[code - HVCALL_EXT_CODE_BASE]
			       : NULL;
	return NULL;
}

struct hc_counters *hc_counters_slot(uint16_t code)
{
	if (code < NSTANDARD)
		return &counters[code];
	if (code >= HVCALL_EXT_CODE_BASE && code - HVCALL_EXT_CODE_BASE < NEXTENDED)
		return &counters[NSTANDARD + code - HVCALL_EXT_CODE_BASE];
	return &counters[NSTANDARD + NEXTENDED];
}

const struct hc_counters *hc_counters_for(uint16_t code)
{
	return hc_counters_slot(code);
}

/*
 * Weak stand-ins for every hypercall handler table.c names, so a host
 * test links the real table with only the handlers it tests (their real
 * definitions override these).  A stand-in answers 0xffff, a status no
 * handler returns, so a call that reaches one by mistake fails its test.
 */
#include "hv/hypercall/handlers.h"

#define WEAK_HANDLER(name)                                                          \
	__attribute__((weak)) uint16_t name(struct hc_call *call, uint32_t *done)  \
	{                                                                           \
		(void)call;                                                         \
		(void)done;                                                         \
		return 0xffff;                                                      \
	}

WEAK_HANDLER(hc_create_partition)
WEAK_HANDLER(hc_partition_lifecycle)
WEAK_HANDLER(hc_get_partition_property)
WEAK_HANDLER(hc_set_partition_property)
WEAK_HANDLER(hc_get_next_child_partition)
WEAK_HANDLER(hc_deposit_memory)
WEAK_HANDLER(hc_withdraw_memory)
WEAK_HANDLER(hc_get_memory_balance)
WEAK_HANDLER(hc_map_gpa_pages)
WEAK_HANDLER(hc_unmap_gpa_pages)
WEAK_HANDLER(hc_install_intercept)
WEAK_HANDLER(hc_create_vp)
WEAK_HANDLER(hc_delete_vp)
WEAK_HANDLER(hc_get_vp_registers)
WEAK_HANDLER(hc_set_vp_registers)
WEAK_HANDLER(hc_translate_virtual_address)
WEAK_HANDLER(hc_get_partition_id)
WEAK_HANDLER(hc_switch_virtual_address_space)
WEAK_HANDLER(hc_ext_query_capabilities)
WEAK_HANDLER(hc_ext_get_boot_zeroed_memory)
WEAK_HANDLER(hc_ext_memory_heat_hint)
WEAK_HANDLER(hc_vsm_refused)
WEAK_HANDLER(hc_retarget_device_interrupt)
WEAK_HANDLER(hc_create_port)
WEAK_HANDLER(hc_connect_port)
WEAK_HANDLER(hc_delete_port)
WEAK_HANDLER(hc_disconnect_port)
WEAK_HANDLER(hc_post_message)
WEAK_HANDLER(hc_signal_event)
WEAK_HANDLER(hc_notify_long_spin_wait)
WEAK_HANDLER(hc_flush_virtual_address)
WEAK_HANDLER(hc_get_vp_index_from_apic_id)
WEAK_HANDLER(hc_send_synthetic_cluster_ipi)
WEAK_HANDLER(hc_start_virtual_processor)

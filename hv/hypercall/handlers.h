/* Hypercall handlers, one file per group; the table is table.c. */
#ifndef UNIHV_HV_HYPERCALL_HANDLERS_H
#define UNIHV_HV_HYPERCALL_HANDLERS_H

#include "hv/hypercall/dispatch.h"

/* hc_root.c */
uint16_t hc_create_partition(struct hc_call *call, uint32_t *done);
uint16_t hc_partition_lifecycle(struct hc_call *call, uint32_t *done);
uint16_t hc_get_partition_property(struct hc_call *call, uint32_t *done);
uint16_t hc_set_partition_property(struct hc_call *call, uint32_t *done);
uint16_t hc_get_next_child_partition(struct hc_call *call, uint32_t *done);
uint16_t hc_deposit_memory(struct hc_call *call, uint32_t *done);
uint16_t hc_withdraw_memory(struct hc_call *call, uint32_t *done);
uint16_t hc_get_memory_balance(struct hc_call *call, uint32_t *done);
uint16_t hc_map_gpa_pages(struct hc_call *call, uint32_t *done);
uint16_t hc_unmap_gpa_pages(struct hc_call *call, uint32_t *done);
uint16_t hc_install_intercept(struct hc_call *call, uint32_t *done);
uint16_t hc_create_vp(struct hc_call *call, uint32_t *done);
uint16_t hc_delete_vp(struct hc_call *call, uint32_t *done);

/* hc_vp.c */
uint16_t hc_get_vp_registers(struct hc_call *call, uint32_t *done);
uint16_t hc_set_vp_registers(struct hc_call *call, uint32_t *done);
uint16_t hc_translate_virtual_address(struct hc_call *call, uint32_t *done);
uint16_t hc_get_partition_id(struct hc_call *call, uint32_t *done);
uint16_t hc_switch_virtual_address_space(struct hc_call *call, uint32_t *done);

/* hc_ext.c */
uint16_t hc_ext_query_capabilities(struct hc_call *call, uint32_t *done);
uint16_t hc_ext_get_boot_zeroed_memory(struct hc_call *call, uint32_t *done);
uint16_t hc_ext_memory_heat_hint(struct hc_call *call, uint32_t *done);

/* hc_refusals.c */
uint16_t hc_vsm_refused(struct hc_call *call, uint32_t *done);
uint16_t hc_retarget_device_interrupt(struct hc_call *call, uint32_t *done);

/* hc_port.c */
uint16_t hc_create_port(struct hc_call *call, uint32_t *done);
uint16_t hc_connect_port(struct hc_call *call, uint32_t *done);
uint16_t hc_delete_port(struct hc_call *call, uint32_t *done);
uint16_t hc_disconnect_port(struct hc_call *call, uint32_t *done);
uint16_t hc_post_message(struct hc_call *call, uint32_t *done);
uint16_t hc_signal_event(struct hc_call *call, uint32_t *done);

/* hc_guest.c */
uint16_t hc_notify_long_spin_wait(struct hc_call *call, uint32_t *done);
uint16_t hc_flush_virtual_address(struct hc_call *call, uint32_t *done);
uint16_t hc_get_vp_index_from_apic_id(struct hc_call *call, uint32_t *done);

/* hc_ipi.c */
uint16_t hc_send_synthetic_cluster_ipi(struct hc_call *call, uint32_t *done);

/* hc_start_vp.c */
uint16_t hc_start_virtual_processor(struct hc_call *call, uint32_t *done);

/*
 * The calling guest's partition (hc_guest.c), NULL if it is gone.  It
 * outlives the call: deleting a partition waits until its VPs, the caller
 * among them, stopped running.
 */
struct partition;
struct partition *hc_caller_partition(const struct hc_call *call);

#endif

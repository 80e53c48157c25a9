/* Every guest test, in the order they run. */
#include "tests/guests/driver/gtest.h"

const char *gt_test_io(void);
const char *gt_test_large_page(void);
const char *gt_test_hypercall_guest(void);
const char *gt_test_hypercall_real_mode(void);
const char *gt_test_hypercall_root(void);
const char *gt_test_novmx(void);
const char *gt_test_hlt(void);
const char *gt_test_unmapped_read(void);
const char *gt_test_unmapped_write(void);
const char *gt_test_readonly_write(void);
const char *gt_test_noexec(void);
const char *gt_test_cpuid(void);
const char *gt_test_cpuid_default(void);
const char *gt_test_triple_fault(void);
const char *gt_test_isolation(void);
const char *gt_test_registers(void);
const char *gt_test_invalid_values(void);
const char *gt_test_unsupported_values(void);
const char *gt_test_refused_entry_state(void);
const char *gt_test_deposit_exhaustion(void);
const char *gt_test_free_pages(void);
const char *gt_test_translate(void);
const char *gt_test_protected32(void);
const char *gt_test_cr2(void);
const char *gt_test_cr8(void);
const char *gt_test_smp2(void);
const char *gt_test_cancel(void);
const char *gt_test_cancel_here(void);
const char *gt_test_msr_intercept(void);
const char *gt_test_exception_intercept(void);
const char *gt_test_exception_software(void);
const char *gt_test_unmap_tlb(void);
const char *gt_test_remap_rights(void);
const char *gt_test_unmap_running(void);
const char *gt_test_map_errors(void);
const char *gt_test_long64(void);
const char *gt_test_enlight64(void);
const char *gt_test_enlight32_hypercall(void);
const char *gt_test_enlight_privileges(void);
const char *gt_test_hc_guest(void);
const char *gt_test_hc_calls(void);
const char *gt_test_port_messages(void);
const char *gt_test_post_round_trip(void);
const char *gt_test_ipi(void);
const char *gt_test_start_vp(void);
const char *gt_test_synic(void);
const char *gt_test_mgmt(void);
const char *gt_test_mgmt_novmx(void);

const struct gt_test gt_tests_vmx[] = {
	{ "novmx", gt_test_novmx, GT_NEEDS_NO_VMX },
	{ "mgmt_novmx", gt_test_mgmt_novmx, GT_NEEDS_NO_VMX },
	{ "io", gt_test_io, GT_NEEDS_VMX },
	{ "hlt", gt_test_hlt, GT_NEEDS_VMX },
	{ "unmapped_read", gt_test_unmapped_read, GT_NEEDS_VMX },
	{ "unmapped_write", gt_test_unmapped_write, GT_NEEDS_VMX },
	{ "readonly_write", gt_test_readonly_write, GT_NEEDS_VMX },
	{ "noexec", gt_test_noexec, GT_NEEDS_VMX },
	{ "cpuid", gt_test_cpuid, GT_NEEDS_VMX },
	{ "cpuid_default", gt_test_cpuid_default, GT_NEEDS_VMX },
	{ "triple_fault", gt_test_triple_fault, GT_NEEDS_VMX },
	{ "isolation", gt_test_isolation, GT_NEEDS_VMX },
	{ "registers", gt_test_registers, GT_NEEDS_VMX },
	{ "invalid_values", gt_test_invalid_values, GT_NEEDS_VMX },
	{ "unsupported_values", gt_test_unsupported_values, GT_NEEDS_VMX },
	{ "refused_entry_state", gt_test_refused_entry_state, GT_NEEDS_VMX },
	{ "deposit_exhaustion", gt_test_deposit_exhaustion, GT_NEEDS_VMX },
	{ "free_pages", gt_test_free_pages, GT_NEEDS_VMX },
	{ "translate", gt_test_translate, GT_NEEDS_VMX },
	{ "protected32", gt_test_protected32, GT_NEEDS_VMX },
	{ "cr2", gt_test_cr2, GT_NEEDS_VMX },
	{ "cr8", gt_test_cr8, GT_NEEDS_VMX },
	{ "smp2", gt_test_smp2, GT_NEEDS_VMX },
	{ "msr_intercept", gt_test_msr_intercept, GT_NEEDS_VMX },
	{ "exception_intercept", gt_test_exception_intercept, GT_NEEDS_VMX },
	{ "exception_software", gt_test_exception_software, GT_NEEDS_VMX },
	{ "unmap_tlb", gt_test_unmap_tlb, GT_NEEDS_VMX },
	{ "remap_rights", gt_test_remap_rights, GT_NEEDS_VMX },
	{ "unmap_running", gt_test_unmap_running, GT_NEEDS_VMX },
	{ "map_errors", gt_test_map_errors, GT_NEEDS_VMX },
	{ "long64", gt_test_long64, GT_NEEDS_VMX },
	{ "hypercall_guest", gt_test_hypercall_guest, GT_NEEDS_VMX },
	{ "hypercall_real_mode", gt_test_hypercall_real_mode, GT_NEEDS_VMX },
	{ "hypercall_root", gt_test_hypercall_root, GT_NEEDS_VMX },
	{ "large_page", gt_test_large_page, GT_NEEDS_VMX },
	{ "enlight64", gt_test_enlight64, GT_NEEDS_VMX },
	{ "enlight32_hypercall", gt_test_enlight32_hypercall, GT_NEEDS_VMX },
	{ "enlight_privileges", gt_test_enlight_privileges, GT_NEEDS_VMX },
	{ "hc_guest", gt_test_hc_guest, GT_NEEDS_VMX },
	{ "hc_calls", gt_test_hc_calls, GT_NEEDS_VMX },
	{ "port_messages", gt_test_port_messages, GT_NEEDS_VMX },
	{ "post_round_trip", gt_test_post_round_trip, GT_NEEDS_VMX },
	{ "ipi", gt_test_ipi, GT_NEEDS_VMX },
	{ "start_vp", gt_test_start_vp, GT_NEEDS_VMX },
	{ "synic", gt_test_synic, GT_NEEDS_VMX },
	{ "cancel_here", gt_test_cancel_here, GT_NEEDS_VMX },
	{ "cancel", gt_test_cancel, GT_NEEDS_VMX },
	{ "mgmt", gt_test_mgmt, GT_NEEDS_VMX },
};
const size_t gt_tests_vmx_count = sizeof(gt_tests_vmx) / sizeof(gt_tests_vmx[0]);

/*
 * HV_STATUS: the 16-bit result code in bits 15:0 of the hypercall result
 * value (RAX).  0 is success, everything else an error.
 *
 * TLFS v6.0b Appendix B and per-call "Return Values"; digest
 * status-codes.md "Full table" (every named value of that table is here).
 * Not defined:
 *   - 0x0001, 0x000F: reserved, never returned.
 *   - HV_STATUS_HYPERCALL_INTERCEPT: named in TLFS per-call tables but its
 *     value is UNDOCUMENTED (digest), so it has no number here.
 *   - the historic TLFS v2.0/v5.0C per-feature codes (0x0020-0x0056 as
 *     ..._FEATURE_<X>_NOT_SUPPORTED): replaced by 0x0020 in v6.0b.
 */
#ifndef UNIHV_HV_STATUS_H
#define UNIHV_HV_STATUS_H

#include <stdint.h>
#include "abi_version.h"

#define HV_STATUS_SUCCESS                                      0x0000u
#define HV_STATUS_INVALID_HYPERCALL_CODE                       0x0002u
#define HV_STATUS_INVALID_HYPERCALL_INPUT                      0x0003u
#define HV_STATUS_INVALID_ALIGNMENT                            0x0004u
#define HV_STATUS_INVALID_PARAMETER                            0x0005u
#define HV_STATUS_ACCESS_DENIED                                0x0006u
#define HV_STATUS_INVALID_PARTITION_STATE                      0x0007u
#define HV_STATUS_OPERATION_DENIED                             0x0008u
#define HV_STATUS_UNKNOWN_PROPERTY                             0x0009u
#define HV_STATUS_PROPERTY_VALUE_OUT_OF_RANGE                  0x000Au
#define HV_STATUS_INSUFFICIENT_MEMORY                          0x000Bu
#define HV_STATUS_PARTITION_TOO_DEEP                           0x000Cu
#define HV_STATUS_INVALID_PARTITION_ID                         0x000Du
#define HV_STATUS_INVALID_VP_INDEX                             0x000Eu
/*
 * CONFLICT (digest): TLFS v6.0b lists 0x0010 as reserved; Linux and
 * OpenVMM name it NOT_FOUND.  Kept as a name for logging; no documented
 * call returns it.
 */
#define HV_STATUS_NOT_FOUND                                    0x0010u
#define HV_STATUS_INVALID_PORT_ID                              0x0011u
#define HV_STATUS_INVALID_CONNECTION_ID                        0x0012u
/*
 * CONFLICT (digest): TLFS v5.0C/v6.0b Appendix B print 0x0033 for this
 * name (an erratum; 0x0033 is INSUFFICIENT_BUFFER).  TLFS v2.0, Linux and
 * OpenVMM use 0x0013; the digest says use 0x0013, and so do we.
 */
#define HV_STATUS_INSUFFICIENT_BUFFERS                         0x0013u
#define HV_STATUS_NOT_ACKNOWLEDGED                             0x0014u
#define HV_STATUS_INVALID_VP_STATE                             0x0015u
#define HV_STATUS_ACKNOWLEDGED                                 0x0016u
#define HV_STATUS_INVALID_SAVE_RESTORE_STATE                   0x0017u
#define HV_STATUS_INVALID_SYNIC_STATE                          0x0018u
#define HV_STATUS_OBJECT_IN_USE                                0x0019u
#define HV_STATUS_INVALID_PROXIMITY_DOMAIN_INFO                0x001Au
#define HV_STATUS_NO_DATA                                      0x001Bu
#define HV_STATUS_INACTIVE                                     0x001Cu
#define HV_STATUS_NO_RESOURCES                                 0x001Du
#define HV_STATUS_FEATURE_UNAVAILABLE                          0x001Eu
#define HV_STATUS_PARTIAL_PACKET                               0x001Fu
#define HV_STATUS_PROCESSOR_FEATURE_NOT_SUPPORTED              0x0020u
#define HV_STATUS_PROCESSOR_CACHE_LINE_FLUSH_SIZE_INCOMPATIBLE 0x0030u
#define HV_STATUS_INSUFFICIENT_BUFFER                          0x0033u
#define HV_STATUS_INCOMPATIBLE_PROCESSOR                       0x0037u
#define HV_STATUS_INSUFFICIENT_DEVICE_DOMAINS                  0x0038u
#define HV_STATUS_CPUID_FEATURE_VALIDATION_ERROR               0x003Cu
#define HV_STATUS_CPUID_XSAVE_FEATURE_VALIDATION_ERROR         0x003Du
#define HV_STATUS_PROCESSOR_STARTUP_TIMEOUT                    0x003Eu
#define HV_STATUS_SMX_ENABLED                                  0x003Fu
#define HV_STATUS_INVALID_LP_INDEX                             0x0041u
#define HV_STATUS_INVALID_REGISTER_VALUE                       0x0050u
/* Name from TLFS per-call tables; value from OpenVMM (Appendix B omits it). */
#define HV_STATUS_INVALID_VTL_STATE                            0x0051u
#define HV_STATUS_NX_NOT_DETECTED                              0x0055u
#define HV_STATUS_INVALID_DEVICE_ID                            0x0057u
#define HV_STATUS_INVALID_DEVICE_STATE                         0x0058u
#define HV_STATUS_PENDING_PAGE_REQUESTS                        0x0059u
#define HV_STATUS_PAGE_REQUEST_INVALID                         0x0060u
#define HV_STATUS_KEY_ALREADY_EXISTS                           0x0065u /* OpenVMM-only */
#define HV_STATUS_DEVICE_ALREADY_IN_DOMAIN                     0x0066u /* OpenVMM-only */
#define HV_STATUS_INVALID_CPU_GROUP_ID                         0x006Fu /* OpenVMM-only */
#define HV_STATUS_INVALID_CPU_GROUP_STATE                      0x0070u /* OpenVMM-only */
#define HV_STATUS_OPERATION_FAILED                             0x0071u
#define HV_STATUS_NOT_ALLOWED_WITH_NESTED_VIRT_ACTIVE          0x0072u
#define HV_STATUS_INSUFFICIENT_ROOT_MEMORY                     0x0073u /* OpenVMM-only */
#define HV_STATUS_EVENT_BUFFER_ALREADY_FREED                   0x0074u /* OpenVMM-only */
/*
 * Linux/OpenVMM.  OpenVMM uses it internally to request a rep-call
 * continuation (hypercall-abi.md §7); it is not meant to reach a guest.
 */
#define HV_STATUS_TIME_OUT                                     0x0078u
#define HV_STATUS_CALL_PENDING                                 0x0079u /* Linux-only */
#define HV_STATUS_VTL_ALREADY_ENABLED                          0x0086u
/* OpenVMM-only; the TLFS documents INVALID_PARAMETER for this case. */
#define HV_STATUS_UNKNOWN_REGISTER_NAME                        0x0087u

/* Symbolic name of a status for logs and the CLI. */
static inline const char *hv_status_name(uint16_t status)
{
	switch (status) {
	case HV_STATUS_SUCCESS: return "HV_STATUS_SUCCESS";
	case HV_STATUS_INVALID_HYPERCALL_CODE: return "HV_STATUS_INVALID_HYPERCALL_CODE";
	case HV_STATUS_INVALID_HYPERCALL_INPUT: return "HV_STATUS_INVALID_HYPERCALL_INPUT";
	case HV_STATUS_INVALID_ALIGNMENT: return "HV_STATUS_INVALID_ALIGNMENT";
	case HV_STATUS_INVALID_PARAMETER: return "HV_STATUS_INVALID_PARAMETER";
	case HV_STATUS_ACCESS_DENIED: return "HV_STATUS_ACCESS_DENIED";
	case HV_STATUS_INVALID_PARTITION_STATE: return "HV_STATUS_INVALID_PARTITION_STATE";
	case HV_STATUS_OPERATION_DENIED: return "HV_STATUS_OPERATION_DENIED";
	case HV_STATUS_UNKNOWN_PROPERTY: return "HV_STATUS_UNKNOWN_PROPERTY";
	case HV_STATUS_PROPERTY_VALUE_OUT_OF_RANGE: return "HV_STATUS_PROPERTY_VALUE_OUT_OF_RANGE";
	case HV_STATUS_INSUFFICIENT_MEMORY: return "HV_STATUS_INSUFFICIENT_MEMORY";
	case HV_STATUS_PARTITION_TOO_DEEP: return "HV_STATUS_PARTITION_TOO_DEEP";
	case HV_STATUS_INVALID_PARTITION_ID: return "HV_STATUS_INVALID_PARTITION_ID";
	case HV_STATUS_INVALID_VP_INDEX: return "HV_STATUS_INVALID_VP_INDEX";
	case HV_STATUS_NOT_FOUND: return "HV_STATUS_NOT_FOUND";
	case HV_STATUS_INVALID_PORT_ID: return "HV_STATUS_INVALID_PORT_ID";
	case HV_STATUS_INVALID_CONNECTION_ID: return "HV_STATUS_INVALID_CONNECTION_ID";
	case HV_STATUS_INSUFFICIENT_BUFFERS: return "HV_STATUS_INSUFFICIENT_BUFFERS";
	case HV_STATUS_NOT_ACKNOWLEDGED: return "HV_STATUS_NOT_ACKNOWLEDGED";
	case HV_STATUS_INVALID_VP_STATE: return "HV_STATUS_INVALID_VP_STATE";
	case HV_STATUS_ACKNOWLEDGED: return "HV_STATUS_ACKNOWLEDGED";
	case HV_STATUS_INVALID_SAVE_RESTORE_STATE: return "HV_STATUS_INVALID_SAVE_RESTORE_STATE";
	case HV_STATUS_INVALID_SYNIC_STATE: return "HV_STATUS_INVALID_SYNIC_STATE";
	case HV_STATUS_OBJECT_IN_USE: return "HV_STATUS_OBJECT_IN_USE";
	case HV_STATUS_INVALID_PROXIMITY_DOMAIN_INFO: return "HV_STATUS_INVALID_PROXIMITY_DOMAIN_INFO";
	case HV_STATUS_NO_DATA: return "HV_STATUS_NO_DATA";
	case HV_STATUS_INACTIVE: return "HV_STATUS_INACTIVE";
	case HV_STATUS_NO_RESOURCES: return "HV_STATUS_NO_RESOURCES";
	case HV_STATUS_FEATURE_UNAVAILABLE: return "HV_STATUS_FEATURE_UNAVAILABLE";
	case HV_STATUS_PARTIAL_PACKET: return "HV_STATUS_PARTIAL_PACKET";
	case HV_STATUS_PROCESSOR_FEATURE_NOT_SUPPORTED:
		return "HV_STATUS_PROCESSOR_FEATURE_NOT_SUPPORTED";
	case HV_STATUS_PROCESSOR_CACHE_LINE_FLUSH_SIZE_INCOMPATIBLE:
		return "HV_STATUS_PROCESSOR_CACHE_LINE_FLUSH_SIZE_INCOMPATIBLE";
	case HV_STATUS_INSUFFICIENT_BUFFER: return "HV_STATUS_INSUFFICIENT_BUFFER";
	case HV_STATUS_INCOMPATIBLE_PROCESSOR: return "HV_STATUS_INCOMPATIBLE_PROCESSOR";
	case HV_STATUS_INSUFFICIENT_DEVICE_DOMAINS: return "HV_STATUS_INSUFFICIENT_DEVICE_DOMAINS";
	case HV_STATUS_CPUID_FEATURE_VALIDATION_ERROR:
		return "HV_STATUS_CPUID_FEATURE_VALIDATION_ERROR";
	case HV_STATUS_CPUID_XSAVE_FEATURE_VALIDATION_ERROR:
		return "HV_STATUS_CPUID_XSAVE_FEATURE_VALIDATION_ERROR";
	case HV_STATUS_PROCESSOR_STARTUP_TIMEOUT: return "HV_STATUS_PROCESSOR_STARTUP_TIMEOUT";
	case HV_STATUS_SMX_ENABLED: return "HV_STATUS_SMX_ENABLED";
	case HV_STATUS_INVALID_LP_INDEX: return "HV_STATUS_INVALID_LP_INDEX";
	case HV_STATUS_INVALID_REGISTER_VALUE: return "HV_STATUS_INVALID_REGISTER_VALUE";
	case HV_STATUS_INVALID_VTL_STATE: return "HV_STATUS_INVALID_VTL_STATE";
	case HV_STATUS_NX_NOT_DETECTED: return "HV_STATUS_NX_NOT_DETECTED";
	case HV_STATUS_INVALID_DEVICE_ID: return "HV_STATUS_INVALID_DEVICE_ID";
	case HV_STATUS_INVALID_DEVICE_STATE: return "HV_STATUS_INVALID_DEVICE_STATE";
	case HV_STATUS_PENDING_PAGE_REQUESTS: return "HV_STATUS_PENDING_PAGE_REQUESTS";
	case HV_STATUS_PAGE_REQUEST_INVALID: return "HV_STATUS_PAGE_REQUEST_INVALID";
	case HV_STATUS_KEY_ALREADY_EXISTS: return "HV_STATUS_KEY_ALREADY_EXISTS";
	case HV_STATUS_DEVICE_ALREADY_IN_DOMAIN: return "HV_STATUS_DEVICE_ALREADY_IN_DOMAIN";
	case HV_STATUS_INVALID_CPU_GROUP_ID: return "HV_STATUS_INVALID_CPU_GROUP_ID";
	case HV_STATUS_INVALID_CPU_GROUP_STATE: return "HV_STATUS_INVALID_CPU_GROUP_STATE";
	case HV_STATUS_OPERATION_FAILED: return "HV_STATUS_OPERATION_FAILED";
	case HV_STATUS_NOT_ALLOWED_WITH_NESTED_VIRT_ACTIVE:
		return "HV_STATUS_NOT_ALLOWED_WITH_NESTED_VIRT_ACTIVE";
	case HV_STATUS_INSUFFICIENT_ROOT_MEMORY: return "HV_STATUS_INSUFFICIENT_ROOT_MEMORY";
	case HV_STATUS_EVENT_BUFFER_ALREADY_FREED: return "HV_STATUS_EVENT_BUFFER_ALREADY_FREED";
	case HV_STATUS_TIME_OUT: return "HV_STATUS_TIME_OUT";
	case HV_STATUS_CALL_PENDING: return "HV_STATUS_CALL_PENDING";
	case HV_STATUS_VTL_ALREADY_ENABLED: return "HV_STATUS_VTL_ALREADY_ENABLED";
	case HV_STATUS_UNKNOWN_REGISTER_NAME: return "HV_STATUS_UNKNOWN_REGISTER_NAME";
	default: return "HV_STATUS_UNKNOWN";
	}
}

#endif

/*
 * Method lookup and the failure helpers of mgmt/service.h.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "mgmt/service.h"
#include "unihv/hv_status.h"

const struct mgmt_method *mgmt_find_method(const char *service, const char *method)
{
	for (size_t i = 0; i < mgmt_method_count; i++) {
		const struct mgmt_method *m = &mgmt_methods[i];

		if (strcmp(m->service, service) == 0 && strcmp(m->method, method) == 0)
			return m;
	}
	return NULL;
}

/* call->message = "name: " + the formatted detail (truncated to fit). */
static void set_message(struct mgmt_call *call, const char *name, const char *fmt, va_list ap)
{
	int n = snprintf(call->message, sizeof(call->message), "%s: ", name);

	if (n < 0)
		n = 0;
	if ((size_t)n < sizeof(call->message))
		vsnprintf(call->message + n, sizeof(call->message) - (size_t)n, fmt, ap);
}

enum mgmt_result mgmt_fail(struct mgmt_call *call, enum rpc_code code, const char *name,
			   const char *fmt, ...)
{
	va_list ap;

	call->code = code;
	va_start(ap, fmt);
	set_message(call, name, fmt, ap);
	va_end(ap);
	return MGMT_DONE;
}

/* The gRPC code that says to a remote manager what an HV status says to a
 * guest: which argument or state is wrong, or what ran out. */
static enum rpc_code code_for_hv_status(uint16_t status)
{
	switch (status) {
	case HV_STATUS_INVALID_PARTITION_ID:
	case HV_STATUS_INVALID_VP_INDEX:
	case HV_STATUS_NOT_FOUND:
	case HV_STATUS_INVALID_PORT_ID:
	case HV_STATUS_INVALID_CONNECTION_ID:
	case HV_STATUS_INVALID_LP_INDEX:
	case HV_STATUS_INVALID_DEVICE_ID:
	case HV_STATUS_INVALID_CPU_GROUP_ID:
		return RPC_NOT_FOUND;
	case HV_STATUS_ACCESS_DENIED:
		return RPC_PERMISSION_DENIED;
	case HV_STATUS_INSUFFICIENT_MEMORY:
	case HV_STATUS_INSUFFICIENT_BUFFERS:
	case HV_STATUS_INSUFFICIENT_BUFFER:
	case HV_STATUS_NO_RESOURCES:
	case HV_STATUS_PARTITION_TOO_DEEP:
	case HV_STATUS_INSUFFICIENT_DEVICE_DOMAINS:
	case HV_STATUS_INSUFFICIENT_ROOT_MEMORY:
		return RPC_RESOURCE_EXHAUSTED;
	case HV_STATUS_INVALID_PARTITION_STATE:
	case HV_STATUS_INVALID_VP_STATE:
	case HV_STATUS_INVALID_SYNIC_STATE:
	case HV_STATUS_INVALID_DEVICE_STATE:
	case HV_STATUS_INVALID_VTL_STATE:
	case HV_STATUS_INVALID_CPU_GROUP_STATE:
	case HV_STATUS_OPERATION_DENIED:
	case HV_STATUS_OBJECT_IN_USE:
	case HV_STATUS_INACTIVE:
	case HV_STATUS_NOT_ACKNOWLEDGED:
	case HV_STATUS_NO_DATA:
	case HV_STATUS_PENDING_PAGE_REQUESTS:
	case HV_STATUS_NOT_ALLOWED_WITH_NESTED_VIRT_ACTIVE:
	case HV_STATUS_EVENT_BUFFER_ALREADY_FREED:
		return RPC_FAILED_PRECONDITION;
	case HV_STATUS_KEY_ALREADY_EXISTS:
	case HV_STATUS_DEVICE_ALREADY_IN_DOMAIN:
	case HV_STATUS_VTL_ALREADY_ENABLED:
		return RPC_ALREADY_EXISTS;
	case HV_STATUS_INVALID_HYPERCALL_CODE:
	case HV_STATUS_FEATURE_UNAVAILABLE:
	case HV_STATUS_PROCESSOR_FEATURE_NOT_SUPPORTED:
	case HV_STATUS_INCOMPATIBLE_PROCESSOR:
		return RPC_UNIMPLEMENTED;
	case HV_STATUS_INVALID_PARAMETER:
	case HV_STATUS_INVALID_ALIGNMENT:
	case HV_STATUS_INVALID_HYPERCALL_INPUT:
	case HV_STATUS_INVALID_REGISTER_VALUE:
	case HV_STATUS_UNKNOWN_PROPERTY:
	case HV_STATUS_PROPERTY_VALUE_OUT_OF_RANGE:
	case HV_STATUS_UNKNOWN_REGISTER_NAME:
	case HV_STATUS_INVALID_PROXIMITY_DOMAIN_INFO:
	case HV_STATUS_INVALID_SAVE_RESTORE_STATE:
	case HV_STATUS_PAGE_REQUEST_INVALID:
		return RPC_INVALID_ARGUMENT;
	case HV_STATUS_TIME_OUT:
	case HV_STATUS_PROCESSOR_STARTUP_TIMEOUT:
		return RPC_DEADLINE_EXCEEDED;
	default:
		return RPC_INTERNAL;
	}
}

enum mgmt_result mgmt_fail_hv(struct mgmt_call *call, uint16_t hv_status, const char *fmt, ...)
{
	va_list ap;

	if (hv_status == HV_STATUS_SUCCESS)
		return MGMT_DONE;
	call->code = code_for_hv_status(hv_status);
	va_start(ap, fmt);
	set_message(call, hv_status_name(hv_status), fmt, ap);
	va_end(ap);
	return MGMT_DONE;
}

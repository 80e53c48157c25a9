/* Results: success, local failures, and the appliance's ttrpc.Status. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include "internal.h"

static const char *const code_names[] = {
	"OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED", "NOT_FOUND",
	"ALREADY_EXISTS", "PERMISSION_DENIED", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION",
	"ABORTED", "OUT_OF_RANGE", "UNIMPLEMENTED", "INTERNAL", "UNAVAILABLE", "DATA_LOSS",
	"UNAUTHENTICATED",
};

const char *UnihvCodeName(int32_t code)
{
	if (code < 0 || (size_t)code >= sizeof(code_names) / sizeof(code_names[0]))
		return "UNKNOWN_CODE";
	return code_names[code];
}

void unihv_strlcpy(char *dst, const char *src, size_t n)
{
	if (!n)
		return;
	size_t l = 0;
	while (l + 1 < n && src[l]) {
		dst[l] = src[l];
		l++;
	}
	dst[l] = '\0';
}

UNIHV_RESULT unihv_ok(void)
{
	UNIHV_RESULT r = { .code = UNIHV_OK };
	strcpy(r.name, "OK");
	strcpy(r.message, "OK");
	return r;
}

UNIHV_RESULT unihv_fail(int32_t code, const char *name, const char *fmt, ...)
{
	UNIHV_RESULT r = { .code = code };
	unihv_strlcpy(r.name, name, sizeof(r.name));
	unihv_strlcpy(r.message, r.name, sizeof(r.message));
	size_t k = strlen(r.message);
	if (k + 2 < sizeof(r.message)) {
		r.message[k++] = ':';
		r.message[k++] = ' ';
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(r.message + k, sizeof(r.message) - k, fmt, ap);
		va_end(ap);
	}
	return r;
}

UNIHV_RESULT unihv_result_from_status(int32_t code, const char *message)
{
	UNIHV_RESULT r = { .code = code };
	unihv_strlcpy(r.message, message, sizeof(r.message));
	/* NAME is [A-Z0-9_]+ ending at ": " (or at the end of the message). */
	size_t n = 0;
	while (message[n] && (isupper((unsigned char)message[n]) ||
			      isdigit((unsigned char)message[n]) || message[n] == '_'))
		n++;
	if (n > 0 && n < sizeof(r.name) && (message[n] == ':' || message[n] == '\0')) {
		memcpy(r.name, message, n);
		r.name[n] = '\0';
	} else {
		unihv_strlcpy(r.name, UnihvCodeName(code), sizeof(r.name));
	}
	if (code == UNIHV_OK && !message[0])
		strcpy(r.message, "OK");
	if (!r.message[0])
		unihv_strlcpy(r.message, r.name, sizeof(r.message));
	return r;
}

/* Symbolic names hvctl accepts and prints: WHV capability codes, TLFS
 * partition property codes, WHV exit reasons. */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "unihv/hv_types.h"
#include "hvctl.h"

struct name {
	uint32_t code;
	const char *name;
};

static const struct name capabilities[] = {
	{ WHvCapabilityCodeHypervisorPresent, "hypervisor-present" },
	{ WHvCapabilityCodeFeatures, "features" },
	{ WHvCapabilityCodeExtendedVmExits, "extended-vm-exits" },
	{ WHvCapabilityCodeExceptionExitBitmap, "exception-exit-bitmap" },
	{ WHvCapabilityCodeX64MsrExitBitmap, "x64-msr-exit-bitmap" },
	{ WHvCapabilityCodeProcessorVendor, "processor-vendor" },
	{ WHvCapabilityCodeProcessorFeatures, "processor-features" },
	{ WHvCapabilityCodeProcessorClFlushSize, "processor-clflush-size" },
	{ WHvCapabilityCodeProcessorXsaveFeatures, "processor-xsave-features" },
	{ WHvCapabilityCodeProcessorClockFrequency, "processor-clock-frequency" },
	{ WHvCapabilityCodeInterruptClockFrequency, "interrupt-clock-frequency" },
	{ WHvCapabilityCodeProcessorFeaturesBanks, "processor-features-banks" },
};

static const struct name properties[] = {
	{ HV_PARTITION_PROPERTY_PRIVILEGE_FLAGS, "privilege-flags" },
	{ HV_PARTITION_PROPERTY_SYNTHETIC_PROC_FEATURES, "synthetic-proc-features" },
	{ HV_PARTITION_PROPERTY_SUSPEND, "suspend" },
	{ HV_PARTITION_PROPERTY_CPU_RESERVE, "cpu-reserve" },
	{ HV_PARTITION_PROPERTY_CPU_CAP, "cpu-cap" },
	{ HV_PARTITION_PROPERTY_CPU_WEIGHT, "cpu-weight" },
	{ HV_PARTITION_PROPERTY_PROCESSOR_VENDOR, "processor-vendor" },
	{ HV_PARTITION_PROPERTY_PHYSICAL_ADDRESS_WIDTH, "physical-address-width" },
	{ HV_PARTITION_PROPERTY_PROCESSOR_CLOCK_FREQUENCY, "processor-clock-frequency" },
	{ HV_PARTITION_PROPERTY_GUEST_OS_ID, "guest-os-id" },
};

static const struct name exit_reasons[] = {
	{ WHvRunVpExitReasonNone, "None" },
	{ WHvRunVpExitReasonMemoryAccess, "MemoryAccess" },
	{ WHvRunVpExitReasonX64IoPortAccess, "X64IoPortAccess" },
	{ WHvRunVpExitReasonUnrecoverableException, "UnrecoverableException" },
	{ WHvRunVpExitReasonInvalidVpRegisterValue, "InvalidVpRegisterValue" },
	{ WHvRunVpExitReasonUnsupportedFeature, "UnsupportedFeature" },
	{ WHvRunVpExitReasonX64InterruptWindow, "X64InterruptWindow" },
	{ WHvRunVpExitReasonX64Halt, "X64Halt" },
	{ WHvRunVpExitReasonX64ApicEoi, "X64ApicEoi" },
	{ WHvRunVpExitReasonX64MsrAccess, "X64MsrAccess" },
	{ WHvRunVpExitReasonX64Cpuid, "X64Cpuid" },
	{ WHvRunVpExitReasonException, "Exception" },
	{ WHvRunVpExitReasonX64Rdtsc, "X64Rdtsc" },
	{ WHvRunVpExitReasonHypercall, "Hypercall" },
	{ WHvRunVpExitReasonCanceled, "Canceled" },
};

#define N(t) (sizeof(t) / sizeof((t)[0]))

static bool lookup(const struct name *t, size_t n, const char *s, uint32_t *code)
{
	for (size_t i = 0; i < n; i++)
		if (!strcasecmp(t[i].name, s)) {
			*code = t[i].code;
			return true;
		}
	return parse_u32(s, code);
}

static const char *name_of(const struct name *t, size_t n, uint32_t code)
{
	for (size_t i = 0; i < n; i++)
		if (t[i].code == code)
			return t[i].name;
	return NULL;
}

static void list(const char *what, const struct name *t, size_t n)
{
	fprintf(stderr, "%s:", what);
	for (size_t i = 0; i < n; i++)
		fprintf(stderr, " %s", t[i].name);
	fprintf(stderr, " (or a number)\n");
}

bool capability_code(const char *s, uint32_t *code)
{
	return lookup(capabilities, N(capabilities), s, code);
}

const char *capability_name(uint32_t code)
{
	return name_of(capabilities, N(capabilities), code);
}

bool property_code(const char *s, uint32_t *code)
{
	return lookup(properties, N(properties), s, code);
}

const char *property_name(uint32_t code)
{
	return name_of(properties, N(properties), code);
}

const char *exit_reason_name(uint32_t reason)
{
	const char *n = name_of(exit_reasons, N(exit_reasons), reason);
	return n ? n : "unknown";
}

void list_capabilities(void)
{
	list("capabilities", capabilities, N(capabilities));
}

void list_properties(void)
{
	list("properties", properties, N(properties));
}

/*
 * Version of the unihv guest/client ABI.
 *
 * Every header in include/unihv/ belongs to this one version:
 *
 *   abi_version.h   this file (version numbers, layout-check macros)
 *   hv_status.h     HV_STATUS codes and hv_status_name()
 *   hv_hypercall.h  call codes, input/result value encodings, input and
 *                   output blocks of the hypercalls
 *   hv_regs.h       register names (HV_REGISTER_NAME) and register formats
 *   hv_types.h      privilege, creation, property, map, intercept, port,
 *                   interrupt and translation types
 *   hv_message.h    HV_MESSAGE, message types, intercept message payloads
 *   hv_cpuid.h      enlightenment CPUID leaves, synthetic MSRs, overlay pages
 *
 * The layouts are those of Microsoft's Hypervisor Top Level Functional
 * Specification (TLFS, interface "Hv#1") as recorded in the project's
 * offline digest (/work/shared/spec, "the digest"); each group of
 * definitions names its TLFS and digest section.
 *
 * Rules: MAJOR changes when a layout, value or meaning already published
 * here changes (clients built against the old MAJOR must be rebuilt).
 * MINOR changes when definitions are only added.  The headers use only
 * <stdint.h> and <stddef.h> and compile freestanding (gnu11) and hosted.
 * Multi-byte fields are little-endian; every structure is naturally aligned
 * (8 bytes at most), so a structure may be overlaid on any 8-byte aligned
 * hypercall parameter block.
 */
#ifndef UNIHV_ABI_VERSION_H
#define UNIHV_ABI_VERSION_H

#define UNIHV_ABI_VERSION_MAJOR 1
#define UNIHV_ABI_VERSION_MINOR 0

/* (major << 16) | minor, for a single comparison. */
#define UNIHV_ABI_VERSION ((UNIHV_ABI_VERSION_MAJOR << 16) | UNIHV_ABI_VERSION_MINOR)

/* Compile-time layout checks used by every ABI header (need <stddef.h>). */
#define HV_ABI_ASSERT_SIZE(type, size) \
	_Static_assert(sizeof(type) == (size), "ABI: sizeof(" #type ") != " #size)
#define HV_ABI_ASSERT_OFFSET(type, field, off) \
	_Static_assert(offsetof(type, field) == (off), \
		       "ABI: offsetof(" #type ", " #field ") != " #off)

#endif

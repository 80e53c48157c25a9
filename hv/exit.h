/*
 * A VM exit in vendor-neutral terms: the VT-x backend decodes its exit into
 * this (hv/vmx/vmx_exit.c); hv/vp.c handles it or turns it into an
 * intercept message for the manager.
 */
#ifndef UNIHV_HV_EXIT_H
#define UNIHV_HV_EXIT_H

#include <stdbool.h>
#include <stdint.h>

enum hv_exit_kind {
	HV_EXIT_INTERRUPTED,     /* host interrupt or kick: check cancel, resume */
	HV_EXIT_IO,
	HV_EXIT_MEMORY,          /* guest-physical access the EPT does not allow */
	HV_EXIT_MSR,
	HV_EXIT_CPUID,
	HV_EXIT_HLT,
	HV_EXIT_HYPERCALL,       /* VMCALL */
	HV_EXIT_EXCEPTION,       /* an exception intercepted by the exception bitmap */
	HV_EXIT_TRIPLE_FAULT,
	HV_EXIT_INTERRUPT_WINDOW,
	HV_EXIT_INVALID_STATE,   /* VM entry refused the guest state */
	HV_EXIT_UNKNOWN,         /* an exit the hypervisor does not handle */
};

enum hv_access { HV_ACCESS_READ = 0, HV_ACCESS_WRITE = 1, HV_ACCESS_EXECUTE = 2 };

struct hv_exit {
	enum hv_exit_kind kind;
	uint32_t raw_reason;      /* backend's exit reason, for logs and UNKNOWN */
	uint64_t raw_qualification;
	uint8_t instruction_length;
	union {
		struct {
			uint16_t port;
			uint8_t size;      /* 1, 2 or 4 */
			bool write;
			bool string;
			bool rep;
		} io;
		struct {
			uint64_t gpa;
			uint64_t gva;
			bool gva_valid;
			enum hv_access access;
			uint8_t ept_rights; /* R=1 W=2 X=4 of the mapping (0: unmapped) */
		} mem;
		struct {
			uint32_t index;
			bool write;
		} msr;
		struct {
			uint8_t vector;
			bool has_error_code;
			bool software;   /* INT3/INTO (or INT1): the instruction raised it */
			uint32_t error_code;
		} exception;
		struct {
			uint32_t error; /* backend's detail (VM-instruction error or qualification) */
		} invalid;
	};
};

#endif

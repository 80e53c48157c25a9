#ifndef UNIHV_HV_HYPERCALL_ROOT_CALL_H
#define UNIHV_HV_HYPERCALL_ROOT_CALL_H

#include <stddef.h>
#include <stdint.h>

/*
 * Make a memory-based hypercall as the root partition: control is the
 * TLFS input value (code, rep count, ...), in/out the input and output
 * blocks (at most one page each).  Returns the TLFS result value (status
 * in bits 15:0, reps completed in 43:32).  The management plane's entry
 * into hv/: the same dispatcher and handlers a guest's VMCALL reaches.
 * Any CPU; calls are serialised.
 */
uint64_t hv_root_call(uint64_t control, const void *in, size_t in_len, void *out, size_t out_len);

#endif

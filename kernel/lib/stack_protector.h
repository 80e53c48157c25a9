#ifndef UNIHV_LIB_STACK_PROTECTOR_H
#define UNIHV_LIB_STACK_PROTECTOR_H

#include <stdint.h>

/*
 * Give the canary an unpredictable value.  Call once on the boot CPU from a
 * function that never returns (frames live at the time keep the old value).
 */
void stack_protector_init(uint64_t seed);
_Noreturn void __stack_chk_fail(void);

#endif

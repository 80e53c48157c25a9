#ifndef UNIHV_CORE_BACKTRACE_H
#define UNIHV_CORE_BACKTRACE_H

#include <stdint.h>

/*
 * Print the call chain starting at rip, following saved frame pointers
 * from rbp (the image is built with -fno-omit-frame-pointer).  Stops at the
 * first frame that is not inside a known stack or the image.
 */
void backtrace_print(uint64_t rip, uint64_t rbp);

#endif

/*
 * unihv port of lwIP 2.1.3: compiler and platform definitions.
 *
 * With NO_SYS=1 this is the only arch header lwIP needs (sys_arch.h is only
 * read when NO_SYS=0, perf.h only with LWIP_PERF). Standard headers come
 * from musl's include tree; nothing here pulls in libc code beyond what the
 * kernel already links.
 */
#ifndef UNIHV_LWIP_ARCH_CC_H
#define UNIHV_LWIP_ARCH_CC_H

#include <stddef.h>
#include <stdint.h>
#include <inttypes.h>
#include <limits.h>
#include <errno.h>
#include <endian.h>
#include <sys/types.h>   /* ssize_t, so lwIP need not include <unistd.h> */

/* x86_64 is little-endian. musl's <endian.h> already says so when BSD/GNU
 * extensions are visible (the gnu11 default); otherwise say it here. */
#ifndef BYTE_ORDER
#define BYTE_ORDER LITTLE_ENDIAN
#endif

/* Let lwIP use compiler builtins for byte swapping instead of its C code. */
#define lwip_htons(x) ((u16_t)__builtin_bswap16((u16_t)(x)))
#define lwip_htonl(x) ((u32_t)__builtin_bswap32((u32_t)(x)))

/* Standard headers lwIP may use: <stdint.h>, <inttypes.h>, <stddef.h>,
 * <limits.h> and <ctype.h> all come from musl. <unistd.h> is avoided so
 * POSIX prototypes do not leak into kernel code that includes lwIP. */
#define LWIP_NO_UNISTD_H 1

/* errno values (used only by lwIP's socket glue, which we do not build). */
#define LWIP_ERRNO_STDINCLUDE 1

/* Structure packing: lwIP's GCC defaults (__attribute__((packed))) are used. */

/* Diagnostics and assertions go to the kernel log. Both are implemented by
 * the kernel; an lwIP assertion failure does not return. */
void unihv_lwip_diag(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));
void unihv_lwip_assert(const char *msg, const char *file, int line)
    __attribute__((noreturn));

/* lwIP calls LWIP_PLATFORM_DIAG((fmt, args...)): x carries its own parens. */
#define LWIP_PLATFORM_DIAG(x)   do { unihv_lwip_diag x; } while (0)
#define LWIP_PLATFORM_ASSERT(x) unihv_lwip_assert((x), __FILE__, __LINE__)

#endif /* UNIHV_LWIP_ARCH_CC_H */

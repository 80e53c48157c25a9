/* Compile-time limits of the image. */
#ifndef UNIHV_CORE_CONFIG_H
#define UNIHV_CORE_CONFIG_H

#define MAX_CPUS 64
#define PAGE_SIZE_4K 4096ull
#define KERNEL_STACK_SIZE (32 * 1024)
#define IST_STACK_SIZE (16 * 1024)

#endif

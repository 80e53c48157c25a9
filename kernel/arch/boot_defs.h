/*
 * Constants shared by the assembly boot paths and C.  Only #defines: this
 * header is included from .S files.
 */
#ifndef UNIHV_ARCH_BOOT_DEFS_H
#define UNIHV_ARCH_BOOT_DEFS_H

#define BOOT_KIND_MULTIBOOT2 1
#define BOOT_KIND_PVH        2

#define BOOT_CS64 0x08
#define BOOT_DS   0x10

#define BOOT_STACK_SIZE 16384

/* Page-table entry bits (Intel SDM Vol. 3A, 4.5). */
#define PTE_P  0x001
#define PTE_W  0x002
#define PTE_U  0x004
#define PTE_PWT 0x008
#define PTE_PCD 0x010
#define PTE_A  0x020
#define PTE_D  0x040
#define PTE_PS 0x080
#define PTE_G  0x100

#define CR0_PE 0x00000001
#define CR0_MP 0x00000002
#define CR0_EM 0x00000004
#define CR0_TS 0x00000008
#define CR0_NE 0x00000020
#define CR0_WP 0x00010000
#define CR0_PG 0x80000000

#define CR4_PAE        0x00000020
#define CR4_PGE        0x00000080
#define CR4_OSFXSR     0x00000200
#define CR4_OSXMMEXCPT 0x00000400
#define CR4_VMXE       0x00002000
#define CR4_OSXSAVE    0x00040000

#define MSR_EFER  0xc0000080
#define EFER_SCE  0x001
#define EFER_LME  0x100
#define EFER_NXE  0x800

/*
 * Application processors start in real mode at AP_TRAMPOLINE_ADDR (the
 * SIPI vector is this address >> 12).  The page is kept out of the page
 * allocator.
 */
#define AP_TRAMPOLINE_ADDR 0x8000

/* Offsets of the parameters block at the end of the trampoline page. */
#define AP_PARAM_OFFSET  0xf00
#define AP_PARAM_CR3     (AP_PARAM_OFFSET + 0x00)
#define AP_PARAM_STACK   (AP_PARAM_OFFSET + 0x08)
#define AP_PARAM_ENTRY   (AP_PARAM_OFFSET + 0x10)
#define AP_PARAM_ARG     (AP_PARAM_OFFSET + 0x18)
#define AP_PARAM_EFER    (AP_PARAM_OFFSET + 0x20)

#endif

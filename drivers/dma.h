/*
 * Memory a device reads or writes, and the accessors for device registers.
 *
 * The image runs on an identity map (virtual == physical) and x86 DMA is
 * cache coherent, so DMA memory is ordinary zeroed pages from the page
 * allocator and its bus address is its pointer.  Register windows (MMIO
 * BARs) are mapped uncached by the driver with paging_set_uncached().
 */
#ifndef UNIHV_DRIVERS_DMA_H
#define UNIHV_DRIVERS_DMA_H

#include <stddef.h>
#include <stdint.h>
#include "mm/pmm.h"

/* bytes of zeroed, page-aligned memory; NULL when the allocator is out. */
static inline void *dma_alloc(size_t bytes)
{
	uint64_t pages = (bytes + 4095) / 4096;
	uint64_t pa = pmm_alloc_pages(pages, 1);
	return pa ? (void *)(uintptr_t)pa : NULL;
}

static inline void dma_free(void *p, size_t bytes)
{
	if (p)
		pmm_free_pages((uint64_t)(uintptr_t)p, (bytes + 4095) / 4096);
}

static inline uint64_t dma_addr(const void *p)
{
	return (uint64_t)(uintptr_t)p;
}

/*
 * Ordering between our writes to DMA memory and the device.  x86 keeps
 * stores in order and loads in order (Intel SDM Vol. 3A 8.2.2), so the
 * first two only stop the compiler; a full fence is needed only where a
 * store must be visible before a later load (virtio's notification
 * suppression check).
 */
static inline void dma_wmb(void) { __atomic_thread_fence(__ATOMIC_RELEASE); }
static inline void dma_rmb(void) { __atomic_thread_fence(__ATOMIC_ACQUIRE); }
static inline void dma_mb(void) { __atomic_thread_fence(__ATOMIC_SEQ_CST); }

static inline uint8_t mmio_read8(volatile const void *base, size_t off)
{
	return *(volatile const uint8_t *)((volatile const uint8_t *)base + off);
}
static inline uint16_t mmio_read16(volatile const void *base, size_t off)
{
	return *(volatile const uint16_t *)((volatile const uint8_t *)base + off);
}
static inline uint32_t mmio_read32(volatile const void *base, size_t off)
{
	return *(volatile const uint32_t *)((volatile const uint8_t *)base + off);
}
static inline void mmio_write8(volatile void *base, size_t off, uint8_t v)
{
	*(volatile uint8_t *)((volatile uint8_t *)base + off) = v;
}
static inline void mmio_write16(volatile void *base, size_t off, uint16_t v)
{
	*(volatile uint16_t *)((volatile uint8_t *)base + off) = v;
}
static inline void mmio_write32(volatile void *base, size_t off, uint32_t v)
{
	*(volatile uint32_t *)((volatile uint8_t *)base + off) = v;
}

#endif

/*
 * The C library's allocation functions for the image (mbedTLS and kernel
 * code call malloc/calloc/realloc/free).  A locked mm/heap.c instance that
 * grows in 256 KiB steps from the page allocator.
 */
#include <stdlib.h>
#include <string.h>
#include "mm/heap.h"
#include "mm/pmm.h"
#include "lib/spinlock.h"

#define HEAP_GROW_MIN (256 * 1024)

static struct heap kernel_heap;
static struct spinlock heap_lock = SPINLOCK_INIT;
static int heap_ready;

static void *grow_from_pmm(size_t min_bytes, size_t *got, void *ctx)
{
	(void)ctx;
	size_t bytes = min_bytes < HEAP_GROW_MIN ? HEAP_GROW_MIN : min_bytes;
	uint64_t pages = (bytes + PAGE_SIZE - 1) / PAGE_SIZE;
	uint64_t phys = pmm_alloc_pages(pages, 1);
	if (!phys)
		return NULL;
	*got = pages * PAGE_SIZE;
	return (void *)(uintptr_t)phys;
}

static void heap_lazy_init(void)
{
	if (!heap_ready) {
		heap_init(&kernel_heap, grow_from_pmm, NULL);
		heap_ready = 1;
	}
}

void *malloc(size_t size)
{
	spin_lock(&heap_lock);
	heap_lazy_init();
	void *p = heap_alloc(&kernel_heap, size);
	spin_unlock(&heap_lock);
	return p;
}

void *calloc(size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		return NULL;
	void *p = malloc(n * size);
	if (p)
		memset(p, 0, n * size);
	return p;
}

void *realloc(void *p, size_t size)
{
	spin_lock(&heap_lock);
	heap_lazy_init();
	void *n = heap_realloc(&kernel_heap, p, size);
	spin_unlock(&heap_lock);
	return n;
}

void free(void *p)
{
	if (!p)
		return;
	spin_lock(&heap_lock);
	heap_free(&kernel_heap, p);
	spin_unlock(&heap_lock);
}

/*
 * General-purpose heap for the libraries (mbedTLS, later lwIP glue) and
 * for kernel objects of odd sizes.  Address-ordered first-fit free list
 * with coalescing; 16-byte aligned blocks; headers carry a magic so that a
 * double free or a corrupted header is caught (BUG_ON).  Pure logic with
 * no locking (host-tested); the locked malloc family is in mm/malloc.c.
 */
#ifndef UNIHV_MM_HEAP_H
#define UNIHV_MM_HEAP_H

#include <stddef.h>
#include <stdint.h>

#define HEAP_ALIGN 16

struct heap_free_block;

struct heap {
	struct heap_free_block *free_list; /* sorted by address */
	size_t bytes_total;  /* all memory given with heap_add_region */
	size_t bytes_used;   /* allocated blocks, headers included */
	size_t allocations;  /* live allocations */
	/* Called to get more memory when no block fits; returns a region of
	 * at least min_bytes (its size in *got) or NULL. */
	void *(*grow)(size_t min_bytes, size_t *got, void *ctx);
	void *grow_ctx;
};

void heap_init(struct heap *h, void *(*grow)(size_t, size_t *, void *), void *grow_ctx);

/* Hand memory to the heap.  The region is trimmed to HEAP_ALIGN. */
void heap_add_region(struct heap *h, void *base, size_t size);

/* malloc semantics: NULL when size is 0 or memory runs out. */
void *heap_alloc(struct heap *h, size_t size);
/* free semantics: NULL is ignored. */
void heap_free(struct heap *h, void *p);
/* realloc semantics. */
void *heap_realloc(struct heap *h, void *p, size_t size);
/* Usable size of an allocated block. */
size_t heap_block_size(const struct heap *h, const void *p);

#endif

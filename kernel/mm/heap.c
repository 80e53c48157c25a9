#include <string.h>
#include "mm/heap.h"
#include "lib/bug.h"

#define MAGIC_USED 0x75736564a110c8edull
#define MAGIC_FREE 0x66726565f4eeb10cull
#define HEADER_SIZE 16
#define MIN_BLOCK 32 /* header + room for the free-list link */

struct block_header {
	uint64_t size;  /* whole block, header included, multiple of 16 */
	uint64_t magic;
};

struct heap_free_block {
	struct block_header h;
	struct heap_free_block *next;
};

BUILD_BUG_ON(sizeof(struct block_header) != HEADER_SIZE);

static size_t round_up(size_t v, size_t a)
{
	return (v + a - 1) & ~(a - 1);
}

void heap_init(struct heap *h, void *(*grow)(size_t, size_t *, void *), void *grow_ctx)
{
	memset(h, 0, sizeof(*h));
	h->grow = grow;
	h->grow_ctx = grow_ctx;
}

/* Insert b into the address-ordered list, merging with its neighbours. */
static void insert_free(struct heap *h, struct heap_free_block *b)
{
	struct heap_free_block **link = &h->free_list, *prev = NULL;

	while (*link && *link < b) {
		prev = *link;
		link = &(*link)->next;
	}
	struct heap_free_block *next = *link;
	/* A block overlapping a free neighbour means the heap is corrupt. */
	BUG_ON(next && (char *)b + b->h.size > (char *)next);
	BUG_ON(prev && (char *)prev + prev->h.size > (char *)b);
	b->h.magic = MAGIC_FREE;
	b->next = next;
	*link = b;
	if (next && (char *)b + b->h.size == (char *)next) {
		b->h.size += next->h.size;
		b->next = next->next;
		next->h.magic = 0;
	}
	if (prev && (char *)prev + prev->h.size == (char *)b) {
		prev->h.size += b->h.size;
		prev->next = b->next;
		b->h.magic = 0;
	}
}

void heap_add_region(struct heap *h, void *base, size_t size)
{
	uintptr_t start = round_up((uintptr_t)base, HEAP_ALIGN);
	uintptr_t end = ((uintptr_t)base + size) & ~(uintptr_t)(HEAP_ALIGN - 1);

	if (end <= start || end - start < MIN_BLOCK)
		return;
	struct heap_free_block *b = (struct heap_free_block *)start;
	b->h.size = end - start;
	h->bytes_total += b->h.size;
	insert_free(h, b);
}

static void *take_first_fit(struct heap *h, size_t need)
{
	for (struct heap_free_block **link = &h->free_list; *link; link = &(*link)->next) {
		struct heap_free_block *b = *link;
		BUG_ON(b->h.magic != MAGIC_FREE);
		if (b->h.size < need)
			continue;
		if (b->h.size - need >= MIN_BLOCK) {
			/* Split: the tail stays free, in place in the list. */
			struct heap_free_block *rest = (struct heap_free_block *)((char *)b + need);
			rest->h.size = b->h.size - need;
			rest->h.magic = MAGIC_FREE;
			rest->next = b->next;
			*link = rest;
			b->h.size = need;
		} else {
			*link = b->next;
		}
		b->h.magic = MAGIC_USED;
		h->bytes_used += b->h.size;
		h->allocations++;
		return (char *)b + HEADER_SIZE;
	}
	return NULL;
}

void *heap_alloc(struct heap *h, size_t size)
{
	if (size == 0 || size > SIZE_MAX / 2)
		return NULL;
	size_t need = round_up(size + HEADER_SIZE, HEAP_ALIGN);
	if (need < MIN_BLOCK)
		need = MIN_BLOCK;
	void *p = take_first_fit(h, need);
	if (p || !h->grow)
		return p;
	size_t got = 0;
	void *region = h->grow(need + HEAP_ALIGN, &got, h->grow_ctx);
	if (!region)
		return NULL;
	heap_add_region(h, region, got);
	return take_first_fit(h, need);
}

static struct block_header *header_of(const void *p)
{
	struct block_header *hd = (struct block_header *)((char *)p - HEADER_SIZE);
	BUG_ON(((uintptr_t)p & (HEAP_ALIGN - 1)) != 0);
	BUG_ON(hd->magic != MAGIC_USED); /* double free or not from this heap */
	return hd;
}

void heap_free(struct heap *h, void *p)
{
	if (!p)
		return;
	struct block_header *hd = header_of(p);
	BUG_ON(hd->size > h->bytes_used);
	h->bytes_used -= hd->size;
	h->allocations--;
	insert_free(h, (struct heap_free_block *)hd);
}

size_t heap_block_size(const struct heap *h, const void *p)
{
	(void)h;
	return header_of(p)->size - HEADER_SIZE;
}

void *heap_realloc(struct heap *h, void *p, size_t size)
{
	if (!p)
		return heap_alloc(h, size);
	if (size == 0) {
		heap_free(h, p);
		return NULL;
	}
	size_t have = heap_block_size(h, p);
	if (size <= have)
		return p;
	void *n = heap_alloc(h, size);
	if (!n)
		return NULL;
	memcpy(n, p, have);
	heap_free(h, p);
	return n;
}

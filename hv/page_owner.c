#include "hv/page_owner.h"
#include "lib/bug.h"

#define KIND_SHIFT 28
#define OWNER_MASK PAGE_OWNER_INDEX_MAX

static uint32_t encode(enum page_owner_kind kind, uint32_t owner)
{
	return ((uint32_t)kind << KIND_SHIFT) | owner;
}

static void check_state(enum page_owner_kind kind, uint32_t owner)
{
	BUG_ON((unsigned)kind >= PAGE_OWNER_KINDS);
	BUG_ON(owner > PAGE_OWNER_INDEX_MAX);
	BUG_ON(kind == PAGE_OWNER_NONE && owner != 0);
}

void page_owner_init(struct page_owner_table *t, uint32_t *storage, uint64_t nframes)
{
	t->entries = storage;
	t->nframes = nframes;
	for (unsigned k = 0; k < PAGE_OWNER_KINDS; k++)
		t->count[k] = 0;
	t->count[PAGE_OWNER_NONE] = nframes;
	t->refused = 0;
	for (uint64_t i = 0; i < nframes; i++)
		storage[i] = encode(PAGE_OWNER_NONE, 0);
}

void page_owner_get(const struct page_owner_table *t, uint64_t pfn,
		    enum page_owner_kind *kind, uint32_t *owner)
{
	uint32_t e = pfn < t->nframes ? t->entries[pfn] : encode(PAGE_OWNER_NONE, 0);

	if (kind)
		*kind = (enum page_owner_kind)(e >> KIND_SHIFT);
	if (owner)
		*owner = e & OWNER_MASK;
}

bool page_owner_transfer(struct page_owner_table *t, uint64_t pfn,
			 enum page_owner_kind from_kind, uint32_t from_owner,
			 enum page_owner_kind to_kind, uint32_t to_owner)
{
	check_state(from_kind, from_owner);
	check_state(to_kind, to_owner);
	if (pfn >= t->nframes || t->entries[pfn] != encode(from_kind, from_owner)) {
		t->refused++;
		return false;
	}
	t->entries[pfn] = encode(to_kind, to_owner);
	t->count[from_kind]--;
	t->count[to_kind]++;
	return true;
}

uint64_t page_owner_count(const struct page_owner_table *t, enum page_owner_kind kind)
{
	BUG_ON((unsigned)kind >= PAGE_OWNER_KINDS);
	return t->count[kind];
}

uint64_t page_owner_scan(const struct page_owner_table *t, enum page_owner_kind kind,
			 uint32_t owner)
{
	check_state(kind, owner);
	uint32_t want = encode(kind, owner);
	uint64_t n = 0;

	for (uint64_t i = 0; i < t->nframes; i++)
		n += t->entries[i] == want;
	return n;
}

/*
 * The hypervisor core's entry points for the rest of the image: start-up,
 * the root's (manager's) memory, and the lock that serialises every
 * partition, memory and VP-object change.  Running VPs never hold it.
 */
#ifndef UNIHV_HV_HV_H
#define UNIHV_HV_HV_H

#include <stdbool.h>
#include <stdint.h>
#include "hv/page_owner.h"
#include "lib/spinlock.h"

typedef uint16_t hv_status_t;

extern struct spinlock hv_lock;
extern struct page_owner_table hv_page_owner;

/*
 * Enable virtualisation on every online CPU and set up the partition and
 * page-ownership tables.  Boot CPU, once, after SMP start-up.  Returns
 * true when VMX works; otherwise *why says why and VP operations fail
 * with HV_STATUS_NOT_SUPPORTED-like statuses (see hv_vmx_required()).
 */
bool hv_init(const char **why);
bool hv_virtualization_available(void);

/*
 * The root's memory: pages move from the page allocator to the root (the
 * manager, like Hyper-V's root partition) and from the root into
 * partitions (DepositMemory, MapGpaPages).  hv_root_alloc_pages takes
 * count pages (not necessarily contiguous) and stores their page numbers;
 * returns false (nothing taken) if memory runs out.  hv_root_free_pages
 * returns root pages to the allocator; pages not owned by the root are
 * refused (returns how many were freed).
 */
bool hv_root_alloc_pages(uint64_t *pfns, uint32_t count);
/* count contiguous root pages aligned to align pages; first page number in
 * *pfn, false if memory runs out. */
bool hv_root_alloc_contiguous(uint64_t count, uint64_t align, uint64_t *pfn);
uint32_t hv_root_free_pages(const uint64_t *pfns, uint32_t count);

#endif

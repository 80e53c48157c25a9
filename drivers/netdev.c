/*
 * The list of network devices and the fault policy shared by the drivers.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "drivers/netdev.h"
#include "drivers/netdev_drivers.h"
#include "console/log.h"

static struct netdev *devices[NETDEV_MAX];
static unsigned device_count;

bool netdev_register(struct netdev *nd)
{
	if (device_count == NETDEV_MAX)
		return false;
	snprintf(nd->name, sizeof(nd->name), "net%u", device_count);
	devices[device_count++] = nd;
	log_info("%s: %s %02x:%02x:%02x:%02x:%02x:%02x (pci %02x:%02x.%u)", nd->name, nd->driver,
		 nd->mac[0], nd->mac[1], nd->mac[2], nd->mac[3], nd->mac[4], nd->mac[5],
		 nd->pci->bus, nd->pci->dev, nd->pci->fn);
	return true;
}

unsigned netdev_count(void)
{
	return device_count;
}

struct netdev *netdev_at(unsigned index)
{
	return index < device_count ? devices[index] : NULL;
}

unsigned netdev_probe_pci(void)
{
	for (unsigned i = 0; i < pci_device_count(); i++) {
		const struct pci_device *pci = pci_device_at(i);
		for (const struct netdev_driver *const *d = netdev_drivers; *d; d++) {
			if (!(*d)->match(pci))
				continue;
			const char *why = (*d)->probe(pci);
			if (why)
				log_error("%s: pci %02x:%02x.%u %04x:%04x not used: %s", (*d)->name,
					  pci->bus, pci->dev, pci->fn, pci->vendor_id, pci->device_id,
					  why);
			break;
		}
	}
	return device_count;
}

bool netdev_fault(struct netdev *nd, const char *fmt, ...)
{
	char why[160];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	nd->stats.resets++;
	if (nd->stats.resets > NETDEV_MAX_RESETS) {
		nd->disabled = true;
		log_error("%s: %s misbehaved: %s; reset %llu times, device disabled", nd->name,
			  nd->driver, why, (unsigned long long)nd->stats.resets - 1);
		return false;
	}
	log_error("%s: %s misbehaved: %s; resetting it", nd->name, nd->driver, why);
	return true;
}

const char *netdev_restart(struct netdev *nd)
{
	if (nd->disabled)
		return "the device is disabled";
	const char *why = nd->ops->restart(nd);
	if (why)
		log_error("%s: restart failed: %s; device disabled", nd->name, why);
	else
		log_info("%s: restarted", nd->name);
	return why;
}

size_t netdev_gather(void *buf, size_t cap, const struct netdev_frag *frags, unsigned nfrags)
{
	size_t total = 0;

	if (nfrags > NETDEV_MAX_FRAGS)
		return 0;
	if (cap > NETDEV_MAX_FRAME)
		cap = NETDEV_MAX_FRAME;
	for (unsigned i = 0; i < nfrags; i++) {
		if (frags[i].len > cap - total)
			return 0;
		memcpy((uint8_t *)buf + total, frags[i].data, frags[i].len);
		total += frags[i].len;
	}
	return total < 14 ? 0 : total;
}

/*
 * The NIC drivers linked into the image, in probe order
 * (drivers/netdev_drivers.c).  A PCI function goes to the first driver
 * whose match() accepts it.
 */
#ifndef UNIHV_DRIVERS_NETDEV_DRIVERS_H
#define UNIHV_DRIVERS_NETDEV_DRIVERS_H

#include "drivers/netdev.h"

/* NULL-terminated. */
extern const struct netdev_driver *const netdev_drivers[];

#endif

/*
 * Intel 82540EM ("e1000", 8086:100e: QEMU's -device e1000 and Bochs's
 * e1000): legacy descriptors, polled.  Registered through
 * drivers/netdev_drivers.c.
 */
#ifndef UNIHV_DRIVERS_E1000_H
#define UNIHV_DRIVERS_E1000_H

#include "drivers/netdev.h"

extern const struct netdev_driver e1000_driver;

#endif

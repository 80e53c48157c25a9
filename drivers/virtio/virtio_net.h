/*
 * virtio-net (Virtio 1.1 section 5.1): one receive and one transmit queue,
 * no offloads, polled.  Registered through drivers/netdev_drivers.c.
 */
#ifndef UNIHV_DRIVERS_VIRTIO_VIRTIO_NET_H
#define UNIHV_DRIVERS_VIRTIO_VIRTIO_NET_H

#include "drivers/netdev.h"

extern const struct netdev_driver virtio_net_driver;

#endif

#include "drivers/netdev_drivers.h"
#include "drivers/e1000.h"
#include "drivers/virtio/virtio_net.h"

const struct netdev_driver *const netdev_drivers[] = {
	&virtio_net_driver,
	&e1000_driver,
	NULL,
};

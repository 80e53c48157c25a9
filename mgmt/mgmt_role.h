/*
 * Who a management client is: the subject CN of its certificate and the
 * role the configuration bundle gives that name.
 */
#ifndef UNIHV_MGMT_MGMT_ROLE_H
#define UNIHV_MGMT_MGMT_ROLE_H

enum mgmt_role {
	MGMT_ROLE_READ_ONLY = 0, /* may call methods that change nothing */
	MGMT_ROLE_ADMIN = 1,     /* may call every method */
};

#define MGMT_CLIENT_NAME_MAX 64 /* bytes, including the terminating NUL */

#endif

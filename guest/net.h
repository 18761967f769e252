/* The guest's network: loopback always; eth0 through the host's slirp4netns with --net. */
#ifndef UJW_NET_H
#define UJW_NET_H
#include "spec.h"
#include <stddef.h>

/* Brings lo up and, with --net, configures the vector device (address, default route). Returns 0, or -1
 * with a message. */
int net_configure(const struct job_spec *spec, char *err, size_t errlen);

/* With --net, gives the job's root an /etc/resolv.conf naming the guest's DNS server: written into a
 * throw-away root, mounted over the file otherwise (the host's stays as it is). */
int net_resolver(const struct job_spec *spec, const char *root, int layered, char *err, size_t errlen);

#endif

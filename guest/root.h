/* The job's root file system: the host's or a foreign one, with the guest's own /proc, /sys, /dev. */
#ifndef UJW_ROOT_H
#define UJW_ROOT_H
#include "spec.h"
#include <stddef.h>

/* Builds the job's root at /newroot as the spec asks and switches the agent into it. Returns 0, or -1
 * with a message in err. */
int root_enter(const struct job_spec *spec, char *err, size_t errlen);

/* --sandbox-keep: after the job, copies what it changed on the host into spec->keep. Returns 0, or -1
 * with a message. */
int root_keep_changes(const struct job_spec *spec, char *err, size_t errlen);

#endif

/* Assembling the file system the job sees, from inside the initramfs. */
#ifndef UJW_MOUNTS_H
#define UJW_MOUNTS_H
#include "spec.h"
#include <stddef.h>

/* /dev and /proc of the initramfs, which the agent itself needs. Returns 0 or -1 with a message. */
int mounts_early(char *err, size_t errlen);

/* Mounts the host's run directory privately in the initramfs; returns a directory fd that stays usable
 * after the agent enters the job's root, or -1 with a message. */
int mounts_run_dir(const char *host_path, char *err, size_t errlen);

/* Mounts the host's root at /newroot with the guest's own /proc, /sys, /dev, the host again at
 * spec->host_mount, and switches the agent into it. Returns 0 or -1 with a message. */
int mounts_enter_root(const struct job_spec *spec, char *err, size_t errlen);

#endif

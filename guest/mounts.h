/* Mounting helpers for assembling the job's file system from inside the initramfs. */
#ifndef UJW_MOUNTS_H
#define UJW_MOUNTS_H
#include <stddef.h>
#include <sys/stat.h>

#define NEWROOT "/newroot"

/* Formats "what path: strerror(errno)" into err and returns -1. */
int failed(char *err, size_t errlen, const char *what, const char *path);

/* mkdir -p target and mount there; returns 0, or -1 with a message. */
int mount_at(const char *src, const char *target, const char *type, unsigned long flags, const char *data,
             char *err, size_t errlen);

/* Mounts the host directory host_path (an absolute host path) at target through hostfs, relative to the
 * kernel's hostfs= root when there is one (mounts_set_hostfs_root). */
int mount_hostfs(const char *host_path, const char *target, unsigned long flags, char *err, size_t errlen);
void mounts_set_hostfs_root(const char *root);

/* mkdir -p */
void make_dirs(const char *path);

/* /dev and /proc of the initramfs, which the agent itself needs. Returns 0 or -1 with a message. */
int mounts_early(char *err, size_t errlen);

/* Mounts the host's run directory privately in the initramfs; returns a directory fd that stays usable
 * after the agent enters the job's root, or -1 with a message. */
int mounts_run_dir(const char *host_path, char *err, size_t errlen);

/* Loads one of the kernel's own modules (name relative to <modules>/<release>/) from the host directory
 * modules: the guest kernel has no modprobe of its own. */
int load_module(const char *modules, const char *name, char *err, size_t errlen);

/* Mounts an overlay at target: lower (a directory in the guest) under a fresh writable layer named
 * name in the guest's memory. upper receives the layer's upper directory. */
int mount_layer(const char *modules, const char *lower, const char *target, const char *name, unsigned long flags,
                char *upper, size_t upperlen, char *err, size_t errlen);

/* Puts a tmpfs over dir with the entries it had bound back into it, so that new mount points can be made
 * there without touching what lies below. Returns 0, or -1 with a message. */
int shadow_dir(const char *dir, char *err, size_t errlen);

#endif

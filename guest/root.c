#include "root.h"
#include "identity.h"
#include "keep.h"
#include "mounts.h"
#include "net.h"
#include "protocol.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_LAYERS 64

/* Sandbox layers whose changes --sandbox-keep saves: an upper directory and the host path it covers. */
static struct { char upper[256]; char host[4096]; } layers[MAX_LAYERS];
static int nlayers;
static int initramfs_fd = -1; /* the agent's way back out of the job's root */

static const char *modules_of(const struct job_spec *spec) {
    return spec->modules ? spec->modules : "/usr/lib/uml/modules";
}

/* The host directory host_path at target, writable or not as flags say, or under a sandbox layer. */
static int mount_host_dir(const struct job_spec *spec, const char *host_path, const char *target, unsigned long flags,
                          char *err, size_t errlen) {
    if (!(spec->flags & FLAG_SANDBOX)) return mount_hostfs(host_path, target, flags, err, errlen);
    char lower[64], name[32];
    if (nlayers == MAX_LAYERS) { snprintf(err, errlen, "too many sandboxed directories"); return -1; }
    snprintf(name, sizeof name, "host%d", nlayers);
    snprintf(lower, sizeof lower, "/lower/%s", name);
    make_dirs(lower);
    if (mount_hostfs(host_path, lower, flags | MS_RDONLY, err, errlen) < 0 ||
        mount_layer(modules_of(spec), lower, target, name, flags & ~MS_RDONLY, layers[nlayers].upper, sizeof layers[0].upper, err,
                    errlen) < 0)
        return -1;
    snprintf(layers[nlayers++].host, sizeof layers[0].host, "%s", host_path);
    return 0;
}

/* The foreign root at NEWROOT. Returns 1 when it lies under a throw-away layer, 0 when the job writes
 * to it directly, -1 on failure. */
static int mount_foreign_root(const struct job_spec *spec, unsigned long flags, char *err, size_t errlen) {
    int writable = spec->flags & FLAG_ROOT_WRITABLE;
    if (spec->root_device) {
        /* Without --rootfs-writable the device is the image under a copy-on-write file the host discards. */
        if (mount(spec->root_device, NEWROOT, "ext4", flags, NULL) < 0 &&
            mount(spec->root_device, NEWROOT, "ext2", flags, NULL) < 0)
            return failed(err, errlen, "cannot mount the root file system image on", spec->root_device);
        return !writable;
    }
    if (writable) return mount_hostfs(spec->root_dir, NEWROOT, flags, err, errlen) < 0 ? -1 : 0;
    char upper[256];
    if (mount_hostfs(spec->root_dir, "/lower/root", flags | MS_RDONLY, err, errlen) < 0 ||
        mount_layer(modules_of(spec), "/lower/root", NEWROOT, "root", flags, upper, sizeof upper, err, errlen) < 0)
        return -1;
    return 1;
}

/* Makes an empty directory at path inside the job's root: in a foreign root directly (into its layer,
 * or, with --rootfs-writable, into the root itself), in the host's under a shadow of its nearest
 * existing parent, so that nothing is created on the host. */
static int make_mount_point(const char *path, int on_host, char *err, size_t errlen) {
    struct stat st;
    if (stat(path, &st) == 0) return 0;
    if (on_host) {
        char parent[4096];
        snprintf(parent, sizeof parent, "%s", path);
        do *strrchr(parent, '/') = '\0';
        while (stat(parent, &st) < 0);
        if (shadow_dir(parent, err, errlen) < 0) return -1;
    }
    make_dirs(path);
    return 0;
}

static int by_guest_length(const void *a, const void *b) {
    return (int)strlen(((const struct bind *)a)->guest) - (int)strlen(((const struct bind *)b)->guest);
}

/* The job's working directory and --link directories at their host paths, and --bind directories at
 * theirs, parents first. */
static int mount_binds(const struct job_spec *spec, unsigned long flags, char *err, size_t errlen) {
    qsort(spec->binds, spec->nbinds, sizeof *spec->binds, by_guest_length);
    for (size_t i = 0; i < spec->nbinds; i++) {
        char at[4096];
        snprintf(at, sizeof at, NEWROOT "%s", spec->binds[i].guest);
        if (make_mount_point(at, 0, err, errlen) < 0 ||
            mount_host_dir(spec, spec->binds[i].host, at, flags, err, errlen) < 0)
            return -1;
    }
    return 0;
}

/* The whole host file system again at spec->host_mount (normally /mnt/host). */
static int mount_host_view(const struct job_spec *spec, unsigned long flags, int foreign, char *err, size_t errlen) {
    char at[4096];
    snprintf(at, sizeof at, NEWROOT "%s", spec->host_mount);
    if (make_mount_point(at, !foreign, err, errlen) < 0) return -1;
    return mount_hostfs("/", at, flags, err, errlen);
}

int root_enter(const struct job_spec *spec, char *err, size_t errlen) {
    unsigned long flags = 0;
    int foreign = spec->root_dir || spec->root_device, layered = 0;
    if (spec->uid != 0) flags |= MS_NOSUID; /* the job never gains uid 0 unless the caller has it */
    if (spec->flags & FLAG_ROOT_RO) flags |= MS_RDONLY;
    if (foreign) {
        if ((layered = mount_foreign_root(spec, flags & ~MS_RDONLY, err, errlen)) < 0) return -1;
    } else if (mount_host_dir(spec, "/", NEWROOT, flags, err, errlen) < 0) {
        return -1;
    }
    if (spec->flags & FLAG_SANDBOX) flags |= MS_RDONLY; /* the host seen elsewhere must not be a way around it */
    if (mount_at("proc", NEWROOT "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL, err, errlen) < 0 ||
        mount_at("sysfs", NEWROOT "/sys", "sysfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL, err, errlen) < 0 ||
        mount_at("devtmpfs", NEWROOT "/dev", "devtmpfs", MS_NOSUID, NULL, err, errlen) < 0 ||
        mount_at("devpts", NEWROOT "/dev/pts", "devpts", MS_NOSUID | MS_NOEXEC, "newinstance,ptmxmode=0666,mode=0620",
                 err, errlen) < 0 ||
        mount_at("tmpfs", NEWROOT "/dev/shm", "tmpfs", MS_NOSUID | MS_NODEV, "mode=1777", err, errlen) < 0)
        return -1;
    /* Read-only: the host keeps everything but the --writable directories; the job still gets a scratch
     * /tmp of its own, as it does in a throw-away foreign root. */
    if ((spec->flags & FLAG_ROOT_RO || (foreign && layered)) &&
        mount_at("tmpfs", NEWROOT "/tmp", "tmpfs", MS_NOSUID | MS_NODEV, "mode=1777", err, errlen) < 0)
        return -1;
    if (foreign && mount_binds(spec, flags, err, errlen) < 0) return -1;
    for (char **dir = spec->writable; dir && *dir; dir++) {
        char at[4096];
        snprintf(at, sizeof at, NEWROOT "%s", *dir);
        make_dirs(at); /* exists on the host; in a private /tmp it has to be made */
        if (mount_hostfs(*dir, at, flags & ~MS_RDONLY, err, errlen) < 0) return -1;
    }
    /* /dev/ptmx must be the new devpts instance's, for ptys the job opens. */
    unlink(NEWROOT "/dev/ptmx");
    (void)!symlink("pts/ptmx", NEWROOT "/dev/ptmx");
    if (spec->host_mount && mount_host_view(spec, flags, foreign, err, errlen) < 0) return -1;
    if (foreign && identity_add(spec, NEWROOT, layered, err, errlen) < 0) return -1;
    if (net_resolver(spec, NEWROOT, foreign && layered, err, errlen) < 0) return -1;
    if (foreign && (spec->flags & FLAG_ROOT_RO) &&
        mount(NULL, NEWROOT, NULL, MS_REMOUNT | MS_BIND | MS_RDONLY | flags, NULL) < 0)
        return failed(err, errlen, "cannot make read-only", "the root file system");
    initramfs_fd = open("/", O_DIRECTORY | O_RDONLY | O_CLOEXEC);
    if (chdir(NEWROOT) < 0 || chroot(".") < 0 || chdir("/") < 0) return failed(err, errlen, "cannot enter", NEWROOT);
    return 0;
}

int root_keep_changes(const struct job_spec *spec, char *err, size_t errlen) {
    /* Back to the initramfs, where the layers' upper directories are. */
    if (fchdir(initramfs_fd) < 0 || chroot(".") < 0)
        return failed(err, errlen, "cannot leave", "the job's root");
    if (mount_hostfs(spec->keep, "/keep", MS_NOSUID | MS_NODEV, err, errlen) < 0) return -1;
    for (int i = 0; i < nlayers; i++) {
        char to[4096 + 8];
        snprintf(to, sizeof to, "/keep%s", strcmp(layers[i].host, "/") ? layers[i].host : "");
        make_dirs(to);
        if (keep_copy(layers[i].upper, to, err, errlen) < 0) return -1;
    }
    return 0;
}

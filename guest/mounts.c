#include "mounts.h"
#include "protocol.h"
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <unistd.h>

#define NEWROOT "/newroot"

static int failed(char *err, size_t errlen, const char *what, const char *path) {
    snprintf(err, errlen, "%s %s: %s", what, path, strerror(errno));
    return -1;
}

static int mount_at(const char *src, const char *target, const char *type, unsigned long flags,
                    const char *data, char *err, size_t errlen) {
    mkdir(target, 0755);
    if (mount(src, target, type, flags, data) < 0) return failed(err, errlen, "cannot mount", target);
    return 0;
}

int mounts_early(char *err, size_t errlen) {
    if (mount_at("devtmpfs", "/dev", "devtmpfs", MS_NOSUID, NULL, err, errlen) < 0) return -1;
    return mount_at("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL, err, errlen);
}

int mounts_run_dir(const char *host_path, char *err, size_t errlen) {
    if (mount_at("none", "/rundir", "hostfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, host_path, err, errlen) < 0) return -1;
    int fd = open("/rundir", O_DIRECTORY | O_RDONLY | O_CLOEXEC);
    if (fd < 0) return failed(err, errlen, "cannot open", "/rundir");
    return fd;
}

/* mkdir -p */
static void make_dirs(const char *path) {
    char p[4096];
    snprintf(p, sizeof p, "%s", path);
    for (char *s = p + 1; *s; s++)
        if (*s == '/') *s = '\0', mkdir(p, 0755), *s = '/';
    mkdir(p, 0755);
}

/* Creates an empty mount point at path shaped like the host entry st (directory or file). */
static int make_mount_point(const char *path, const struct stat *st) {
    if (S_ISDIR(st->st_mode)) return mkdir(path, 0755);
    int fd = open(path, O_CREAT | O_WRONLY | O_CLOEXEC, 0644);
    return fd < 0 ? -1 : close(fd);
}

/* Puts a tmpfs over <root><at> (the host's /mnt, say) holding the whole host file system at
 * <root><at>/host, and binds each host entry of that directory back over it, so that the host's own
 * entries stay where they were. Nothing on the host is created. */
static int mount_host_view(const char *at, unsigned long hostfs_flags, char *err, size_t errlen) {
    char dir[4096], host[4096], real[4096], entry[4096], back[4096];
    const char *slash = strrchr(at, '/');
    if (!slash || slash == at) return 0; /* the host checks for a path below a top-level directory */
    snprintf(dir, sizeof dir, NEWROOT "%.*s", (int)(slash - at), at);
    snprintf(host, sizeof host, NEWROOT "%s", at);
    struct stat st;
    if (stat(dir, &st) < 0 || !S_ISDIR(st.st_mode)) return 0; /* nowhere to put it without touching the host */
    if (mount_at("tmpfs", dir, "tmpfs", MS_NOSUID | MS_NODEV, "mode=0755", err, errlen) < 0) return -1;
    if (mount_at("none", host, "hostfs", hostfs_flags, "/", err, errlen) < 0) return -1;
    snprintf(real, sizeof real, "%s%.*s", host, (int)(slash - at), at);
    DIR *d = opendir(real);
    if (!d) return 0;
    for (struct dirent *e; (e = readdir(d));) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..") || !strcmp(e->d_name, slash + 1)) continue;
        snprintf(entry, sizeof entry, "%s/%s", real, e->d_name);
        snprintf(back, sizeof back, "%s/%s", dir, e->d_name);
        if (lstat(entry, &st) < 0) continue;
        if (S_ISLNK(st.st_mode)) {
            char target[4096];
            ssize_t n = readlink(entry, target, sizeof target - 1);
            if (n >= 0) target[n] = '\0', (void)!symlink(target, back);
            continue;
        }
        if (make_mount_point(back, &st) == 0) mount(entry, back, NULL, MS_BIND | MS_REC, NULL);
    }
    closedir(d);
    return 0;
}

/* Loads one of the kernel's own modules from the host (the guest kernel has no modprobe of its own):
 * name is relative to <modules>/<release>/, modules a host directory. */
static int load_module(const char *modules, const char *name, char *err, size_t errlen) {
    struct utsname u;
    char path[4096];
    uname(&u);
    if (mount_at("none", "/modules", "hostfs", MS_RDONLY | MS_NOSUID | MS_NODEV, modules, err, errlen) < 0) return -1;
    snprintf(path, sizeof path, "/modules/%s/%s", u.release, name);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    long r = fd < 0 ? -1 : syscall(SYS_finit_module, fd, "", 0);
    int e = errno;
    if (fd >= 0) close(fd);
    umount("/modules");
    errno = e;
    snprintf(path, sizeof path, "%s/%s/%s", modules, u.release, name);
    if (fd < 0) return failed(err, errlen, "cannot open the kernel module", path);
    if (r < 0 && errno != EEXIST) return failed(err, errlen, "cannot load the kernel module", path);
    return 0;
}

/* The sandbox: the host's root, read-only, under a tmpfs layer that takes every write and is discarded
 * with the guest. */
static int mount_sandbox(const struct job_spec *spec, unsigned long flags, char *err, size_t errlen) {
    if (mount_at("none", "/lower", "hostfs", flags | MS_RDONLY, "/", err, errlen) < 0 ||
        load_module(spec->modules ? spec->modules : "/usr/lib/uml/modules", "kernel/fs/overlayfs/overlay.ko", err, errlen) < 0 ||
        mount_at("tmpfs", "/layer", "tmpfs", 0, "mode=0755", err, errlen) < 0)
        return -1;
    mkdir("/layer/upper", 0755);
    mkdir("/layer/work", 0755);
    return mount_at("overlay", NEWROOT, "overlay", flags,
                    "lowerdir=/lower,upperdir=/layer/upper,workdir=/layer/work", err, errlen);
}

int mounts_enter_root(const struct job_spec *spec, char *err, size_t errlen) {
    unsigned long flags = 0;
    if (spec->uid != 0) flags |= MS_NOSUID; /* the job never gains uid 0 unless the caller has it */
    if (spec->flags & FLAG_ROOT_RO) flags |= MS_RDONLY;
    if (spec->flags & FLAG_SANDBOX) {
        if (mount_sandbox(spec, flags, err, errlen) < 0) return -1;
        flags |= MS_RDONLY; /* /mnt/host below must not be a way around the sandbox */
    } else if (mount_at("none", NEWROOT, "hostfs", flags, "/", err, errlen) < 0) {
        return -1;
    }
    if (mount_at("proc", NEWROOT "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL, err, errlen) < 0 ||
        mount_at("sysfs", NEWROOT "/sys", "sysfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL, err, errlen) < 0 ||
        mount_at("devtmpfs", NEWROOT "/dev", "devtmpfs", MS_NOSUID, NULL, err, errlen) < 0 ||
        mount_at("devpts", NEWROOT "/dev/pts", "devpts", MS_NOSUID | MS_NOEXEC, "newinstance,ptmxmode=0666,mode=0620",
                 err, errlen) < 0 ||
        mount_at("tmpfs", NEWROOT "/dev/shm", "tmpfs", MS_NOSUID | MS_NODEV, "mode=1777", err, errlen) < 0)
        return -1;
    /* Read-only: the host keeps everything but the --writable directories; the job still gets a scratch
     * /tmp of its own. */
    if ((spec->flags & FLAG_ROOT_RO) &&
        mount_at("tmpfs", NEWROOT "/tmp", "tmpfs", MS_NOSUID | MS_NODEV, "mode=1777", err, errlen) < 0)
        return -1;
    for (char **dir = spec->writable; dir && *dir; dir++) {
        char at[4096];
        snprintf(at, sizeof at, NEWROOT "%s", *dir);
        make_dirs(at); /* exists on the host; in the private /tmp it has to be made */
        if (mount_at("none", at, "hostfs", flags & ~MS_RDONLY, *dir, err, errlen) < 0) return -1;
    }
    /* /dev/ptmx must be the new devpts instance's, for ptys the job opens. */
    unlink(NEWROOT "/dev/ptmx");
    (void)!symlink("pts/ptmx", NEWROOT "/dev/ptmx");
    if (spec->host_mount && mount_host_view(spec->host_mount, flags, err, errlen) < 0) return -1;
    if (chdir(NEWROOT) < 0 || chroot(".") < 0 || chdir("/") < 0) return failed(err, errlen, "cannot enter", NEWROOT);
    return 0;
}

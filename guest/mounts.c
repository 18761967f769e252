#include "mounts.h"
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <unistd.h>

int failed(char *err, size_t errlen, const char *what, const char *path) {
    snprintf(err, errlen, "%s %s: %s", what, path, strerror(errno));
    return -1;
}

int mount_at(const char *src, const char *target, const char *type, unsigned long flags, const char *data,
             char *err, size_t errlen) {
    make_dirs(target);
    if (mount(src, target, type, flags, data) < 0) return failed(err, errlen, "cannot mount", target);
    return 0;
}

void make_dirs(const char *path) {
    char p[4096];
    snprintf(p, sizeof p, "%s", path);
    for (char *s = p + 1; *s; s++)
        if (*s == '/') *s = '\0', mkdir(p, 0755), *s = '/';
    mkdir(p, 0755);
}

static const char *hostfs_root = ""; /* the kernel's hostfs= prefix: host paths are relative to it */

void mounts_set_hostfs_root(const char *root) {
    hostfs_root = root ? root : "";
}

int mount_hostfs(const char *host_path, const char *target, unsigned long flags, char *err, size_t errlen) {
    size_t n = strlen(hostfs_root);
    const char *path = host_path;
    if (n && !strncmp(host_path, hostfs_root, n) && (host_path[n] == '/' || !host_path[n]))
        path = host_path[n] ? host_path + n : "/";
    else if (n) {
        snprintf(err, errlen, "host path %s is outside the hostfs root %s", host_path, hostfs_root);
        return -1;
    }
    return mount_at("none", target, "hostfs", flags, path, err, errlen);
}

int mounts_early(char *err, size_t errlen) {
    if (mount_at("devtmpfs", "/dev", "devtmpfs", MS_NOSUID, NULL, err, errlen) < 0) return -1;
    return mount_at("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL, err, errlen);
}

int mounts_run_dir(const char *host_path, char *err, size_t errlen) {
    if (mount_hostfs(host_path, "/rundir", MS_NOSUID | MS_NODEV | MS_NOEXEC, err, errlen) < 0) return -1;
    int fd = open("/rundir", O_DIRECTORY | O_RDONLY | O_CLOEXEC);
    if (fd < 0) return failed(err, errlen, "cannot open", "/rundir");
    return fd;
}

int load_module(const char *modules, const char *name, char *err, size_t errlen) {
    struct utsname u;
    char path[4096];
    uname(&u);
    if (mount_hostfs(modules, "/modules", MS_RDONLY | MS_NOSUID | MS_NODEV, err, errlen) < 0) return -1;
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

int mount_layer(const char *modules, const char *lower, const char *target, const char *name, unsigned long flags,
                char *upper, size_t upperlen, char *err, size_t errlen) {
    static int ready;
    if (!ready) {
        if (load_module(modules, "kernel/fs/overlayfs/overlay.ko", err, errlen) < 0 ||
            mount_at("tmpfs", "/layer", "tmpfs", 0, "mode=0755", err, errlen) < 0)
            return -1;
        ready = 1;
    }
    char work[4096], data[8192 + 64];
    snprintf(upper, upperlen, "/layer/%s/upper", name);
    snprintf(work, sizeof work, "/layer/%s/work", name);
    make_dirs(upper);
    make_dirs(work);
    struct stat st; /* the layer's top is the overlay's root directory: it must look like the lower one */
    if (stat(lower, &st) == 0) {
        (void)!chown(upper, st.st_uid, st.st_gid);
        chmod(upper, st.st_mode & 07777);
    }
    snprintf(data, sizeof data, "lowerdir=%s,upperdir=%s,workdir=%s", lower, upper, work);
    return mount_at("overlay", target, "overlay", flags, data, err, errlen);
}

/* Creates an empty entry at path shaped like the entry st (directory or file), to mount st's entry on. */
static int make_like(const char *path, const struct stat *st) {
    if (S_ISDIR(st->st_mode)) return mkdir(path, 0755);
    int fd = open(path, O_CREAT | O_WRONLY | O_CLOEXEC, 0644);
    return fd < 0 ? -1 : close(fd);
}

int shadow_dir(const char *dir, char *err, size_t errlen) {
    char entry[4096], back[4096];
    struct stat st;
    if (mount_at(dir, "/shadowed", NULL, MS_BIND | MS_REC, NULL, err, errlen) < 0 || stat("/shadowed", &st) < 0 ||
        mount_at("tmpfs", dir, "tmpfs", MS_NOSUID | MS_NODEV, "mode=0755", err, errlen) < 0)
        return -1;
    chmod(dir, st.st_mode & 07777);
    (void)!chown(dir, st.st_uid, st.st_gid);
    DIR *d = opendir("/shadowed");
    for (struct dirent *e; d && (e = readdir(d));) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
        snprintf(entry, sizeof entry, "/shadowed/%s", e->d_name);
        snprintf(back, sizeof back, "%s/%s", dir, e->d_name);
        if (lstat(entry, &st) < 0) continue;
        if (S_ISLNK(st.st_mode)) {
            char target[4096];
            ssize_t n = readlink(entry, target, sizeof target - 1);
            if (n >= 0) target[n] = '\0', (void)!symlink(target, back);
        } else if (make_like(back, &st) == 0) {
            mount(entry, back, NULL, MS_BIND | MS_REC, NULL);
        }
    }
    if (d) closedir(d);
    umount2("/shadowed", MNT_DETACH);
    return 0;
}

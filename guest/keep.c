#include "keep.h"
#include "mounts.h"
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/xattr.h>
#include <unistd.h>

static int touch(const char *dir, const char *name, char *err, size_t errlen) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    int fd = open(path, O_CREAT | O_WRONLY | O_CLOEXEC, 0644);
    if (fd < 0) return failed(err, errlen, "cannot create", path);
    return close(fd);
}

static int copy_file(const char *from, const char *to, mode_t mode, char *err, size_t errlen) {
    static char buf[1 << 16];
    int in = open(from, O_RDONLY | O_CLOEXEC);
    int out = open(to, O_CREAT | O_TRUNC | O_WRONLY | O_CLOEXEC, mode & 0777);
    ssize_t n = 0;
    while (in >= 0 && out >= 0 && (n = read(in, buf, sizeof buf)) > 0)
        if (write(out, buf, n) != n) { n = -1; break; }
    int ok = in >= 0 && out >= 0 && n == 0;
    if (in >= 0) close(in);
    if (out >= 0 && close(out) < 0) ok = 0;
    return ok ? 0 : failed(err, errlen, "cannot save", to);
}

/* Modes (with set-id bits) and times, after the contents: writing would clear them. */
static void copy_metadata(const char *to, const struct stat *st) {
    struct timespec times[2] = { st->st_atim, st->st_mtim };
    if (!S_ISLNK(st->st_mode)) chmod(to, st->st_mode & 07777);
    utimensat(AT_FDCWD, to, times, AT_SYMLINK_NOFOLLOW);
}

int keep_copy(const char *from, const char *to, char *err, size_t errlen) {
    DIR *d = opendir(from);
    if (!d) return failed(err, errlen, "cannot read the sandbox layer", from);
    char opaque[2];
    if (getxattr(from, "trusted.overlay.opaque", opaque, sizeof opaque) == 1 && opaque[0] == 'y' &&
        touch(to, ".wh..wh..opq", err, errlen) < 0)
        goto fail;
    for (struct dirent *e; (e = readdir(d));) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
        char src[4096], dst[4096];
        struct stat st;
        snprintf(src, sizeof src, "%s/%s", from, e->d_name);
        snprintf(dst, sizeof dst, "%s/%s", to, e->d_name);
        if (lstat(src, &st) < 0) continue;
        if (S_ISCHR(st.st_mode) && st.st_rdev == makedev(0, 0)) { /* overlayfs's mark of a deleted entry */
            char name[300];
            snprintf(name, sizeof name, ".wh.%s", e->d_name);
            if (touch(to, name, err, errlen) < 0) goto fail;
            continue;
        }
        if (S_ISDIR(st.st_mode)) {
            if (mkdir(dst, 0700) < 0 && errno != EEXIST) { failed(err, errlen, "cannot create", dst); goto fail; }
            if (keep_copy(src, dst, err, errlen) < 0) goto fail;
        } else if (S_ISLNK(st.st_mode)) {
            char target[4096];
            ssize_t n = readlink(src, target, sizeof target - 1);
            if (n < 0) continue;
            target[n] = '\0';
            if (symlink(target, dst) < 0) { failed(err, errlen, "cannot create", dst); goto fail; }
        } else if (S_ISREG(st.st_mode)) {
            if (copy_file(src, dst, st.st_mode, err, errlen) < 0) goto fail;
        } else {
            continue; /* device nodes, fifos and sockets are not kept */
        }
        copy_metadata(dst, &st);
    }
    closedir(d);
    return 0;
fail:
    closedir(d);
    return -1;
}

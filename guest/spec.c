#include "spec.h"
#include "protocol.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char *slurp(const char *path, size_t *len) {
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return NULL;
    struct stat st;
    if (fstat(fd, &st) < 0) { close(fd); return NULL; }
    char *buf = malloc(st.st_size + 1);
    size_t got = 0;
    while (buf && got < (size_t)st.st_size) {
        ssize_t n = read(fd, buf + got, st.st_size - got);
        if (n <= 0) { free(buf); buf = NULL; break; }
        got += n;
    }
    close(fd);
    *len = got;
    return buf;
}

static uint32_t le32(const unsigned char *p) {
    return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

/* Appends s to a NULL-terminated array that has *n entries. */
static char **push(char **list, size_t *n, char *s) {
    list = realloc(list, (*n + 2) * sizeof *list);
    if (!list) return NULL;
    list[(*n)++] = s;
    list[*n] = NULL;
    return list;
}

static void add_bind(struct job_spec *spec, const char *host, const char *guest) {
    struct bind *b = realloc(spec->binds, (spec->nbinds + 1) * sizeof *b);
    if (!b) return;
    spec->binds = b;
    spec->binds[spec->nbinds++] = (struct bind){ host, guest };
}

int spec_read(const char *path, struct job_spec *spec, char *err, size_t errlen) {
    size_t len, nargs = 0, nenv = 0, nwritable = 0, ngroup_lines = 0;
    char *buf = slurp(path, &len);
    memset(spec, 0, sizeof *spec);
    spec->umask = 022;
    if (!buf) { snprintf(err, errlen, "cannot read job spec %s: %s", path, strerror(errno)); return -1; }
    size_t magic = strlen(SPEC_MAGIC);
    if (len < magic || memcmp(buf, SPEC_MAGIC, magic) != 0) {
        snprintf(err, errlen, "job spec %s has the wrong format (version mismatch?)", path);
        return -1;
    }
    size_t at = magic;
    while (at < len) {
        if (len - at < 6) goto truncated;
        unsigned char *h = (unsigned char *)buf + at;
        unsigned tag = h[0] | h[1] << 8;
        uint32_t n = le32(h + 2);
        at += 6;
        if (len - at < n) goto truncated;
        /* Each value becomes a NUL-terminated string in place: shift it left over its header. */
        char *value = buf + at - 6;
        memmove(value, buf + at, n);
        value[n] = '\0';
        at += n;
        uint32_t num = n >= 4 ? le32((unsigned char *)value) : 0;
        switch (tag) {
        case TAG_ARG: spec->argv = push(spec->argv, &nargs, value); break;
        case TAG_ENV: spec->envp = push(spec->envp, &nenv, value); break;
        case TAG_CWD: spec->cwd = value; break;
        case TAG_UID: spec->uid = num; break;
        case TAG_GID: spec->gid = num; break;
        case TAG_GROUP:
            if (spec->ngroups < MAX_GROUPS) spec->groups[spec->ngroups++] = num;
            break;
        case TAG_UMASK: spec->umask = num & 0777; break;
        case TAG_SWAP: spec->swap = value; break;
        case TAG_HOST_MOUNT: spec->host_mount = value; break;
        case TAG_FLAGS: spec->flags = num; break;
        case TAG_RUN_DIR: spec->run_dir = value; break;
        case TAG_WRITABLE: spec->writable = push(spec->writable, &nwritable, value); break;
        case TAG_MODULES: spec->modules = value; break;
        case TAG_ROOT_DIR: spec->root_dir = value; break;
        case TAG_ROOT_DEVICE: spec->root_device = value; break;
        case TAG_LINK: add_bind(spec, value, value); break;
        case TAG_BIND:
            if (strlen(value) + 1 < n) add_bind(spec, value, value + strlen(value) + 1);
            break;
        case TAG_PASSWD: spec->passwd = value; break;
        case TAG_GROUP_LINE: spec->group_lines = push(spec->group_lines, &ngroup_lines, value); break;
        case TAG_KEEP: spec->keep = value; break;
        case TAG_HOSTFS_ROOT: spec->hostfs_root = value; break;
        case TAG_NET:
            if (n >= 13) {
                spec->net = 1;
                spec->net_addr = num;
                spec->net_gateway = le32((unsigned char *)value + 4);
                spec->net_dns = le32((unsigned char *)value + 8);
                spec->net_prefix = (unsigned char)value[12];
            }
            break;
        case TAG_WINSIZE: spec->rows = num & 0xffff; spec->cols = num >> 16; break;
        default: break; /* unknown tags are skipped: newer hosts may add some */
        }
        /* The next header was not overwritten: values move left by exactly their header's size. */
    }
    if (!spec->argv || !spec->cwd || !spec->run_dir) {
        snprintf(err, errlen, "job spec %s lacks argv, cwd or run directory", path);
        return -1;
    }
    if (!spec->envp) spec->envp = calloc(1, sizeof *spec->envp);
    return 0;
truncated:
    snprintf(err, errlen, "job spec %s is truncated", path);
    return -1;
}

const char *spec_getenv(const struct job_spec *spec, const char *name) {
    size_t n = strlen(name);
    for (char **e = spec->envp; *e; e++)
        if (strncmp(*e, name, n) == 0 && (*e)[n] == '=') return *e + n + 1;
    return NULL;
}

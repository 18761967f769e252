/* The job spec: what to run and as whom, read from /spec (see protocol.h for the format). */
#ifndef UJW_SPEC_H
#define UJW_SPEC_H
#include <stdint.h>
#include <sys/types.h>

#define MAX_GROUPS 1024

/* A host directory shown at a path of the job's root (the same path, for the cwd and --link). */
struct bind {
    const char *host, *guest;
};

struct job_spec {
    char **argv;       /* NULL-terminated */
    char **envp;       /* NULL-terminated */
    const char *cwd;
    uid_t uid;
    gid_t gid;
    gid_t groups[MAX_GROUPS];
    int ngroups;
    mode_t umask;
    const char *swap;       /* NULL: no swap */
    const char *host_mount; /* NULL: do not mount the host file system a second time */
    const char *run_dir;    /* the run directory on the host */
    uint32_t flags;
    unsigned short rows, cols; /* terminal mode: the initial window size */
    char **writable;           /* NULL-terminated: host directories left writable in read-only mode */
    const char *modules;       /* host directory of the kernel's modules (<release>/kernel/...) */
    const char *root_dir;      /* foreign root: a host directory, or */
    const char *root_device;   /* foreign root: a guest block device */
    struct bind *binds;        /* host directories shown in a foreign root */
    size_t nbinds;
    const char *passwd;        /* the job user's passwd line */
    char **group_lines;        /* NULL-terminated */
    const char *keep;          /* sandbox: host directory for the changes */
    int net;                   /* --net: configure eth0 */
    uint32_t net_addr, net_gateway, net_dns; /* host byte order */
    int net_prefix;
    const char *hostfs_root;   /* the kernel's hostfs= prefix, or NULL */
};

/* Parses the spec file at path. Returns 0, or -1 with a message in err. */
int spec_read(const char *path, struct job_spec *spec, char *err, size_t errlen);

/* The value of NAME in the job's environment, or NULL. */
const char *spec_getenv(const struct job_spec *spec, const char *name);

#endif

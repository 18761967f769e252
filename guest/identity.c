#include "identity.h"
#include "mounts.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

/* The third field (the uid of a passwd line, the gid of a group line), or -1. */
static long id_field(const char *line) {
    const char *p = strchr(line, ':');
    if (p) p = strchr(p + 1, ':');
    return p ? strtol(p + 1, NULL, 10) : -1;
}

/* Whether the database text holds an entry with the id of line. */
static int has_id(const char *text, const char *line) {
    long id = id_field(line);
    for (const char *l = text; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL)
        if (id_field(l) == id) return 1;
    return 0;
}

static char *read_text(const char *path) {
    FILE *f = fopen(path, "re");
    if (!f) return calloc(1, 1);
    char *text = NULL;
    size_t cap = 0;
    ssize_t n = getdelim(&text, &cap, '\0', f);
    fclose(f);
    if (n < 0) { free(text); return calloc(1, 1); }
    return text;
}

/* Appends the lines whose ids the database root<name> lacks. */
static int add_lines(const char *root, const char *name, const char *const *lines, int layered, char *err,
                     size_t errlen) {
    char path[4096], copy[64];
    snprintf(path, sizeof path, "%s%s", root, name);
    char *text = read_text(path);
    int missing = 0;
    for (const char *const *l = lines; *l; l++) missing |= !has_id(text, *l);
    int exists = access(path, F_OK) == 0;
    if (!missing || (!layered && !exists)) { free(text); return 0; }
    snprintf(copy, sizeof copy, "/identity%s", strrchr(name, '/'));
    mkdir("/identity", 0755);
    const char *to = layered ? path : copy;
    if (layered) { /* a root without /etc (a single static binary, say) gets one in its layer */
        char dir[4096];
        snprintf(dir, sizeof dir, "%s", path);
        *strrchr(dir, '/') = '\0';
        make_dirs(dir);
    }
    FILE *f = fopen(to, "we");
    if (!f) { free(text); return failed(err, errlen, "cannot write", to); }
    fputs(text, f);
    if (*text && text[strlen(text) - 1] != '\n') fputc('\n', f);
    for (const char *const *l = lines; *l; l++)
        if (!has_id(text, *l)) fprintf(f, "%s\n", *l);
    free(text);
    if (fclose(f) != 0) return failed(err, errlen, "cannot write", to);
    chmod(to, 0644);
    if (!layered && mount(copy, path, NULL, MS_BIND, NULL) < 0) return failed(err, errlen, "cannot mount over", path);
    return 0;
}

int identity_add(const struct job_spec *spec, const char *root, int layered, char *err, size_t errlen) {
    const char *passwd[] = { spec->passwd, NULL };
    if (spec->passwd && add_lines(root, "/etc/passwd", passwd, layered, err, errlen) < 0) return -1;
    if (spec->group_lines && add_lines(root, "/etc/group", (const char *const *)spec->group_lines, layered, err, errlen) < 0)
        return -1;
    const char *home = spec_getenv(spec, "HOME");
    char at[4096];
    struct stat st;
    if (!layered || !home || home[0] != '/') return 0;
    snprintf(at, sizeof at, "%s%s", root, home);
    if (stat(at, &st) == 0) return 0;
    make_dirs(at);
    (void)!chown(at, spec->uid, spec->gid);
    chmod(at, 0700);
    return 0;
}

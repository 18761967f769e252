#include "job.h"
#include "protocol.h"
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pty.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct failure {
    uint32_t stage, err;
};

/* Reports why the child could not become the job, then ends it. */
static void fail(int report, unsigned stage) {
    struct failure f = { stage, errno };
    (void)!write(report, &f, sizeof f);
    _exit(127);
}

/* execve with the PATH search of execvp, using the job's PATH, and /bin/sh for scripts without #!. */
static void exec_search(const struct job_spec *spec) {
    const char *file = spec->argv[0];
    int saved = ENOENT;
    if (strchr(file, '/')) {
        execve(file, spec->argv, spec->envp);
        saved = errno;
        if (errno == ENOEXEC) goto script;
        errno = saved;
        return;
    }
    const char *path = spec_getenv(spec, "PATH");
    if (!path) path = "/usr/local/bin:/usr/bin:/bin";
    if (!*file) { errno = ENOENT; return; }
    char candidate[4096];
    for (const char *p = path;; p++) {
        const char *end = strchrnul(p, ':');
        int dirlen = end - p;
        snprintf(candidate, sizeof candidate, "%.*s%s%s", dirlen, p, dirlen ? "/" : "", file);
        execve(candidate, spec->argv, spec->envp);
        if (errno == ENOEXEC) { file = candidate; goto script; }
        /* Like execvp, keep looking after EACCES and report it if nothing else is found; but like a
         * shell, only for a file that exists (not for a PATH directory the user cannot search). */
        struct stat st;
        if (errno != ENOENT && errno != ENOTDIR && (errno != EACCES || stat(candidate, &st) == 0)) saved = errno;
        if (!*end) break;
        p = end;
    }
    errno = saved;
    return;
script:;
    int argc = 0;
    while (spec->argv[argc]) argc++;
    char **argv = calloc(argc + 2, sizeof *argv);
    argv[0] = "/bin/sh";
    argv[1] = (char *)file;
    for (int i = 1; i < argc; i++) argv[i + 1] = spec->argv[i];
    execve("/bin/sh", argv, spec->envp);
    errno = ENOEXEC;
}

static void become_job(const struct job_spec *spec, int fds[3], int report) {
    setsid();
    for (int i = 0; i < 3; i++) dup2(fds[i], i);
    if (spec->flags & FLAG_TTY) ioctl(0, TIOCSCTTY, 0);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    signal(SIGPIPE, SIG_DFL);
    struct sched_param normal = { 0 };
    sched_setscheduler(0, SCHED_OTHER, &normal); /* the agent's batch policy is not the job's */
    if (setgroups(spec->ngroups, spec->groups) < 0 || setgid(spec->gid) < 0 || setuid(spec->uid) < 0)
        fail(report, STAGE_CREDS);
    umask(spec->umask);
    if (chdir(spec->cwd) < 0) fail(report, STAGE_CWD);
    exec_search(spec);
    fail(report, STAGE_EXEC);
}

/* Big pipes let a job write a lot before the agent has to run (each switch costs a lot in UML). */
#define PIPE_SIZE (1024 * 1024)

static int pipe_nb(int p[2], int nonblocking_end) {
    if (pipe2(p, O_CLOEXEC) < 0) return -1;
    fcntl(p[0], F_SETPIPE_SZ, PIPE_SIZE);
    return fcntl(p[nonblocking_end], F_SETFL, O_NONBLOCK);
}

/* Pipes for stdin, stdout and stderr: the job's ends in child[], the agent's in job. */
static int make_pipes(int child[3], struct job *job) {
    int in[2], out[2], err[2];
    if (pipe_nb(in, 1) < 0 || pipe_nb(out, 0) < 0 || pipe_nb(err, 0) < 0) return -1;
    fcntl(in[0], F_SETFL, 0);
    child[0] = in[0], child[1] = out[1], child[2] = err[1];
    job->in = in[1], job->out = out[0], job->err = err[0];
    return 0;
}

/* A pseudo-terminal for all three: the agent writes stdin to its master and reads output from it. */
static int make_pty(const struct job_spec *spec, int child[3], struct job *job) {
    int master, slave;
    struct winsize ws = { .ws_row = spec->rows, .ws_col = spec->cols };
    if (openpty(&master, &slave, NULL, NULL, &ws) < 0) return -1;
    fcntl(master, F_SETFD, FD_CLOEXEC);
    fcntl(slave, F_SETFD, FD_CLOEXEC);
    fcntl(master, F_SETFL, O_NONBLOCK);
    (void)!fchown(slave, spec->uid, -1); /* as login does: programs check that their terminal is theirs */
    child[0] = child[1] = child[2] = slave;
    job->out = master;
    job->in = fcntl(master, F_DUPFD_CLOEXEC, 0);
    job->err = -1;
    return 0;
}

int job_start(const struct job_spec *spec, struct job *job, unsigned *stage, int *err, char *msg,
              size_t msglen) {
    int child[3], report[2];
    *stage = STAGE_SETUP;
    int made = spec->flags & FLAG_TTY ? make_pty(spec, child, job) : make_pipes(child, job);
    if (made < 0 || pipe2(report, O_CLOEXEC) < 0) {
        *err = errno;
        snprintf(msg, msglen, "cannot create the job's stdio: %s", strerror(errno));
        return -1;
    }
    pid_t pid = fork();
    if (pid < 0) {
        *err = errno;
        snprintf(msg, msglen, "cannot fork: %s", strerror(errno));
        return -1;
    }
    /* The child's ends are CLOEXEC; dup2 onto 0-2 clears that, which is what is wanted. */
    if (pid == 0) become_job(spec, child, report[1]);
    close(child[0]);
    if (child[1] != child[0]) close(child[1]), close(child[2]);
    close(report[1]);
    struct failure f;
    ssize_t n;
    do n = read(report[0], &f, sizeof f); while (n < 0 && errno == EINTR);
    close(report[0]);
    job->pid = pid;
    if (n == (ssize_t)sizeof f) {
        *stage = f.stage;
        *err = f.err;
        if (f.stage == STAGE_CWD)
            snprintf(msg, msglen, "cannot enter working directory %s: %s", spec->cwd, strerror(f.err));
        else if (f.stage == STAGE_CREDS)
            snprintf(msg, msglen, "cannot switch to uid %u gid %u: %s", (unsigned)spec->uid,
                     (unsigned)spec->gid, strerror(f.err));
        else
            snprintf(msg, msglen, "%s: %s", spec->argv[0], strerror(f.err));
        return -1;
    }
    return 0;
}

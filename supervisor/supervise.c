/* uml-supervise: runs the UML kernel for uml-job-wrapper and makes sure nothing of it outlives the run.
 *
 *   uml-supervise [--uid=U --gid=G --groups=A,B,...] -- KERNEL ARGS...
 *
 * UML is one process tree: a main process, helper processes, one host process per guest process. When
 * the main process dies, the helpers stay (holding the wrapper's pipes open), and a wrapper killed with
 * SIGKILL cannot clean up. So the wrapper starts the kernel through this program, which
 *   - drops to the job's user first when the wrapper runs as root (files the job creates are theirs),
 *   - becomes a child subreaper, so every orphaned process of the kernel's is re-parented to it,
 *   - kills the kernel's whole tree, and reaps it, when the kernel exits or when its stdin (a pipe from
 *     the wrapper) reaches end of file: the wrapper closed it to stop the guest, or died.
 * Batch systems signal every process of a job (scancel: SIGTERM to all, then SIGKILL). Those signals are
 * for the job, which the wrapper reaches through the guest: this program and the kernel keep SIGTERM,
 * SIGINT, SIGHUP and SIGQUIT blocked, and go only when the wrapper does, or at SIGKILL.
 * Its exit status is the kernel's: its exit code, or 128+N when a signal N killed it.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <unistd.h>

#define FAILURE 125

static void die(const char *what) {
    fprintf(stderr, "uml-supervise: %s: %s\n", what, strerror(errno));
    exit(FAILURE);
}

/* Applies --uid/--gid/--groups; returns the index of the kernel's path in argv. */
static int drop_privileges(char **argv) {
    long uid = -1, gid = -1;
    gid_t groups[1024];
    int ngroups = 0, i = 1;
    for (; argv[i] && strcmp(argv[i], "--"); i++) {
        if (!strncmp(argv[i], "--uid=", 6)) uid = strtol(argv[i] + 6, NULL, 10);
        else if (!strncmp(argv[i], "--gid=", 6)) gid = strtol(argv[i] + 6, NULL, 10);
        else if (!strncmp(argv[i], "--groups=", 9))
            for (char *p = argv[i] + 9; *p && ngroups < 1024; p += *p == ',')
                groups[ngroups++] = strtol(p, &p, 10);
        else { errno = EINVAL; die(argv[i]); }
    }
    if (!argv[i] || !argv[i + 1]) { errno = EINVAL; die("usage: uml-supervise [options] -- KERNEL ARGS..."); }
    if (uid >= 0 && (setgroups(ngroups, groups) < 0 || setgid(gid) < 0 || setuid(uid) < 0)) die("cannot switch user");
    return i + 1;
}

/* Kills the kernel's process group, and every process re-parented to us whatever its group. */
static void kill_all(pid_t kernel) {
    kill(-kernel, SIGKILL);
    kill(kernel, SIGKILL);
    char path[64];
    snprintf(path, sizeof path, "/proc/self/task/%d/children", getpid());
    FILE *f = fopen(path, "re");
    for (int pid; f && fscanf(f, "%d", &pid) == 1;) kill(pid, SIGKILL);
    if (f) fclose(f);
}

/* The keeper: runs the kernel and kills its tree at the end; reports the kernel's wait status. */
static int keep(char **kernel_argv) {
    if (prctl(PR_SET_CHILD_SUBREAPER, 1) < 0) die("PR_SET_CHILD_SUBREAPER");
    sigset_t chld;
    sigemptyset(&chld);
    sigaddset(&chld, SIGCHLD);
    sigprocmask(SIG_BLOCK, &chld, NULL);
    int sigfd = signalfd(-1, &chld, SFD_CLOEXEC | SFD_NONBLOCK);

    pid_t kernel = fork();
    if (kernel < 0) die("fork");
    if (kernel == 0) {
        /* The kernel keeps the termination signals blocked too; SIGCHLD it needs. */
        sigprocmask(SIG_UNBLOCK, &chld, NULL);
        int null = open("/dev/null", O_RDONLY);
        dup2(null, 0);
        execv(kernel_argv[0], kernel_argv);
        die(kernel_argv[0]);
    }
    for (int fd = 1; fd <= 5; fd++) if (fd != 2) close(fd); /* the kernel's channels are the kernel's alone */

    int status = -1, killed = 0;
    struct pollfd p[2] = { { .fd = 0, .events = POLLIN }, { .fd = sigfd, .events = POLLIN } };
    for (;;) {
        if (poll(p, 2, -1) < 0 && errno != EINTR) die("poll");
        char buf[64];
        if (p[0].revents && read(0, buf, sizeof buf) <= 0) { /* the wrapper is done with the guest, or gone */
            p[0].fd = -1;
            killed = 1;
        }
        struct signalfd_siginfo si;
        while (read(sigfd, &si, sizeof si) > 0) {}
        int st;
        for (pid_t pid; (pid = waitpid(-1, &st, WNOHANG)) > 0;)
            if (pid == kernel) status = st, killed = 1;
        if (killed) kill_all(kernel); /* the kernel's helpers and guest processes, or all of it */
        if (status != -1 && waitpid(-1, &st, WNOHANG) < 0 && errno == ECHILD) break;
    }
    return status;
}

int main(int argc, char **argv) {
    (void)argc;
    int kernel_arg = drop_privileges(argv);
    sigset_t ignored;
    sigemptyset(&ignored);
    for (int s = 0, list[] = { SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGPIPE }; s < 7; s++)
        sigaddset(&ignored, list[s]);
    sigprocmask(SIG_BLOCK, &ignored, NULL);

    int report[2];
    if (pipe2(report, O_CLOEXEC) < 0) die("pipe");
    pid_t middle = fork();
    if (middle < 0) die("fork");
    if (middle == 0) {
        /* Leave the wrapper's process tree: the keeper is re-parented once this middle process exits. */
        setsid();
        pid_t keeper = fork();
        if (keeper != 0) _exit(keeper < 0 ? FAILURE : 0);
        close(report[0]);
        int status = keep(argv + kernel_arg);
        (void)!write(report[1], &status, sizeof status);
        _exit(0);
    }
    close(report[1]);
    for (int fd = 1; fd <= 5; fd++) if (fd != 2) close(fd);
    waitpid(middle, NULL, 0);
    int status;
    ssize_t n;
    do n = read(report[0], &status, sizeof status); while (n < 0 && errno == EINTR);
    if (n != (ssize_t)sizeof status) return FAILURE; /* the keeper was killed */
    return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status);
}

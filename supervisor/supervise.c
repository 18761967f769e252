/* uml-supervise: runs the UML kernel for uml-job-wrapper and makes sure nothing of it outlives the run.
 *
 *   uml-supervise [--uid=U --gid=G --groups=A,B,...] -- KERNEL ARGS...
 *
 * UML is one process tree: a main process, helper processes, one host process per guest process. When
 * the main process dies, the helpers stay (holding the wrapper's pipes open), and a wrapper killed with
 * SIGKILL cannot clean up. So the wrapper starts the kernel through this program, which
 *   - drops to the job's user first when the wrapper runs as root (files the job creates are theirs),
 *   - becomes a child subreaper, so every orphaned process of the kernel's is re-parented to it,
 *   - gets SIGTERM when the wrapper dies (PR_SET_PDEATHSIG), and
 *   - when the kernel exits, or at SIGTERM (after a short grace), or at SIGUSR1 (at once), kills the
 *     kernel's whole process group and reaps every descendant before it exits itself.
 * Its exit status is the kernel's: its exit code, or 128+N when a signal N killed it.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <grp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define FAILURE 125
#define TERM_GRACE_SECONDS 2

static void die(const char *what) {
    fprintf(stderr, "uml-supervise: %s: %s\n", what, strerror(errno));
    exit(FAILURE);
}

static int drop_privileges(char **argv, int *argi) {
    long uid = -1, gid = -1;
    gid_t groups[1024];
    int ngroups = 0, i = *argi;
    for (; argv[i] && strcmp(argv[i], "--"); i++) {
        if (!strncmp(argv[i], "--uid=", 6)) uid = strtol(argv[i] + 6, NULL, 10);
        else if (!strncmp(argv[i], "--gid=", 6)) gid = strtol(argv[i] + 6, NULL, 10);
        else if (!strncmp(argv[i], "--groups=", 9))
            for (char *p = argv[i] + 9; *p && ngroups < 1024; p += *p == ',')
                groups[ngroups++] = strtol(p, &p, 10);
        else { errno = EINVAL; die(argv[i]); }
    }
    if (!argv[i] || !argv[i + 1]) { errno = EINVAL; die("usage: uml-supervise [options] -- KERNEL ARGS..."); }
    *argi = i + 1;
    if (uid < 0) return 0;
    if (setgroups(ngroups, groups) < 0) die("setgroups");
    if (setgid(gid) < 0) die("setgid");
    if (setuid(uid) < 0) die("setuid");
    return 0;
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

int main(int argc, char **argv) {
    (void)argc;
    int argi = 1;
    pid_t parent = getppid();
    drop_privileges(argv, &argi);
    if (prctl(PR_SET_CHILD_SUBREAPER, 1) < 0) die("PR_SET_CHILD_SUBREAPER");
    if (prctl(PR_SET_PDEATHSIG, SIGTERM) < 0) die("PR_SET_PDEATHSIG");
    if (getppid() != parent) return FAILURE; /* the wrapper died before the line above */

    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGCHLD);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGUSR1);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGHUP);
    sigprocmask(SIG_BLOCK, &set, NULL);

    pid_t kernel = fork();
    if (kernel < 0) die("fork");
    if (kernel == 0) {
        sigprocmask(SIG_UNBLOCK, &set, NULL);
        prctl(PR_SET_PDEATHSIG, 0);
        execv(argv[argi], argv + argi);
        die(argv[argi]);
    }
    for (int fd = 3; fd <= 5; fd++) close(fd); /* the kernel's channels are the kernel's alone */

    int status = -1, ending = 0;
    time_t deadline = 0;
    for (;;) {
        struct timespec wait = { .tv_sec = 1 };
        siginfo_t si;
        int sig = sigtimedwait(&set, &si, &wait);
        if (sig == SIGUSR1 || (deadline && time(NULL) >= deadline)) kill_all(kernel);
        else if (sig == SIGTERM || sig == SIGINT || sig == SIGHUP) {
            if (!ending) kill(kernel, SIGTERM); /* UML shuts down cleanly at SIGTERM */
            ending = 1;
            deadline = time(NULL) + TERM_GRACE_SECONDS;
        }
        int st;
        for (pid_t pid; (pid = waitpid(-1, &st, WNOHANG)) > 0;)
            if (pid == kernel) {
                status = st;
                kill_all(kernel); /* its helpers and guest processes */
            }
        if (status != -1 && waitpid(-1, &st, WNOHANG) < 0 && errno == ECHILD) break;
    }
    return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status);
}

/* uml-job-wrapper's guest agent: PID 1 of the UML guest, running from the initramfs.
 * It opens the channels to the host, reads the job spec, assembles the job's file system, runs the
 * job with the caller's credentials, relays its stdio, reports how it ended and powers off. */
#include "frames.h"
#include "job.h"
#include "mounts.h"
#include "net.h"
#include "root.h"
#include "power.h"
#include "protocol.h"
#include "relay.h"
#include "spec.h"
#include <errno.h>
#include <sched.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/swap.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#define EXIT_WRAPPER_FAILURE 125

static struct relay relay; /* large buffers: keep them off the stack */
static int ctl = -1;

/* Reports a failure to the host (and the kernel console) and powers off. */
static void fail(unsigned stage, int err, const char *msg, int code) {
    fprintf(stderr, "uml-job-wrapper agent: %s\n", msg);
    if (ctl >= 0) {
        unsigned char p[8 + 512];
        size_t n = strnlen(msg, 512);
        put_le32(p, stage);
        put_le32(p + 4, err);
        memcpy(p + 8, msg, n);
        frame_send(ctl, MSG_ERROR, p, 8 + n);
    }
    power_off(code);
}

static int open_channel(const char *path) {
    int fd = open(path, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) return -1;
    struct termios t;
    if (tcgetattr(fd, &t) == 0) {
        cfmakeraw(&t);
        tcsetattr(fd, TCSANOW, &t);
    }
    return fd;
}

static void send_ready(void) {
    struct utsname u;
    unsigned char p[4 + sizeof u.release];
    uname(&u);
    size_t n = strlen(u.release);
    put_le32(p, PROTOCOL_VERSION);
    memcpy(p + 4, u.release, n);
    frame_send(ctl, MSG_READY, p, 4 + n);
}

/* The guest kernel's count of OOM kills so far. */
static long oom_kills(void) {
    FILE *f = fopen("/proc/vmstat", "re");
    char name[64];
    long n, found = 0;
    while (f && fscanf(f, "%63s %ld", name, &n) == 2)
        if (!strcmp(name, "oom_kill")) found = n;
    if (f) fclose(f);
    return found;
}

static void send_exit(int status) {
    struct rusage ru;
    getrusage(RUSAGE_CHILDREN, &ru);
    unsigned char p[20];
    int signaled = WIFSIGNALED(status);
    put_le32(p, signaled ? EXIT_HOW_SIGNALED : EXIT_HOW_EXITED);
    put_le32(p + 4, signaled ? WTERMSIG(status) : WEXITSTATUS(status));
    put_le32(p + 8, (uint32_t)ru.ru_maxrss);
    put_le32(p + 12, (uint32_t)((uint64_t)ru.ru_maxrss >> 32));
    put_le32(p + 16, oom_kills() > 0 ? EXITFLAG_OOM : 0);
    frame_send(ctl, MSG_EXIT, p, sizeof p);
}

int main(void) {
    char err[1024];
    struct job_spec spec;
    struct job job;
    unsigned stage;
    int errnum;

    if (mounts_early(err, sizeof err) < 0) fail(STAGE_SETUP, errno, err, EXIT_WRAPPER_FAILURE);
    relay.out_tty = open_channel("/dev/ttyS1");
    relay.err_tty = open_channel("/dev/ttyS2");
    ctl = open_channel("/dev/ttyS3");
    if (ctl < 0 || relay.out_tty < 0 || relay.err_tty < 0)
        fail(STAGE_SETUP, errno, "cannot open the channels /dev/ttyS1-3", EXIT_WRAPPER_FAILURE);
    send_ready();

    if (spec_read("/spec", &spec, err, sizeof err) < 0) fail(STAGE_SETUP, 0, err, EXIT_WRAPPER_FAILURE);
    unlink("/spec");
    if (spec.swap && swapon(spec.swap, 0) < 0) {
        snprintf(err, sizeof err, "cannot use swap device %s: %s", spec.swap, strerror(errno));
        fail(STAGE_SETUP, errno, err, EXIT_WRAPPER_FAILURE);
    }
    mounts_set_hostfs_root(spec.hostfs_root);
    relay.in.dirfd = mounts_run_dir(spec.run_dir, err, sizeof err);
    if (relay.in.dirfd < 0) fail(STAGE_SETUP, errno, err, EXIT_WRAPPER_FAILURE);
    if (net_configure(&spec, err, sizeof err) < 0) fail(STAGE_SETUP, errno, err, EXIT_WRAPPER_FAILURE);
    if (root_enter(&spec, err, sizeof err) < 0) fail(STAGE_SETUP, errno, err, EXIT_WRAPPER_FAILURE);

    sigset_t chld;
    sigemptyset(&chld);
    sigaddset(&chld, SIGCHLD);
    sigprocmask(SIG_BLOCK, &chld, NULL);
    signal(SIGPIPE, SIG_IGN);
    relay.sigfd = signalfd(-1, &chld, SFD_NONBLOCK | SFD_CLOEXEC);

    if (job_start(&spec, &job, &stage, &errnum, err, sizeof err) < 0) {
        int code = stage != STAGE_EXEC ? EXIT_WRAPPER_FAILURE : errnum == ENOENT ? 127 : 126;
        fail(stage, errnum, err, code);
    }
    frame_send(ctl, MSG_STARTED, NULL, 0);
    /* A batch-scheduled relay does not preempt the job at every write it could relay: it runs when the
     * job blocks or its time slice ends, and moves more per switch. */
    struct sched_param batch = { 0 };
    sched_setscheduler(0, SCHED_BATCH, &batch);
    relay.ctl = relay.in.ctl = ctl;
    relay.in.pipe = job.in;
    relay.in.tty = spec.flags & FLAG_TTY;
    relay.job = &job;
    int status = relay_run(&relay);
    if (spec.keep && root_keep_changes(&spec, err, sizeof err) < 0) fail(STAGE_KEEP, errno, err, EXIT_WRAPPER_FAILURE);
    send_exit(status);
    power_off(WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status));
}

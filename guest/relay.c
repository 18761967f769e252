#include "relay.h"
#include "protocol.h"
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

static void handle_frame(struct relay *r, unsigned type, unsigned char *p, uint32_t len) {
    switch (type) {
    case MSG_STDIN_CHUNK:
        if (len >= 8) stdin_chunk(&r->in, get_le32(p), get_le32(p + 4));
        break;
    case MSG_STDIN_EOF:
        stdin_eof(&r->in);
        break;
    case MSG_SIGNAL:
        if (len >= 4) kill(-r->job->pid, (int)get_le32(p));
        break;
    case MSG_WINSIZE:
        if (len >= 4 && r->in.tty) {
            struct winsize ws = { .ws_row = p[0] | p[1] << 8, .ws_col = p[2] | p[3] << 8 };
            ioctl(r->job->out, TIOCSWINSZ, &ws); /* the kernel sends the job SIGWINCH */
        }
        break;
    default: break;
    }
}

static void read_ctl(struct relay *r) {
    long n = frame_fill(r->ctl, &r->ctl_in);
    if (n == 0) r->ctl = -1; /* the host hung up: keep running the job to its end */
    unsigned type;
    unsigned char *p;
    uint32_t len;
    while (frame_next(&r->ctl_in, &type, &p, &len)) handle_frame(r, type, p, len);
}

/* Reaps every child (PID 1 inherits orphans). Returns 1 once the job itself has been reaped. */
static int reap(struct relay *r, int *status) {
    struct signalfd_siginfo si;
    while (read(r->sigfd, &si, sizeof si) > 0) {}
    int found = 0, st;
    for (pid_t pid; (pid = waitpid(-1, &st, WNOHANG)) > 0;)
        if (pid == r->job->pid) *status = st, found = 1;
    return found;
}

static void pump_out(struct queue *q, int *src, int dst) {
    if (*src >= 0 && queue_room(q) > 0) {
        long n = queue_fill(q, *src);
        if (n == 0 || (n < 0 && errno != EAGAIN)) { close(*src); *src = -1; }
    }
    queue_flush(q, dst);
}

/* After the job's exit its output is all in the pipes: take what is there, without waiting for
 * background processes that may hold them open (they get a second or two at most). */
static void drain(struct queue *q, int *src, int dst) {
    time_t until = time(NULL) + 2;
    do queue_flush_all(q, dst);
    while (*src >= 0 && time(NULL) < until && queue_fill(q, *src) > 0);
    queue_flush_all(q, dst);
    tcdrain(dst);
}

/* While something waits to be written (output to the host, input for the job), poll wakes up now and
 * then even without an event: a wake-up that a UML tty fails to deliver must not stall the job. */
#define RETRY_MS 100

static int waiting_to_write(const struct relay *r) {
    return queue_len(&r->out) || queue_len(&r->err) || queue_len(&r->in.q) || r->in.npending;
}

int relay_run(struct relay *r) {
    int status = 0;
    for (;;) {
        struct pollfd p[7] = {
            { .fd = r->sigfd, .events = POLLIN },
            { .fd = r->ctl, .events = POLLIN },
            { .fd = queue_room(&r->out) ? r->job->out : -1, .events = POLLIN },
            { .fd = queue_len(&r->out) ? r->out_tty : -1, .events = POLLOUT },
            { .fd = queue_room(&r->err) ? r->job->err : -1, .events = POLLIN },
            { .fd = queue_len(&r->err) ? r->err_tty : -1, .events = POLLOUT },
            { .fd = stdin_wants_pipe(&r->in) ? r->in.pipe : -1, .events = POLLOUT },
        };
        int ready = poll(p, 7, waiting_to_write(r) ? RETRY_MS : -1);
        if (ready < 0 && errno != EINTR) break;
        int retry = ready == 0;
        if (p[1].revents || (retry && r->ctl >= 0)) read_ctl(r);
        if (p[2].revents || p[3].revents || retry) pump_out(&r->out, &r->job->out, r->out_tty);
        if (p[4].revents || p[5].revents || retry) pump_out(&r->err, &r->job->err, r->err_tty);
        if (p[6].revents || retry) stdin_pump(&r->in);
        if (p[0].revents && reap(r, &status)) break;
    }
    drain(&r->out, &r->job->out, r->out_tty);
    drain(&r->err, &r->job->err, r->err_tty);
    return status;
}

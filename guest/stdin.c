#include "stdin.h"
#include "frames.h"
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

static void ack(struct stdin_feed *f, uint32_t chunks) {
    unsigned char p[4];
    put_le32(p, chunks);
    frame_send(f->ctl, MSG_STDIN_ACK, p, sizeof p);
}

/* Reads chunk file n into the queue (or drops it when the job's stdin is closed) and deletes it. */
static void take(struct stdin_feed *f, uint32_t n, uint32_t len) {
    char name[32];
    snprintf(name, sizeof name, "stdin.%u", n);
    int fd = openat(f->dirfd, name, O_RDONLY | O_CLOEXEC);
    if (fd >= 0 && f->pipe >= 0) {
        unsigned char *dst = queue_space(&f->q, len);
        size_t got = 0;
        for (ssize_t r; got < len && (r = read(fd, dst + got, len - got)) > 0;) got += r;
        f->q.end += got;
    }
    if (fd >= 0) close(fd);
    unlinkat(f->dirfd, name, 0);
}

static void close_pipe(struct stdin_feed *f) {
    if (f->pipe < 0) return;
    struct termios t;
    if (f->tty && f->eof && tcgetattr(f->pipe, &t) == 0) (void)!write(f->pipe, &t.c_cc[VEOF], 1);
    close(f->pipe);
    f->pipe = -1;
    f->q.start = f->q.end = 0;
}

void stdin_pump(struct stdin_feed *f) {
    if (f->pipe >= 0 && queue_flush(&f->q, f->pipe) < 0) close_pipe(f); /* the job closed its stdin */
    int taken = 0;
    while (taken < f->npending && (f->pipe < 0 || queue_room(&f->q) >= f->pending[taken].len)) {
        take(f, f->pending[taken].n, f->pending[taken].len);
        taken++;
    }
    if (taken) {
        f->npending -= taken;
        memmove(f->pending, f->pending + taken, f->npending * sizeof f->pending[0]);
        ack(f, taken);
        if (f->pipe >= 0 && queue_flush(&f->q, f->pipe) < 0) close_pipe(f);
    }
    if (f->eof && f->npending == 0 && queue_len(&f->q) == 0) close_pipe(f);
}

void stdin_chunk(struct stdin_feed *f, uint32_t n, uint32_t len) {
    int cap = sizeof f->pending / sizeof f->pending[0];
    if (f->npending == cap || len > STDIN_CHUNK_MAX) return; /* the host broke the window: drop it */
    f->pending[f->npending].n = n;
    f->pending[f->npending].len = len;
    f->npending++;
    stdin_pump(f);
}

void stdin_eof(struct stdin_feed *f) {
    f->eof = 1;
    stdin_pump(f);
}

int stdin_wants_pipe(const struct stdin_feed *f) {
    return f->pipe >= 0 && queue_len(&f->q) > 0;
}

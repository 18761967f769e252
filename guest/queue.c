#include "queue.h"
#include <errno.h>
#include <poll.h>
#include <string.h>
#include <unistd.h>

size_t queue_len(const struct queue *q) { return q->end - q->start; }

size_t queue_room(const struct queue *q) { return QUEUE_CAP - queue_len(q); }

/* Moves the contents to the front so that the free space is contiguous. */
static void compact(struct queue *q) {
    if (q->start == 0) return;
    memmove(q->buf, q->buf + q->start, q->end - q->start);
    q->end -= q->start;
    q->start = 0;
}

unsigned char *queue_space(struct queue *q, size_t n) {
    if (QUEUE_CAP - q->end < n) compact(q);
    return q->buf + q->end;
}

long queue_fill(struct queue *q, int fd) {
    compact(q);
    if (q->end == QUEUE_CAP) {
        errno = EAGAIN; /* full: nothing read, nothing wrong */
        return -1;
    }
    ssize_t n;
    do n = read(fd, q->buf + q->end, QUEUE_CAP - q->end); while (n < 0 && errno == EINTR);
    if (n > 0) q->end += n;
    return n;
}

long queue_flush(struct queue *q, int fd) {
    if (q->start == q->end) return 0;
    ssize_t n;
    do n = write(fd, q->buf + q->start, q->end - q->start); while (n < 0 && errno == EINTR);
    if (n < 0) return errno == EAGAIN ? 0 : -1;
    q->start += n;
    if (q->start == q->end) q->start = q->end = 0;
    return n;
}

int queue_flush_all(struct queue *q, int fd) {
    while (queue_len(q) > 0) {
        long n = queue_flush(q, fd);
        if (n < 0) return -1;
        if (n == 0) {
            struct pollfd pfd = { .fd = fd, .events = POLLOUT };
            poll(&pfd, 1, -1);
        }
    }
    return 0;
}

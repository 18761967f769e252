#include "frames.h"
#include <errno.h>
#include <poll.h>
#include <string.h>
#include <unistd.h>

void put_le32(unsigned char *p, uint32_t v) {
    p[0] = v; p[1] = v >> 8; p[2] = v >> 16; p[3] = v >> 24;
}

uint32_t get_le32(const unsigned char *p) {
    return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

static int write_all(int fd, const unsigned char *p, size_t n) {
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w > 0) { p += w; n -= w; continue; }
        if (w < 0 && errno == EINTR) continue;
        if (w < 0 && errno == EAGAIN) {
            struct pollfd pfd = { .fd = fd, .events = POLLOUT };
            poll(&pfd, 1, -1);
            continue;
        }
        return -1;
    }
    return 0;
}

int frame_send(int fd, unsigned type, const void *payload, uint32_t len) {
    unsigned char head[5];
    head[0] = type;
    put_le32(head + 1, len);
    if (write_all(fd, head, sizeof head) < 0) return -1;
    return len ? write_all(fd, payload, len) : 0;
}

long frame_fill(int fd, struct frame_reader *r) {
    ssize_t n = read(fd, r->buf + r->len, sizeof r->buf - r->len);
    if (n > 0) r->len += n;
    return n;
}

int frame_next(struct frame_reader *r, unsigned *type, unsigned char **payload, uint32_t *len) {
    if (r->consumed) {
        memmove(r->buf, r->buf + r->consumed, r->len - r->consumed);
        r->len -= r->consumed;
        r->consumed = 0;
    }
    if (r->len < 5) return 0;
    uint32_t n = get_le32(r->buf + 1);
    if (n > sizeof r->buf - 5) n = sizeof r->buf - 5; /* a host bug: never overrun */
    if (r->len < 5 + n) return 0;
    *type = r->buf[0];
    *payload = r->buf + 5;
    *len = n;
    r->consumed = 5 + n;
    return 1;
}

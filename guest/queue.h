/* A byte queue between a source and a non-blocking file descriptor: the relays of the guest agent. */
#ifndef UJW_QUEUE_H
#define UJW_QUEUE_H
#include <stddef.h>

#define QUEUE_CAP (2 * 1024 * 1024)

struct queue {
    unsigned char buf[QUEUE_CAP];
    size_t start, end;
};

size_t queue_len(const struct queue *q);
size_t queue_room(const struct queue *q);

/* Contiguous space for n more bytes at the end (the caller has checked queue_room); the caller then
 * adds what it stored there to q->end. */
unsigned char *queue_space(struct queue *q, size_t n);

/* Reads what fd has (up to the room left). Returns bytes read, 0 on EOF, -1 on error or EAGAIN. */
long queue_fill(struct queue *q, int fd);

/* Writes what fd takes. Returns bytes written (0 when it would block), -1 on error. */
long queue_flush(struct queue *q, int fd);

/* Writes everything, waiting on a full fd. Returns 0 or -1. */
int queue_flush_all(struct queue *q, int fd);

#endif

/* Reading and writing control-channel frames (format in protocol.h). */
#ifndef UJW_FRAMES_H
#define UJW_FRAMES_H
#include <stddef.h>
#include <stdint.h>

struct frame_reader {
    unsigned char buf[64 * 1024 + 5];
    size_t len;
    size_t consumed; /* the frame frame_next handed out last, dropped on the next call */
};

/* Sends one frame, waiting while the channel is full. Returns 0 or -1. */
int frame_send(int fd, unsigned type, const void *payload, uint32_t len);

/* Reads what is available from fd into r. Returns bytes read, 0 on EOF, -1 on error (EAGAIN included). */
long frame_fill(int fd, struct frame_reader *r);

/* Takes the next complete frame out of r: returns 1 and sets type/payload/len (payload valid until the
 * next call), or 0 when none is complete. */
int frame_next(struct frame_reader *r, unsigned *type, unsigned char **payload, uint32_t *len);

void put_le32(unsigned char *p, uint32_t v);
uint32_t get_le32(const unsigned char *p);

#endif

/* The job's stdin: chunk files from the run directory (see protocol.h), fed to the job's stdin pipe. */
#ifndef UJW_STDIN_H
#define UJW_STDIN_H
#include "protocol.h"
#include "queue.h"
#include <stdint.h>

struct stdin_feed {
    int dirfd;   /* the run directory, through hostfs */
    int pipe;    /* the job's stdin; -1 once closed */
    int ctl;     /* where acknowledgements go */
    struct { uint32_t n, len; } pending[2 * STDIN_CHUNKS_IN_FLIGHT];
    int npending;
    int eof;     /* the host has said there is no more */
    int tty;     /* pipe is a pseudo-terminal master: end of input is the VEOF character */
    struct queue q;
};

/* Control messages for stdin. */
void stdin_chunk(struct stdin_feed *f, uint32_t n, uint32_t len);
void stdin_eof(struct stdin_feed *f);

/* Moves chunks into the queue and the queue into the pipe, as far as each has room. */
void stdin_pump(struct stdin_feed *f);

/* Whether stdin_pump has work once the pipe takes more. */
int stdin_wants_pipe(const struct stdin_feed *f);

#endif

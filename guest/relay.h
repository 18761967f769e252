/* The agent's main loop: job output to the host's channels, control frames (stdin, signals) to the job. */
#ifndef UJW_RELAY_H
#define UJW_RELAY_H
#include "frames.h"
#include "job.h"
#include "queue.h"
#include "stdin.h"

struct relay {
    int ctl, out_tty, err_tty, sigfd;
    struct job *job;
    struct queue out, err;
    struct stdin_feed in;
    struct frame_reader ctl_in;
};

/* Relays until the job has exited and its output is drained. Returns the job's wait status. */
int relay_run(struct relay *r);

#endif

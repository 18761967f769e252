/* Starting the job: credentials, working directory, PATH search, exec errors reported to the agent. */
#ifndef UJW_JOB_H
#define UJW_JOB_H
#include "spec.h"

struct job {
    pid_t pid;
    int in, out, err; /* the agent's ends of the job's stdin/stdout/stderr pipes (non-blocking) */
};

/* Starts the job in its own session. Returns 0, or -1 with *stage (STAGE_*), *err (errno) and a
 * message in msg when the job could not be set up or exec'd. */
int job_start(const struct job_spec *spec, struct job *job, unsigned *stage, int *err, char *msg,
              size_t msglen);

#endif

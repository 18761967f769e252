/* Making the job's user known to a foreign root that has never heard of it. */
#ifndef UJW_IDENTITY_H
#define UJW_IDENTITY_H
#include "spec.h"
#include <stddef.h>

/* Adds the job user's passwd line and its groups' lines to root/etc/passwd and root/etc/group where
 * their ids are missing, and makes $HOME. In a throw-away (layered) root the files are changed in
 * place; otherwise changed copies are mounted over them. Returns 0, or -1 with a message. */
int identity_add(const struct job_spec *spec, const char *root, int layered, char *err, size_t errlen);

#endif

/* --sandbox-keep: saving a sandbox layer's changes as an OCI-style layer directory. */
#ifndef UJW_KEEP_H
#define UJW_KEEP_H
#include <stddef.h>

/* Copies the overlay upper directory from into the directory to: files, directories and symlinks with
 * their modes and times; a deleted entry NAME becomes an empty file .wh.NAME, and a directory that
 * replaced one of the host's gets a .wh..wh..opq file (the OCI image layer conventions). Returns 0, or
 * -1 with a message. */
int keep_copy(const char *from, const char *to, char *err, size_t errlen);

#endif

/* The host <-> guest protocol. Mirrored in src/protocol/messages.ts; a unit test checks they agree.
 *
 * Control channel (guest /dev/ttyS3, raw mode): frames of
 *   u8 type | u32 little-endian payload length | payload
 * The host sends nothing until it has received READY (the guest tty drops input that arrives before
 * it is opened), and keeps what it sends small: once the guest tty's input buffer fills, UML throttles
 * the line and may never read it again. So stdin travels in files (STDIN_CHUNK) in the run directory,
 * which the agent reads through hostfs, and the control channel carries only their names.
 *
 * Job spec (/spec in the initramfs): "UJWSPEC1" then records of
 *   u16 little-endian tag | u32 little-endian length | value
 */
#ifndef UJW_PROTOCOL_H
#define UJW_PROTOCOL_H

#define PROTOCOL_VERSION 1

/* guest -> host */
#define MSG_READY 1      /* u32 protocol version, then the kernel release (text) */
#define MSG_EXIT 2       /* u32 how (EXIT_HOW_*), u32 code or signal, u64 peak RSS of the job in KiB,
                            u32 EXITFLAG_* */
#define MSG_ERROR 3      /* u32 stage (STAGE_*), u32 errno, then a message (text) */
#define MSG_STDIN_ACK 4  /* u32 number of stdin chunks taken (read and deleted) since the last ack */
#define MSG_STARTED 5    /* the job process has been exec'd (empty) */

/* host -> guest */
#define MSG_STDIN_CHUNK 16 /* u32 n, u32 length: file stdin.<n> in the run directory holds the next bytes */
#define MSG_STDIN_EOF 17   /* close the job's stdin once every chunk is written (empty) */
#define MSG_SIGNAL 18     /* u32 signal number, sent to the job's process group */
#define MSG_WINSIZE 19    /* u16 rows, u16 cols (terminal mode) */

#define EXIT_HOW_EXITED 0
#define EXIT_HOW_SIGNALED 1
#define EXITFLAG_OOM 1 /* the guest kernel's OOM killer killed a process while the job ran */

#define STAGE_SETUP 1  /* preparing the guest (mounts, spec): wrapper failure */
#define STAGE_CWD 2    /* entering the working directory */
#define STAGE_CREDS 3  /* switching to the caller's uid/gid/groups */
#define STAGE_EXEC 4   /* executing the command: errno decides 126 vs 127 */
#define STAGE_KEEP 5   /* saving the sandbox's changes (--sandbox-keep), after the job: wrapper failure */

/* The largest stdin chunk, and how many the host may have sent that the guest has not taken. */
#define STDIN_CHUNK_MAX (1024 * 1024)
#define STDIN_CHUNKS_IN_FLIGHT 4

#define SPEC_MAGIC "UJWSPEC1"
#define TAG_ARG 1        /* repeated: argv, in order */
#define TAG_ENV 2        /* repeated: NAME=value */
#define TAG_CWD 3
#define TAG_UID 4        /* u32 */
#define TAG_GID 5        /* u32 */
#define TAG_GROUP 6      /* repeated u32: supplementary groups */
#define TAG_UMASK 7      /* u32 */
#define TAG_SWAP 8       /* path of a guest block device to use as swap */
#define TAG_HOST_MOUNT 9 /* where the host file system appears, normally /mnt/host */
#define TAG_FLAGS 10     /* u32, FLAG_* */
#define TAG_RUN_DIR 11   /* the run directory on the host, holding the stdin chunks */
#define TAG_WINSIZE 12   /* u16 rows, u16 cols: the terminal's size at start (terminal mode) */
#define TAG_WRITABLE 13  /* repeated: a host directory left writable when the root is read-only */
#define TAG_MODULES 14   /* host directory holding the kernel's modules, as <release>/kernel/... */
#define TAG_ROOT_DIR 15  /* a foreign root: a host directory (through hostfs) */
#define TAG_ROOT_DEVICE 16 /* a foreign root: a guest block device holding an ext2/3/4 file system */
#define TAG_LINK 17      /* repeated: a host directory shown at the same path in a foreign root */
#define TAG_PASSWD 18    /* the job user's passwd line, added to a foreign root that lacks the uid */
#define TAG_GROUP_LINE 19 /* repeated: group lines for the job's groups, added likewise */
#define TAG_KEEP 20      /* sandbox: a host directory that receives the changes, as an OCI layer */
#define TAG_NET 21       /* u32 guest address, u32 gateway, u32 DNS server, u8 prefix length: --net */
#define TAG_HOSTFS_ROOT 22 /* the kernel's hostfs= prefix: every host path given lies under it */
#define TAG_BIND 23      /* repeated: a host directory, NUL, the path it appears at in a foreign root */

#define FLAG_TTY 1          /* give the job a pseudo-terminal instead of pipes */
#define FLAG_ROOT_RO 2      /* mount the host root read-only */
#define FLAG_SANDBOX 4      /* the job writes into a throw-away layer over the host root */
#define FLAG_ROOT_WRITABLE 8 /* a foreign root is used as it is: the job's writes reach it */

#endif

/* spawn [N [PATH]]: starts PATH (default /bin/true) N times, one after the other, and prints how many
 * milliseconds that took. Run as PID 1 (a guest's init) it takes N and PATH from the kernel parameters
 * bench_n and bench_exec (N defaults to 0 there: power off at once), prints the same line on the console
 * and powers off. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/reboot.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static int spawn(int n, const char *path) {
    for (int i = 0; i < n; i++) {
        int status;
        pid_t pid = fork();
        if (pid == 0) {
            execl(path, path, (char *)0);
            _exit(127);
        }
        if (pid < 0 || waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
            fprintf(stderr, "spawn: %s failed\n", path);
            return 1;
        }
    }
    return 0;
}

int main(int argc, char **argv) {
    int init = getpid() == 1;
    const char *n = init ? getenv("bench_n") : argc > 1 ? argv[1] : NULL;
    const char *path = init ? getenv("bench_exec") : argc > 2 ? argv[2] : NULL;
    double start = now_ms();
    int failed = spawn(n ? atoi(n) : init ? 0 : 1, path ? path : "/bin/true");
    printf("spawn: %.1f ms\n", now_ms() - start);
    fflush(stdout);
    if (!init) return failed;
    sync();
    reboot(RB_POWER_OFF);
    return 0;
}

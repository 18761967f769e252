#include "power.h"
#include <fcntl.h>
#include <stdio.h>
#include <sys/reboot.h>
#include <unistd.h>

void power_off(int code) {
    int fd = open("/proc/exitcode", O_WRONLY | O_CLOEXEC);
    if (fd >= 0) {
        char text[16];
        int n = snprintf(text, sizeof text, "%d\n", code);
        (void)!write(fd, text, n);
        close(fd);
    }
    sync();
    reboot(RB_POWER_OFF);
    for (;;) pause(); /* PID 1 must not exit: the kernel would panic */
}

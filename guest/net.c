#include "net.h"
#include "mounts.h"
#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <net/if.h>
#include <net/route.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <unistd.h>

static struct sockaddr_in ipv4(uint32_t address) {
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(address) };
    return a;
}

static int set_up(int s, const char *name) {
    struct ifreq r = { 0 };
    snprintf(r.ifr_name, IFNAMSIZ, "%s", name);
    if (ioctl(s, SIOCGIFFLAGS, &r) < 0) return -1;
    r.ifr_flags |= IFF_UP | IFF_RUNNING;
    return ioctl(s, SIOCSIFFLAGS, &r);
}

/* The first network device that is not the loopback (the vector driver's name for vec0 varies). */
static int find_device(char *name, size_t len) {
    DIR *d = opendir("/sys/class/net");
    if (!d) return -1;
    int found = -1;
    for (struct dirent *e; found < 0 && (e = readdir(d));)
        if (e->d_name[0] != '.' && strcmp(e->d_name, "lo")) snprintf(name, len, "%s", e->d_name), found = 0;
    closedir(d);
    return found;
}

int net_configure(const struct job_spec *spec, char *err, size_t errlen) {
    int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (s < 0) return failed(err, errlen, "cannot open", "a network socket");
    set_up(s, "lo");
    char dev[IFNAMSIZ];
    if (!spec->net) return close(s);
    if (mount_at("sysfs", "/sys", "sysfs", 0, NULL, err, errlen) < 0) return close(s), -1;
    int found = find_device(dev, sizeof dev);
    umount("/sys");
    if (found < 0) { close(s); snprintf(err, errlen, "--net: the guest has no network device (see the console)"); return -1; }
    struct ifreq r = { 0 };
    snprintf(r.ifr_name, IFNAMSIZ, "%s", dev);
    struct sockaddr_in addr = ipv4(spec->net_addr), mask = ipv4(spec->net_prefix ? ~0u << (32 - spec->net_prefix) : 0);
    memcpy(&r.ifr_addr, &addr, sizeof addr);
    if (ioctl(s, SIOCSIFADDR, &r) < 0) { close(s); return failed(err, errlen, "cannot set the address of", dev); }
    memcpy(&r.ifr_netmask, &mask, sizeof mask);
    if (ioctl(s, SIOCSIFNETMASK, &r) < 0 || set_up(s, dev) < 0) { close(s); return failed(err, errlen, "cannot bring up", dev); }
    struct rtentry route = { .rt_flags = RTF_UP | RTF_GATEWAY, .rt_dev = dev };
    struct sockaddr_in any = ipv4(0), gateway = ipv4(spec->net_gateway);
    memcpy(&route.rt_dst, &any, sizeof any);
    memcpy(&route.rt_genmask, &any, sizeof any);
    memcpy(&route.rt_gateway, &gateway, sizeof gateway);
    if (ioctl(s, SIOCADDRT, &route) < 0) { close(s); return failed(err, errlen, "cannot add the default route via", dev); }
    return close(s);
}

int net_resolver(const struct job_spec *spec, const char *root, int layered, char *err, size_t errlen) {
    if (!spec->net) return 0;
    char path[4096], dir[4096], line[64];
    struct in_addr dns = { htonl(spec->net_dns) };
    snprintf(line, sizeof line, "nameserver %s\n", inet_ntoa(dns));
    snprintf(path, sizeof path, "%s/etc/resolv.conf", root);
    snprintf(dir, sizeof dir, "%s/etc", root);
    const char *to = layered ? path : "/resolv.conf";
    if (layered) {
        make_dirs(dir);
        unlink(path); /* often a symlink into /run */
    }
    FILE *f = fopen(to, "we");
    if (!f || fputs(line, f) < 0 || fclose(f) != 0) return failed(err, errlen, "cannot write", to);
    if (layered) return 0;
    if (access(path, F_OK) != 0) return 0; /* nothing to mount over, and the root is not ours to write */
    /* The host's file (or where its symlink leads) gets ours mounted over it; nothing is written to it. */
    if (mount("/resolv.conf", path, NULL, MS_BIND, NULL) < 0) return failed(err, errlen, "cannot mount over", path);
    return 0;
}

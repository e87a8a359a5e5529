/* Privilege handling, modelled on mtr-packet and dumpcap: acquire the raw
 * sockets first, then become an ordinary process of the calling user that can
 * never get its privileges back. From then on a bug in request handling can
 * at most misuse the already-open sockets, which the policy guards. */
#define _GNU_SOURCE
#include "privs.h"
#include "limits.h"
#include "sockdiag.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <linux/capability.h>
#include <linux/icmp.h>
#include <linux/securebits.h>
#include <netinet/icmp6.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

const char *hs_sock_name(enum hs_sock s)
{
    static const char *const names[HS_NSOCK] = {"ip4-send", "ip6-send", "icmp-recv", "icmp6-recv",
                                                "tcp-recv", "tcp6-recv", "tcp-owner-check"};
    return (unsigned)s < HS_NSOCK ? names[s] : "?";
}

void hs_sanitize_std_fds(void)
{
    for (int fd = 0; fd <= 2; fd++) {
        if (fcntl(fd, F_GETFD) == -1 && errno == EBADF) {
            int n = open("/dev/null", O_RDWR);
            if (n != fd) /* open() returns the lowest free descriptor: fd */
                _exit(1);
        }
    }
}

int hs_load_config(struct hs_config *c, char *err, size_t errlen)
{
    hs_config_defaults(c);
    int fd = open(HS_CONFIG_PATH, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
        if (errno == ENOENT || errno == ENOTDIR)
            return 0;
        snprintf(err, errlen, "%s: %s", HS_CONFIG_PATH, strerror(errno));
        return -1;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size > 4096) {
        close(fd);
        snprintf(err, errlen, "%s: not a regular file of at most 4096 bytes", HS_CONFIG_PATH);
        return -1;
    }
    if (st.st_uid != 0 || (st.st_mode & (S_IWGRP | S_IWOTH))) {
        /* Whoever could write it could as well delete it: same as absent. */
        close(fd);
        fprintf(stderr, "hopscope-helper: ignoring %s: not root-owned or writable by others\n",
                HS_CONFIG_PATH);
        return 0;
    }
    char buf[4097];
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (n < 0) {
        snprintf(err, errlen, "%s: %s", HS_CONFIG_PATH, strerror(errno));
        return -1;
    }
    char perr[160];
    if (hs_config_parse(buf, (size_t)n, c, perr, sizeof perr) != 0) {
        snprintf(err, errlen, "%s: %s", HS_CONFIG_PATH, perr);
        return -1;
    }
    return 0;
}

static void setopt_int(int fd, int level, int name, int value)
{
    /* Best effort: a missing receive option degrades a reply (e.g. user-space
     * timestamp), it does not make the socket unusable. */
    (void)setsockopt(fd, level, name, &value, sizeof value);
}

static int open_raw(int family, int proto, int *err)
{
    int fd = socket(family, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, proto);
    *err = fd < 0 ? errno : 0;
    return fd;
}

void hs_open_sockets(struct hs_sockets *s)
{
    /* Send: IPPROTO_RAW implies header-included on both families, so the
     * engine's packet goes out byte for byte. These sockets receive nothing. */
    s->fd[HS_SEND4] = open_raw(AF_INET, IPPROTO_RAW, &s->err[HS_SEND4]);
    s->fd[HS_SEND6] = open_raw(AF_INET6, IPPROTO_RAW, &s->err[HS_SEND6]);
    /* The engine decides fragmentation itself (DF bit, probe size). Without
     * PMTUDISC_PROBE the kernel refuses header-included packets larger than a
     * path MTU it learned earlier (EMSGSIZE), which breaks path-MTU discovery
     * on the second run towards the same destination. */
    if (s->fd[HS_SEND4] >= 0)
        setopt_int(s->fd[HS_SEND4], IPPROTO_IP, IP_MTU_DISCOVER, IP_PMTUDISC_PROBE);
    if (s->fd[HS_SEND6] >= 0)
        setopt_int(s->fd[HS_SEND6], IPPROTO_IPV6, IPV6_MTU_DISCOVER, IPV6_PMTUDISC_PROBE);

    s->fd[HS_ICMP4] = open_raw(AF_INET, IPPROTO_ICMP, &s->err[HS_ICMP4]);
    s->fd[HS_ICMP6] = open_raw(AF_INET6, IPPROTO_ICMPV6, &s->err[HS_ICMP6]);
    s->fd[HS_TCP4] = open_raw(AF_INET, IPPROTO_TCP, &s->err[HS_TCP4]);
    s->fd[HS_TCP6] = open_raw(AF_INET6, IPPROTO_TCP, &s->err[HS_TCP6]);

    s->fd[HS_DIAG] = hs_sockdiag_open();
    s->err[HS_DIAG] = s->fd[HS_DIAG] < 0 ? errno : 0;

    if (s->fd[HS_ICMP4] >= 0) {
        /* Kernel-side filter: only echo reply and the errors we match, so the
         * flood of other ICMP never even reaches us. A set bit blocks a type. */
        struct icmp_filter f = {~((1u << 0) | (1u << 3) | (1u << 11) | (1u << 12))};
        (void)setsockopt(s->fd[HS_ICMP4], SOL_RAW, ICMP_FILTER, &f, sizeof f);
    }
    if (s->fd[HS_ICMP6] >= 0) {
        struct icmp6_filter f;
        ICMP6_FILTER_SETBLOCKALL(&f);
        ICMP6_FILTER_SETPASS(1, &f);   /* destination unreachable */
        ICMP6_FILTER_SETPASS(2, &f);   /* packet too big */
        ICMP6_FILTER_SETPASS(3, &f);   /* time exceeded */
        ICMP6_FILTER_SETPASS(4, &f);   /* parameter problem */
        ICMP6_FILTER_SETPASS(129, &f); /* echo reply */
        (void)setsockopt(s->fd[HS_ICMP6], IPPROTO_ICMPV6, ICMP6_FILTER, &f, sizeof f);
    }
    for (int i = HS_ICMP4; i <= HS_TCP6; i++) {
        if (s->fd[i] < 0)
            continue;
        setopt_int(s->fd[i], SOL_SOCKET, SO_TIMESTAMPNS, 1);
        setopt_int(s->fd[i], SOL_SOCKET, SO_RCVBUF, 1 << 20);
        if (i == HS_ICMP6 || i == HS_TCP6) {
            /* The IPv6 header is not delivered: ask for what we need to
             * rebuild it (PROTOCOL.md 3.2). */
            setopt_int(s->fd[i], IPPROTO_IPV6, IPV6_RECVPKTINFO, 1);
            setopt_int(s->fd[i], IPPROTO_IPV6, IPV6_RECVHOPLIMIT, 1);
            setopt_int(s->fd[i], IPPROTO_IPV6, IPV6_RECVTCLASS, 1);
        }
    }
}

static int capget_all(struct __user_cap_data_struct d[2])
{
    struct __user_cap_header_struct h = {_LINUX_CAPABILITY_VERSION_3, 0};
    return (int)syscall(SYS_capget, &h, d);
}

static int capset_none(void)
{
    struct __user_cap_header_struct h = {_LINUX_CAPABILITY_VERSION_3, 0};
    struct __user_cap_data_struct d[2];
    memset(d, 0, sizeof d);
    return (int)syscall(SYS_capset, &h, d);
}

#define FAIL(...)                              \
    do {                                       \
        snprintf(err, errlen, __VA_ARGS__);    \
        return -1;                             \
    } while (0)

int hs_drop_privileges(char *err, size_t errlen)
{
    uid_t ruid = getuid();
    gid_t rgid = getgid();
    struct __user_cap_data_struct d[2];
    if (capget_all(d) != 0)
        FAIL("capget: %s", strerror(errno));
    int have_setpcap = (d[0].effective >> CAP_SETPCAP) & 1;
    int have_setgid = (d[0].effective >> CAP_SETGID) & 1;

    if (have_setpcap) {
        /* Empty the bounding set and lock root's special treatment off, so not
         * even an exec could bring capabilities back. Best effort: the steps
         * below are what the verification insists on. */
        for (int c = 0; c < 64; c++)
            if (prctl(PR_CAPBSET_DROP, c, 0, 0, 0) != 0 && errno == EINVAL)
                break;
        (void)prctl(PR_SET_SECUREBITS, SECBIT_NOROOT | SECBIT_NOROOT_LOCKED |
                                           SECBIT_NO_CAP_AMBIENT_RAISE |
                                           SECBIT_NO_CAP_AMBIENT_RAISE_LOCKED | SECBIT_KEEP_CAPS_LOCKED,
                    0, 0, 0);
    }
    if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) != 0 && errno != EINVAL)
        FAIL("clearing ambient capabilities: %s", strerror(errno));

    /* Supplementary groups: when setuid root they are the caller's anyway,
     * but a root-run helper must not keep root's groups. */
    if (geteuid() == 0 || have_setgid)
        if (setgroups(0, NULL) != 0)
            FAIL("setgroups: %s", strerror(errno));
    /* gid first: once the uid is dropped we could no longer change it. All
     * three ids (real, effective, saved) so there is nothing to switch back to. */
    if (setresgid(rgid, rgid, rgid) != 0)
        FAIL("setresgid: %s", strerror(errno));
    if (setresuid(ruid, ruid, ruid) != 0)
        FAIL("setresuid: %s", strerror(errno));
    /* setresuid away from 0 already cleared the capability sets; a root
     * caller or a cap_net_raw file capability keeps them, so clear explicitly. */
    if (capset_none() != 0)
        FAIL("capset: %s", strerror(errno));
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
        FAIL("PR_SET_NO_NEW_PRIVS: %s", strerror(errno));
    /* Not dumpable: the calling user must not be able to ptrace us (or open
     * /proc/PID/fd) and take over the raw sockets we still hold. */
    if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0)
        FAIL("PR_SET_DUMPABLE: %s", strerror(errno));

    /* Verify rather than trust. */
    uid_t u[3];
    gid_t g[3];
    if (getresuid(&u[0], &u[1], &u[2]) != 0 || u[0] != ruid || u[1] != ruid || u[2] != ruid)
        FAIL("uid still not %u", (unsigned)ruid);
    if (getresgid(&g[0], &g[1], &g[2]) != 0 || g[0] != rgid || g[1] != rgid || g[2] != rgid)
        FAIL("gid still not %u", (unsigned)rgid);
    if (capget_all(d) != 0)
        FAIL("capget: %s", strerror(errno));
    for (int i = 0; i < 2; i++)
        if (d[i].effective || d[i].permitted || d[i].inheritable)
            FAIL("capabilities remain");
    for (int c = 0; c < 64; c++) {
        int r = prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_IS_SET, c, 0, 0);
        if (r < 0)
            break; /* EINVAL past the last capability (or no ambient support) */
        if (r > 0)
            FAIL("ambient capability %d remains", c);
    }
    if (ruid != 0 && (setuid(0) == 0 || seteuid(0) == 0))
        FAIL("could regain uid 0");
    if (rgid != 0 && (setgid(0) == 0 || setegid(0) == 0))
        FAIL("could regain gid 0");
    if (prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) != 1)
        FAIL("no_new_privs not set");
    if (prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) != 0)
        FAIL("still dumpable");
    return 0;
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

static void close_from_to(unsigned lo, unsigned hi)
{
    if (lo > hi)
        return;
#ifdef SYS_close_range
    if (syscall(SYS_close_range, lo, hi, 0) == 0)
        return;
#endif
    long max = sysconf(_SC_OPEN_MAX);
    if (max < 0 || max > 65536)
        max = 65536;
    for (long fd = lo; fd <= (long)hi && fd < max; fd++)
        (void)close((int)fd);
}

void hs_close_other_fds(const int *keep, size_t n)
{
    /* Inherited descriptors (the parent's files, sockets, terminals) are none
     * of our business, and holding them could leak them to nothing good. */
    int k[HS_NSOCK + 3];
    size_t m = 0;
    for (size_t i = 0; i < n && m < HS_NSOCK + 3; i++)
        if (keep[i] > 2)
            k[m++] = keep[i];
    qsort(k, m, sizeof k[0], cmp_int);
    unsigned next = 3;
    for (size_t i = 0; i < m; i++) {
        if ((unsigned)k[i] > next)
            close_from_to(next, (unsigned)k[i] - 1);
        if ((unsigned)k[i] + 1 > next)
            next = (unsigned)k[i] + 1;
    }
    close_from_to(next, ~0u);
}

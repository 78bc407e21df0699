/* source_udp.c — text datagrams (Teleplot's format), each parsed on its own; counts oversized and
 * malformed datagrams, their senders, and the kernel's drops (SO_RXQ_OVFL). Each sender (address
 * and port) has its own device clock: two boards on one port count millis() from their own
 * boots, and reboot on their own. */
#define _GNU_SOURCE /* recvmmsg, SO_RXQ_OVFL */
#include <arpa/inet.h>
#include <errno.h>
#include <math.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "ingest/source.h"

/* datagrams per recvmmsg */
#define UDP_BATCH 32
/* distinct senders remembered, each with its own clock; the senders after them share the
 * source's own clock (as every sender did before there were clocks a sender) */
#define UDP_SENDERS 1024
#define POLL_MS 50

typedef struct udp_source {
    int fd;
    rp_line_parser *lines;
    uint8_t *buf; /* UDP_BATCH × (RP_DATAGRAM_MAX + 1) */
    uint64_t senders[UDP_SENDERS];
    uint8_t sender_bad[UDP_SENDERS];
    rp_clock clocks[UDP_SENDERS]; /* each sender's device clock (40 kB, made with the source) */
    int sender_count;
    int poll_errors; /* consecutive poll/recv failures */
} udp_source;

static void on_sample(void *user, const rp_line_sample *s) { rp_sink_line_sample(user, s); }

static uint64_t hash_addr(const void *p, size_t n)
{
    const unsigned char *s = p;
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++) h = (h ^ s[i]) * 1099511628211ull;
    return h;
}

/* The sender of a datagram, remembered on first sight with a clock of its own; -1 past
 * UDP_SENDERS. */
static int find_sender(source *src, udp_source *u, const struct sockaddr_storage *addr,
                       socklen_t len)
{
    uint64_t h = hash_addr(addr, len);
    int i = 0;
    for (; i < u->sender_count; i++)
        if (u->senders[i] == h) return i;
    if (u->sender_count == UDP_SENDERS) return -1;
    rp_sink_clock_init(&u->clocks[i]);
    u->senders[u->sender_count++] = h;
    atomic_store_explicit(&src->senders_seen, u->sender_count, memory_order_relaxed);
    return i;
}

/* A sender's datagram was refused: the sender is counted once. */
static void sender_refused(source *src, udp_source *u, int i)
{
    if (i >= 0 && !u->sender_bad[i]) {
        u->sender_bad[i] = 1;
        atomic_fetch_add_explicit(&src->senders_rejected, 1, memory_order_relaxed);
    }
}

static rp_status udp_open(source *src, char *err, int err_size)
{
    udp_source *u = calloc(1, sizeof *u);
    if (!u) return RP_ERR_NO_MEMORY;
    u->fd = -1;
    src->impl = u;
    src->open_item = RP_LOGITEM_UDP_BIND;
    u->buf = malloc((size_t)UDP_BATCH * (RP_DATAGRAM_MAX + 1));
    rp_line_parser_desc d = {.on_sample = on_sample,
                             .on_event = rp_sink_line_event,
                             .user = src,
                             .refused_places = src->desc.rate > 0};
    if (!u->buf || rp_line_parser_create(&d, &u->lines) != RP_OK) return RP_ERR_NO_MEMORY;
    const char *host = src->desc.udp.host;
    struct addrinfo hints = {
        .ai_family = AF_UNSPEC, .ai_socktype = SOCK_DGRAM, .ai_flags = AI_PASSIVE | AI_NUMERICSERV};
    struct addrinfo *res = NULL;
    char port[8];
    snprintf(port, sizeof port, "%u", src->desc.udp.port);
    int rc = getaddrinfo(host, port, &hints, &res);
    if (rc != 0) {
        snprintf(err, (size_t)err_size, "udp: cannot resolve '%s': %s", host, gai_strerror(rc));
        return RP_ERR_IO;
    }
    int fd = socket(res->ai_family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        snprintf(err, (size_t)err_size, "udp: socket: %s", strerror(errno));
        freeaddrinfo(res);
        return RP_ERR_IO;
    }
    u->fd = fd;
    int on = 1, rcvbuf = 8 << 20;
    setsockopt(fd, SOL_SOCKET, SO_RXQ_OVFL, &on, sizeof on);       /* kernel drops become visible */
    setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof rcvbuf); /* absorb bursts */
    if (bind(fd, res->ai_addr, res->ai_addrlen) != 0) {
        snprintf(err, (size_t)err_size, "udp: cannot bind %s:%u: %s", host, src->desc.udp.port,
                 strerror(errno));
        freeaddrinfo(res);
        return RP_ERR_IO;
    }
    freeaddrinfo(res);
    struct sockaddr_storage bound;
    socklen_t blen = sizeof bound;
    if (getsockname(fd, (struct sockaddr *)&bound, &blen) != 0) {
        snprintf(err, (size_t)err_size, "udp: getsockname: %s", strerror(errno));
        return RP_ERR_IO;
    }
    uint16_t p = ntohs(bound.ss_family == AF_INET6 ? ((struct sockaddr_in6 *)&bound)->sin6_port
                                                   : ((struct sockaddr_in *)&bound)->sin_port);
    atomic_store(&src->bound_port, p);
    return RP_OK;
}

/* A failing poll or recv: said once, then retried with a growing pause (never a busy loop);
 * after 100 in a row the source ends with the error. */
static bool socket_trouble(source *src, udp_source *u, const char *what)
{
    int e = errno;
    u->poll_errors++;
    if (u->poll_errors == 1)
        rp_sink_log(src, RP_LOG_WARNING, RP_LOGITEM_SOURCE_READ, "udp: %s failed: %s (retrying)",
                    what, strerror(e));
    if (u->poll_errors >= 100) {
        char msg[160];
        snprintf(msg, sizeof msg, "udp: %s keeps failing: %s; the source stopped", what,
                 strerror(e));
        rp_sink_end(src, msg);
        return false;
    }
    struct timespec ts = {0, 10000000L * (u->poll_errors < 10 ? u->poll_errors : 10)};
    nanosleep(&ts, NULL);
    return true;
}

static void udp_run(source *src)
{
    udp_source *u = src->impl;
    struct mmsghdr msgs[UDP_BATCH];
    struct iovec iov[UDP_BATCH];
    struct sockaddr_storage from[UDP_BATCH];
    char control[UDP_BATCH][CMSG_SPACE(sizeof(uint32_t))];
    while (!rp_sink_stopping(src)) {
        struct pollfd pfd = {.fd = u->fd, .events = POLLIN};
        int ready = poll(&pfd, 1, POLL_MS);
        if (ready < 0 && errno != EINTR) {
            if (!socket_trouble(src, u, "poll")) return;
            continue;
        }
        if (ready > 0 && (pfd.revents & (POLLERR | POLLNVAL)) && !(pfd.revents & POLLIN)) {
            errno = pfd.revents & POLLNVAL ? EBADF : EIO;
            if (!socket_trouble(src, u, "poll")) return;
            continue;
        }
        if (ready <= 0) {
            rp_sink_arrival(src, 0);
            rp_sink_flush(src);
            continue;
        }
        for (int i = 0; i < UDP_BATCH; i++) {
            iov[i].iov_base = u->buf + (size_t)i * (RP_DATAGRAM_MAX + 1);
            iov[i].iov_len = RP_DATAGRAM_MAX + 1; /* one byte more: oversized datagrams show */
            msgs[i].msg_hdr = (struct msghdr){.msg_name = &from[i],
                                              .msg_namelen = sizeof from[i],
                                              .msg_iov = &iov[i],
                                              .msg_iovlen = 1,
                                              .msg_control = control[i],
                                              .msg_controllen = sizeof control[i]};
        }
        int got = recvmmsg(u->fd, msgs, UDP_BATCH, MSG_DONTWAIT, NULL);
        if (got < 0) {
            if (errno == EAGAIN || errno == EINTR) continue;
            if (!socket_trouble(src, u, "recvmmsg")) return;
            continue;
        }
        u->poll_errors = 0;
        rp_sink_arrival(src, 0);
        for (int i = 0; i < got; i++) {
            size_t len = msgs[i].msg_len;
            bool truncated = (msgs[i].msg_hdr.msg_flags & MSG_TRUNC) != 0;
            /* its timestamps are its sender's device clock (a series keeps its maker's) */
            int sender = find_sender(src, u, &from[i], msgs[i].msg_hdr.msg_namelen);
            rp_sink_use_clock(src, sender >= 0 ? &u->clocks[sender] : NULL);
            atomic_fetch_add_explicit(&src->bytes, (int64_t)len, memory_order_relaxed);
            rp_status st = truncated ? RP_ERR_LIMIT
                                     : rp_line_parser_feed_datagram(u->lines, iov[i].iov_base, len);
            if (st != RP_OK) {
                atomic_fetch_add_explicit(&src->datagrams_rejected, 1, memory_order_relaxed);
                if (truncated) {
                    rp_sink_refuse(src, RP_REFUSED_OVERSIZED, 1,
                                   "udp: datagram larger than 65507 bytes dropped");
                } else {
                    rp_sink_line_counters(src, u->lines);
                    rp_sink_log(src, RP_LOG_WARNING, RP_LOGITEM_INPUT_MALFORMED, "%s",
                                rp_line_parser_last_error(u->lines));
                }
            }
            if (st != RP_OK) sender_refused(src, u, sender);
            /* counted once parsed, its notes delivered: a datagram counted is one whose text
             * values and log lines are there to read (a reader waiting on the count saw a log
             * line missing now and then) */
            atomic_fetch_add_explicit(&src->datagrams, 1, memory_order_release);
            for (struct cmsghdr *c = CMSG_FIRSTHDR(&msgs[i].msg_hdr); c;
                 c = CMSG_NXTHDR(&msgs[i].msg_hdr, c)) {
                if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SO_RXQ_OVFL) {
                    uint32_t lost;
                    memcpy(&lost, CMSG_DATA(c), sizeof lost);
                    atomic_store_explicit(&src->datagrams_lost, lost, memory_order_relaxed);
                }
            }
        }
        rp_sink_flush(src);
    }
}

static void udp_close(source *src)
{
    udp_source *u = src->impl;
    if (!u) return;
    if (u->fd >= 0) close(u->fd);
    rp_line_parser_destroy(u->lines);
    free(u->buf);
    free(u);
    src->impl = NULL;
}

const rp_source_ops rp_source_udp_ops = {
    .label = "udp", .endless = true, .open = udp_open, .run = udp_run, .close = udp_close};

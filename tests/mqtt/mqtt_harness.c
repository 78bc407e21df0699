/* mqtt_harness.c — a real broker for the tests (see mqtt_harness.h). Everything listens on and
 * connects to 127.0.0.1 only. */
#include "mqtt_harness.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <mosquitto.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

double rp_harness_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

void rp_harness_sleep(double s)
{
    struct timespec ts = {(time_t)s, (long)((s - (double)(time_t)s) * 1e9)};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
    }
}

const char *rp_broker_binary(void)
{
    static const char *const candidates[] = {"/usr/sbin/mosquitto", "/usr/bin/mosquitto",
                                             "/usr/local/sbin/mosquitto",
                                             "/usr/local/bin/mosquitto"};
    for (size_t i = 0; i < sizeof candidates / sizeof candidates[0]; i++)
        if (access(candidates[i], X_OK) == 0) return candidates[i];
    return NULL;
}

static uint16_t free_port(void)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return 0;
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t len = sizeof a;
    uint16_t port = 0;
    if (bind(fd, (struct sockaddr *)&a, sizeof a) == 0 &&
        getsockname(fd, (struct sockaddr *)&a, &len) == 0)
        port = ntohs(a.sin_port);
    close(fd);
    return port;
}

static bool accepts(uint16_t port)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return false;
    struct sockaddr_in a = {
        .sin_family = AF_INET, .sin_port = htons(port), .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    bool ok = connect(fd, (struct sockaddr *)&a, sizeof a) == 0;
    close(fd);
    return ok;
}

int rp_broker_start(rp_broker *b, uint16_t port, const char *extra_conf)
{
    const char *bin = rp_broker_binary();
    if (!bin) return -1;
    if (!b->dir[0]) {
        snprintf(b->dir, sizeof b->dir, "/tmp/rp-mqtt-XXXXXX");
        if (!mkdtemp(b->dir)) return -1;
        snprintf(b->conf, sizeof b->conf, "%s/mosquitto.conf", b->dir);
        snprintf(b->log, sizeof b->log, "%s/broker.log", b->dir);
    }
    b->port = port ? port : free_port();
    FILE *f = fopen(b->conf, "w");
    if (!f) return -1;
    /* as root, mosquitto would switch to user "mosquitto", which cannot read our 0700 directory */
    fprintf(f, "listener %u 127.0.0.1\npersistence false\n%s%s\n", b->port,
            geteuid() == 0 ? "user root\n" : "", extra_conf ? extra_conf : "allow_anonymous true");
    fclose(f);
    pid_t pid = fork();
    if (pid < 0) return -1;
    if (pid == 0) {
        int fd = open(b->log, O_WRONLY | O_CREAT | O_APPEND, 0600);
        if (fd >= 0) {
            dup2(fd, 1);
            dup2(fd, 2);
        }
        execl(bin, "mosquitto", "-c", b->conf, (char *)NULL);
        _exit(127);
    }
    b->pid = pid;
    for (double end = rp_harness_now() + 5; rp_harness_now() < end;) {
        if (accepts(b->port)) return 0;
        int status;
        if (waitpid(pid, &status, WNOHANG) == pid) { /* died: port taken, bad config */
            b->pid = 0;
            return -1;
        }
        rp_harness_sleep(0.02);
    }
    rp_broker_kill(b);
    return -1;
}

void rp_broker_kill(rp_broker *b)
{
    if (b->pid <= 0) return;
    kill(b->pid, SIGKILL);
    waitpid(b->pid, NULL, 0);
    b->pid = 0;
}

void rp_broker_cleanup(rp_broker *b)
{
    rp_broker_kill(b);
    if (!b->dir[0]) return;
    DIR *d = opendir(b->dir);
    if (d) {
        struct dirent *e;
        char path[512];
        while ((e = readdir(d)) != NULL) {
            if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
            snprintf(path, sizeof path, "%s/%s", b->dir, e->d_name);
            unlink(path);
        }
        closedir(d);
    }
    rmdir(b->dir);
    b->dir[0] = 0;
}

bool rp_have_program(const char *program)
{
    const char *path = getenv("PATH");
    char dir[512];
    while (path && *path) {
        size_t n = strcspn(path, ":");
        snprintf(dir, sizeof dir, "%.*s/%s", (int)(n < 400 ? n : 400), path, program);
        if (n > 0 && access(dir, X_OK) == 0) return true;
        path += n + (path[n] == ':');
    }
    return false;
}

int rp_run(char *const argv[], const char *input)
{
    int pipefd[2] = {-1, -1};
    if (input && pipe(pipefd) != 0) return -1;
    pid_t pid = fork();
    if (pid < 0) return -1;
    if (pid == 0) {
        if (input) {
            dup2(pipefd[0], 0);
            close(pipefd[0]);
            close(pipefd[1]);
        } else {
            int fd = open("/dev/null", O_RDONLY);
            if (fd >= 0) dup2(fd, 0);
        }
        dup2(2, 1);
        execvp(argv[0], argv);
        _exit(127);
    }
    if (input) {
        close(pipefd[0]);
        size_t left = strlen(input);
        const char *p = input;
        while (left > 0) {
            ssize_t n = write(pipefd[1], p, left);
            if (n <= 0) break;
            p += n;
            left -= (size_t)n;
        }
        close(pipefd[1]);
    }
    int status;
    if (waitpid(pid, &status, 0) != pid) return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* ---- publisher ---------------------------------------------------------------------------------- */

struct rp_publisher {
    struct mosquitto *mosq;
    int connack;   /* -1 waiting, else the CONNACK code */
    int in_flight; /* QoS 1 messages without PUBACK */
};

static void pub_on_connect(struct mosquitto *mosq, void *obj, int rc)
{
    (void)mosq;
    ((rp_publisher *)obj)->connack = rc;
}

static void pub_on_publish(struct mosquitto *mosq, void *obj, int mid)
{
    (void)mosq;
    (void)mid;
    rp_publisher *p = obj;
    if (p->in_flight > 0) p->in_flight--;
}

rp_publisher *rp_publisher_connect(uint16_t port, const char *user, const char *password)
{
    mosquitto_lib_init();
    rp_publisher *p = calloc(1, sizeof *p);
    if (!p) return NULL;
    p->connack = -1;
    p->mosq = mosquitto_new(NULL, true, p);
    if (!p->mosq) {
        free(p);
        return NULL;
    }
    mosquitto_connect_callback_set(p->mosq, pub_on_connect);
    mosquitto_publish_callback_set(p->mosq, pub_on_publish);
    mosquitto_max_inflight_messages_set(p->mosq, 0); /* we pace QoS 1 ourselves */
    if (user) mosquitto_username_pw_set(p->mosq, user, password);
    if (mosquitto_connect(p->mosq, "127.0.0.1", port, 30) != MOSQ_ERR_SUCCESS) {
        rp_publisher_close(p);
        return NULL;
    }
    for (double end = rp_harness_now() + 5; p->connack < 0 && rp_harness_now() < end;)
        if (mosquitto_loop(p->mosq, 20, 1) != MOSQ_ERR_SUCCESS) break;
    if (p->connack != 0) {
        rp_publisher_close(p);
        return NULL;
    }
    return p;
}

int rp_publisher_send(rp_publisher *p, const char *topic, const void *payload, int len, int qos)
{
    while (qos > 0 && p->in_flight >= 1000) /* bounded window of unacknowledged QoS 1 messages */
        if (mosquitto_loop(p->mosq, 10, 1) != MOSQ_ERR_SUCCESS) return -1;
    int rc = mosquitto_publish(p->mosq, NULL, topic, len, payload, qos, false);
    if (rc != MOSQ_ERR_SUCCESS) return -1;
    if (qos > 0) p->in_flight++;
    /* keep the outgoing queue short: write what the socket takes now, read PUBACKs */
    if (mosquitto_want_write(p->mosq)) mosquitto_loop_write(p->mosq, 1);
    if (qos > 0) mosquitto_loop(p->mosq, 0, 1);
    return 0;
}

int rp_publisher_drain(rp_publisher *p, double timeout_s)
{
    for (double end = rp_harness_now() + timeout_s; rp_harness_now() < end;) {
        if (!mosquitto_want_write(p->mosq) && p->in_flight == 0) return 0;
        if (mosquitto_loop(p->mosq, 10, 1) != MOSQ_ERR_SUCCESS) return -1;
    }
    return -1;
}

void rp_publisher_close(rp_publisher *p)
{
    if (!p) return;
    if (p->connack == 0) {
        mosquitto_disconnect(p->mosq);
        mosquitto_loop(p->mosq, 10, 1);
    }
    mosquitto_destroy(p->mosq);
    free(p);
    mosquitto_lib_cleanup();
}

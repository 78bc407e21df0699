/* mqtt_harness.h — what the MQTT tests and `rp-bench mqtt` share: a real mosquitto broker on
 * 127.0.0.1 (a temporary config, a free port, kill -9 and restart), running a command with its
 * stdin fed from a string, and a fast C publisher (libmosquitto). Test code only. */
#ifndef RP_MQTT_HARNESS_H
#define RP_MQTT_HARNESS_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#define RP_HARNESS_SKIP 77 /* CTest SKIP_RETURN_CODE: no mosquitto binary */

typedef struct rp_broker {
    pid_t pid; /* 0 when not running */
    uint16_t port;
    char dir[128]; /* temporary directory: mosquitto.conf, broker.log, passwords */
    char conf[192];
    char log[192];
} rp_broker;

/* Path of the mosquitto binary (PATH, then /usr/sbin), or NULL. */
const char *rp_broker_binary(void);
/* Makes the temporary directory and picks a free port (port 0) or keeps port; writes a config
 * listening on 127.0.0.1 only, plus extra_conf lines (may be NULL); starts the broker and waits
 * until it accepts connections (5 s at most). 0 on success. */
int rp_broker_start(rp_broker *broker, uint16_t port, const char *extra_conf);
/* kill -9 and reap; the directory stays for a restart on the same port. */
void rp_broker_kill(rp_broker *broker);
/* Kills it if running and removes the temporary directory. */
void rp_broker_cleanup(rp_broker *broker);

/* True when `program` is an executable file in a PATH directory. */
bool rp_have_program(const char *program);
/* Runs argv (PATH search) with stdin from `input` (NULL: /dev/null), stdout/stderr to stderr.
 * Returns the exit status, or -1. */
int rp_run(char *const argv[], const char *input);

/* A libmosquitto publisher on its own loop (this thread), connected to 127.0.0.1:port. */
typedef struct rp_publisher rp_publisher;
rp_publisher *rp_publisher_connect(uint16_t port, const char *user, const char *password);
/* Publishes one message; with QoS 1 waits for PUBACKs when too many are in flight. 0: ok. */
int rp_publisher_send(rp_publisher *pub, const char *topic, const void *payload, int len, int qos);
/* Writes out everything queued and waits for the PUBACKs of QoS 1 messages. 0: ok. */
int rp_publisher_drain(rp_publisher *pub, double timeout_s);
void rp_publisher_close(rp_publisher *pub);

double rp_harness_now(void); /* monotonic seconds */
void rp_harness_sleep(double seconds);

#endif

/* serial_baud.c — baud rates through termios2 (TCGETS2/TCSETS2 with BOTHER), so any rate the
 * driver takes works, 250000 or 2000000 as well as the B-constants. <asm/termbits.h> defines its
 * own struct termios and flag macros, which clash with glibc's <termios.h>: this file includes
 * only the kernel header, and nothing else in ringplot includes it. */
#include <asm/termbits.h>
#include <errno.h>
#include <sys/ioctl.h>

#include "ingest/serial_port.h"

rp_status rp_serial__set_baud(int fd, uint32_t baud, uint32_t *actual, int *err_no)
{
    struct termios2 t;
    *err_no = 0;
    if (ioctl(fd, TCGETS2, &t) != 0) {
        *err_no = errno;
        return RP_ERR_IO;
    }
    t.c_cflag &= ~(tcflag_t)(CBAUD | (CBAUD << IBSHIFT));
    t.c_cflag |= BOTHER | (BOTHER << IBSHIFT);
    t.c_ispeed = baud;
    t.c_ospeed = baud;
    if (ioctl(fd, TCSETS2, &t) != 0) {
        *err_no = errno;
        return RP_ERR_IO;
    }
    /* the driver may round to what its clock divides to: read back what it took */
    if (ioctl(fd, TCGETS2, &t) != 0) {
        *err_no = errno;
        return RP_ERR_IO;
    }
    *actual = t.c_ospeed;
    return RP_OK;
}

rp_status rp_serial__get_baud(int fd, uint32_t *in_speed, uint32_t *out_speed)
{
    struct termios2 t;
    if (ioctl(fd, TCGETS2, &t) != 0) return RP_ERR_IO;
    *in_speed = t.c_ispeed;
    *out_speed = t.c_ospeed;
    return RP_OK;
}

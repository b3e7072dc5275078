/*
 * wake.c - the wake-up socket; see wake.h
 */
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <unistd.h>

#include "global/conf.h"
#include "util/log.h"
#include "global/wake.h"
#include "util/sys_defs.h"

/* wake_addr - the socket's address; -1 if the path does not fit */
static int
wake_addr(const struct conf *c, struct sockaddr_un *sun)
{
	memset(sun, 0, sizeof(*sun));
	sun->sun_family = AF_UNIX;
	if (strlen(c->mootd_wake) >= sizeof(sun->sun_path))
		return (-1);
	memcpy(sun->sun_path, c->mootd_wake, strlen(c->mootd_wake) + 1);
	return (0);
}

/* wake_listen - see wake.h */
int
wake_listen(const struct conf *c)
{
	struct sockaddr_un	sun;
	int			fd;
	mode_t			old;

	if (wake_addr(c, &sun) == -1) {
		log_warnx("wake socket %s: path too long; polling only",
		    c->mootd_wake);
		return (-1);
	}
	if ((fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
	    0)) == -1) {
		log_warn("wake socket");
		return (-1);
	}
	/* Only mootd binds it, under the lock, so an old one is stale. */
	(void)unlink(c->mootd_wake);
	old = umask(007);	/* the milter's group may write to it */
	if (bind(fd, (struct sockaddr *)&sun, sizeof(sun)) == -1) {
		log_warn("wake socket %s; polling only", c->mootd_wake);
		(void)umask(old);
		(void)close(fd);
		return (-1);
	}
	(void)umask(old);
	return (fd);
}

/* wake_wait - see wake.h */
int
wake_wait(int fd, int ms)
{
	struct pollfd	pfd;
	char		buf[64];
	int		woken = 0;

	if (fd == -1) {
		(void)poll(NULL, 0, ms);
		return (0);
	}
	pfd.fd = fd;
	pfd.events = POLLIN;
	if (poll(&pfd, 1, ms) > 0 && (pfd.revents & POLLIN)) {
		/* Many wake-ups mean one pass: drain them all. */
		while (recv(fd, buf, sizeof(buf), 0) > 0)
			woken = 1;
	}
	return (woken);
}

/* wake_socket - a datagram socket to send to mootd's; -1 if none */
static int
wake_socket(const struct conf *c, struct sockaddr_un *sun)
{
	if (wake_addr(c, sun) == -1)
		return (-1);
	return (socket(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
}

/* wake_mootd - see wake.h */
int
wake_mootd(const struct conf *c)
{
	struct sockaddr_un	sun;
	int			fd, took;

	if ((fd = wake_socket(c, &sun)) == -1)
		return (0);
	/* No mootd listening (no socket, or a stale one: ENOENT,
	 * ECONNREFUSED), or its queue full (EAGAIN): it will poll. */
	took = sendto(fd, "w", 1, 0, (struct sockaddr *)&sun,
	    sizeof(sun)) == 1 || errno == EAGAIN;
	(void)close(fd);
	return (took);
}

/* wake_listening - see wake.h.  connect() on a datagram socket only
 * names the peer: it fails as sendto() would, and sends nothing. */
int
wake_listening(const struct conf *c)
{
	struct sockaddr_un	sun;
	int			fd, yes;

	if ((fd = wake_socket(c, &sun)) == -1)
		return (0);
	yes = connect(fd, (struct sockaddr *)&sun, sizeof(sun)) == 0;
	(void)close(fd);
	return (yes);
}

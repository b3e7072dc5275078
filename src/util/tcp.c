/*
 * tcp.c - whether something answers at a TCP address; see tcp.h
 */
#include <sys/socket.h>
#include <sys/types.h>

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "util/tcp.h"
#include "util/vbuf.h"
#include "util/sys_defs.h"

/* connect_one - one address, nonblocking, within timeout_ms; errno set */
static int
connect_one(const struct addrinfo *ai, int timeout_ms)
{
	struct pollfd	pfd;
	socklen_t	len = sizeof(int);
	int		fd, err = 0, rc = -1;

	if ((fd = socket(ai->ai_family, ai->ai_socktype | SOCK_NONBLOCK,
	    ai->ai_protocol)) == -1)
		return (-1);
	if (connect(fd, ai->ai_addr, ai->ai_addrlen) == 0)
		rc = 0;
	else if (errno == EINPROGRESS) {
		pfd.fd = fd;
		pfd.events = POLLOUT;
		pfd.revents = 0;
		if (poll(&pfd, 1, timeout_ms) == 1 && getsockopt(fd,
		    SOL_SOCKET, SO_ERROR, &err, &len) == 0 && err == 0)
			rc = 0;
		else if (err != 0)
			errno = err;
		else
			errno = ETIMEDOUT;
	}
	err = errno;
	(void)close(fd);
	errno = err;
	return (rc);
}

/* tcp_probe - see tcp.h */
int
tcp_probe(const char *host, int port, int timeout_ms, struct vbuf *why)
{
	struct addrinfo	 hints, *res = NULL, *ai;
	char		 serv[16];
	int		 gai;

	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_NUMERICSERV;
	(void)snprintf(serv, sizeof(serv), "%d", port);
	if ((gai = getaddrinfo(host, serv, &hints, &res)) != 0) {
		vbuf_printf(why, "%s", gai_strerror(gai));
		return (-1);
	}
	errno = 0;
	for (ai = res; ai != NULL; ai = ai->ai_next)
		if (connect_one(ai, timeout_ms) == 0) {
			freeaddrinfo(res);
			return (0);
		}
	vbuf_printf(why, "%s", strerror(errno != 0 ? errno : ECONNREFUSED));
	freeaddrinfo(res);
	return (-1);
}

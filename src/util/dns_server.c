/*
 * dns_server.c - the [dns] server setting read; see dns_server.h
 *
 * Apart from dns.c so that a program that reads the configuration but
 * never asks DNS (moot inject) does not link libresolv.
 */
#include <sys/types.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "util/dns.h"
#include "util/dns_server.h"
#include "util/sys_defs.h"

/* port_parse - ":PORT" at s (or "" for 53) into *port; -1 if not one */
static int
port_parse(const char *s, uint16_t *port)
{
	long	 n = 53;
	char	*end;

	if (*s != '\0') {
		if (s[0] != ':' || !isdigit((unsigned char)s[1]))
			return (-1);
		errno = 0;
		n = strtol(s + 1, &end, 10);
		if (errno != 0 || *end != '\0' || n < 1 || n > 65535)
			return (-1);
	}
	*port = htons((uint16_t)n);
	return (0);
}

/* dns_server_parse - see dns_server.h */
int
dns_server_parse(const char *s, union ns_addr *a)
{
	char		 addr[INET6_ADDRSTRLEN];
	const char	*end, *rest;
	int		 v6 = 0;

	if (*s == '[') {
		if ((end = strchr(++s, ']')) == NULL)
			return (-1);
		rest = end + 1;
		v6 = 1;
	} else if ((end = strchr(s, ':')) != NULL && strchr(end + 1, ':')) {
		end = s + strlen(s);	/* a bare IPv6 address */
		rest = end;
		v6 = 1;
	} else {
		end = end != NULL ? end : s + strlen(s);
		rest = end;
	}
	if (end == s || (size_t)(end - s) >= sizeof(addr))
		return (-1);
	memcpy(addr, s, (size_t)(end - s));
	addr[end - s] = '\0';
	memset(a, 0, sizeof(*a));
	if (v6) {
#ifndef __GLIBC__
		return (-1);		/* dns.c's server_set() says why */
#endif
		a->v6.sin6_family = AF_INET6;
		if (inet_pton(AF_INET6, addr, &a->v6.sin6_addr) != 1)
			return (-1);
		return (port_parse(rest, &a->v6.sin6_port));
	}
	a->v4.sin_family = AF_INET;
	if (inet_pton(AF_INET, addr, &a->v4.sin_addr) != 1)
		return (-1);
	return (port_parse(rest, &a->v4.sin_port));
}

/* dns_server_valid - see dns.h */
int
dns_server_valid(const char *s)
{
	union ns_addr	a;

	return (dns_server_parse(s, &a) == 0);
}

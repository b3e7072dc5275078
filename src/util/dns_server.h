/*
 * dns_server.h - a DNS server's address as [dns] server gives it
 *
 * Owns: reading "ADDR", "ADDR:PORT" and "[ADDR]:PORT" (dns_server_valid()
 * in dns.h is its yes or no, for the configuration).
 */
#ifndef DNS_SERVER_H
#define DNS_SERVER_H

#include <netinet/in.h>

/* A server's address: IPv4 or IPv6. */
union ns_addr {
	struct sockaddr_in	v4;
	struct sockaddr_in6	v6;
};

/*
 * dns_server_parse - "ADDR[:PORT]" (IPv4), "ADDR" or "[ADDR]:PORT" (IPv6,
 * whose own colons would take the port's) into a; -1 if it is not one
 */
int	dns_server_parse(const char *s, union ns_addr *a);

#endif /* DNS_SERVER_H */

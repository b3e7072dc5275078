/*
 * tcp.h - whether something answers at a TCP address
 *
 * Owns: one bounded connection attempt, for checks that a peer is there
 * (moot check and the relay).  Sends nothing; closes at once.  Never
 * logs: the caller says what the reason in why means.
 */
#ifndef TCP_H
#define TCP_H

struct vbuf;

/*
 * tcp_probe - 0 if a connection to host:port opens within timeout_ms;
 * -1 with the reason in why.  host is a name or a numeric address.
 */
int	tcp_probe(const char *host, int port, int timeout_ms,
	    struct vbuf *why);

#endif /* TCP_H */

/*
 * random.c - random bytes from the kernel; see random.h
 */
#include <sys/random.h>

#include <errno.h>

#include "util/random.h"
#include "util/sys_defs.h"

/* random_bytes - see random.h */
int
random_bytes(void *buf, size_t n)
{
	unsigned char	*p = buf;
	ssize_t		 got;

	/* Up to 256 bytes come whole; more may come in parts. */
	while (n > 0) {
		if ((got = getrandom(p, n, 0)) == -1) {
			if (errno == EINTR)
				continue;
			return (-1);
		}
		p += got;
		n -= (size_t)got;
	}
	return (0);
}

/*
 * random.h - random bytes from the kernel
 *
 * Owns: the one way moot gets random bytes (keys, nonces, MIME
 * boundaries, digests that must match nothing): getrandom(2), the
 * kernel's generator, which needs no set-up in the process.
 */
#ifndef RANDOM_H
#define RANDOM_H

#include <stddef.h>

/* random_bytes - n random bytes into buf; 0, or -1 with errno set
 * (the kernel's generator not ready at boot is waited for) */
int	random_bytes(void *buf, size_t n);

#endif /* RANDOM_H */

/*
 * alloc.h - allocation that either succeeds or does not return
 *
 * Owns: every call to malloc(3) in moot.  Failure to allocate is fatal
 * (log_fatalx, exit 2): a daemon that cannot allocate a few bytes cannot
 * make progress, and the MTA answers 4xx while the milter is away.
 * Sizes that come from mail are bounded before they get here (vbuf max).
 */
#ifndef ALLOC_H
#define ALLOC_H

#include <stddef.h>

void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
char	*xasprintf(const char *, ...) __attribute__((format(printf, 1, 2)));

#endif /* ALLOC_H */

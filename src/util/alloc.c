/*
 * alloc.c - the one caller of malloc(3); see alloc.h
 */
#define MOOT_ALLOC_C
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "util/log.h"
#include "util/sys_defs.h"

/* xmalloc - allocate n bytes (n may be 0: one byte is allocated) */
void *
xmalloc(size_t n)
{
	void	*p = malloc(n ? n : 1);

	if (p == NULL)
		log_fatalx("xmalloc: cannot allocate %zu bytes", n);
	return (p);
}

/* xcalloc - allocate n * m zeroed bytes, checking the product */
void *
xcalloc(size_t n, size_t m)
{
	void	*p = calloc(n ? n : 1, m ? m : 1);

	if (p == NULL)
		log_fatalx("xcalloc: cannot allocate %zu x %zu bytes", n, m);
	return (p);
}

/* xreallocarray - resize p to n * m bytes, refusing an overflowing product */
void *
xreallocarray(void *p, size_t n, size_t m)
{
	void	*q;

	if (m != 0 && n > SIZE_MAX / m)
		log_fatalx("xreallocarray: %zu x %zu overflows", n, m);
	q = realloc(p, n * m != 0 ? n * m : 1);
	if (q == NULL)
		log_fatalx("xreallocarray: cannot allocate %zu x %zu bytes", n, m);
	return (q);
}

/* xstrdup - copy a NUL-terminated string */
char *
xstrdup(const char *s)
{
	char	*p = strdup(s);

	if (p == NULL)
		log_fatalx("xstrdup: cannot allocate %zu bytes", strlen(s) + 1);
	return (p);
}

/* xstrndup - copy at most n bytes of s, always NUL-terminated */
char *
xstrndup(const char *s, size_t n)
{
	char	*p = strndup(s, n);

	if (p == NULL)
		log_fatalx("xstrndup: cannot allocate %zu bytes", n + 1);
	return (p);
}

/* xasprintf - format into a new string that the caller frees */
char *
xasprintf(const char *fmt, ...)
{
	va_list	 ap;
	char	*p;
	int	 n;

	va_start(ap, fmt);
	n = vasprintf(&p, fmt, ap);
	va_end(ap);
	if (n < 0)
		log_fatalx("xasprintf: cannot allocate");
	return (p);
}

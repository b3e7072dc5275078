/*
 * vbuf.h - a growing byte buffer with a hard maximum (style P6)
 *
 * Owns: its data.  The buffer is always NUL-terminated past len, and may
 * hold NUL bytes within len.  Appending past max is a fact about the input,
 * not an allocation failure: the append returns -1 and sets the sticky err,
 * so a caller may append many times and check once (vbuf_err).
 *
 * A vbuf lives on the stack or inside a struct: vbuf_init() it, and
 * vbuf_release() it when done.
 */
#ifndef VBUF_H
#define VBUF_H

#include <stdarg.h>
#include <stddef.h>

#define VBUF_NOMAX	((size_t)-1 >> 1)	/* no limit but the address space */

struct vbuf {
	char	*data;		/* owned; NUL-terminated; NULL before init */
	size_t	 len;		/* bytes used */
	size_t	 cap;		/* bytes allocated, less the NUL */
	size_t	 max;		/* appends beyond this fail */
	int	 err;		/* sticky: set by the first failed append */
};

void	vbuf_init(struct vbuf *, size_t max);
void	vbuf_release(struct vbuf *);
void	vbuf_reset(struct vbuf *);		/* len = 0, err = 0 */
int	vbuf_cat(struct vbuf *, const void *, size_t);
int	vbuf_puts(struct vbuf *, const char *);
int	vbuf_putc(struct vbuf *, int);
int	vbuf_printf(struct vbuf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
int	vbuf_vprintf(struct vbuf *, const char *, va_list)
	    __attribute__((format(printf, 2, 0)));
void	vbuf_truncate(struct vbuf *, size_t);
char	*vbuf_take(struct vbuf *, size_t *);	/* caller frees; buf reset */
const char *vbuf_str(const struct vbuf *);	/* "" before any append */

#define vbuf_err(b)	((b)->err)

#endif /* VBUF_H */

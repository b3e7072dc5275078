/*
 * vis.h - mail-derived text made safe for a terminal or a log line
 *
 * Owns: the one escaping rule for text from mail shown to a person
 * (threat F3): C0 and C1 controls, DEL and ESC become \xNN, a backslash
 * becomes \\; valid UTF-8 passes through, invalid bytes become \xNN.
 */
#ifndef VIS_H
#define VIS_H

#include <stddef.h>

struct vbuf;

/* vis_utf8_len - length of the valid UTF-8 sequence of a character
 * U+00A0 or above at p (2..4), or 0: an ASCII byte, a C1 control, an
 * overlong, cut or surrogate sequence.  Reads no further than a NUL. */
size_t	vis_utf8_len(const unsigned char *p);

/* vis_append - append s, escaped, to out */
void	vis_append(struct vbuf *out, const char *s);

/*
 * vis_bounded - s, escaped, into dst of size bytes (NUL-terminated); stops
 * before a character or escape that does not fit.  Returns how many bytes
 * of s it took (all of them unless cut).  For callers that must not
 * allocate, such as log.c.
 */
size_t	vis_bounded(char *dst, size_t size, const char *s);

#endif /* VIS_H */

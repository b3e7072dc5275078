/*
 * vis.h - mail-derived text made safe for a terminal or a log line
 *
 * Owns: the one escaping rule for text from mail shown to a person
 * (threat F3): C0 and C1 controls, DEL and ESC become \xNN, a backslash
 * becomes \\; the bidi controls become \u{202E} (vis_bidi_len());
 * other valid UTF-8 passes through, invalid bytes become \xNN.
 */
#ifndef VIS_H
#define VIS_H

#include <stddef.h>

struct vbuf;

/* vis_utf8_len - length of the valid UTF-8 sequence of a character
 * U+00A0 or above at p (2..4), or 0: an ASCII byte, a C1 control, an
 * overlong, cut or surrogate sequence.  Reads no further than a NUL. */
size_t	vis_utf8_len(const unsigned char *p);

/* vis_utf8_text - 1 if p[0..len) is UTF-8 text: no NUL, every byte
 * ASCII or part of a character vis_utf8_len() accepts */
int	vis_utf8_text(const char *p, size_t len);

/*
 * vis_bidi_len - the length of the bidi control at p (3 for the UTF-8 of
 * U+200E-U+200F, U+202A-U+202E and U+2066-U+2069; 2 for U+061C), or 0.
 * These are Unicode's Bidi_Control characters: an override or isolate
 * in a subject, a name or a file name reorders what follows it on the
 * line, so "gpj.exe" shows as "exe.jpg" and a link's target as another.
 */
size_t	vis_bidi_len(const unsigned char *p);

/*
 * vis_bidi_append - append s to out with only its bidi controls made
 * visible as \u{XXXX}; everything else as it is.  For text that stays
 * text (a notice's body and subject), where vis_append() would also
 * escape line breaks and backslashes.
 */
void	vis_bidi_append(struct vbuf *out, const char *s);

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

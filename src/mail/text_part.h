/*
 * text_part.h - the text of a message, as a person would read it
 *
 * Owns: choosing the part to read (the first text/plain part that is not
 * an attachment; failing that, the first text/html one, read through
 * libxml2's HTML parser with quoted blocks left out), undoing its
 * transfer encoding and converting its charset to UTF-8 (libetpan), all
 * within a byte limit ([limits] text_bytes, threat D2).  Used to read
 * moderators' replies and commands, and to show a held post inline.
 */
#ifndef TEXT_PART_H
#define TEXT_PART_H

#include <stddef.h>

struct mail;
struct vbuf;

enum text_part_from {
	TEXT_PART_NONE,		/* no readable text part */
	TEXT_PART_PLAIN,
	TEXT_PART_HTML,
};

/* text_part_get - the text, UTF-8 with LF line ends, at most max bytes
 * (cut at a character boundary) */
enum text_part_from text_part_get(const struct mail *, size_t max,
	    struct vbuf *out);

/*
 * text_part_show - text_part_get() for a person deciding about the
 * message: read from HTML, each link whose text is not its target is
 * followed by it, "text <https://target>", and the bidi controls of both
 * are shown as \u{202E}, so a phishing link shows where it goes.  Plain
 * text is as text_part_get() has it.
 */
enum text_part_from text_part_show(const struct mail *, size_t max,
	    struct vbuf *out);

/* text_part_decode - the bytes of part mm (a libetpan struct mailmime
 * of a single part), transfer encoding undone and charset converted to
 * UTF-8, at most max bytes before conversion; 0 or -1.  For mime_parts.c,
 * which reads the links of HTML parts the same way. */
struct mailmime;
int	text_part_decode(struct mailmime *mm, size_t max, struct vbuf *out);

/*
 * text_part_calendar - the first text/calendar part (RFC 6047: an
 * invitation or a calendar program's answer), attachment or not, its
 * transfer encoding undone, at most max bytes; 0, or -1 if none
 */
int	text_part_calendar(const struct mail *, size_t max, struct vbuf *out);

/* text_part_html - text from HTML, blockquotes left out (for tests too) */
int	text_part_html(const char *html, size_t len, size_t max,
	    struct vbuf *out);

#endif /* TEXT_PART_H */

/*
 * hdr_encode.c - composing header fields; see hdr_encode.h
 *
 * Base64 is OpenSSL's (EVP_EncodeBlock); the framing of encoded words
 * (RFC 2047 section 2: at most 75 characters, whole UTF-8 characters per
 * word) is ours, because no Debian library offers it for C.
 */
#include <string.h>

#include <openssl/evp.h>

#include "mail/hdr_encode.h"
#include "util/vbuf.h"
#include "util/sys_defs.h"

#define LINE_MAX_COLS	76	/* RFC 2047 section 2 asks this of lines with encoded words */
#define WORD_PREFIX	"=?UTF-8?B?"

/* hdr_encode_clean - see hdr_encode.h */
void
hdr_encode_clean(struct vbuf *out, const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;

	vbuf_reset(out);
	for (; *p != '\0'; p++) {
		if (*p == '\t' || *p == '\n' || *p == '\r') {
			vbuf_putc(out, ' ');
			continue;
		}
		if (*p < 0x20 || *p == 0x7f)
			continue;
		/* C1 controls are U+0080..U+009F: C2 80..C2 9F in UTF-8. */
		if (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) {
			p++;
			continue;
		}
		vbuf_putc(out, *p);
	}
	if (out->data == NULL)
		vbuf_cat(out, "", 0);
}

/* needs_encoding - non-ASCII, or something a reader would take for a word */
static int
needs_encoding(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p >= 0x80 || *p < 0x20 || *p == 0x7f)
			return (1);
	return (strstr(s, "=?") != NULL);
}

/* utf8_len - bytes in the UTF-8 sequence that starts with c (1 if bad) */
static size_t
utf8_len(unsigned char c)
{
	if (c >= 0xf0 && c < 0xf8)
		return (4);
	if (c >= 0xe0)
		return (c < 0xf0 ? 3 : 1);
	if (c >= 0xc0)
		return (2);
	return (1);
}

/* encode_words - s as encoded words separated by single spaces */
static int
encode_words(struct vbuf *out, const char *s)
{
	/*
	 * 39 bytes of text make 52 base64 characters and a 64-character
	 * word, so "Subject: " and a word still fit in 76 columns.
	 */
	const size_t	 max_in = 39;
	size_t		 len = strlen(s), off = 0;
	unsigned char	 b64[64];

	while (off < len) {
		size_t	n = 0, cl;

		while (off + n < len) {
			cl = utf8_len((unsigned char)s[off + n]);
			if (off + n + cl > len)
				cl = len - off - n;
			if (n + cl > max_in)
				break;
			n += cl;
		}
		if (n == 0)		/* cannot happen: max_in >= 4 */
			return (-1);
		EVP_EncodeBlock(b64, (const unsigned char *)s + off, (int)n);
		if (off > 0)
			vbuf_putc(out, ' ');
		vbuf_printf(out, "%s%s?=", WORD_PREFIX, (char *)b64);
		off += n;
	}
	return (vbuf_err(out) ? -1 : 0);
}

/* hdr_encode_text - see hdr_encode.h */
int
hdr_encode_text(struct vbuf *out, const char *s)
{
	if (!needs_encoding(s))
		return (vbuf_puts(out, s));
	return (encode_words(out, s));
}

/* hdr_encode_phrase - see hdr_encode.h */
int
hdr_encode_phrase(struct vbuf *out, const char *s)
{
	const char	*p;
	int		 special = 0;

	if (needs_encoding(s))
		return (encode_words(out, s));
	for (p = s; *p != '\0'; p++)
		if (strchr("()<>[]:;@\\,.\"", *p) != NULL)
			special = 1;
	if (!special)
		return (vbuf_puts(out, s));
	vbuf_putc(out, '"');
	for (p = s; *p != '\0'; p++) {
		if (*p == '"' || *p == '\\')
			vbuf_putc(out, '\\');
		vbuf_putc(out, *p);
	}
	return (vbuf_putc(out, '"'));
}

/* hdr_encode_field - see hdr_encode.h */
int
hdr_encode_field(struct vbuf *out, const char *name, const char *value)
{
	size_t	col, start = out->len;
	const char *p, *word;

	if (strpbrk(value, "\r\n") != NULL)
		return (-1);
	vbuf_printf(out, "%s:", name);
	col = strlen(name) + 1;
	/* Fold before any word that would pass the column limit. */
	for (p = value; *p != '\0';) {
		size_t	spaces = 0, wl;

		while (p[spaces] == ' ')
			spaces++;
		word = p + spaces;
		wl = strcspn(word, " ");
		if (wl == 0)
			break;
		if (col + 1 + wl > LINE_MAX_COLS && col > strlen(name) + 1) {
			vbuf_puts(out, "\r\n");
			col = 0;
		}
		vbuf_putc(out, ' ');
		vbuf_cat(out, word, wl);
		col += 1 + wl;
		p = word + wl;
	}
	vbuf_puts(out, "\r\n");
	if (vbuf_err(out)) {
		vbuf_truncate(out, start);
		return (-1);
	}
	return (0);
}

/* hdr_encode_mailbox - see hdr_encode.h */
int
hdr_encode_mailbox(struct vbuf *out, const char *display, const char *addr)
{
	if (display == NULL || *display == '\0')
		return (vbuf_puts(out, addr));
	hdr_encode_phrase(out, display);
	return (vbuf_printf(out, " <%s>", addr));
}

/*
 * hdr_read.c - the header section, as received; see hdr_read.h
 *
 * The header section is split into fields here, because rewriting needs
 * each field's exact bytes; what a field means (addresses, encoded words,
 * MIME parameters) is left to libetpan, which reads raw 8-bit bytes in
 * atoms and quoted strings as it reads ASCII.
 */
#include <stdlib.h>
#include <string.h>

#include <libetpan/libetpan.h>

#include "util/alloc.h"
#include "mail/hdr_read.h"
#include "mail/mail.h"
#include "util/vbuf.h"
#include "util/vis.h"
#include "util/sys_defs.h"

/* hdr_is - see mail.h */
int
hdr_is(const struct hdr_field *f, const char *name)
{
	return (strlen(name) == f->name_len &&
	    strncasecmp(f->name, name, f->name_len) == 0);
}

/* mail_field - see mail.h */
const struct hdr_field *
mail_field(const struct mail *m, const char *name, size_t nth)
{
	for (size_t i = 0; i < m->nfields; i++)
		if (hdr_is(&m->fields[i], name) && nth-- == 0)
			return (&m->fields[i]);
	return (NULL);
}

/* hdr_has_8bit - see mail.h; the name opens the field's bytes */
int
hdr_has_8bit(const struct hdr_field *f)
{
	for (size_t i = 0; i < f->len; i++)
		if ((unsigned char)f->name[i] >= 0x80)
			return (1);
	return (0);
}

/* hdr_unfold - see mail.h */
int
hdr_unfold(const struct hdr_field *f, struct vbuf *out)
{
	const char	*v = f->value, *end = f->value + f->value_len;
	size_t		 start;

	vbuf_reset(out);
	vbuf_cat(out, "", 0);
	for (; v < end; v++) {
		if (*v == '\r' && v + 1 < end && v[1] == '\n') {
			v++;
			continue;
		}
		vbuf_putc(out, *v);
	}
	if (vbuf_err(out))
		return (-1);
	while (out->len > 0 && (out->data[out->len - 1] == ' ' ||
	    out->data[out->len - 1] == '\t'))
		vbuf_truncate(out, out->len - 1);
	for (start = 0; start < out->len && (out->data[start] == ' ' ||
	    out->data[start] == '\t'); start++)
		;
	memmove(out->data, out->data + start, out->len - start + 1);
	out->len -= start;
	return (0);
}

/* hdr_read_utf8 - see hdr_read.h */
int
hdr_read_utf8(struct vbuf *out, const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 n;

	vbuf_reset(out);
	vbuf_cat(out, "", 0);
	while (*p != '\0') {
		if (*p < 0x80)
			n = 1;
		else if ((n = vis_utf8_len(p)) == 0) {
			/* ISO-8859-1: the byte is the code point. */
			vbuf_putc(out, 0xc0 | (*p >> 6));
			vbuf_putc(out, 0x80 | (*p & 0x3f));
			p++;
			continue;
		}
		vbuf_cat(out, p, n);
		p += n;
	}
	return (vbuf_err(out) ? -1 : 0);
}

/* mail_decode_phrase - see mail.h */
int
mail_decode_phrase(const char *value, struct vbuf *out)
{
	struct vbuf	 in;
	char		*utf8 = NULL;
	size_t		 idx = 0;
	int		 r;

	/* Raw 8-bit text first becomes UTF-8 (RFC 6532), which is then
	 * the charset of whatever is not an encoded word. */
	vbuf_init(&in, VBUF_NOMAX);
	if (hdr_read_utf8(&in, value) == -1) {
		vbuf_release(&in);
		return (-1);
	}
	vbuf_reset(out);
	r = mailmime_encoded_phrase_parse("utf-8", vbuf_str(&in), in.len,
	    &idx, "utf-8", &utf8);
	if (r != MAILIMF_NO_ERROR || utf8 == NULL) {
		/* Not decodable: show it as it was written. */
		vbuf_puts(out, vbuf_str(&in));
		free(utf8);
		vbuf_release(&in);
		return (-1);
	}
	vbuf_puts(out, utf8);
	free(utf8);
	vbuf_release(&in);
	return (vbuf_err(out) ? -1 : 0);
}

/* field_name_end - end of the name if the line at b[off, eol) opens a
 * field (name, optional white space, colon: RFC 5322 section 4.5 keeps
 * the white space); the colon's offset in *colon_at.  0 if not. */
static size_t
field_name_end(const char *b, size_t off, size_t eol, size_t *colon_at)
{
	size_t	name, i;

	for (name = off; name < eol && b[name] > ' ' && b[name] < 0x7f &&
	    b[name] != ':'; name++)
		;
	for (i = name; i < eol && (b[i] == ' ' || b[i] == '\t'); i++)
		;
	if (name == off || i >= eol || b[i] != ':')
		return (0);
	*colon_at = i;
	return (name);
}

/* hdr_read_mbox_line - see hdr_read.h */
size_t
hdr_read_mbox_line(const char *buf, size_t len)
{
	const char	*nl;
	size_t		 colon;

	if (len < 5 || memcmp(buf, "From ", 5) != 0 ||
	    (nl = memchr(buf, '\n', len)) == NULL)
		return (0);
	/* "From : a@b" is a field in the obsolete syntax, not a line. */
	if (field_name_end(buf, 0, (size_t)(nl - buf), &colon) != 0)
		return (0);
	return ((size_t)(nl - buf) + 1);
}

/* add_field - a new field opening at off, its colon at colon */
static struct hdr_field *
add_field(struct mail *m, size_t *cap, size_t off, size_t name_end,
    size_t colon)
{
	struct hdr_field	*f;

	if (m->nfields == *cap) {
		*cap = *cap ? *cap * 2 : 32;
		m->fields = xreallocarray(m->fields, *cap, sizeof(*m->fields));
	}
	f = &m->fields[m->nfields++];
	f->name = m->buf + off;
	f->name_len = name_end - off;
	f->off = off;
	f->value = m->buf + colon + 1;
	return (f);
}

/* hdr_read_split - see hdr_read.h */
int
hdr_read_split(struct mail *m, const struct limits *lim, struct vbuf *why)
{
	const char	*b = m->buf;
	size_t		 off = 0, cap = 0, line = 0, eol, name_end, colon;
	struct hdr_field *f = NULL;

	while (off < m->len) {
		const char *nl = memchr(b + off, '\n', m->len - off);

		line++;
		eol = nl != NULL ? (size_t)(nl - b) + 1 : m->len;
		if (eol - off == 2 && b[off] == '\r') {
			m->hdr_end = off;
			m->body_off = eol;
			break;
		}
		if (b[off] == ' ' || b[off] == '\t') {
			if (f == NULL) {
				vbuf_puts(why, "the header section starts "
				    "with a continuation line");
				return (-1);
			}
		} else if ((name_end = field_name_end(b, off, eol,
		    &colon)) != 0)
			f = add_field(m, &cap, off, name_end, colon);
		else {
			vbuf_printf(why, "line %zu of the header section "
			    "is not a header field", line);
			return (-1);
		}
		/* The field and its value run to its final CRLF. */
		f->len = eol - f->off;
		f->value_len = f->off + f->len - (size_t)(f->value - b);
		if (f->value_len >= 2 && f->value[f->value_len - 1] == '\n')
			f->value_len -= 2;
		if ((int64_t)f->len > lim->header_bytes) {
			vbuf_printf(why, "header field %.*s is longer than "
			    "%lld bytes", (int)(f->name_len > 40 ? 40 :
			    f->name_len), f->name, (long long)lim->header_bytes);
			return (-1);
		}
		if ((int64_t)eol > lim->header_section_bytes) {
			vbuf_printf(why, "header section longer than %lld "
			    "bytes", (long long)lim->header_section_bytes);
			return (-1);
		}
		off = eol;
		m->hdr_end = m->body_off = eol;
	}
	if (m->nfields == 0) {
		vbuf_puts(why, "no header fields");
		return (-1);
	}
	return (0);
}

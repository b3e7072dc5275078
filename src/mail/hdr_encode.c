/*
 * hdr_encode.c - composing header fields; see hdr_encode.h
 *
 * Base64 is OpenSSL's (EVP_EncodeBlock); the framing of encoded words
 * (RFC 2047 section 2: at most 75 characters, whole UTF-8 characters per
 * word) is ours, because no Debian library offers it for C.
 */
#include <string.h>

#include <libetpan/libetpan.h>

#include "mail/b64.h"
#include "mail/hdr_encode.h"
#include "mail/hdr_read.h"
#include "mail/mail.h"
#include "util/vbuf.h"
#include "util/vis.h"
#include "util/sys_defs.h"

#define LINE_MAX_COLS	76	/* RFC 2047 section 2 asks this of lines with encoded words */
#define WORD_PREFIX	"=?UTF-8?B?"

/* hdr_encode_shown - see hdr_encode.h */
void
hdr_encode_shown(struct vbuf *out, const char *s)
{
	struct vbuf	clean;

	vbuf_init(&clean, VBUF_NOMAX);
	hdr_encode_clean(&clean, s);
	vbuf_reset(out);
	vis_bidi_append(out, vbuf_str(&clean));
	if (out->data == NULL)
		vbuf_cat(out, "", 0);
	vbuf_release(&clean);
}

/* hdr_encode_longest - see hdr_encode.h */
size_t
hdr_encode_longest(const char *p, size_t len)
{
	size_t	longest = 0, n = 0;

	for (size_t i = 0; i < len; i++) {
		if (p[i] == '\n' || (p[i] == '\r' && i + 1 < len &&
		    p[i + 1] == '\n')) {
			n = 0;
			continue;
		}
		if (++n > longest)
			longest = n;
	}
	return (longest);
}

/*
 * needs_encoding - non-ASCII, something a reader would take for a word,
 * or a word longer than a folded line holds (LINE_MAX_COLS): folding
 * happens only at spaces, and only encoded words can be cut
 */
static int
needs_encoding(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p >= 0x80 || *p < 0x20 || *p == 0x7f)
			return (1);
	for (const char *p = s + strspn(s, " "); *p != '\0';
	    p += strspn(p, " ")) {
		size_t	wl = strcspn(p, " ");

		if (1 + wl > LINE_MAX_COLS)
			return (1);
		p += wl;
	}
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
	char		 b64[B64_LEN(39) + 1];

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
		(void)b64_encode(b64, s + off, n);
		if (off > 0)
			vbuf_putc(out, ' ');
		vbuf_printf(out, "%s%s?=", WORD_PREFIX, b64);
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
		/* A word no fold can cut: a strict relay would refuse the
		 * line, so the field is not written. */
		if (col + 1 + wl > HDR_LINE_MAX) {
			vbuf_truncate(out, start);
			return (-1);
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

/*
 * How a field that arrived with raw 8-bit bytes (RFC 6532) is written
 * for a relay without SMTPUTF8: addresses one by one, their display
 * names as encoded words; MIME fields not at all (they belong to the
 * body's own part); any other field as unstructured text, which is what
 * RFC 2047 allows encoded words in.
 */
enum field_kind {
	FIELD_TEXT,
	FIELD_ADDRESSES,
	FIELD_MIME,
};

static const struct {
	const char	*name;
	enum field_kind	 kind;
} field_kinds[] = {
	{ "From", FIELD_ADDRESSES }, { "Sender", FIELD_ADDRESSES },
	{ "Reply-To", FIELD_ADDRESSES }, { "To", FIELD_ADDRESSES },
	{ "Cc", FIELD_ADDRESSES }, { "Bcc", FIELD_ADDRESSES },
	{ "Resent-From", FIELD_ADDRESSES },
	{ "Resent-Sender", FIELD_ADDRESSES },
	{ "Resent-To", FIELD_ADDRESSES }, { "Resent-Cc", FIELD_ADDRESSES },
	{ "Resent-Bcc", FIELD_ADDRESSES },
	{ "Mail-Followup-To", FIELD_ADDRESSES },
	{ "Mail-Reply-To", FIELD_ADDRESSES },
	{ "Disposition-Notification-To", FIELD_ADDRESSES },
	{ "Return-Receipt-To", FIELD_ADDRESSES },
	{ "Errors-To", FIELD_ADDRESSES },
	{ "Content-Description", FIELD_TEXT },	/* text (RFC 2045) */
	{ "MIME-Version", FIELD_MIME },
};

/* field_kind - what f holds */
static enum field_kind
field_kind(const struct hdr_field *f)
{
	for (size_t i = 0; i < nitems(field_kinds); i++)
		if (hdr_is(f, field_kinds[i].name))
			return (field_kinds[i].kind);
	if (f->name_len >= 8 && strncasecmp(f->name, "Content-", 8) == 0)
		return (FIELD_MIME);
	return (FIELD_TEXT);
}

/* is_ascii - s holds no byte above 0x7f */
static int
is_ascii(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s >= 0x80)
			return (0);
	return (1);
}

/* clean_phrase - raw words (8-bit, encoded words) to clean UTF-8 */
static void
clean_phrase(struct vbuf *out, const char *raw, struct vbuf *tmp)
{
	(void)mail_decode_phrase(raw != NULL ? raw : "", tmp);
	hdr_encode_clean(out, vbuf_str(tmp));
}

/* encode_mailbox - one mailbox, appended; -1 if its address is not ASCII */
static int
encode_mailbox(struct vbuf *out, const struct mailimf_mailbox *mb,
    struct vbuf *tmp, struct vbuf *name)
{
	if (mb->mb_addr_spec == NULL || !is_ascii(mb->mb_addr_spec))
		return (-1);
	clean_phrase(name, mb->mb_display_name, tmp);
	return (hdr_encode_mailbox(out, vbuf_str(name), mb->mb_addr_spec));
}

/* encode_address - one address or group, appended; -1 as above */
static int
encode_address(struct vbuf *out, const struct mailimf_address *a,
    struct vbuf *tmp, struct vbuf *name)
{
	const struct mailimf_group	*g;
	clist				*mbs;
	clistiter			*it;

	if (a->ad_type == MAILIMF_ADDRESS_MAILBOX)
		return (encode_mailbox(out, a->ad_data.ad_mailbox, tmp, name));
	g = a->ad_data.ad_group;
	mbs = g->grp_mb_list != NULL ? g->grp_mb_list->mb_list : NULL;
	clean_phrase(name, g->grp_display_name, tmp);
	hdr_encode_phrase(out, vbuf_str(name));
	vbuf_putc(out, ':');
	for (it = mbs != NULL ? clist_begin(mbs) : NULL; it != NULL;
	    it = clist_next(it)) {
		vbuf_puts(out, it == clist_begin(mbs) ? " " : ", ");
		if (encode_mailbox(out, clist_content(it), tmp, name) == -1)
			return (-1);
	}
	return (vbuf_putc(out, ';'));
}

/* encode_addresses - an address list as ASCII into out; -1 if it cannot
 * be read, or an address in it is not ASCII (it needs SMTPUTF8) */
static int
encode_addresses(struct vbuf *out, const char *utf8)
{
	struct mailimf_address_list	*al = NULL;
	struct vbuf			 tmp, name;
	clistiter			*it;
	size_t				 idx = 0, len = strlen(utf8);
	int				 rc = 0;

	if (mailimf_address_list_parse(utf8, len, &idx, &al) !=
	    MAILIMF_NO_ERROR)
		return (-1);
	vbuf_init(&tmp, VBUF_NOMAX);
	vbuf_init(&name, VBUF_NOMAX);
	if (utf8[idx + strspn(utf8 + idx, " \t")] != '\0')
		rc = -1;		/* more after the list: not read */
	for (it = clist_begin(al->ad_list); rc == 0 && it != NULL;
	    it = clist_next(it)) {
		if (it != clist_begin(al->ad_list))
			vbuf_puts(out, ", ");
		rc = encode_address(out, clist_content(it), &tmp, &name);
	}
	mailimf_address_list_free(al);
	vbuf_release(&tmp);
	vbuf_release(&name);
	return (rc == 0 && !vbuf_err(out) ? 0 : -1);
}

/* hdr_encode_8bit - see hdr_encode.h */
int
hdr_encode_8bit(struct vbuf *out, const struct hdr_field *f,
    const char **why)
{
	struct vbuf	 raw, utf8, value, name;
	enum field_kind	 kind = field_kind(f);
	int		 rc = -1;

	*why = NULL;
	if (kind == FIELD_MIME) {
		*why = "raw 8-bit bytes in a MIME field of the header";
		return (-1);
	}
	vbuf_init(&raw, VBUF_NOMAX);
	vbuf_init(&utf8, VBUF_NOMAX);
	vbuf_init(&value, VBUF_NOMAX);
	vbuf_init(&name, VBUF_NOMAX);
	vbuf_cat(&name, f->name, f->name_len);
	if (hdr_unfold(f, &raw) == 0 && hdr_read_utf8(&utf8,
	    vbuf_str(&raw)) == 0) {
		if (kind == FIELD_ADDRESSES)
			rc = encode_addresses(&value, vbuf_str(&utf8));
		else {
			clean_phrase(&raw, vbuf_str(&utf8), &value);
			vbuf_reset(&value);
			rc = hdr_encode_text(&value, vbuf_str(&raw));
		}
	}
	if (rc == -1 && kind == FIELD_ADDRESSES)
		*why = "an address in the header is not ASCII or cannot be "
		    "read (sending it needs SMTPUTF8, RFC 6531)";
	if (rc == 0)
		rc = hdr_encode_field(out, vbuf_str(&name), vbuf_str(&value));
	if (rc == -1 && *why == NULL)
		*why = "a header field cannot be written in ASCII";
	vbuf_release(&raw);
	vbuf_release(&utf8);
	vbuf_release(&value);
	vbuf_release(&name);
	return (rc);
}

/* hdr_encode_remade - see hdr_encode.h */
int
hdr_encode_remade(const struct hdr_field *f)
{
	return (hdr_has_8bit(f) || hdr_encode_longest(f->name, f->len) >
	    HDR_LINE_MAX);
}

/* hdr_encode_unsendable - see hdr_encode.h */
const char *
hdr_encode_unsendable(const struct mail *m)
{
	struct vbuf	 scratch;
	const char	*why = NULL, *one;

	vbuf_init(&scratch, VBUF_NOMAX);
	for (size_t i = 0; why == NULL && i < m->nfields; i++) {
		const struct hdr_field *f = &m->fields[i];

		if (!hdr_encode_remade(f))
			continue;
		if (field_kind(f) == FIELD_MIME) {
			if (hdr_encode_longest(f->name, f->len) > HDR_LINE_MAX)
				why = "a MIME header field has a line longer "
				    "than the 998 octets RFC 5322 allows";
			continue;
		}
		vbuf_reset(&scratch);
		if (hdr_encode_8bit(&scratch, f, &one) == -1)
			why = one;
	}
	/* The body is sent byte for byte (threat E4): it cannot be cut. */
	if (why == NULL && m->body_off < m->len && hdr_encode_longest(m->buf +
	    m->body_off, m->len - m->body_off) > HDR_LINE_MAX)
		why = "the body has a line longer than the 998 octets RFC "
		    "5322 allows";
	vbuf_release(&scratch);
	return (why);
}

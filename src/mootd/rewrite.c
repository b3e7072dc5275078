/*
 * rewrite.c - the members' copy of a post; see rewrite.h
 *
 * The footer goes in without touching the post's own parts: a
 * multipart/mixed post gets one more part before its closing boundary;
 * anything else is wrapped in a new multipart/mixed whose first part is
 * the post's own body with its own Content-* fields (RFC 2046 section 5.1).
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include <libetpan/libetpan.h>

#include "mail/addr.h"
#include "global/listaddr.h"
#include "util/clock.h"
#include "global/conf.h"
#include "db/db_list.h"
#include "mail/hdr_encode.h"
#include "mail/mail.h"
#include "mootd/rewrite.h"
#include "mootd/rewrite_from.h"
#include "global/tmpl.h"
#include "util/random.h"
#include "util/vbuf.h"
#include "util/sys_defs.h"

/* Inbound fields the members' copy never carries. */
static const char *const drop_fields[] = {
	"List-Id", "List-Post", "List-Help", "List-Subscribe",
	"List-Unsubscribe", "List-Unsubscribe-Post", "List-Owner",
	"List-Archive",
	"Bcc", "Resent-Bcc",					/* F1 */
	"Return-Path", "Precedence", "Original-Recipient",
};

static int
dropped(const struct hdr_field *f)
{
	for (size_t i = 0; i < nitems(drop_fields); i++)
		if (hdr_is(f, drop_fields[i]))
			return (1);
	return (hdr_name_is_approval(f->name, f->name_len));	/* B6 */
}

/* copy_body - bytes [from, to) of the message, less its parts' approvals */
static void
copy_body(struct vbuf *out, const struct mail *m, size_t from, size_t to)
{
	for (size_t i = 0; i < m->napprovals && from < to; i++) {
		const struct span *a = &m->approvals[i];

		if (a->off + a->len <= from || a->off >= to)
			continue;
		if (a->off > from)
			vbuf_cat(out, m->buf + from, a->off - from);
		from = a->off + a->len;
	}
	if (from < to)
		vbuf_cat(out, m->buf + from, to - from);
}

/* is_content_field - a MIME field that belongs to the body's own part */
static int
is_content_field(const struct hdr_field *f)
{
	return ((f->name_len >= 8 && strncasecmp(f->name, "Content-", 8) ==
	    0) || hdr_is(f, "MIME-Version"));
}

/*
 * copy_field - f as received, but for white space between its name and
 * colon (obsolete syntax, RFC 5322 section 4.5), which a receiver must
 * accept and a sender must not write: libesmtp, for one, would not see
 * such a From and would add its own.
 */
static void
copy_field(struct vbuf *out, const struct hdr_field *f)
{
	const char	*end = f->name + f->len;

	if (f->name[f->name_len] == ':') {
		vbuf_cat(out, f->name, f->len);
		return;
	}
	vbuf_cat(out, f->name, f->name_len);
	vbuf_putc(out, ':');
	vbuf_cat(out, f->value, (size_t)(end - f->value));
}

/* rewrite_prefix - the list's subject prefix; "" for none */
static const char *
rewrite_prefix(const struct list *l, char *buf, size_t size)
{
	if (l->subject_prefix != NULL)
		return (l->subject_prefix);
	(void)snprintf(buf, size, "[%s]", l->name);
	return (buf);
}

/* contains_ci - haystack contains needle, ASCII case-insensitively */
static int
contains_ci(const char *hay, const char *needle)
{
	size_t	n = strlen(needle);

	if (n == 0)
		return (1);
	for (; *hay != '\0'; hay++)
		if (strncasecmp(hay, needle, n) == 0)
			return (1);
	return (0);
}

/* subject_kept - the Subject f goes as it came: no prefix to add, and
 * nothing to write again in ASCII */
static int
subject_kept(const struct rewrite_in *in, const struct hdr_field *f)
{
	char		 buf[64];
	const char	*prefix = rewrite_prefix(in->list, buf, sizeof(buf));

	return (!hdr_encode_remade(f) && (*prefix == '\0' ||
	    (in->mail->subject != NULL && contains_ci(in->mail->subject,
	    prefix))));
}

/*
 * dkim_broken - the copy changes what the author's DKIM signature
 * (RFC 6376) may cover: the body (a footer, approvals taken out), the
 * From: (rewrite_from.h), the Subject (a prefix), a field written again
 * in ASCII, or a Subject added.  Fields moot adds (List-*, Precedence,
 * X-Loop) and those it drops are not among what signers sign, unless
 * they sign them absent; fields the relay puts on top break nothing.
 */
static int
dkim_broken(const struct rewrite_in *in, int footer)
{
	const struct mail	*m = in->mail;
	const struct hdr_field	*subject = mail_field(m, "Subject", 0);
	char			 buf[64];

	if (footer || in->from_list || m->napprovals > 0)
		return (1);
	if (subject == NULL ? *rewrite_prefix(in->list, buf, sizeof(buf)) !=
	    '\0' : !subject_kept(in, subject))
		return (1);
	for (size_t i = 0; i < m->nfields; i++)
		if (!dropped(&m->fields[i]) && hdr_encode_remade(&m->fields[i]))
			return (1);
	return (0);
}

/* subject_value - the Subject's value as it goes out: as received, or,
 * with raw 8-bit bytes (threat E6) or a line too long to send, its
 * decoded text as encoded words */
static void
subject_value(struct vbuf *out, const struct rewrite_in *in,
    const struct hdr_field *f)
{
	struct vbuf	clean;

	if (!hdr_encode_remade(f) || in->mail->subject == NULL) {
		vbuf_cat(out, f->value, f->value_len);
		return;
	}
	vbuf_init(&clean, VBUF_NOMAX);
	hdr_encode_clean(&clean, in->mail->subject);
	hdr_encode_text(out, vbuf_str(&clean));
	vbuf_release(&clean);
}

/* subject_field - the Subject with the prefix, unless it has it already */
static void
subject_field(struct vbuf *out, const struct rewrite_in *in,
    const struct hdr_field *f)
{
	char		 buf[64];
	const char	*prefix = rewrite_prefix(in->list, buf, sizeof(buf));
	const char	*v;
	size_t		 vl;
	struct vbuf	 enc, val, line;
	int		 remade = hdr_encode_remade(f);

	if (subject_kept(in, f)) {
		copy_field(out, f);
		return;
	}
	vbuf_init(&enc, VBUF_NOMAX);
	vbuf_init(&val, VBUF_NOMAX);
	subject_value(&val, in, f);
	if (*prefix == '\0' || (in->mail->subject != NULL &&
	    contains_ci(in->mail->subject, prefix)))
		prefix = "";
	hdr_encode_text(&enc, prefix);
	/* An encoded prefix needs a space inside it: the space between two
	 * encoded words is not displayed (RFC 2047 section 6.2). */
	v = vbuf_str(&val);
	vl = val.len;
	while (vl > 0 && (*v == ' ' || *v == '\t')) {
		v++;
		vl--;
	}
	vbuf_init(&line, VBUF_NOMAX);
	vbuf_cat(&line, "", 0);
	if (enc.len > 0)
		vbuf_printf(&line, " %s", vbuf_str(&enc));
	if (vl > 0) {
		if (strncmp(vbuf_str(&enc), "=?", 2) == 0 &&
		    strncmp(v, "=?", 2) == 0) {
			vbuf_reset(&enc);
			hdr_encode_text(&enc, " ");
			vbuf_printf(&line, " %s", vbuf_str(&enc));
		}
		vbuf_putc(&line, ' ');
		vbuf_cat(&line, v, vl);
	}
	/* Words made here are folded; a value as received keeps its own
	 * folding. */
	if (!remade || hdr_encode_field(out, "Subject",
	    vbuf_str(&line)) == -1)
		vbuf_printf(out, "%.*s:%s\r\n", (int)f->name_len, f->name,
		    vbuf_str(&line));
	vbuf_release(&enc);
	vbuf_release(&val);
	vbuf_release(&line);
}

/* list_headers - what RFC 2369 and RFC 2919 ask of a list */
static void
list_headers(struct vbuf *out, const struct rewrite_in *in)
{
	const struct conf	*c = in->conf;
	const char		*name = in->list->name;
	struct vbuf		 v;

	vbuf_init(&v, VBUF_NOMAX);
	listaddr_list_id(&v, c, in->list->name, in->list->description);
	hdr_encode_field(out, "List-Id", vbuf_str(&v));
	vbuf_reset(&v);
	vbuf_printf(&v, "<mailto:%s-request@%s?subject=help>", name,
	    c->domain);
	hdr_encode_field(out, "List-Help", vbuf_str(&v));
	vbuf_reset(&v);
	vbuf_printf(&v, "<mailto:%s@%s>", name, c->domain);
	hdr_encode_field(out, "List-Post", vbuf_str(&v));
	vbuf_reset(&v);
	vbuf_printf(&v, "<mailto:%s-request@%s?subject=subscribe>", name,
	    c->domain);
	hdr_encode_field(out, "List-Subscribe", vbuf_str(&v));
	if (in->unsubscribe_at != NULL)
		*in->unsubscribe_at = out->len;
	else {
		/* Any mail there asks for a confirmation by reply. */
		vbuf_reset(&v);
		vbuf_printf(&v, "<mailto:%s-leave@%s>", name, c->domain);
		hdr_encode_field(out, "List-Unsubscribe", vbuf_str(&v));
	}
	vbuf_reset(&v);
	vbuf_printf(&v, "<mailto:%s-owner@%s>", name, c->domain);
	hdr_encode_field(out, "List-Owner", vbuf_str(&v));
	hdr_encode_field(out, "Precedence", "list");
	vbuf_reset(&v);
	vbuf_printf(&v, "%s@%s", name, c->domain);
	hdr_encode_field(out, "X-Loop", vbuf_str(&v));
	vbuf_release(&v);
}

/* new_boundary - a boundary that does not occur in the message */
static void
new_boundary(char *b, size_t size, const struct mail *m)
{
	unsigned char	r[12];

	do {
		if (random_bytes(r, sizeof(r)) == -1)
			memset(r, 0x5a, sizeof(r));	/* still checked below */
		(void)snprintf(b, size, "=_moot_%02x%02x%02x%02x%02x%02x%02x%02x"
		    "%02x%02x%02x%02x", r[0], r[1], r[2], r[3], r[4], r[5],
		    r[6], r[7], r[8], r[9], r[10], r[11]);
		/* "=_" cannot occur in base64 or quoted-printable text. */
	} while (memmem(m->buf, m->len, b, strlen(b)) != NULL);
}

/* footer_part - "--B\r\n" fields, blank line and the footer text */
static void
footer_part(struct vbuf *out, const char *boundary, const char *footer)
{
	size_t	len = strlen(footer);
	int	ascii = 1;

	while (len > 0 && footer[len - 1] == '\n')
		len--;
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)footer[i] >= 0x80)
			ascii = 0;
	vbuf_printf(out, "--%s\r\n", boundary);
	vbuf_puts(out, "Content-Type: text/plain; charset=utf-8\r\n");
	vbuf_printf(out, "Content-Transfer-Encoding: %s\r\n",
	    ascii ? "7bit" : "quoted-printable");
	vbuf_puts(out, "Content-Disposition: inline\r\n\r\n");
	if (ascii)
		mail_canon_append(out, footer, len);
	else {
		MMAPString	*qp = mmap_string_new("");
		int		 col = 0;

		if (qp == NULL ||
		    mailmime_quoted_printable_write_mem(qp, &col, 1, footer,
		    len) != MAILIMF_NO_ERROR)
			out->err = 1;
		else
			mail_canon_append(out, qp->str, qp->len);
		if (qp != NULL)
			mmap_string_free(qp);
	}
	vbuf_puts(out, "\r\n");
}

/* closing_delimiter - offset of the last "--B--" line, or len if none */
static size_t
closing_delimiter(const struct mail *m)
{
	size_t		 bl = strlen(m->boundary), found = m->len;
	const char	*p = m->buf + m->body_off, *end = m->buf + m->len;

	while ((p = memmem(p, (size_t)(end - p), "--", 2)) != NULL) {
		if ((p == m->buf + m->body_off || p[-1] == '\n') &&
		    (size_t)(end - p) >= bl + 4 &&
		    memcmp(p + 2, m->boundary, bl) == 0 &&
		    p[bl + 2] == '-' && p[bl + 3] == '-')
			found = (size_t)(p - m->buf);
		p += 2;
	}
	return (found);
}

/* rewrite_post - see rewrite.h */
int
rewrite_post(const struct rewrite_in *in, struct vbuf *out, struct vbuf *why)
{
	const struct mail	*m = in->mail;
	const char		*footer = in->footer;
	char			 boundary[64], date[64];
	const char		*why8;
	size_t			 i, close = m->len;
	int			 wrap = 0, insert = 0, unsigned_copy;
	struct rewrite_from	 rf;

	vbuf_reset(out);
	rewrite_from_init(&rf, in);
	if (footer != NULL && *footer != '\0') {
		if (m->multipart && m->subtype != NULL &&
		    strcmp(m->subtype, "mixed") == 0 && m->boundary != NULL &&
		    (close = closing_delimiter(m)) < m->len)
			insert = 1;
		else
			wrap = 1;
	}
	if (wrap)
		new_boundary(boundary, sizeof(boundary), m);
	/* A signature that would fail is worse than none: receivers may
	 * count a failing one against the post, or against us. */
	unsigned_copy = dkim_broken(in, wrap || insert);

	for (i = 0; i < m->nfields; i++) {
		const struct hdr_field *f = &m->fields[i];

		if (dropped(f) || (wrap && is_content_field(f)) ||
		    (unsigned_copy && hdr_is(f, "DKIM-Signature")) ||
		    rewrite_from_field(&rf, f, out))
			continue;
		if (hdr_is(f, "Subject") && mail_field(m, "Subject", 0) == f)
			subject_field(out, in, f);
		else if (!hdr_encode_remade(f) || hdr_encode_8bit(out, f,
		    &why8) == -1)
			/* A MIME field is the body's own; an address
			 * no encoding carries, or a line too long in a
			 * field that cannot be written again, was shown
			 * to a moderator (policy.c) and goes as it came. */
			copy_field(out, f);
	}
	rewrite_from_end(&rf, out);
	if (mail_field(m, "From", 0) == NULL && in->sender != NULL &&
	    *in->sender != '\0')
		hdr_encode_field(out, "From", in->sender);
	if (mail_field(m, "Subject", 0) == NULL) {
		char	buf[64];

		hdr_encode_field(out, "Subject", rewrite_prefix(in->list, buf,
		    sizeof(buf)));
	}
	if (m->msgid == NULL && in->msgid != NULL &&
	    mail_field(m, "Message-ID", 0) == NULL)
		vbuf_printf(out, "Message-ID: <%s>\r\n", in->msgid);
	if (mail_field(m, "Date", 0) == NULL) {
		clock_rfc5322(in->date, date, sizeof(date));
		hdr_encode_field(out, "Date", date);
	}
	list_headers(out, in);
	if (wrap) {
		vbuf_puts(out, "MIME-Version: 1.0\r\n");
		vbuf_printf(out, "Content-Type: multipart/mixed;\r\n"
		    " boundary=\"%s\"\r\n", boundary);
	}
	vbuf_puts(out, "\r\n");

	if (wrap) {
		vbuf_printf(out, "--%s\r\n", boundary);
		for (i = 0; i < m->nfields; i++)
			if (is_content_field(&m->fields[i]) &&
			    !hdr_is(&m->fields[i], "MIME-Version"))
				copy_field(out, &m->fields[i]);
		vbuf_puts(out, "\r\n");
		copy_body(out, m, m->body_off, m->len);
		/* The CRLF before a delimiter belongs to the delimiter. */
		vbuf_puts(out, "\r\n");
		footer_part(out, boundary, footer);
		vbuf_printf(out, "--%s--\r\n", boundary);
	} else if (insert) {
		copy_body(out, m, m->body_off, close);
		footer_part(out, m->boundary, footer);
		copy_body(out, m, close, m->len);
	} else
		copy_body(out, m, m->body_off, m->len);

	if (vbuf_err(out)) {
		vbuf_puts(why, "the rewritten post is too large");
		return (-1);
	}
	return (0);
}

/* rewrite_footer - see rewrite.h */
int
rewrite_footer(const struct conf *c, const struct list *l,
    struct tmpl_out *foot, struct vbuf *err)
{
	const char		*langs[2] = { l->language, NULL };
	struct tmpl_slot	 slots[6];
	struct vbuf		 v[4];
	int			 rc;

	for (size_t i = 0; i < nitems(v); i++)
		vbuf_init(&v[i], VBUF_NOMAX);
	listaddr_format(&v[0], c, l->name, AK_POST, NULL);
	listaddr_format(&v[1], c, l->name, AK_REQUEST, NULL);
	listaddr_format(&v[2], c, l->name, AK_OWNER, NULL);
	/* The footer is the same for all: its address asks to confirm. */
	listaddr_format(&v[3], c, l->name, AK_LEAVE, NULL);
	slots[0] = (struct tmpl_slot){ "list", l->name };
	slots[1] = (struct tmpl_slot){ "list_address", vbuf_str(&v[0]) };
	slots[2] = (struct tmpl_slot){ "request_address", vbuf_str(&v[1]) };
	slots[3] = (struct tmpl_slot){ "owner_address", vbuf_str(&v[2]) };
	slots[4] = (struct tmpl_slot){ "description", l->description };
	slots[5] = (struct tmpl_slot){ "unsubscribe_address",
	    vbuf_str(&v[3]) };
	rc = tmpl_render(c, langs, "footer", slots, nitems(slots), foot, err);
	for (size_t i = 0; i < nitems(v); i++)
		vbuf_release(&v[i]);
	return (rc);
}

/*
 * mail.c - checking and reading a message; see mail.h
 *
 * The header section is split into fields by hdr_read.c; what a field
 * means (addresses, encoded words, MIME parameters) is left to libetpan.
 * The MIME tree is libetpan's too, after a cheap count that keeps a
 * hostile message from reaching its recursive parser with thousands of
 * levels (threat D2).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <libetpan/libetpan.h>

#include "mail/addr.h"
#include "mail/hdr_read.h"
#include "util/alloc.h"
#include "mail/mail.h"
#include "util/vbuf.h"
#include "util/sys_defs.h"

/* mail_canon - see mail.h */
int
mail_canon(struct vbuf *out, const char *in, size_t len)
{
	vbuf_reset(out);
	return (mail_canon_append(out, in, len));
}

/* mail_canon_append - see mail.h */
int
mail_canon_append(struct vbuf *out, const char *in, size_t len)
{
	size_t	i, run = 0;

	for (i = 0; i < len; i++) {
		if (in[i] != '\r' && in[i] != '\n')
			continue;
		/* Copy the run of ordinary bytes before this line end. */
		if (vbuf_cat(out, in + run, i - run) == -1 ||
		    vbuf_cat(out, "\r\n", 2) == -1)
			return (-1);
		if (in[i] == '\r' && i + 1 < len && in[i + 1] == '\n')
			i++;
		run = i + 1;
	}
	return (vbuf_cat(out, in + run, len - run));
}

/* first_word_lower - the value's first token, lower case, into out */
static void
first_word_lower(const char *v, char *out, size_t size)
{
	size_t	i = 0;

	while (*v == ' ' || *v == '\t')
		v++;
	for (; *v != '\0' && *v != ';' && *v != ' ' && *v != '(' &&
	    i + 1 < size; v++)
		out[i++] = (char)tolower((unsigned char)*v);
	out[i] = '\0';
}

/* count_addresses - the mailboxes in an address list (groups included) */
static int
count_addresses(const char *v, size_t len)
{
	struct mailimf_address_list	*al = NULL;
	size_t				 idx = 0;
	int				 n = 0;

	if (mailimf_address_list_parse(v, len, &idx, &al) != MAILIMF_NO_ERROR)
		return (0);
	for (clistiter *it = clist_begin(al->ad_list); it != NULL;
	    it = clist_next(it)) {
		struct mailimf_address *a = clist_content(it);

		if (a->ad_type == MAILIMF_ADDRESS_MAILBOX)
			n++;
		else if (a->ad_data.ad_group->grp_mb_list != NULL)
			n += clist_count(
			    a->ad_data.ad_group->grp_mb_list->mb_list);
	}
	mailimf_address_list_free(al);
	return (n);
}

/* read_fields - the facts moot needs from the header */
static void
read_fields(struct mail *m)
{
	const struct hdr_field	*f;
	struct vbuf		 v, d;
	char			 word[32];

	vbuf_init(&v, VBUF_NOMAX);
	vbuf_init(&d, VBUF_NOMAX);
	for (size_t i = 0; i < m->nfields; i++) {
		f = &m->fields[i];
		if (hdr_is(f, "Received"))
			m->received++;
		else if (hdr_is(f, "To") || hdr_is(f, "Cc")) {
			hdr_unfold(f, &v);
			m->recipients += count_addresses(vbuf_str(&v), v.len);
		}
		else if (hdr_is(f, "Auto-Submitted")) {
			hdr_unfold(f, &v);
			first_word_lower(vbuf_str(&v), word, sizeof(word));
			if (strcmp(word, "no") != 0)
				m->auto_submitted = 1;
		} else if (hdr_is(f, "Precedence")) {
			hdr_unfold(f, &v);
			first_word_lower(vbuf_str(&v), word, sizeof(word));
			/* Not "list": a post relayed by another list is
			 * still a person's post (threat C1's test). */
			if (strcmp(word, "bulk") == 0 ||
			    strcmp(word, "junk") == 0)
				m->bulk = 1;
			else if (strcmp(word, "list") == 0)
				m->via_list = 1;
		} else if (hdr_is(f, "List-Id"))
			m->via_list = 1;
		else if (hdr_is(f, "X-Autoreply") || hdr_is(f, "X-Autorespond"))
			m->autoreply = 1;
	}
	if ((f = mail_field(m, "From", 0)) != NULL && hdr_unfold(f, &v) == 0) {
		struct mailimf_mailbox_list	*mbl = NULL;
		size_t				 idx = 0;

		if (mailimf_mailbox_list_parse(vbuf_str(&v), v.len, &idx,
		    &mbl) == MAILIMF_NO_ERROR) {
			clistiter	*it = clist_begin(mbl->mb_list);
			struct mailimf_mailbox *mb = it != NULL ?
			    clist_content(it) : NULL;

			if (mb != NULL && mb->mb_addr_spec != NULL &&
			    addr_check(mb->mb_addr_spec, &d) == 0)
				m->from_addr = addr_canon_new(mb->mb_addr_spec);
			/* The name a reader's program shows beside the
			 * address: moderators see it too (a forged "Bank"). */
			if (m->from_addr != NULL && mb->mb_display_name !=
			    NULL) {
				vbuf_reset(&d);
				(void)mail_decode_phrase(mb->mb_display_name,
				    &d);
				if (d.len > 0)
					m->from_name = xstrdup(vbuf_str(&d));
			}
			mailimf_mailbox_list_free(mbl);
		}
	}
	if ((f = mail_field(m, "Subject", 0)) != NULL && hdr_unfold(f, &v) == 0) {
		mail_decode_phrase(vbuf_str(&v), &d);
		m->subject = xstrdup(vbuf_str(&d));
	}
	if ((f = mail_field(m, "Message-ID", 0)) != NULL &&
	    hdr_unfold(f, &v) == 0 && v.len > 0 && v.len < 998) {
		char	*id = NULL;
		size_t	 idx = 0;

		if (mailimf_msg_id_parse(vbuf_str(&v), v.len, &idx, &id) ==
		    MAILIMF_NO_ERROR && id != NULL)
			m->msgid = xstrdup(id);
		else
			m->msgid = xstrdup(vbuf_str(&v));
		free(id);
	}
	vbuf_release(&v);
	vbuf_release(&d);
}

/* count_lines - lines that start with prefix (case-insensitive) */
static size_t
count_lines(const char *b, size_t len, const char *prefix, const char *also)
{
	size_t	 n = 0, pl = strlen(prefix), off = 0;

	while (off < len) {
		const char *nl = memchr(b + off, '\n', len - off);
		size_t	    eol = nl != NULL ? (size_t)(nl - b) + 1 : len;

		if (eol - off >= pl && strncasecmp(b + off, prefix, pl) == 0) {
			if (also == NULL)
				n++;
			else {
				/* also must appear on the same line */
				for (size_t i = off + pl; i + strlen(also) <= eol;
				    i++)
					if (strncasecmp(b + i, also,
					    strlen(also)) == 0) {
						n++;
						break;
					}
			}
		}
		off = eol;
	}
	return (n);
}

struct walk {
	struct mail		*m;
	const struct limits	*lim;
	struct vbuf		*why;
	int			 depth, parts;
};

/* is_multipart - the content type is multipart/... */
static int
is_multipart(const struct mailmime_content *ct)
{
	return (ct != NULL && ct->ct_type != NULL &&
	    ct->ct_type->tp_type == MAILMIME_TYPE_COMPOSITE_TYPE &&
	    ct->ct_type->tp_data.tp_composite_type != NULL &&
	    ct->ct_type->tp_data.tp_composite_type->ct_type ==
	    MAILMIME_COMPOSITE_TYPE_MULTIPART);
}

/* hdr_name_is_approval - see mail.h */
int
hdr_name_is_approval(const char *name, size_t len)
{
	static const char *const names[] = { "Approved", "Approve",
	    "X-Approved", "X-Approve" };

	for (size_t i = 0; i < nitems(names); i++)
		if (strlen(names[i]) == len && strncasecmp(name, names[i],
		    len) == 0)
			return (1);
	return (0);
}

/* note_approval - the bytes [from, to) are an approval to leave out */
static void
note_approval(struct mail *m, const char *from, const char *to)
{
	m->approvals = xreallocarray(m->approvals, m->napprovals + 1,
	    sizeof(*m->approvals));
	m->approvals[m->napprovals].off = (size_t)(from - m->buf);
	m->approvals[m->napprovals].len = (size_t)(to - from);
	m->napprovals++;
}

/*
 * note_block_approvals - the approval fields in the header block at p,
 * up to the blank line that ends it; the byte after that line, or NULL.
 */
static const char *
note_block_approvals(struct mail *m, const char *p)
{
	const char	*end = m->buf + m->len;

	if (p == NULL || p < m->buf || p >= end)
		return (NULL);
	while (p < end && !(end - p >= 2 && p[0] == '\r' && p[1] == '\n')) {
		const char	*f = p, *colon, *nl;

		/* One field: its first line and any that continue it. */
		do {
			if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
				return (NULL);
			p = nl + 1;
		} while (p < end && (*p == ' ' || *p == '\t'));
		colon = memchr(f, ':', (size_t)(p - f));
		if (colon != NULL && hdr_name_is_approval(f,
		    (size_t)(colon - f)))
			note_approval(m, f, p);
	}
	return (p < end ? p + 2 : NULL);
}

/*
 * note_part_approvals - approval fields in a MIME part's own header and,
 * for an attached message, in that message's header, which follows.
 * (libetpan gives both the part and the message in it the part's start.)
 */
static void
note_part_approvals(struct walk *w, const struct mailmime *mm)
{
	const char	*p = note_block_approvals(w->m, mm->mm_mime_start);

	if (p != NULL && mm->mm_type == MAILMIME_MESSAGE)
		(void)note_block_approvals(w->m, p);
}

/* is_plain_text - text/plain, or no type at all (which means it) */
static int
is_plain_text(const struct mailmime_content *ct)
{
	if (ct == NULL)
		return (1);
	return (ct->ct_type != NULL &&
	    ct->ct_type->tp_type == MAILMIME_TYPE_DISCRETE_TYPE &&
	    ct->ct_type->tp_data.tp_discrete_type != NULL &&
	    ct->ct_type->tp_data.tp_discrete_type->dt_type ==
	    MAILMIME_DISCRETE_TYPE_TEXT && ct->ct_subtype != NULL &&
	    strcasecmp(ct->ct_subtype, "plain") == 0);
}

/*
 * note_text_approval - an "Approved: secret" line that opens a plain
 * text part: the habit other list servers taught, which moot does not
 * honour and does not pass on.  Only where the line is readable as it
 * stands (not base64, not split by a soft line break).
 */
static void
note_text_approval(struct walk *w, const struct mailmime *mm)
{
	struct mail			*m = w->m;
	const struct mailmime_data	*d = mm->mm_data.mm_single;
	const char			*p, *end, *nl, *colon;

	if (d == NULL || d->dt_type != MAILMIME_DATA_TEXT ||
	    d->dt_encoding == MAILMIME_MECHANISM_BASE64 ||
	    !is_plain_text(mm->mm_content_type))
		return;
	p = d->dt_data.dt_text.dt_data;
	if (p == NULL || p < m->buf || p >= m->buf + m->len)
		return;
	end = p + d->dt_data.dt_text.dt_length;
	if (end > m->buf + m->len)
		end = m->buf + m->len;
	while (end - p >= 2 && p[0] == '\r' && p[1] == '\n')
		p += 2;
	if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL ||
	    (colon = memchr(p, ':', (size_t)(nl - p))) == NULL ||
	    !hdr_name_is_approval(p, (size_t)(colon - p)))
		return;
	if (d->dt_encoding == MAILMIME_MECHANISM_QUOTED_PRINTABLE &&
	    nl - p >= 2 && nl[-2] == '=')
		return;
	note_approval(m, p, nl + 1);
}

/* walk_mime - depth, parts and boundaries of the tree; -1 if over a limit */
static int
walk_mime(struct walk *w, struct mailmime *mm, int depth)
{
	clistiter	*it;

	if (++w->parts > w->lim->mime_parts) {
		vbuf_printf(w->why, "more than %lld MIME parts",
		    (long long)w->lim->mime_parts);
		return (-1);
	}
	if (depth > w->depth)
		w->depth = depth;
	if (depth > w->lim->mime_depth) {
		vbuf_printf(w->why, "MIME parts nested deeper than %lld",
		    (long long)w->lim->mime_depth);
		return (-1);
	}
	/*
	 * A multipart without a boundary parameter or without its closing
	 * delimiter is read as libetpan reads it (RFC 2046 section 5.1.1
	 * tells a receiver to make do), and goes out byte for byte.
	 */
	if (mm->mm_parent_type == MAILMIME_MULTIPLE)
		note_part_approvals(w, mm);
	if (mm->mm_type == MAILMIME_SINGLE)
		note_text_approval(w, mm);
	switch (mm->mm_type) {
	case MAILMIME_MULTIPLE:
		for (it = clist_begin(mm->mm_data.mm_multipart.mm_mp_list);
		    it != NULL; it = clist_next(it))
			if (walk_mime(w, clist_content(it), depth + 1) == -1)
				return (-1);
		break;
	case MAILMIME_MESSAGE:
		if (mm->mm_data.mm_message.mm_msg_mime != NULL &&
		    walk_mime(w, mm->mm_data.mm_message.mm_msg_mime,
		    depth + 1) == -1)
			return (-1);
		break;
	default:
		break;
	}
	return (0);
}

/* read_mime - check the MIME structure and note the top-level type */
static int
read_mime(struct mail *m, const struct limits *lim, struct vbuf *why)
{
	struct mailmime	*mime = NULL, *top;
	struct walk	 w;
	char		*bd;
	size_t		 idx = 0;
	int		 r;

	/* Cheap bounds first: libetpan's parser recurses per level. */
	if (count_lines(m->buf, m->len, "content-type:", "multipart") >
	    (size_t)lim->mime_parts ||
	    count_lines(m->buf, m->len, "--", NULL) >
	    (size_t)lim->mime_parts * 4 + 8) {
		vbuf_printf(why, "more than %lld MIME parts",
		    (long long)lim->mime_parts);
		return (-1);
	}
	if ((r = mailmime_parse(m->buf, m->len, &idx, &mime)) !=
	    MAILIMF_NO_ERROR) {
		vbuf_printf(why, "MIME structure cannot be parsed (libetpan "
		    "error %d)", r);
		return (-1);
	}
	memset(&w, 0, sizeof(w));
	w.m = m;
	w.lim = lim;
	w.why = why;
	top = mime->mm_type == MAILMIME_MESSAGE ?
	    mime->mm_data.mm_message.mm_msg_mime : mime;
	r = top != NULL ? walk_mime(&w, top, 0) : 0;
	if (r == 0 && top != NULL && is_multipart(top->mm_content_type) &&
	    (bd = mailmime_content_param_get(top->mm_content_type,
	    "boundary")) != NULL && *bd != '\0') {
		m->multipart = 1;
		m->boundary = xstrdup(bd);
	}
	if (top != NULL && top->mm_content_type != NULL &&
	    top->mm_content_type->ct_subtype != NULL) {
		m->subtype = xstrdup(top->mm_content_type->ct_subtype);
		for (char *p = m->subtype; *p != '\0'; p++)
			*p = (char)tolower((unsigned char)*p);
	}
	m->mime_depth = w.depth;
	m->mime_parts = w.parts;
	mailmime_free(mime);
	return (r);
}

/* mail_parse - see mail.h */
int
mail_parse(struct mail *m, const char *buf, size_t len,
    const struct limits *lim, struct vbuf *why)
{
	size_t	skip = hdr_read_mbox_line(buf, len);

	/* The message proper starts after an mbox "From " line. */
	memset(m, 0, sizeof(*m));
	m->buf = buf += skip;
	m->len = len -= skip;
	if (len == 0) {
		vbuf_puts(why, "empty message");
		return (-1);
	}
	if (memchr(buf, '\0', len) != NULL) {
		vbuf_puts(why, "NUL bytes in the message");
		return (-1);
	}
	for (size_t i = 0; i < len && !m->eightbit; i++)
		if ((unsigned char)buf[i] >= 0x80)
			m->eightbit = 1;
	if (hdr_read_split(m, lim, why) == -1)
		return (-1);
	read_fields(m);
	return (read_mime(m, lim, why));
}

/* mail_free - release what mail_parse() allocated */
void
mail_free(struct mail *m)
{
	free(m->fields);
	free(m->from_addr);
	free(m->from_name);
	free(m->subject);
	free(m->msgid);
	free(m->subtype);
	free(m->boundary);
	free(m->approvals);
	memset(m, 0, sizeof(*m));
}

/* mail_automated - see mail.h */
enum mail_auto
mail_automated(const struct mail *m, const char *env_from)
{
	if (env_from != NULL && *env_from == '\0')
		return (MAIL_NULL_SENDER);
	if (m->auto_submitted)
		return (MAIL_AUTO_SUBMITTED);
	if (m->bulk)
		return (MAIL_PRECEDENCE);
	if (m->autoreply)
		return (MAIL_AUTORESPONDER);
	if (m->from_addr != NULL && (strncasecmp(m->from_addr,
	    "mailer-daemon@", 14) == 0 || strncasecmp(m->from_addr,
	    "postmaster@", 11) == 0))
		return (MAIL_DAEMON);
	return (MAIL_BY_PERSON);
}

/* mail_automated_why - see mail.h */
const char *
mail_automated_why(enum mail_auto a)
{
	static const char *const why[] = {
		[MAIL_BY_PERSON] = "written by a person",
		[MAIL_NULL_SENDER] = "sent from the null sender <>",
		[MAIL_AUTO_SUBMITTED] = "Auto-Submitted",
		[MAIL_PRECEDENCE] = "Precedence bulk or junk",
		[MAIL_AUTORESPONDER] = "an autoresponder's X-Autoreply",
		[MAIL_DAEMON] = "from a mailer-daemon or postmaster",
	};

	return ((unsigned)a < nitems(why) ? why[a] : "?");
}

/* mail_via_list - see mail.h */
int
mail_via_list(const struct mail *m)
{
	return (m->via_list);
}

/*
 * notice.c - composing and queueing notices; see notice.h
 */
#include <stdio.h>
#include <string.h>

#include <libetpan/libetpan.h>

#include "mail/addr.h"
#include "mail/b64.h"
#include "global/listaddr.h"
#include "util/clock.h"
#include "global/conf.h"
#include "list/ctx.h"
#include "db/db.h"
#include "util/log.h"
#include "db/db_list.h"
#include "db/db_outbox.h"
#include "mail/hdr_encode.h"
#include "mail/mail.h"
#include "list/notice.h"
#include "list/policy.h"
#include "global/tmpl.h"
#include "util/random.h"
#include "util/vbuf.h"
#include "util/sys_defs.h"

/* random_hex - n random bytes as 2n hex digits */
static void
random_hex(char *out, size_t n)
{
	unsigned char	r[16];

	if (n > sizeof(r))
		n = sizeof(r);
	if (random_bytes(r, n) == -1)
		memset(r, 0, sizeof(r));
	for (size_t i = 0; i < n; i++)
		(void)snprintf(out + 2 * i, 3, "%02x", r[i]);
}

/* from_fields - From (and Reply-To when a reply carries a token) */
static void
from_fields(const struct conf *c, const struct notice *n, struct vbuf *out)
{
	struct vbuf	name, addr, from;

	vbuf_init(&name, VBUF_NOMAX);
	vbuf_init(&addr, VBUF_NOMAX);
	vbuf_init(&from, VBUF_NOMAX);
	if (n->list != NULL) {
		listaddr_format(&addr, c, n->list->name, n->from_kind,
		    n->from_token);
		vbuf_puts(&name, n->from_name != NULL ? n->from_name :
		    n->list->name);
	} else {
		vbuf_printf(&addr, "moot@%s", c->domain);
		vbuf_puts(&name, "moot");
	}
	hdr_encode_mailbox(&from, vbuf_str(&name), vbuf_str(&addr));
	hdr_encode_field(out, "From", vbuf_str(&from));
	if (n->from_token != NULL)
		hdr_encode_field(out, "Reply-To", vbuf_str(&addr));
	vbuf_release(&name);
	vbuf_release(&addr);
	vbuf_release(&from);
}

/* list_fields - what marks the notice as moot's, for loops and filters */
static void
list_fields(const struct conf *c, const struct notice *n, struct vbuf *out)
{
	struct vbuf	v;

	vbuf_init(&v, VBUF_NOMAX);
	hdr_encode_field(out, "Auto-Submitted", n->reply ? "auto-replied" :
	    "auto-generated");
	hdr_encode_field(out, "Precedence", "bulk");
	if (n->list != NULL) {
		listaddr_list_id(&v, c, n->list->name, n->list->description);
		hdr_encode_field(out, "List-Id", vbuf_str(&v));
		vbuf_reset(&v);
		vbuf_printf(&v, "%s@%s", n->list->name, c->domain);
	} else
		vbuf_printf(&v, "moot@%s", c->domain);
	hdr_encode_field(out, "X-Loop", vbuf_str(&v));
	vbuf_release(&v);
}

/* header - the notice's header section, less its MIME fields; -1 (why
 * in err) if the subject cannot be written */
static int
header(const struct conf *c, const struct notice *n, const char *subject,
    struct vbuf *out, struct vbuf *err)
{
	struct vbuf	v;
	char		date[64], rnd[33];
	int		rc;

	from_fields(c, n, out);
	hdr_encode_field(out, "To", n->to);
	vbuf_init(&v, VBUF_NOMAX);
	hdr_encode_text(&v, subject);
	rc = hdr_encode_field(out, "Subject", vbuf_str(&v));
	vbuf_release(&v);
	if (rc == -1) {
		vbuf_puts(err, "the subject would break the header");
		return (-1);
	}
	clock_rfc5322(clock_now(), date, sizeof(date));
	hdr_encode_field(out, "Date", date);
	random_hex(rnd, 16);
	vbuf_printf(out, "Message-ID: <moot.%s@%s>\r\n", rnd, c->domain);
	/* A Message-ID too long for a line of its own is left out: the
	 * notice still goes, only unthreaded. */
	if (n->in_reply_to != NULL && strpbrk(n->in_reply_to, "\r\n<>") ==
	    NULL && *n->in_reply_to != '\0' && strlen(n->in_reply_to) +
	    sizeof("In-Reply-To: <>") <= HDR_LINE_MAX) {
		vbuf_printf(out, "In-Reply-To: <%s>\r\n", n->in_reply_to);
		vbuf_printf(out, "References: <%s>\r\n", n->in_reply_to);
	}
	list_fields(c, n, out);
	return (0);
}

/*
 * notice_text_part - the notice's text.  A line longer than HDR_LINE_MAX
 * octets (a quoted line of 5,000 octets, a 60,000-character subject in
 * a slot) is not sent as it is: the part goes quoted-printable, whose
 * soft line breaks keep every line short and the text the same.
 */
void
notice_text_part(const struct vbuf *text, struct vbuf *out)
{
	const char	*cte = "7bit";
	MMAPString	*qp;
	int		 col = 0;

	for (size_t i = 0; i < text->len; i++)
		if ((unsigned char)text->data[i] >= 0x80)
			cte = "8bit";
	if (hdr_encode_longest(text->data, text->len) > HDR_LINE_MAX)
		cte = "quoted-printable";
	vbuf_printf(out, "Content-Type: text/plain; charset=utf-8\r\n"
	    "Content-Transfer-Encoding: %s\r\n\r\n", cte);
	if (*cte != 'q') {
		mail_canon_append(out, vbuf_str(text), text->len);
		if (text->len > 0 && text->data[text->len - 1] != '\n')
			vbuf_puts(out, "\r\n");
		return;
	}
	if ((qp = mmap_string_new("")) == NULL ||
	    mailmime_quoted_printable_write_mem(qp, &col, 1, text->data,
	    text->len) != MAILIMF_NO_ERROR)
		out->err = 1;
	else {
		mail_canon_append(out, qp->str, qp->len);
		if (qp->len > 0 && qp->str[qp->len - 1] != '\n')
			vbuf_puts(out, "\r\n");
	}
	if (qp != NULL)
		mmap_string_free(qp);
}

/*
 * notice_message_part - a message as a part: message/rfc822 as it
 * came (a held post, a post in a digest), unless a line of it is longer
 * than HDR_LINE_MAX octets.  RFC 2046 allows message/rfc822 no encoding
 * that could shorten it, so such a message goes as a base64 file the
 * reader can open.
 */
void
notice_message_part(const char *msg, size_t len, struct vbuf *out)
{
	size_t		off;
	int		eightbit = 0;

	if (hdr_encode_longest(msg, len) <= HDR_LINE_MAX) {
		/* RFC 2046 5.2.1: 7bit, 8bit or binary; 7bit is the
		 * default, so a message with 8-bit bytes says so */
		for (off = 0; off < len && !eightbit; off++)
			eightbit = (unsigned char)msg[off] >= 0x80;
		vbuf_printf(out, "Content-Type: message/rfc822\r\n%s"
		    "Content-Disposition: inline\r\n\r\n", eightbit ?
		    "Content-Transfer-Encoding: 8bit\r\n" : "");
		mail_canon_append(out, msg, len);
		return;
	}
	vbuf_puts(out, "Content-Type: application/octet-stream;"
	    " name=\"original.eml\"\r\n"
	    "Content-Disposition: attachment; filename=\"original.eml\"\r\n"
	    "Content-Transfer-Encoding: base64\r\n\r\n");
	b64_lines(out, msg, len);
}

/*
 * calendar_part - the iCalendar object as text/calendar with its method
 * (RFC 6047).  libical folds its lines at 75 octets, so it goes as it
 * is, 8bit when a name or place is not ASCII.
 */
static void
calendar_part(const struct notice *n, struct vbuf *out)
{
	notice_calendar_part(n->calendar, n->calendar_len, n->cal_method,
	    NULL, out);
}

/* notice_calendar_part - see notice.h */
void
notice_calendar_part(const char *cal, size_t len, const char *method,
    const char *filename, struct vbuf *out)
{
	const char	*cte = "7bit";

	for (size_t i = 0; i < len; i++)
		if ((unsigned char)cal[i] >= 0x80)
			cte = "8bit";
	vbuf_printf(out, "Content-Type: text/calendar; method=%s;"
	    " charset=UTF-8\r\nContent-Transfer-Encoding: %s\r\n", method,
	    cte);
	if (filename != NULL)
		vbuf_printf(out, "Content-Disposition: attachment;"
		    " filename=\"%s\"\r\n", filename);
	vbuf_puts(out, "\r\n");
	mail_canon_append(out, cal, len);
	if (len > 0 && cal[len - 1] != '\n')
		vbuf_puts(out, "\r\n");
}

/* type_ok - t is a plain "major/minor" of token characters, safe to
 * write as a Content-Type whoever named it */
static int
type_ok(const char *t)
{
	size_t	n = strlen(t);

	return (n > 2 && n < 128 && strspn(t, "abcdefghijklmnopqrstuvwxyz"
	    "0123456789.+-/") == n && strchr(t, '/') != NULL &&
	    strchr(t, '/') == strrchr(t, '/') && t[0] != '/' &&
	    t[n - 1] != '/');
}

/* file_name_param - name as an RFC 2231 parameter value, every byte
 * but [A-Za-z0-9._-] percent-encoded, so that no name breaks out */
static void
file_name_param(const char *name, struct vbuf *out)
{
	static const char hex[] = "0123456789ABCDEF";

	vbuf_puts(out, "utf-8''");
	for (const unsigned char *p = (const unsigned char *)name;
	    *p != '\0' && out->len < 600; p++)
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '.' || *p == '-' ||
		    *p == '_')
			vbuf_putc(out, *p);
		else
			vbuf_printf(out, "%%%c%c", hex[*p >> 4], hex[*p & 15]);
}

/* file_part - one file as a base64 part, an attachment */
static void
file_part(const struct notice_file *f, struct vbuf *out)
{
	struct vbuf	fn;

	vbuf_init(&fn, 1024);
	file_name_param(*f->name != '\0' ? f->name : "paper", &fn);
	vbuf_printf(out, "Content-Type: %s\r\n"
	    "Content-Disposition: attachment;\r\n filename*=%s\r\n"
	    "Content-Transfer-Encoding: base64\r\n\r\n",
	    type_ok(f->type) ? f->type : "application/octet-stream",
	    vbuf_str(&fn));
	vbuf_release(&fn);
	b64_lines(out, f->data, f->len);
}

/* body - the MIME fields and the text, with the attachment or the
 * calendar part if any */
static void
body(const struct notice *n, const struct vbuf *text, struct vbuf *out)
{
	char	rnd[33], boundary[48];

	hdr_encode_field(out, "MIME-Version", "1.0");
	if (n->calendar != NULL) {
		random_hex(rnd, 12);
		(void)snprintf(boundary, sizeof(boundary), "=_moot_%s", rnd);
		vbuf_printf(out, "Content-Type: multipart/alternative;\r\n"
		    " boundary=\"%s\"\r\n\r\n--%s\r\n", boundary, boundary);
		notice_text_part(text, out);
		vbuf_printf(out, "\r\n--%s\r\n", boundary);
		calendar_part(n, out);
		vbuf_printf(out, "\r\n--%s--\r\n", boundary);
		return;
	}
	if (n->nfiles > 0) {
		random_hex(rnd, 12);
		(void)snprintf(boundary, sizeof(boundary), "=_moot_%s", rnd);
		vbuf_printf(out, "Content-Type: multipart/mixed;\r\n"
		    " boundary=\"%s\"\r\n\r\n--%s\r\n", boundary, boundary);
		notice_text_part(text, out);
		for (size_t i = 0; i < n->nfiles; i++) {
			vbuf_printf(out, "\r\n--%s\r\n", boundary);
			file_part(&n->files[i], out);
		}
		vbuf_printf(out, "\r\n--%s--\r\n", boundary);
		return;
	}
	if (n->attach != NULL) {
		random_hex(rnd, 12);
		(void)snprintf(boundary, sizeof(boundary), "=_moot_%s", rnd);
		vbuf_printf(out, "Content-Type: multipart/mixed;\r\n"
		    " boundary=\"%s\"\r\n\r\n--%s\r\n", boundary, boundary);
	}
	notice_text_part(text, out);
	if (n->attach != NULL) {
		vbuf_printf(out, "\r\n--%s\r\n", boundary);
		notice_message_part(n->attach, n->attach_len, out);
		vbuf_printf(out, "\r\n--%s--\r\n", boundary);
	}
}

/* notice_compose - the notice as a message, into out, without queueing */
static int
notice_compose(struct ctx *x, const struct notice *n, struct vbuf *out,
    struct vbuf *err)
{
	const char	*langs[3];
	struct tmpl_out	 t;
	int		 rc = -1;

	langs[0] = n->lang;
	langs[1] = n->list != NULL ? n->list->language : NULL;
	langs[2] = NULL;
	tmpl_out_init(&t);
	if (tmpl_render(x->conf, langs, n->tmpl, n->slots, n->nslots, &t,
	    err) == -1)
		goto out;
	vbuf_reset(out);
	if (header(x->conf, n, vbuf_str(&t.subject), out, err) == -1)
		goto out;
	body(n, &t.body, out);
	if (vbuf_err(out)) {
		vbuf_puts(err, "the notice is too large");
		goto out;
	}
	rc = 0;
out:
	tmpl_out_release(&t);
	return (rc);
}

/* notice_queue - see notice.h */
int
notice_queue(struct ctx *x, const struct notice *n, struct vbuf *err)
{
	struct vbuf	 msg, env;
	int		 rc = -1;

	vbuf_init(&msg, VBUF_NOMAX);
	vbuf_init(&env, VBUF_NOMAX);
	if (notice_compose(x, n, &msg, err) == -1)
		goto out;
	if (n->list != NULL)
		listaddr_format(&env, x->conf, n->list->name, AK_BOUNCES, NULL);
	else
		vbuf_printf(&env, "moot-bounces@%s", x->conf->domain);
	if (outbox_add(x->db, n->spool_id, n->list != NULL ? n->list->id : 0,
	    n->tmpl, vbuf_str(&env), n->to, msg.data, msg.len) != DB_OK) {
		vbuf_puts(err, "cannot queue the notice");
		goto out;
	}
	rc = 0;
out:
	vbuf_release(&msg);
	vbuf_release(&env);
	return (rc);
}

/* notice_queue_mime - see notice.h */
int
notice_queue_mime(struct ctx *x, const struct notice *n, const char *subject,
    const struct vbuf *mime, struct vbuf *err)
{
	struct vbuf	 msg, env;
	int		 rc = -1;

	vbuf_init(&msg, VBUF_NOMAX);
	vbuf_init(&env, VBUF_NOMAX);
	if (header(x->conf, n, subject, &msg, err) == -1)
		goto out;
	hdr_encode_field(&msg, "MIME-Version", "1.0");
	vbuf_cat(&msg, mime->data, mime->len);
	if (vbuf_err(&msg)) {
		vbuf_puts(err, "the message is too large");
		goto out;
	}
	listaddr_format(&env, x->conf, n->list->name, AK_BOUNCES, NULL);
	if (outbox_add(x->db, n->spool_id, n->list->id, n->tmpl,
	    vbuf_str(&env), n->to, msg.data, msg.len) != DB_OK) {
		vbuf_puts(err, "cannot queue the message");
		goto out;
	}
	rc = 0;
out:
	vbuf_release(&msg);
	vbuf_release(&env);
	return (rc);
}

/* notice_list_addrs - see notice.h */
void
notice_list_addrs(const struct conf *c, const char *list,
    struct list_addrs *a)
{
	vbuf_init(&a->post, VBUF_NOMAX);
	vbuf_init(&a->request, VBUF_NOMAX);
	vbuf_init(&a->owner, VBUF_NOMAX);
	vbuf_init(&a->join, VBUF_NOMAX);
	vbuf_init(&a->leave, VBUF_NOMAX);
	listaddr_format(&a->post, c, list, AK_POST, NULL);
	listaddr_format(&a->request, c, list, AK_REQUEST, NULL);
	listaddr_format(&a->owner, c, list, AK_OWNER, NULL);
	listaddr_format(&a->join, c, list, AK_JOIN, NULL);
	listaddr_format(&a->leave, c, list, AK_LEAVE, NULL);
}

void
notice_list_addrs_release(struct list_addrs *a)
{
	vbuf_release(&a->post);
	vbuf_release(&a->request);
	vbuf_release(&a->owner);
	vbuf_release(&a->join);
	vbuf_release(&a->leave);
}

/* notice_phrase_line - see notice.h */
void
notice_phrase_line(struct ctx *x, const char *lang, const struct list *l,
    const char *key, const struct tmpl_slot *slots, size_t nslots,
    struct vbuf *out)
{
	size_t	start = out->len;

	notice_phrase(x, lang, l, key, slots, nslots, out);
	while (out->len > start && out->data[out->len - 1] == '\n')
		vbuf_truncate(out, out->len - 1);
}

/* notice_phrase - see notice.h */
void
notice_phrase(struct ctx *x, const char *lang, const struct list *l,
    const char *key, const struct tmpl_slot *slots, size_t nslots,
    struct vbuf *out)
{
	const char	*langs[3] = { lang, l != NULL ? l->language : NULL,
			    NULL };
	struct vbuf	 err;

	vbuf_init(&err, 1024);
	if (tmpl_phrase(x->conf, langs, key, slots, nslots, out, &err) == -1)
		log_warnx("phrase %s left out: %s", key, vbuf_str(&err));
	else if (err.len > 0)
		log_warnx("phrase %s in English: %s", key, vbuf_str(&err));
	vbuf_release(&err);
}

/* notice_reason - see notice.h */
void
notice_reason(struct ctx *x, const char *lang, const struct list *l,
    const char *reason, struct vbuf *out)
{
	struct verdict	 v;
	char		 amount[24], limit[24];

	if (policy_reason_read(reason, &v) == -1) {
		vbuf_puts(out, reason != NULL ? reason : "");
		return;
	}
	(void)snprintf(amount, sizeof(amount), "%lld", v.amount);
	(void)snprintf(limit, sizeof(limit), "%lld", v.limit);
	{
		struct tmpl_slot slots[] = {
			{ "count", amount }, { "size", amount },
			{ "max", limit }, { "detail", v.detail },
		};

		notice_phrase(x, lang, l, policy_reason_phrase(v.reason),
		    slots, nitems(slots), out);
	}
}

/* notice_size - see notice.h */
void
notice_size(struct ctx *x, const char *lang, const struct list *l,
    int64_t n, struct vbuf *out)
{
	const int64_t	 kb = 1024, mb = 1024 * 1024;
	struct vbuf	 num;
	char		 digits[32];
	int64_t		 tenths;

	vbuf_init(&num, VBUF_NOMAX);
	if (n < 0)
		n = 0;
	if (n < kb) {
		(void)snprintf(digits, sizeof(digits), "%lld", (long long)n);
		{
			struct tmpl_slot slots[] = { { "n", digits } };

			notice_phrase(x, lang, l, "bytes", slots, 1, out);
		}
	} else if (n < mb) {
		(void)snprintf(digits, sizeof(digits), "%lld",
		    (long long)((n + kb - 1) / kb));
		{
			struct tmpl_slot slots[] = { { "size", digits } };

			notice_phrase(x, lang, l, "size-kb", slots, 1, out);
		}
	} else {
		/* Tenths below 10 MB, whole megabytes above. */
		tenths = (n * 10 + mb - 1) / mb;
		if (tenths >= 100)
			tenths = (tenths + 9) / 10 * 10;
		vbuf_printf(&num, "%lld", (long long)(tenths / 10));
		if (tenths % 10 != 0) {
			notice_phrase(x, lang, l, "decimal-point", NULL, 0,
			    &num);
			vbuf_printf(&num, "%lld", (long long)(tenths % 10));
		}
		{
			struct tmpl_slot slots[] = { { "size",
			    vbuf_str(&num) } };

			notice_phrase(x, lang, l, "size-mb", slots, 1, out);
		}
	}
	vbuf_release(&num);
}

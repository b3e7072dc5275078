/*
 * digest.c - the digests of lists with a digest schedule; see digest.h
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/alloc.h"
#include "util/clock.h"
#include "global/conf.h"
#include "global/listaddr.h"
#include "global/schedule.h"
#include "global/tmpl.h"
#include "list/ctx.h"
#include "list/notice.h"
#include "db/db.h"
#include "db/db_digest.h"
#include "db/db_sched.h"
#include "db/db_list.h"
#include "db/db_spool.h"
#include "mail/hdr_encode.h"
#include "mail/mail.h"
#include "mail/text_part.h"
#include "mootd/digest.h"
#include "mootd/kept.h"
#include "mootd/rewrite.h"
#include "mootd/sched_send.h"
#include "util/killpoint.h"
#include "util/log.h"
#include "util/vbuf.h"
#include "util/sys_defs.h"

/* RFC 1153: a line of 70 hyphens ends the contents, one of 30 ends
 * each message. */
#define RULE_CONTENTS \
	"----------------------------------------------------------------------"
#define RULE_MESSAGE	"------------------------------"

/* One list's pass at one scheduled instant. */
struct pass {
	struct sched_pass *sp;		/* the walk's: its ctx, list, slot
					 * and now */
	struct kept_posts kept;		/* the posts read in this pass */
};

static const struct sched_sender digest_sender;

/* contents - the intro and the table of contents, UTF-8, LF */
static void
contents(struct pass *ps, const struct sched_due *d,
    const struct kept_chosen *ch, struct vbuf *out)
{
	kept_intro(ps->sp->x, d->lang, ps->sp->l, "digest-intro", ch->n, out);
	vbuf_puts(out, "\n\n");
	if (ch->n == 0) {
		/* list set --digest-empty: say so rather than show an
		 * empty table */
		sched_phrase(ps->sp, d, "digest-none", NULL, 0, out);
		vbuf_putc(out, '\n');
		return;
	}
	sched_phrase(ps->sp, d, "digest-contents", NULL, 0, out);
	vbuf_puts(out, "\n\n");
	for (size_t i = 0; i < ch->n; i++)
		vbuf_printf(out, "%3zu. %s (%s)\n", i + 1,
		    vbuf_str(&ch->p[i]->subject), vbuf_str(&ch->p[i]->from));
}

/* unbroken - the text with each line that begins with RFC 1153's 30
 * hyphens moved one space on, so that no post ends the digest early */
static void
unbroken(const struct vbuf *text, struct vbuf *out)
{
	const char	*p = vbuf_str(text), *nl;
	size_t		 n;

	while (*p != '\0') {
		n = (nl = strchr(p, '\n')) != NULL ? (size_t)(nl - p) + 1 :
		    strlen(p);
		if (strncmp(p, RULE_MESSAGE, strlen(RULE_MESSAGE)) == 0)
			vbuf_putc(out, ' ');
		vbuf_cat(out, p, n);
		p += n;
	}
	if (text->len > 0 && text->data[text->len - 1] != '\n')
		vbuf_putc(out, '\n');
}

/* utf8_chars - characters (not bytes) in s */
static size_t
utf8_chars(const char *s)
{
	size_t	n = 0;

	for (; *s != '\0'; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return (n);
}

/* plain_body - the RFC 1153 digest as a text/plain part */
static void
plain_body(struct pass *ps, const struct sched_due *d,
    const struct kept_chosen *ch, struct vbuf *out)
{
	struct vbuf	 t, end;

	vbuf_init(&t, VBUF_NOMAX);
	vbuf_init(&end, VBUF_NOMAX);
	contents(ps, d, ch, &t);
	vbuf_puts(&t, "\n" RULE_CONTENTS "\n\n");
	for (size_t i = 0; i < ch->n; i++) {
		vbuf_printf(&t, "Date: %s\nFrom: %s\nSubject: %s\n\n",
		    vbuf_str(&ch->p[i]->date), vbuf_str(&ch->p[i]->from),
		    vbuf_str(&ch->p[i]->subject));
		unbroken(&ch->p[i]->text, &t);
		vbuf_puts(&t, "\n" RULE_MESSAGE "\n\n");
	}
	{
		struct tmpl_slot s[] = { { "list", ps->sp->l->name } };

		sched_phrase(ps->sp, d, "digest-end", s, nitems(s), &end);
	}
	vbuf_printf(&t, "%s\n", vbuf_str(&end));
	for (size_t i = utf8_chars(vbuf_str(&end)); i > 0; i--)
		vbuf_putc(&t, '*');
	vbuf_putc(&t, '\n');
	notice_text_part(&t, out);
	vbuf_release(&t);
	vbuf_release(&end);
}

/* in_any - whether the boundary b occurs in a post of ch */
static int
in_any(const struct kept_chosen *ch, const char *b)
{
	for (size_t i = 0; i < ch->n; i++)
		if (memmem(ch->p[i]->copy.data, ch->p[i]->copy.len, b,
		    strlen(b)) != NULL)
			return (1);
	return (0);
}

/* mime_body - the multipart/digest: the contents, then each post */
static void
mime_body(struct pass *ps, const struct sched_due *d,
    const struct kept_chosen *ch, struct vbuf *out)
{
	struct vbuf	 t;
	char		 b[80];
	int		 k = 0;

	/* The contents part is ours and quoted-printable or plain text
	 * without "=_"; a post may hold anything, so look. */
	do
		(void)snprintf(b, sizeof(b), "=_moot_digest_%lld_%lld_%d",
		    (long long)ps->sp->slot, (long long)d->id, k++);
	while (in_any(ch, b) && k < 1000);
	vbuf_init(&t, VBUF_NOMAX);
	contents(ps, d, ch, &t);
	vbuf_printf(out, "Content-Type: multipart/digest;\r\n"
	    " boundary=\"%s\"\r\n\r\n--%s\r\n", b, b);
	notice_text_part(&t, out);
	for (size_t i = 0; i < ch->n; i++) {
		vbuf_printf(out, "\r\n--%s\r\n", b);
		notice_message_part(ch->p[i]->copy.data, ch->p[i]->copy.len,
		    out);
	}
	vbuf_printf(out, "\r\n--%s--\r\n", b);
	vbuf_release(&t);
}

/*
 * one_member - queue d's digest and record it as theirs in one
 * transaction, or record that there was nothing new; 1 if done, 0 if
 * it was theirs already, -1 on database trouble
 */
static int
one_member(struct pass *ps, const struct sched_due *d)
{
	struct ctx	*x = ps->sp->x;
	struct kept_chosen	 ch;
	struct notice	 n;
	struct vbuf	 subject, body;
	char		 count[24];
	int		 rc;

	memset(&ch, 0, sizeof(ch));
	ch.k = &ps->kept;
	ch.last = d->upto;
	if (digest_posts(x->db, ps->sp->l->id, d->upto, KEPT_CHOSEN_MAX,
	    kept_choose_cb, &ch) != DB_OK)
		return (-1);
	if (ch.n == 0 && !ps->sp->l->digest_empty) {
		/* Nothing new: no mail, but this time is done with. */
		rc = sched_mark(x->db, SCHED_DIGEST, d->id, ch.last,
		    (int64_t)ps->sp->slot);
		return (rc == DB_OK ? 1 : rc == DB_NOTFOUND ? 0 : -1);
	}
	vbuf_init(&subject, VBUF_NOMAX);
	vbuf_init(&body, VBUF_NOMAX);
	(void)snprintf(count, sizeof(count), "%zu", ch.n);
	{
		struct tmpl_slot s[] = { { "list", ps->sp->l->name },
		    { "count", count } };

		sched_phrase(ps->sp, d, "digest-subject", s, nitems(s),
		    &subject);
	}
	if (d->plain)
		plain_body(ps, d, &ch, &body);
	else
		mime_body(ps, d, &ch, &body);
	memset(&n, 0, sizeof(n));
	n.tmpl = "digest";
	n.to = d->addr;
	n.lang = d->lang;
	n.list = ps->sp->l;
	n.from_kind = AK_POST;
	rc = sched_send_queue(ps->sp, &digest_sender, &n, vbuf_str(&subject),
	    &body, d, ch.last);
	if (rc == 1) {
		log_info("digest list=%s to=%s posts=%zu form=%s",
		    ps->sp->l->name, d->addr, ch.n, d->plain ? "plain" :
		    "mime");
		/* The crash tests stop here: this digest is queued and
		 * recorded, the next members' are not. */
		killpoint_at("digest-queued");
	}
	vbuf_release(&subject);
	vbuf_release(&body);
	return (rc);
}

/* begin - a pass over one list's members at one instant */
static int
begin(struct sched_pass *sp)
{
	struct pass	*ps = xcalloc(1, sizeof(*ps));

	ps->sp = sp;
	kept_init(&ps->kept, sp->x, sp->l, "digest", 1);
	sp->own = ps;
	return (0);
}

static int
member(struct sched_pass *sp, const struct sched_due *d)
{
	return (one_member(sp->own, d));
}

static void
end(struct sched_pass *sp)
{
	struct pass	*ps = sp->own;

	kept_release(&ps->kept);
	free(ps);
	sp->own = NULL;
}

static const struct sched_sender digest_sender = {
	SCHED_DIGEST, "digest", begin, member, end,
};

/* digest_tick - see digest.h */
int
digest_tick(struct ctx *x)
{
	return (sched_send_tick(x, &digest_sender));
}

/*
 * unclear.c - the answer to a reply that decides nothing; see unclear.h
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/clock.h"
#include "global/conf.h"
#include "list/answer.h"
#include "list/ctx.h"
#include "db/db.h"
#include "db/db_list.h"
#include "db/db_outbox.h"
#include "db/db_spool.h"
#include "util/log.h"
#include "mail/mail.h"
#include "list/membership.h"
#include "list/mod_reply.h"
#include "list/notice.h"
#include "list/unclear.h"
#include "global/tmpl.h"
#include "util/vbuf.h"
#include "util/vis.h"
#include "util/sys_defs.h"

#define HOUR		3600

/* Moderation's: held posts and joins. */
static const struct unclear_form moderation = {
	"reply-unclear", AK_MODERATE, "moderation",
};

/* is_bidi_control - U+200E/F, U+202A-E, U+2066-9 or U+061C at p (n
 * bytes): characters that would reorder the notice around the quote */
static int
is_bidi_control(const unsigned char *p, size_t n)
{
	if (n == 2)
		return (p[0] == 0xd8 && p[1] == 0x9c);		/* U+061C */
	if (n != 3 || p[0] != 0xe2)
		return (0);
	if (p[1] == 0x80)
		return (p[2] == 0x8e || p[2] == 0x8f ||		/* 200E/F */
		    (p[2] >= 0xaa && p[2] <= 0xae));		/* 202A-E */
	return (p[1] == 0x81 && p[2] >= 0xa6 && p[2] <= 0xa9);	/* 2066-9 */
}

/*
 * quote_line - line (one line, controls already gone: mod_reply.h) as
 * the answer quotes it: valid UTF-8 only, no bidi controls, at most
 * UNCLEAR_READ_CHARS characters, "..." where it was cut
 */
static void
quote_line(const char *line, struct vbuf *out)
{
	const unsigned char	*p = (const unsigned char *)line;
	size_t			 chars = 0, n;

	while (*p != '\0') {
		if (chars == UNCLEAR_READ_CHARS) {
			vbuf_puts(out, "...");
			return;
		}
		if (*p < 0x80)
			n = 1;
		else if ((n = vis_utf8_len(p)) == 0) {
			p++;		/* a cut or invalid byte: left out */
			continue;
		}
		if (!is_bidi_control(p, n)) {
			vbuf_cat(out, p, n);
			chars++;
		}
		p += n;
	}
}

/* answered_lately - to was answered about this post (or, for a join,
 * this list) within the hour; 1, 0, or -1 on database trouble */
static int
answered_lately(struct ctx *x, const struct unclear_form *f, int64_t list_id,
    int64_t post_id, const char *to)
{
	int64_t	since = clock_now() - HOUR, n = 0;
	int	rc;

	rc = post_id != 0 ?
	    outbox_told_about(x->db, post_id, to, since, f->tmpl, &n) :
	    outbox_told(x->db, list_id, to, since, f->tmpl, &n);
	return (rc != DB_OK ? -1 : n > 0);
}

/* may_answer - whether the rules let moot answer m's sender; logs why
 * not */
static int
may_answer(struct ctx *x, const struct unclear_form *f,
    const struct spool_item *s, const struct mail *m, int64_t post_id)
{
	int	rc;

	if (mail_automated(m, s->env_from) != MAIL_BY_PERSON ||
	    mail_via_list(m)) {
		log_info("unclear reply from <%s> not answered: automated "
		    "mail", m->from_addr);
		return (0);
	}
	if ((rc = answered_lately(x, f, s->list_id, post_id,
	    m->from_addr)) != 0) {
		if (rc == 1)
			log_info("unclear reply from <%s> not answered: "
			    "answered within the hour", m->from_addr);
		return (0);
	}
	return (answer_capped(x, ANSWER_UNCLEAR, m->from_addr, NULL) == 0);
}

/* unclear_read - see unclear.h */
void
unclear_read(struct ctx *x, const char *lang, const struct list *l,
    const struct decision_read *d, struct vbuf *out)
{
	struct vbuf	quoted;

	if (d->read[0] == '\0') {
		notice_phrase(x, lang, l, "unclear-empty", NULL, 0, out);
		return;
	}
	vbuf_init(&quoted, VBUF_NOMAX);
	quote_line(d->read, &quoted);
	{
		struct tmpl_slot q[] = { { "line", vbuf_str(&quoted) } };

		notice_phrase(x, lang, l, "unclear-read", q, nitems(q), out);
	}
	vbuf_release(&quoted);
}

/* answer - unclear_answer() and unclear_answer_as() */
static void
answer(struct ctx *x, const struct unclear_form *f, const struct spool_item *s,
    const struct mail *m, const char *tok, const struct decision_read *d,
    int64_t post_id, const char *about)
{
	struct list	*l = NULL;
	struct vbuf	 read, err;
	char		*lang, name[64];

	if (m->from_addr == NULL || !may_answer(x, f, s, m, post_id) ||
	    list_load_id(x->db, s->list_id, &l) != DB_OK) {
		list_free(&l);
		return;
	}
	lang = membership_lang(x->db, l->id, m->from_addr);
	vbuf_init(&read, VBUF_NOMAX);
	vbuf_init(&err, 1024);
	unclear_read(x, lang, l, d, &read);
	(void)snprintf(name, sizeof(name), "%s %s", l->name, f->from_name);
	{
		struct tmpl_slot slots[] = {
			{ "list", l->name },
			{ "about", about != NULL ? about : "" },
			{ "read", vbuf_str(&read) },
		};
		struct notice n = {
			.tmpl = f->tmpl, .to = m->from_addr, .lang = lang,
			.list = l, .from_kind = f->from_kind,
			.from_token = tok, .from_name = name,
			.spool_id = post_id, .slots = slots,
			.nslots = nitems(slots), .reply = 1,
			.in_reply_to = m->msgid,
		};

		if (notice_queue(x, &n, &err) == -1)
			log_warnx("cannot answer %s: %s", m->from_addr,
			    vbuf_str(&err));
		else
			log_info("unclear reply from <%s> answered (%s)",
			    m->from_addr, f->tmpl);
	}
	free(lang);
	vbuf_release(&read);
	vbuf_release(&err);
	list_free(&l);
}

/* unclear_answer - see unclear.h */
void
unclear_answer(struct ctx *x, const struct spool_item *s,
    const struct mail *m, const char *tok, const struct decision_read *d,
    int64_t post_id, const char *about)
{
	answer(x, &moderation, s, m, tok, d, post_id, about);
}

/* unclear_answer_as - see unclear.h */
void
unclear_answer_as(struct ctx *x, const struct unclear_form *f,
    const struct spool_item *s, const struct mail *m, const char *tok,
    const struct decision_read *d, const char *about)
{
	answer(x, f, s, m, tok, d, 0, about);
}

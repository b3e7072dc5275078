/*
 * gov_review.c - the priorities' yearly review; see gov_review.h
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db.h"
#include "db/db_list.h"
#include "db/db_priority.h"
#include "db/db_spool.h"
#include "db/db_token.h"
#include "global/conf.h"
#include "global/listaddr.h"
#include "global/tmpl.h"
#include "gov/gov_effect.h"
#include "gov/gov_priority.h"
#include "gov/gov_proposal.h"
#include "gov/gov_review.h"
#include "gov/gov_send.h"
#include "list/answer.h"
#include "list/ctx.h"
#include "list/membership.h"
#include "list/mod_reply.h"
#include "list/notice.h"
#include "list/unclear.h"
#include "mail/mail.h"
#include "util/alloc.h"
#include "util/clock.h"
#include "util/killpoint.h"
#include "util/log.h"
#include "util/vbuf.h"
#include "util/sys_defs.h"

/* due_at - when the owners are to be asked next: a year after the
 * current priorities were agreed, or after the last question about
 * them was answered (or, unanswered, asked); DB_NOTFOUND when no
 * priority is current */
static int
due_at(struct db *db, int64_t *due)
{
	struct priority_review	r;
	int64_t			since;
	int			rc;

	if ((rc = priority_oldest_agreed(db, &since)) != DB_OK)
		return (rc);
	if ((rc = review_last(db, since, &r)) == DB_OK)
		since = r.answered_at != 0 ? r.answered_at : r.asked_at;
	else if (rc != DB_NOTFOUND)
		return (rc);
	*due = clock_add_years((time_t)since, 1);
	return (DB_OK);
}

/* title_line - "  - TITLE" */
static int
title_line(const struct priority *p, void *arg)
{
	vbuf_printf(arg, "  - %s\n", p->title);
	return (0);
}

/* ask_one - the question to one owner, with their own token; -1 */
static int
ask_one(struct ctx *x, const struct list *l, int64_t review_id,
    const char *to, const char *lang, const char *agreed,
    const char *titles)
{
	char		tok[TOKEN_CHARS + 1];
	struct vbuf	err;
	int		rc;
	struct tmpl_slot slots[] = {
		{ "list", l->name },
		{ "agreed", agreed },
		{ "priorities", titles },
	};
	struct notice	 n = {
		.tmpl = "review-ask", .to = to, .lang = lang, .list = l,
		.from_kind = AK_REVIEW, .from_token = tok, .slots = slots,
		.nslots = nitems(slots),
	};

	if (token_issue(x->db, GOV_REVIEW_TOKEN_PURPOSE, l->id, review_id, to,
	    GOV_REVIEW_TOKEN_TTL, tok) != DB_OK)
		return (-1);
	vbuf_init(&err, 1024);
	if ((rc = notice_queue(x, &n, &err)) == -1)
		log_warnx("review: cannot ask %s: %s", to, vbuf_str(&err));
	vbuf_release(&err);
	return (rc);
}

/* ask - record the question and queue it to each owner of l, in one
 * transaction: it goes once, or not at all */
static int
ask(struct ctx *x, const struct list *l, int64_t now)
{
	struct vbuf	 readers, titles;
	const char	*p, *lang;
	int64_t		 id, agreed = 0;
	char		 date[32];
	int		 n, rc = -1;

	vbuf_init(&readers, VBUF_NOMAX);
	vbuf_init(&titles, VBUF_NOMAX);
	n = membership_readers(x, l->id, "owner", &readers);
	if (priority_oldest_agreed(x->db, &agreed) != DB_OK ||
	    gov_priority_each(x->db, GP_CURRENT, title_line, &titles) !=
	    DB_OK)
		goto out;
	answer_date(agreed, date, sizeof(date));
	if (db_begin(x->db) != DB_OK)
		goto out;
	if (review_insert(x->db, now, &id) != DB_OK)
		goto fail;
	p = readers.data;
	for (int i = 0; i < n; i++, p = lang + strlen(lang) + 1) {
		lang = p + strlen(p) + 1;
		if (ask_one(x, l, id, p, *lang != '\0' ? lang : NULL, date,
		    vbuf_str(&titles)) == -1)
			goto fail;
		killpoint_at("review-queued");
	}
	if (db_commit(x->db) != DB_OK)
		goto out;
	killpoint_at("review-committed");
	if (n == 0)
		log_warnx("review: the priorities agreed %s are a year old, "
		    "and the %s list has no owner to ask", date, l->name);
	else
		log_info("review: %d owner(s) of %s asked whether to review "
		    "the priorities agreed %s", n, l->name, date);
	rc = 0;
	goto out;
fail:
	db_rollback(x->db);
out:
	vbuf_release(&readers);
	vbuf_release(&titles);
	return (rc);
}

/* gov_review_tick - see gov_review.h */
int
gov_review_tick(struct ctx *x)
{
	struct list	*l = NULL;
	int64_t		 due, now = clock_now();
	int		 rc, done = 0;

	if (due_at(x->db, &due) != DB_OK || now < due)
		return (0);
	if ((rc = list_load(x->db, x->conf->strategy_list, &l)) != DB_OK) {
		/* Asked of nobody, but asked: not again for a year. */
		if (rc == DB_NOTFOUND && db_begin(x->db) == DB_OK) {
			if (review_insert(x->db, now, &due) == DB_OK &&
			    db_commit(x->db) == DB_OK)
				log_warnx("review: the priorities are a year "
				    "old, and no list is called %s ([gov] "
				    "strategy_list): nobody was asked",
				    x->conf->strategy_list);
			else
				db_rollback(x->db);
		}
		return (0);
	}
	if (ask(x, l, now) == 0)
		done = 1;
	list_free(&l);
	return (done);
}

/* set_ids - "3,4,5": the current and proposed priorities */
static int
set_ids(const struct priority *p, void *arg)
{
	struct vbuf	*ids = arg;

	if (strcmp(p->state, "retired") != 0)
		vbuf_printf(ids, "%s%lld", ids->len > 0 ? "," : "",
		    (long long)p->id);
	return (0);
}

/* set_titles - "  - TITLE (current)" for the review's text */
static int
set_titles(const struct priority *p, void *arg)
{
	if (strcmp(p->state, "retired") != 0)
		vbuf_printf(arg, "  - %s (%s)\n", p->title, p->state);
	return (0);
}

/* open_review - the review as a proposal on l by who, closing at
 * closes_at, in the caller's transaction; 0 with *id and its title, or
 * -1 with why */
static int
open_review(struct ctx *x, const struct list *l, const char *who,
    int64_t closes_at, int64_t *id, struct vbuf *title, struct vbuf *why)
{
	struct vbuf	ids, titles, text;
	int64_t		agreed = 0;
	char		date[32];
	int		rc = -1;

	vbuf_init(&ids, VBUF_NOMAX);
	vbuf_init(&titles, VBUF_NOMAX);
	vbuf_init(&text, VBUF_NOMAX);
	if (gov_priority_each(x->db, GP_ALL, set_ids, &ids) != DB_OK ||
	    gov_priority_each(x->db, GP_ALL, set_titles, &titles) != DB_OK) {
		vbuf_puts(why, "cannot read the priorities");
		goto out;
	}
	(void)priority_oldest_agreed(x->db, &agreed);
	answer_date(agreed, date, sizeof(date));
	{
		struct tmpl_slot slots[] = {
			{ "agreed", date },
			{ "priorities", vbuf_str(&titles) },
		};

		/* The site's language: a proposal has one text. */
		notice_phrase_line(x, NULL, l, "review-title", slots,
		    nitems(slots), title);
		notice_phrase(x, NULL, l, "review-text", slots, nitems(slots),
		    &text);
	}
	/* In the caller's transaction, with the yes that asked for it. */
	rc = gov_proposal_open_in(x, l->name, who, vbuf_str(title),
	    vbuf_str(&text), closes_at,
	    GE_PRIORITIES, vbuf_str(&ids), id, why);
out:
	vbuf_release(&ids);
	vbuf_release(&titles);
	vbuf_release(&text);
	return (rc);
}

/* How the owner may answer what tell() sends. */
enum tell_from {
	FROM_OWNERS,		/* LIST-owner: the question is settled */
	FROM_TOKEN,		/* LIST-review+TOKEN: it still works */
};

/* tell - answer t's owner's reply m with tmpl (slots: list, and
 * extra), in their language; 0, or -1 (logged).  In the caller's
 * transaction, if any. */
static int
tell(struct ctx *x, const struct spool_item *s, const struct mail *m,
    const struct list *l, const struct token_row *t, enum tell_from from,
    const char *tmpl, const struct tmpl_slot *extra, size_t nextra)
{
	struct tmpl_slot slots[4];	/* list, 3 extra at most */
	size_t		 k = 0;
	char		*lang;
	int		 rc;

	slots[k++] = (struct tmpl_slot){ "list", l->name };
	for (size_t i = 0; i < nextra && k < nitems(slots); i++)
		slots[k++] = extra[i];
	lang = membership_lang(x->db, l->id, t->addr);
	rc = from == FROM_TOKEN ?
	    answer_send(x, l, tmpl, t->addr, lang, AK_REVIEW, s->token,
	    slots, k, m->msgid) :
	    answer_send(x, l, tmpl, t->addr, lang, AK_OWNER, NULL, slots, k,
	    m->msgid);
	free(lang);
	return (rc);
}

/* unclear - tell t's owner what moot read; nothing changes */
static void
unclear(struct ctx *x, const struct spool_item *s, const struct mail *m,
    const struct list *l, const struct token_row *t,
    const struct decision_read *d)
{
	struct vbuf	 read;
	char		*lang;

	if (answer_capped(x, ANSWER_UNCLEAR, t->addr, NULL) != 0)
		return;
	lang = membership_lang(x->db, l->id, t->addr);
	vbuf_init(&read, VBUF_NOMAX);
	unclear_read(x, lang, l, d, &read);
	{
		struct tmpl_slot slot = { "read", vbuf_str(&read) };

		(void)tell(x, s, m, l, t, FROM_TOKEN, "review-unclear", &slot,
		    1);
	}
	vbuf_release(&read);
	free(lang);
}

/* Why an owner may not answer (check()). */
enum refusal {
	REFUSED_NONE,
	REFUSED_SENDER,		/* not from the owner it was sent to */
	REFUSED_OWNER,		/* no longer an owner */
	REFUSED_ANSWERED,	/* another owner answered first */
	REFUSED_DB,		/* cannot tell: database trouble, so s
				 * stays spooled and is read again */
};

static const char *const refusal_why[] = {
	[REFUSED_SENDER] = "not from the owner it was sent to",
	[REFUSED_OWNER] = "no longer an owner",
	[REFUSED_ANSWERED] = "answered already",
};

/* check - whether t's holder may answer on l */
static enum refusal
check(struct ctx *x, const struct list *l, const struct mail *m,
    const struct token_row *t)
{
	int	answered = 0;

	if (!token_sent_to(t, m->from_addr))
		return (REFUSED_SENDER);
	if (!membership_has_role(x->db, l->id, t->addr, "owner") &&
	    (x->conf->admin == NULL || strcmp(x->conf->admin, t->addr) != 0))
		return (REFUSED_OWNER);
	if (review_answered(x->db, t->object_id, &answered) != DB_OK)
		return (REFUSED_DB);
	return (answered ? REFUSED_ANSWERED : REFUSED_NONE);
}

/*
 * no - record the no, with the token used and s done, and tell the
 * owner when moot asks again, in one transaction; on database trouble
 * s stays spooled
 */
static void
no(struct ctx *x, const struct spool_item *s, const struct mail *m,
    const struct list *l, const struct token_row *t)
{
	int64_t	now = clock_now();
	char	next[32];

	if (db_begin(x->db) != DB_OK)
		return;
	if (review_answer(x->db, t->object_id, "no", t->addr, now, 0) ==
	    DB_ERR || token_use(x->db, t->id, now) == DB_ERR) {
		db_rollback(x->db);
		return;
	}
	/* due_at(): a year after the answer. */
	answer_date(clock_add_years((time_t)now, 1), next, sizeof(next));
	{
		struct tmpl_slot slot = { "next", next };

		(void)tell(x, s, m, l, t, FROM_OWNERS, "review-declined",
		    &slot, 1);
	}
	answer_finish(x, s, "review: no, asked again in a year");
	if (db_commit(x->db) != DB_OK)
		log_warnx("cannot commit the review's answer");
}

/*
 * yes - open the review as a proposal, record the yes that asked for it
 * and tell the owner, in one transaction, so that a crash leaves all or
 * none (never a review a second yes could open again); 0 with *id, or
 * -1 with why (nothing changed: the token stays good, a yes again may
 * open it)
 */
static int
yes(struct ctx *x, const struct spool_item *s, const struct mail *m,
    const struct list *l, const struct token_row *t, int64_t *id,
    struct vbuf *why)
{
	struct vbuf	title;
	char		done[160], closes[32];
	int64_t		now = clock_now();
	int64_t		closes_at = now + x->conf->review_time;

	if (db_begin(x->db) != DB_OK) {
		vbuf_puts(why, "the database is busy");
		return (-1);
	}
	vbuf_init(&title, VBUF_NOMAX);
	if (killpoint_fail("review-open")) {
		/* The tests' stand-in for open_review()'s own failures. */
		vbuf_puts(why, "cannot read the priorities");
		goto fail;
	}
	if (open_review(x, l, t->addr, closes_at, id, &title, why) == -1)
		goto fail;
	/* The crash tests stop here: opened, the yes not yet recorded. */
	killpoint_at("review-opened");
	(void)snprintf(done, sizeof(done), "review: yes, proposal %lld",
	    (long long)*id);
	if (review_answer(x->db, t->object_id, "yes", t->addr, now, *id) ==
	    DB_ERR || token_use(x->db, t->id, now) == DB_ERR) {
		vbuf_puts(why, "cannot record the answer");
		goto fail;
	}
	gov_closes(closes_at, closes, sizeof(closes));
	{
		struct tmpl_slot slots[] = {
			{ "title", vbuf_str(&title) },
			{ "closes", closes },
			{ "zone", x->conf->timezone != NULL ?
			    x->conf->timezone : "UTC" },
		};

		(void)tell(x, s, m, l, t, FROM_OWNERS, "review-opened", slots,
		    nitems(slots));
	}
	answer_finish(x, s, done);
	if (db_commit(x->db) != DB_OK) {
		vbuf_puts(why, "cannot commit the review");
		goto fail;
	}
	vbuf_release(&title);
	log_info("review: proposal %lld opened on %s for %s", (long long)*id,
	    l->name, t->addr);
	return (0);
fail:
	db_rollback(x->db);
	vbuf_release(&title);
	return (-1);
}

/* decide - act on t's owner's reply m */
static void
decide(struct ctx *x, const struct spool_item *s, const struct mail *m,
    const struct list *l, const struct token_row *t)
{
	struct decision_read	 d;
	struct vbuf		 why;
	char			*lang, done[160];
	int64_t			 id = 0;

	lang = membership_reader_lang(x->db, l->id, t->addr);
	mod_reply_read(x->conf, m, lang, &d);
	free(lang);
	vbuf_init(&why, 512);
	if (d.d == DECISION_REJECT)
		no(x, s, m, l, t);
	else if (d.d != DECISION_APPROVE) {
		unclear(x, s, m, l, t, &d);
		(void)snprintf(done, sizeof(done), "review: unclear (%s)",
		    d.why);
		answer_finish(x, s, done);
	} else if (yes(x, s, m, l, t, &id, &why) == -1) {
		/* The token stays good: a yes again may open it; the owner
		 * hears that nothing opened (logged here with why). */
		log_warnx("review: yes from %s, but the proposal could not "
		    "be opened: %s", t->addr, vbuf_str(&why));
		(void)tell(x, s, m, l, t, FROM_TOKEN, "review-not-opened",
		    NULL, 0);
		(void)snprintf(done, sizeof(done), "review: yes, not opened: "
		    "%s", vbuf_str(&why));
		answer_finish(x, s, done);
	}
	vbuf_release(&why);
}

/* gov_review_reply - see gov_review.h */
void
gov_review_reply(struct ctx *x, struct spool_item *s, const struct mail *m)
{
	static const char *const purposes[] = { GOV_REVIEW_TOKEN_PURPOSE,
	    NULL };
	struct list		*l = NULL;
	struct token_row	*t = NULL;
	enum claim		 cl;
	enum refusal		 r = REFUSED_NONE;
	const char		*why = NULL;
	char			 done[96];

	if (answer_list_load(x, s, &l) == -1)
		return;
	if (answer_automated(x, s, m))
		goto out;
	cl = token_claim(x->db, s->token != NULL ? s->token : "", purposes,
	    l->id, clock_now(), &t);
	if (cl == CLAIM_ERROR)
		goto out;		/* stays spooled: tried again */
	if (cl != CLAIM_OK)
		why = token_claim_why(cl);
	else if ((r = check(x, l, m, t)) == REFUSED_DB)
		goto out;
	else if (r != REFUSED_NONE)
		why = refusal_why[r];
	if (r == REFUSED_ANSWERED &&
	    answer_capped(x, ANSWER_REPLIES, t->addr, NULL) == 0)
		/* An owner the question went to, too late: said so. */
		(void)tell(x, s, m, l, t, FROM_OWNERS, "review-answered",
		    NULL, 0);
	if (why != NULL) {
		(void)snprintf(done, sizeof(done), "review answer refused: %s",
		    why);
		answer_finish(x, s, done);
	} else
		decide(x, s, m, l, t);
out:
	token_row_free(&t);
	list_free(&l);
}

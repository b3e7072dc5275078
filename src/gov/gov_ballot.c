/*
 * gov_ballot.c - answers at LIST-vote+TOKEN; see gov_ballot.h
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "db/db.h"
#include "db/db_decision.h"
#include "db/db_list.h"
#include "db/db_spool.h"
#include "db/db_token.h"
#include "global/conf.h"
#include "global/decide.h"
#include "global/tmpl.h"
#include "gov/gov_ballot.h"
#include "gov/gov_close.h"
#include "gov/gov_mail.h"
#include "gov/gov_open.h"
#include "gov/gov_read.h"
#include "gov/gov_send.h"
#include "gov/gov_tally.h"
#include "list/answer.h"
#include "list/ctx.h"
#include "list/mod_reply.h"
#include "list/notice.h"
#include "mail/mail.h"
#include "util/alloc.h"
#include "util/clock.h"
#include "util/killpoint.h"
#include "util/log.h"
#include "util/vbuf.h"
#include "util/sys_defs.h"

/* One answer being read. */
struct ans {
	struct ctx		*x;
	struct spool_item	*s;
	const struct mail	*m;
	struct list		*l;
	struct token_row	*t;
	struct decision_row	*d;
	char			*lang;		/* the writer's; NULL: list's */
	int64_t			 now;
	int64_t			 received;	/* when the answer came: a
						 * ballot that came in time
						 * counts even if mootd reads
						 * it after closing */
	char			 done[128];	/* for the log */
};

/* is - the token's purpose is p */
static int
is(const struct ans *a, const char *p)
{
	return (strcmp(a->t->purpose, p) == 0);
}

/* check - why a may not answer, or NULL (a->d and a->lang loaded) */
static const char *
check(struct ans *a)
{
	struct member	*mem = NULL;
	int		 yes = 0;

	if (!token_sent_to(a->t, a->m->from_addr))
		return ("not from the address it was sent to");
	if (decision_load(a->x->db, a->t->object_id, &a->d) != DB_OK ||
	    a->d->list_id != a->l->id)
		return ("no such decision");
	if (member_load(a->x->db, a->l->id, a->t->addr, &mem) == DB_OK) {
		yes = 1;
		a->lang = mem->language != NULL ? xstrdup(mem->language) :
		    NULL;
	}
	member_free(&mem);
	if (is(a, GOV_TOKEN_BALLOT)) {
		if (a->d->state != DS_OPEN || a->received >= a->d->closes_at)
			return ("the decision is closed");
		if (!yes && !a->d->keep_removed)
			return ("no longer a member");
	} else if (is(a, GOV_TOKEN_CASTING)) {
		if (a->d->state != DS_CASTING)
			return ("no casting vote is awaited");
		if (a->d->chair == NULL || strcmp(a->d->chair, a->t->addr) != 0)
			return ("not the chair");
	} else if (is(a, GOV_TOKEN_OPENING)) {
		if (a->d->state != DS_PENDING)
			return ("opened already");
	} else if (a->d->state != DS_ASKING)
		return ("the proposer's choice is made");
	return (NULL);
}

/* options_of - the options an answer of a's purpose may choose; the
 * casting vote has no abstain */
static int
options_of(const struct ans *a, struct gov_tally *t)
{
	struct vbuf	why;
	size_t		k = 0;
	int		rc;

	vbuf_init(&why, 256);
	rc = gov_options_parse(a->d->options, t, &why);
	vbuf_release(&why);
	if (rc == -1 || !is(a, GOV_TOKEN_CASTING))
		return (rc);
	for (size_t i = 0; i < t->n; i++)
		if (strcmp(t->opt[i], "abstain") != 0)
			memmove(t->opt[k++], t->opt[i], sizeof(t->opt[i]));
	t->n = k;
	return (0);
}

/* unclear - tell the writer what was read and what works, From: the same
 * address, at most ANSWER_UNCLEAR's cap a day; 0 or -1 */
static int
unclear(struct ans *a, const struct gov_tally *t, const char *read,
    const char *phrase)
{
	struct vbuf	h, opts;
	int		rc = 0;

	(void)snprintf(a->done, sizeof(a->done), "decision %lld: an answer "
	    "that is not clear; asked again", (long long)a->d->id);
	if (answer_capped(a->x, ANSWER_UNCLEAR, a->m->from_addr, NULL) != 0)
		return (0);
	vbuf_init(&h, 2048);
	vbuf_init(&opts, 1024);
	for (size_t i = 0; t != NULL && i < t->n; i++)
		vbuf_printf(&opts, "  %s\n", t->opt[i]);
	{
		struct tmpl_slot s[] = { { "options", vbuf_str(&opts) } };

		notice_phrase(a->x, a->lang, a->l, phrase, s, nitems(s), &h);
	}
	{
		struct tmpl_slot s[] = {
			{ "read", read }, { "how", vbuf_str(&h) },
		};

		rc = gov_send_about(a->x, a->l, a->d, "ballot-unclear",
		    a->t->addr, a->lang, a->s->token, s, nitems(s), a->s->id);
	}
	vbuf_release(&h);
	vbuf_release(&opts);
	return (rc);
}

/* objection - the reason, to each member of the list */
static int
objection(struct ans *a, const char *reason)
{
	struct gov_person	*v = NULL;
	size_t			 n = 0;
	int			 rc = 0;

	if (gov_people(a->x, a->l->id, NULL, &v, &n) == -1)
		return (-1);
	for (size_t i = 0; rc == 0 && i < n; i++) {
		struct tmpl_slot s[] = { { "reason", reason } };

		rc = gov_send(a->x, a->l, a->d, "proposal-objection",
		    v[i].addr, v[i].lang, NULL, s, nitems(s));
	}
	gov_people_free(&v, n);
	return (rc);
}

/* ballot - a member's answer: recorded, receipted; 0 or -1 */
static int
ballot(struct ans *a)
{
	struct gov_tally	 t;
	struct gov_choice	 c;
	char			*key = NULL;
	int			 cons = a->d->kind == DK_CONSENSUS, rc;

	if (options_of(a, &t) == -1)
		return (-1);
	if (!gov_read(a->x->conf, a->m, a->lang, &t, cons, &c))
		return (unclear(a, &t, c.read, cons ? "decision-how-consensus" :
		    "decision-how-vote"));
	if (voter_key(a->x->db, a->d->id, a->t->addr, &key) != DB_OK)
		return (-1);
	rc = ballot_set(a->x->db, a->d->id, key, a->t->addr, c.choice,
	    *c.reason != '\0' ? c.reason : NULL, a->now) == DB_OK ? 0 : -1;
	free(key);
	killpoint_at("ballot-recorded");
	if (rc == 0) {
		struct tmpl_slot s[] = {
			{ "choice", c.choice }, { "reason", c.reason },
		};

		rc = gov_send_about(a->x, a->l, a->d, "ballot-receipt",
		    a->t->addr, a->lang, a->s->token, s, nitems(s), a->s->id);
	}
	if (rc == 0 && cons && strcmp(c.choice, "object") == 0)
		rc = objection(a, c.reason);
	(void)snprintf(a->done, sizeof(a->done), "decision %lld: ballot "
	    "recorded", (long long)a->d->id);
	return (rc);
}

/* casting - the chair's casting vote; 0 or -1 */
static int
casting(struct ans *a)
{
	struct gov_tally	t;
	struct gov_choice	c;

	if (options_of(a, &t) == -1)
		return (-1);
	if (!gov_read(a->x->conf, a->m, a->lang, &t, 0, &c))
		return (unclear(a, &t, c.read, "decision-how-vote"));
	(void)snprintf(a->done, sizeof(a->done), "decision %lld: the chair's "
	    "casting vote decided it", (long long)a->d->id);
	return (gov_close_casting(a->x, a->l, a->d, c.choice, a->now));
}

/* choice_of - the proposer's reply: *vote, or amend with its new text
 * (after the first line, its "Closes:" line cut into *closes); 1, or 0
 * if it is neither, clearly (line: the first line, for the answer) */
static int
choice_of(struct ans *a, struct vbuf *line, struct vbuf *text, int *vote,
    int64_t *closes)
{
	struct decided	dd;

	if (!mod_reply_own_text(a->x->conf, a->m, line, text) ||
	    !decide_line(a->x->conf, a->lang, line->data, line->len,
	    "vote,amend", DECIDE_ALONE, &dd))
		return (0);
	if ((*vote = strcmp(dd.key, "vote") == 0))
		return (1);
	/* An amendment has a new text, and a closing time if it says. */
	return (gov_closes_line(text, "closes:", closes) != -1 &&
	    strspn(vbuf_str(text), " \t\r\n") < text->len);
}

/* proposer - "vote", or "amend" and the new text; 0, -1 (roll back) or
 * -2 (roll back, and finish with a->done: it cannot be done) */
static int
proposer(struct ans *a)
{
	struct vbuf	 line, text, why;
	struct gov_new	 n;
	int64_t		 id, closes = a->now + (a->d->closes_at -
	    a->d->opened_at);
	int		 vote = 0, rc = -1;

	vbuf_init(&line, VBUF_NOMAX);
	vbuf_init(&text, GOV_TEXT_MAX + 1);
	vbuf_init(&why, 1024);
	if (!choice_of(a, &line, &text, &vote, &closes)) {
		rc = unclear(a, NULL, vbuf_str(&line), "decision-how-proposer");
		goto out;
	}
	memset(&n, 0, sizeof(n));
	n.list = a->l->name;
	n.kind = vote ? DK_VOTE : DK_CONSENSUS;
	n.title = a->d->title;
	n.text = vote ? a->d->text : vbuf_str(&text);
	n.proposer = a->d->proposer;
	n.parent_id = a->d->id;
	n.closes_at = closes;
	if (decision_set_state(a->x->db, a->d->id, DS_ASKING, vote ?
	    DS_FAILED : DS_AMENDED, NULL, vote ? "vote" : "amended", -1,
	    vote ? a->now : 0) != DB_OK)
		goto out;
	if (gov_open_in(a->x, &n, &id, &why) == -1) {
		log_warnx("decision %lld: the proposer's choice cannot be "
		    "done: %s", (long long)a->d->id, vbuf_str(&why));
		(void)snprintf(a->done, sizeof(a->done), "decision %lld: the "
		    "proposer's choice cannot be done", (long long)a->d->id);
		rc = -2;
		goto out;
	}
	(void)snprintf(a->done, sizeof(a->done), "decision %lld: %s as "
	    "decision %lld", (long long)a->d->id, vote ? "a vote called" :
	    "amended and re-opened", (long long)id);
	rc = 0;
out:
	vbuf_release(&line);
	vbuf_release(&text);
	vbuf_release(&why);
	return (rc);
}

/* opening - the sender confirms the decision they sent by mail (any
 * reply but a no); 0, or -2 with a->done if it cannot open */
static int
opening(struct ans *a)
{
	struct vbuf	why;
	int		rc = 0;

	if (mod_reply_declines(a->x->conf, a->m)) {
		(void)snprintf(a->done, sizeof(a->done), "decision %lld: its "
		    "sender declined to open it", (long long)a->d->id);
		return (0);
	}
	vbuf_init(&why, 1024);
	if (gov_open_confirmed(a->x, a->d, &why) == -1) {
		(void)snprintf(a->done, sizeof(a->done), "decision %lld: "
		    "cannot open: %.60s", (long long)a->d->id, vbuf_str(&why));
		rc = -2;
	} else
		(void)snprintf(a->done, sizeof(a->done), "decision %lld: "
		    "confirmed and opened", (long long)a->d->id);
	vbuf_release(&why);
	return (rc);
}

/* act - what a's purpose does; 0 or -1 (roll back) */
static int
act(struct ans *a)
{
	/* Its text goes when the decision closes, as the ballots' names. */
	if (ballot_mail_add(a->x->db, a->d->id, a->s->id) != DB_OK)
		return (-1);
	if (is(a, GOV_TOKEN_BALLOT))
		return (ballot(a));
	if (is(a, GOV_TOKEN_CASTING))
		return (casting(a));
	if (is(a, GOV_TOKEN_OPENING))
		return (opening(a));
	return (proposer(a));
}

/* gov_ballot_reply - see gov_ballot.h */
void
gov_ballot_reply(struct ctx *x, struct spool_item *s, const struct mail *m)
{
	static const char *const purposes[] = { GOV_TOKEN_BALLOT,
	    GOV_TOKEN_CASTING, GOV_TOKEN_PROPOSER, GOV_TOKEN_OPENING, NULL };
	struct ans	 a;
	enum claim	 cl;
	const char	*why = NULL;
	int		 rc;

	memset(&a, 0, sizeof(a));
	a.x = x;
	a.s = s;
	a.m = m;
	a.now = clock_now();
	a.received = s->received_at > 0 && s->received_at < a.now ?
	    s->received_at : a.now;
	if (answer_list_load(x, s, &a.l) == -1)
		return;
	if (answer_automated(x, s, m))
		goto out;
	cl = token_claim(x->db, s->token != NULL ? s->token : "", purposes,
	    a.l->id, a.received, &a.t);
	if (cl == CLAIM_ERROR)
		goto out;		/* stays spooled: tried again */
	why = cl != CLAIM_OK ? token_claim_why(cl) : check(&a);
	if (db_begin(x->db) != DB_OK)
		goto out;
	if (why != NULL) {
		(void)snprintf(a.done, sizeof(a.done), "answer to a decision "
		    "refused: %s", why);
		answer_finish(x, s, a.done);
	} else if ((rc = act(&a)) == -1) {
		db_rollback(x->db);
		goto out;
	} else if (rc == -2) {
		db_rollback(x->db);
		if (db_begin(x->db) != DB_OK)
			goto out;
		answer_finish(x, s, a.done);
	} else
		answer_finish(x, s, a.done);
	if (db_commit(x->db) != DB_OK)
		log_warnx("cannot commit the answer to a decision");
out:
	token_row_free(&a.t);
	decision_free(&a.d);
	free(a.lang);
	list_free(&a.l);
}

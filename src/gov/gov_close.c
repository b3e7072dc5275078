/*
 * gov_close.c - deadlines, casting votes and results; see gov_close.h
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db.h"
#include "db/db_decision.h"
#include "db/db_effect.h"
#include "db/db_list.h"
#include "db/db_token.h"
#include "global/conf.h"
#include "global/tmpl.h"
#include "gov/gov_close.h"
#include "gov/gov_mail.h"
#include "gov/gov_effect.h"
#include "gov/gov_statement.h"
#include "gov/gov_send.h"
#include "gov/gov_tally.h"
#include "list/ctx.h"
#include "list/notice.h"
#include "util/alloc.h"
#include "util/clock.h"
#include "util/killpoint.h"
#include "util/log.h"
#include "util/vbuf.h"
#include "util/sys_defs.h"

/* gov_outcome_phrase - see gov_close.h */
void
gov_outcome_phrase(struct ctx *x, const struct list *l,
    const struct decision_row *d, const char *lang, struct vbuf *out)
{
	struct tmpl_slot s[] = { { "option", d->outcome } };

	if (d->kind == DK_CONSENSUS)
		notice_phrase(x, lang, l, d->state == DS_PASSED ?
		    "decision-agreed" : "decision-not-agreed", NULL, 0, out);
	else {
		notice_phrase(x, lang, l, "decision-won", s, nitems(s), out);
		if (d->casting != NULL) {
			if (out->len > 0 && out->data[out->len - 1] != '\n')
				vbuf_puts(out, "\n");
			notice_phrase(x, lang, l, "decision-casting-decided", s,
			    nitems(s), out);
		}
	}
}

/* tell_all - the result of d to each member of l, in their language */
static int
tell_all(struct ctx *x, const struct list *l, const struct decision_row *d)
{
	struct gov_person	*v = NULL;
	size_t			 n = 0;
	struct vbuf		 res, out, eff;
	char			 turnout[24], electorate[24];
	int64_t			 owner = gov_effect_owner(x->db, d);
	int			 rc = 0;

	if (gov_people(x, l->id, NULL, &v, &n) == -1)
		return (-1);
	vbuf_init(&res, 4096);
	vbuf_init(&out, 4096);
	vbuf_init(&eff, 4096);
	gov_results(d->result, &res);
	(void)snprintf(turnout, sizeof(turnout), "%lld", (long long)d->turnout);
	(void)snprintf(electorate, sizeof(electorate), "%lld",
	    (long long)d->electorate);
	for (size_t i = 0; rc == 0 && i < n; i++) {
		vbuf_reset(&out);
		vbuf_reset(&eff);
		gov_outcome_phrase(x, l, d, v[i].lang, &out);
		if (gov_effect_due(d) && owner != 0)
			(void)gov_effect_describe(x->db, owner, v[i].lang,
			    &eff);
		{
			struct tmpl_slot s[] = {
				{ "results", vbuf_str(&res) },
				{ "turnout", turnout },
				{ "electorate", electorate },
				{ "outcome", vbuf_str(&out) },
				{ "effect", vbuf_str(&eff) },
			};

			rc = gov_send(x, l, d, "decision-result", v[i].addr,
			    v[i].lang, NULL, s, nitems(s));
		}
		killpoint_at("decision-told");
	}
	vbuf_release(&res);
	vbuf_release(&out);
	vbuf_release(&eff);
	gov_people_free(&v, n);
	return (rc);
}

/* lang_of - addr's language on l (NULL: the list's), new */
static char *
lang_of(struct ctx *x, const struct list *l, const char *addr)
{
	struct member	*m = NULL;
	char		*lang = NULL;

	if (member_load(x->db, l->id, addr, &m) == DB_OK &&
	    m->language != NULL)
		lang = xstrdup(m->language);
	member_free(&m);
	return (lang);
}

/* casting_ballot - the chair's casting ballot (a reminder if reminder) */
static int
casting_ballot(struct ctx *x, const struct list *l,
    const struct decision_row *d, int reminder, int64_t now)
{
	struct gov_tally	 t;
	struct vbuf		 res, opts, rem;
	char			 tok[TOKEN_CHARS + 1];
	char			*lang;
	int			 rc = -1;

	if (d->chair == NULL || gov_tally_count(x->db, d, &t) == -1)
		return (-1);
	if (token_issue(x->db, GOV_TOKEN_CASTING, l->id, d->id, d->chair,
	    GOV_CASTING_TTL, tok) != DB_OK)
		return (-1);
	lang = lang_of(x, l, d->chair);
	vbuf_init(&res, 4096);
	vbuf_init(&opts, 1024);
	vbuf_init(&rem, 1024);
	gov_results(d->result, &res);
	for (size_t i = 0; i < t.n; i++)
		if (strcmp(t.opt[i], "abstain") != 0)
			vbuf_printf(&opts, "  %s\n", t.opt[i]);
	if (reminder)
		notice_phrase(x, lang, l, "decision-casting-reminder", NULL, 0,
		    &rem);
	{
		struct tmpl_slot s[] = {
			{ "results", vbuf_str(&res) },
			{ "options", vbuf_str(&opts) },
			{ "reminder", vbuf_str(&rem) },
		};

		rc = gov_send(x, l, d, "vote-casting", d->chair, lang, tok, s,
		    nitems(s));
	}
	(void)now;
	free(lang);
	vbuf_release(&res);
	vbuf_release(&opts);
	vbuf_release(&rem);
	return (rc);
}

/* ask_proposer - the proposer (or the list's organisers and chair, for a
 * proposal from the command line) chooses: amend, or a vote */
static int
ask_proposer(struct ctx *x, const struct list *l, const struct decision_row *d)
{
	struct gov_person	*v = NULL;
	size_t			 n = 0;
	struct vbuf		 res;
	char			 tok[TOKEN_CHARS + 1];
	int			 rc = 0;

	if (strchr(d->proposer, '@') != NULL) {
		v = xcalloc(1, sizeof(*v));
		v->addr = xstrdup(d->proposer);
		v->lang = lang_of(x, l, d->proposer);
		v->role = xstrdup("member");
		n = 1;
	} else if (gov_people(x, l->id, "organiser,chair", &v, &n) == -1)
		return (-1);
	vbuf_init(&res, 4096);
	gov_results(d->result, &res);
	for (size_t i = 0; rc == 0 && i < n; i++) {
		struct tmpl_slot s[] = { { "results", vbuf_str(&res) } };

		if (token_issue(x->db, GOV_TOKEN_PROPOSER, l->id, d->id,
		    v[i].addr, GOV_PROPOSER_TTL, tok) != DB_OK)
			rc = -1;
		else
			rc = gov_send(x, l, d, "proposal-ask", v[i].addr,
			    v[i].lang, tok, s, nitems(s));
	}
	vbuf_release(&res);
	gov_people_free(&v, n);
	return (rc);
}

/* closed - the state d ends in, with t counted; d is updated */
static enum decision_state
closed(struct decision_row *d, const struct gov_tally *t)
{
	int	obj;

	if (d->kind == DK_CONSENSUS) {
		obj = gov_tally_option(t, "object");
		return (obj >= 0 && t->votes[obj] > 0 ? DS_ASKING : DS_PASSED);
	}
	return (t->winner < 0 ? DS_CASTING : DS_PASSED);
}

/* carry_out - what d's line of proposals does, if d decided it, in the
 * transaction that records d's end; 0 or -1 */
static int
carry_out(struct ctx *x, const struct decision_row *d, int64_t now)
{
	int64_t	owner;

	if (!gov_effect_due(d))
		return (0);
	if ((owner = gov_effect_owner(x->db, d)) == 0)
		return (-1);
	if (gov_effect_passed(x->db, owner, now) == -1)
		return (-1);
	/* A statement is the text as agreed: d's, which an amendment may
	 * have changed since the first proposal of its line. */
	switch (gov_effect_is_statement(x->db, owner)) {
	case 1:
		return (gov_statement_keep(x->db, owner, d->title, d->text,
		    now) == DB_OK ? 0 : -1);
	case 0:
		return (0);
	default:
		return (-1);
	}
}

/* close_open - d's deadline has come: count, record, tell; in the
 * caller's transaction; 0 or -1 */
static int
close_open(struct ctx *x, const struct list *l, struct decision_row *d,
    int64_t now)
{
	struct gov_tally	t;
	struct vbuf		res;
	int64_t			gone = 0;
	int			rc = -1;

	if (!d->keep_removed && ballot_drop_removed(x->db, d->id, l->id,
	    &gone) != DB_OK)
		return (-1);
	if (gov_tally_count(x->db, d, &t) == -1)
		return (-1);
	vbuf_init(&res, 1024);
	gov_tally_format(&t, &res);
	d->state = closed(d, &t);
	free(d->result);
	d->result = xstrdup(vbuf_str(&res));
	d->turnout = t.cast;
	if (d->kind == DK_VOTE && d->state == DS_PASSED) {
		free(d->outcome);
		d->outcome = xstrdup(t.opt[t.winner]);
	} else if (d->kind == DK_CONSENSUS && d->state == DS_PASSED) {
		free(d->outcome);
		d->outcome = xstrdup("passed");
	}
	if (decision_set_state(x->db, d->id, DS_OPEN, d->state, d->result,
	    d->outcome, d->turnout, d->state == DS_PASSED ? now : 0) != DB_OK)
		goto out;
	/* No voter may change a ballot now: none keeps a name. */
	if (!d->open_ballot && (ballot_anonymise(x->db, d->id) != DB_OK ||
	    ballot_mail_forget(x->db, d->id) != DB_OK))
		goto out;
	killpoint_at("decision-counted");
	switch (d->state) {
	case DS_PASSED:
		d->decided_at = now;
		if (carry_out(x, d, now) == -1)
			goto out;
		rc = tell_all(x, l, d);
		break;
	case DS_CASTING:
		rc = casting_ballot(x, l, d, 0, now);
		break;
	default:
		rc = ask_proposer(x, l, d);
		break;
	}
	if (gone > 0)
		log_info("decision %lld: %lld ballot(s) of voters who left "
		    "not counted", (long long)d->id, (long long)gone);
out:
	vbuf_release(&res);
	return (rc);
}

/* gov_close_casting - see gov_close.h */
int
gov_close_casting(struct ctx *x, const struct list *l,
    const struct decision_row *d0, const char *choice, int64_t now)
{
	struct decision_row	d = *d0;

	if (decision_set_casting(x->db, d.id, choice) != DB_OK ||
	    decision_set_state(x->db, d.id, DS_CASTING, DS_PASSED, NULL, choice,
	    -1, now) != DB_OK)
		return (-1);
	d.casting = (char *)choice;
	d.outcome = (char *)choice;
	d.state = DS_PASSED;
	d.decided_at = now;
	if (carry_out(x, &d, now) == -1)
		return (-1);
	return (tell_all(x, l, &d));
}

/* chair_silent - remind the chair, then tell the organisers; 1 if
 * something was sent */
static int
chair_silent(struct ctx *x, const struct list *l, const struct decision_row *d,
    int64_t now)
{
	struct gov_person	*v = NULL;
	size_t			 n = 0;
	int			 rc = 0;

	if (d->reminded_at == 0 && now - d->closes_at >=
	    x->conf->casting_reminder) {
		if (casting_ballot(x, l, d, 1, now) == -1 ||
		    decision_set_reminded(x->db, d->id, now) != DB_OK)
			return (-1);
		rc = 1;
	}
	if (d->told_at == 0 && now - d->closes_at >= x->conf->casting_tell) {
		if (gov_people(x, l->id, "organiser,owner", &v, &n) == -1)
			return (-1);
		for (size_t i = 0; rc != -1 && i < n; i++) {
			struct tmpl_slot s[] = { { "chair", d->chair } };

			if (gov_send(x, l, d, "vote-chair-silent", v[i].addr,
			    v[i].lang, NULL, s, nitems(s)) == -1)
				rc = -1;
		}
		gov_people_free(&v, n);
		if (rc == -1 || decision_set_told(x->db, d->id, now) != DB_OK)
			return (-1);
		rc = 1;
	}
	return (rc);
}

/* lapsed - nobody amended d or called a vote in GOV_PROPOSER_TTL: it
 * failed, and the members are told; 1, or -1 */
static int
lapsed(struct ctx *x, const struct list *l, struct decision_row *d,
    int64_t now)
{
	if (decision_set_state(x->db, d->id, DS_ASKING, DS_FAILED, NULL,
	    "failed", -1, now) != DB_OK)
		return (-1);
	d->state = DS_FAILED;
	d->decided_at = now;
	return (tell_all(x, l, d) == -1 ? -1 : 1);
}

/* one - what is due about d, in a transaction of its own */
struct tick {
	struct ctx	*x;
	int		 done;
};

static int
one(const struct decision_row *d0, void *arg)
{
	struct tick	*tk = arg;
	struct ctx	*x = tk->x;
	struct list	*l = NULL;
	struct decision_row	 d = *d0;
	int64_t		 now = clock_now();
	int		 rc;

	if (x->stop != NULL && *x->stop)
		return (1);
	if (list_load_id(x->db, d.list_id, &l) != DB_OK)
		return (0);
	d.result = d0->result != NULL ? xstrdup(d0->result) : NULL;
	d.outcome = d0->outcome != NULL ? xstrdup(d0->outcome) : NULL;
	if (db_begin(x->db) != DB_OK)
		goto out;
	rc = d.state == DS_OPEN ? close_open(x, l, &d, now) :
	    d.state == DS_ASKING ? lapsed(x, l, &d, now) :
	    chair_silent(x, l, &d, now);
	if (rc == -1) {
		db_rollback(x->db);
		log_warnx("decision %lld: cannot close it now; tried again "
		    "later", (long long)d.id);
	} else if (db_commit(x->db) != DB_OK)
		log_warnx("decision %lld: cannot commit", (long long)d.id);
	else if (d0->state != DS_OPEN)
		tk->done += rc;
	else {
		tk->done++;
		killpoint_at("decision-closed");
		log_info("decision %lld of %s: closed, %s, %lld ballot(s)",
		    (long long)d.id, l->name, decision_state_name(d.state),
		    (long long)d.turnout);
	}
out:
	free(d.result);
	free(d.outcome);
	list_free(&l);
	return (0);
}

/*
 * forget_unconfirmed - a decision sent by mail that its sender did not
 * confirm within GOV_OPENING_TTL (its token is dead) is deleted, with
 * what it would have done: nothing was sent about it but the question
 */
static void
forget_unconfirmed(struct ctx *x)
{
	int64_t	before = clock_now() - GOV_OPENING_TTL, n = 0;

	if (db_begin(x->db) != DB_OK)
		return;
	if (effect_forget_pending(x->db, before) != DB_OK ||
	    decision_drop_pending(x->db, before, &n) != DB_OK ||
	    db_commit(x->db) != DB_OK) {
		db_rollback(x->db);
		log_warnx("cannot forget the decisions nobody confirmed");
		return;
	}
	if (n > 0)
		log_info("%lld decision(s) sent by mail and not confirmed "
		    "within %d days forgotten", (long long)n,
		    GOV_OPENING_TTL / 86400);
}

/* gov_close_tick - see gov_close.h */
int
gov_close_tick(struct ctx *x)
{
	struct tick	tk = { x, 0 };

	forget_unconfirmed(x);
	(void)decision_due(x->db, clock_now(), clock_now() - GOV_PROPOSER_TTL,
	    one, &tk);
	return (tk.done);
}

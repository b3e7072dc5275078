/*
 * gov_open.c - opening a proposal or a vote; see gov_open.h
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cal/cal_time.h"
#include "db/db.h"
#include "db/db_decision.h"
#include "db/db_list.h"
#include "db/db_token.h"
#include "global/tmpl.h"
#include "gov/gov_effect.h"
#include "gov/gov_open.h"
#include "gov/gov_proposal.h"
#include "gov/gov_send.h"
#include "gov/gov_tally.h"
#include "list/ctx.h"
#include "list/membership.h"
#include "list/notice.h"
#include "util/alloc.h"
#include "util/clock.h"
#include "util/log.h"
#include "util/vbuf.h"
#include "util/sys_defs.h"

/* gov_parse_when - see gov_open.h */
int
gov_parse_when(const char *s, int64_t *t)
{
	struct cal_local	l;
	time_t			u;

	while (*s == ' ' || *s == '\t')
		s++;
	if (cal_local_parse(s, &l) == 0) {
		if (cal_local_to_utc(&l, &u) == -1)
			return (-1);
	} else if (clock_parse_rfc3339(s, &u) == -1)
		return (-1);
	*t = (int64_t)u;
	return (0);
}

/* gov_closes_line - see gov_open.h */
int
gov_closes_line(struct vbuf *text, const char *name, int64_t *t)
{
	size_t	 nl = strlen(name);
	char	*p = text->data, *e, *v;
	size_t	 len;
	int	 rc = 0;

	for (; p != NULL && *p != '\0'; p = e != NULL ? e + 1 : NULL) {
		e = strchr(p, '\n');
		len = e != NULL ? (size_t)(e - p) : strlen(p);
		if (len < nl || strncasecmp(p, name, nl) != 0)
			continue;
		v = xstrndup(p + nl, len - nl);
		rc = gov_parse_when(v, t) == 0 ? 1 : -1;
		free(v);
		memmove(p, p + len + (e != NULL), strlen(p + len +
		    (e != NULL)) + 1);
		text->len = strlen(text->data);
		break;
	}
	return (rc);
}

/* gov_chair - see gov_open.h */
int
gov_chair(struct ctx *x, int64_t list_id, char **addr, struct vbuf *why)
{
	struct gov_person	*v = NULL;
	size_t			 n = 0;
	int			 rc = -1;

	*addr = NULL;
	if (gov_people(x, list_id, "chair", &v, &n) == -1)
		vbuf_puts(why, "cannot read the list's members");
	else if (n != 1)
		vbuf_printf(why, "the list has %s chair: a tie is broken by "
		    "the chair's casting vote, so a vote needs exactly one "
		    "(moot member set LIST ADDR --role chair)", n == 0 ? "no" :
		    "more than one");
	else {
		*addr = xstrdup(v[0].addr);
		rc = 0;
	}
	gov_people_free(&v, n);
	return (rc);
}

/* check - what is wrong with n, or 0 */
static int
check(const struct gov_new *n, int64_t now, struct vbuf *why)
{
	struct gov_tally	t;

	if (n->title == NULL || *n->title == '\0' || strchr(n->title, '\n') !=
	    NULL || strlen(n->title) > GOV_TITLE_MAX)
		vbuf_printf(why, "a title is one line of 1 to %d bytes",
		    GOV_TITLE_MAX);
	else if (n->text == NULL || *n->text == '\0' ||
	    strlen(n->text) > GOV_TEXT_MAX)
		vbuf_printf(why, "the text has 1 to %d bytes", GOV_TEXT_MAX);
	else if (n->closes_at <= now)
		vbuf_puts(why, "the closing time has passed");
	else if (n->kind == DK_VOTE && gov_options_parse(n->options != NULL ?
	    n->options : GOV_VOTE_OPTIONS, &t, why) == -1)
		;
	else
		return (0);
	return (-1);
}

/* voter_of - the key p votes under in d */
static void
voter_of(const struct decision_row *d, const struct gov_person *p,
    struct vbuf *key)
{
	if (d->per_org && p->org != NULL && *p->org != '\0') {
		vbuf_puts(key, "org:");
		membership_org_key(p->org, key);
	} else
		vbuf_printf(key, "addr:%s", p->addr);
}

/* how - how p answers d, in p's language */
static void
how(struct ctx *x, const struct list *l, const struct decision_row *d,
    const struct gov_person *p, struct vbuf *out)
{
	struct gov_tally	t;
	struct vbuf		opts, why;

	vbuf_init(&opts, 1024);
	vbuf_init(&why, 256);
	if (d->kind == DK_CONSENSUS)
		notice_phrase(x, p->lang, l, "decision-how-consensus", NULL, 0,
		    out);
	else if (gov_options_parse(d->options, &t, &why) == 0) {
		for (size_t i = 0; i < t.n; i++)
			vbuf_printf(&opts, "  %s\n", t.opt[i]);
		{
			struct tmpl_slot s[] = {
				{ "options", vbuf_str(&opts) },
			};

			notice_phrase(x, p->lang, l, "decision-how-vote", s,
			    nitems(s), out);
		}
	}
	if (d->kind == DK_VOTE)
		notice_phrase(x, p->lang, l, d->open_ballot ?
		    "decision-open-ballot" : "decision-secret", NULL, 0, out);
	if (d->per_org && p->org != NULL && *p->org != '\0') {
		struct tmpl_slot s[] = { { "org", p->org } };

		notice_phrase(x, p->lang, l, "decision-per-org", s, nitems(s),
		    out);
	}
	vbuf_release(&opts);
	vbuf_release(&why);
}

/* ballot - p's ballot: the token, their place in the electorate, and
 * the notice; 0 or -1 */
static int
ballot(struct ctx *x, const struct list *l, const struct decision_row *d,
    const struct gov_person *p, int64_t now)
{
	struct vbuf	key, h, eff;
	char		tok[TOKEN_CHARS + 1];
	int		rc = -1;

	vbuf_init(&key, 1024);
	vbuf_init(&h, 4096);
	vbuf_init(&eff, 4096);
	voter_of(d, p, &key);
	if (voter_add(x->db, d->id, p->addr, vbuf_str(&key)) != DB_OK)
		goto out;
	if (token_issue(x->db, GOV_TOKEN_BALLOT, l->id, d->id, p->addr,
	    d->closes_at - now, tok) != DB_OK) {
		log_warnx("decision %lld: cannot issue a ballot",
		    (long long)d->id);
		goto out;
	}
	how(x, l, d, p, &h);
	/* A vote on a proposal, or its amendment, does what it does. */
	if (d->kind == DK_CONSENSUS || d->parent_id != 0)
		(void)gov_effect_describe(x->db, gov_effect_owner(x->db, d),
		    p->lang, &eff);
	{
		struct tmpl_slot s[] = {
			{ "how", vbuf_str(&h) }, { "effect", vbuf_str(&eff) },
		};

		rc = gov_send(x, l, d, d->kind == DK_VOTE ? "vote-ballot" :
		    "proposal", p->addr, p->lang, tok, s, nitems(s));
	}
out:
	vbuf_release(&key);
	vbuf_release(&h);
	vbuf_release(&eff);
	return (rc);
}

/* insert - the decision's row for n on l into *d; 0 or -1 with why */
static int
insert(struct ctx *x, const struct list *l, const struct gov_new *n,
    int64_t now, struct decision_row *d, struct vbuf *why)
{
	memset(d, 0, sizeof(*d));
	d->list_id = l->id;
	d->kind = n->kind;
	d->title = (char *)n->title;
	d->text = (char *)n->text;
	d->proposer = (char *)(n->proposer != NULL ? n->proposer : "admin");
	d->options = (char *)(n->kind == DK_CONSENSUS ? GOV_CONSENSUS_OPTIONS :
	    n->options != NULL ? n->options : GOV_VOTE_OPTIONS);
	d->per_org = n->per_org;
	d->open_ballot = n->open_ballot;
	d->keep_removed = n->keep_removed;
	d->parent_id = n->parent_id;
	d->opened_at = now;
	d->closes_at = n->closes_at;
	d->state = n->pending ? DS_PENDING : DS_OPEN;
	if (n->kind == DK_VOTE && gov_chair(x, l->id, &d->chair, why) == -1)
		return (-1);
	if (decision_insert(x->db, d) != DB_OK) {
		vbuf_puts(why, "cannot record the decision");
		return (-1);
	}
	if (n->effect != GE_NONE && gov_effect_set(x->db, d->id, n->effect,
	    n->effect_arg != NULL ? n->effect_arg : "", why) == -1)
		return (-1);
	return (0);
}

/* send_ballots - the electorate of d (on l) fixed now, and a ballot to
 * each; 0, or -1 with why */
static int
send_ballots(struct ctx *x, const struct list *l, struct decision_row *d,
    int64_t now, struct vbuf *why)
{
	struct gov_person	*v = NULL;
	size_t			 nv = 0;
	int64_t			 voters;
	int			 rc = -1;

	if (gov_people(x, l->id, NULL, &v, &nv) == -1 || nv == 0) {
		vbuf_printf(why, "list %s has no members to decide", l->name);
		goto out;
	}
	for (size_t i = 0; i < nv; i++)
		if (ballot(x, l, d, &v[i], now) == -1) {
			vbuf_puts(why, "cannot send the ballots");
			goto out;
		}
	/* On a vote by organisation the electorate is the organisations
	 * (and members with none), not the addresses. */
	if (voter_count(x->db, d->id, &voters) != DB_OK ||
	    decision_set_electorate(x->db, d->id, voters) != DB_OK) {
		vbuf_puts(why, "cannot count the electorate");
		goto out;
	}
	rc = 0;
out:
	gov_people_free(&v, nv);
	return (rc);
}

/* gov_open_in - see gov_open.h */
int
gov_open_in(struct ctx *x, const struct gov_new *n, int64_t *id,
    struct vbuf *why)
{
	struct list		*l = NULL;
	struct decision_row	 d;
	int64_t			 now = clock_now();
	int			 rc = -1;

	memset(&d, 0, sizeof(d));
	if (check(n, now, why) == -1)
		goto out;
	if (list_load(x->db, n->list, &l) != DB_OK) {
		vbuf_printf(why, "no list is called %s", n->list);
		goto out;
	}
	if (insert(x, l, n, now, &d, why) == -1 ||
	    (!n->pending && send_ballots(x, l, &d, now, why) == -1))
		goto out;
	*id = d.id;
	rc = 0;
out:
	if (rc == -1)
		db_rollback(x->db);
	free(d.chair);
	list_free(&l);
	return (rc);
}

/* gov_open_confirmed - see gov_open.h */
int
gov_open_confirmed(struct ctx *x, const struct decision_row *d0,
    struct vbuf *why)
{
	struct list		*l = NULL;
	struct decision_row	 d = *d0;
	int64_t			 now = clock_now();
	int			 rc = -1;

	if (d.closes_at <= now)
		vbuf_puts(why, "its closing time has passed");
	else if (list_load_id(x->db, d.list_id, &l) != DB_OK)
		vbuf_puts(why, "the list no longer exists");
	else if (decision_set_opened(x->db, d.id, now) != DB_OK)
		vbuf_puts(why, "it was opened already");
	else {
		d.opened_at = now;
		d.state = DS_OPEN;
		rc = send_ballots(x, l, &d, now, why);
	}
	list_free(&l);
	return (rc);
}

/* gov_open - see gov_open.h */
int
gov_open(struct ctx *x, const struct gov_new *n, int64_t *id,
    struct vbuf *why)
{
	if (db_begin(x->db) != DB_OK) {
		vbuf_puts(why, "the database is busy: try again");
		return (-1);
	}
	if (gov_open_in(x, n, id, why) == -1)
		return (-1);		/* rolled back */
	if (db_commit(x->db) != DB_OK) {
		db_rollback(x->db);
		vbuf_puts(why, "cannot commit the decision");
		return (-1);
	}
	{
		char	when[32];

		clock_iso((time_t)n->closes_at, when, sizeof(when));
		log_info("decision %lld: %s %s on %s, closes %s",
		    (long long)*id, decision_kind_name(n->kind), n->pending ?
		    "waits for its sender" : "opened", n->list, when);
	}
	return (0);
}

/* proposal - n as a proposal by consensus of these */
static void
proposal(struct gov_new *n, const char *list, const char *proposer,
    const char *title, const char *text, int64_t closes_at,
    enum gov_effect_kind effect, const char *effect_arg)
{
	memset(n, 0, sizeof(*n));
	n->list = list;
	n->kind = DK_CONSENSUS;
	n->title = title;
	n->text = text;
	n->proposer = proposer;
	n->closes_at = closes_at;
	n->effect = effect;
	n->effect_arg = effect_arg;
}

/* gov_proposal_open - see gov_proposal.h */
int
gov_proposal_open(struct ctx *x, const char *list, const char *proposer,
    const char *title, const char *text, int64_t closes_at,
    enum gov_effect_kind effect, const char *effect_arg, int64_t *id,
    struct vbuf *why)
{
	struct gov_new	n;

	proposal(&n, list, proposer, title, text, closes_at, effect,
	    effect_arg);
	return (gov_open(x, &n, id, why));
}

/* gov_proposal_open_in - see gov_proposal.h */
int
gov_proposal_open_in(struct ctx *x, const char *list, const char *proposer,
    const char *title, const char *text, int64_t closes_at,
    enum gov_effect_kind effect, const char *effect_arg, int64_t *id,
    struct vbuf *why)
{
	struct gov_new	n;

	proposal(&n, list, proposer, title, text, closes_at, effect,
	    effect_arg);
	return (gov_open_in(x, &n, id, why));
}

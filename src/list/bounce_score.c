/*
 * bounce_score.c - mail that came back; see bounce_score.h
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "db/db.h"
#include "db/db_bounce.h"
#include "db/db_list.h"
#include "db/db_spool.h"
#include "global/conf.h"
#include "global/tmpl.h"
#include "global/verp.h"
#include "list/answer.h"
#include "list/bounce_score.h"
#include "list/ctx.h"
#include "list/membership.h"
#include "list/notice.h"
#include "mail/addr.h"
#include "mail/bounce.h"
#include "mail/mail.h"
#include "util/clock.h"
#include "util/log.h"
#include "util/vbuf.h"
#include "util/sys_defs.h"

#define HALVES_HARD	2	/* a point */
#define HALVES_SOFT	1	/* half a point, when it persists */

/* What came of one bounce, for the log and the spool row's reason. */
enum outcome {
	OUT_SCORED,		/* the member's score went up */
	OUT_DISABLED,		/* ... and past the threshold */
	OUT_TODAY,		/* already scored today */
	OUT_FIRST_SOFT,		/* a soft one, remembered, not scored yet */
	OUT_WAS_DISABLED,	/* delivery had already stopped */
};

static const char *const outcome_why[] = {
	[OUT_SCORED] = "scored",
	[OUT_DISABLED] = "scored; delivery to the member stopped",
	[OUT_TODAY] = "not scored: the member was scored today",
	[OUT_FIRST_SOFT] = "not scored: a first soft failure",
	[OUT_WAS_DISABLED] = "not scored: delivery had already stopped",
};

/*
 * post_of_msgid - the spool id in a Message-ID moot wrote for a post,
 * "moot.SPOOL.TIME@DOMAIN" (fanout.c's build()); -1 if it is not one
 */
static int64_t
post_of_msgid(const char *id, const char *domain)
{
	const char	*p;
	char		*end;
	long long	 spool;

	if (id == NULL || strncmp(id, "moot.", 5) != 0)
		return (-1);
	errno = 0;
	spool = strtoll(id + 5, &end, 10);
	if (errno != 0 || end == id + 5 || *end != '.' || spool <= 0)
		return (-1);
	(void)strtoll(end + 1, &end, 10);
	if (*end != '@' || (p = end + 1, strcasecmp(p, domain) != 0))
		return (-1);
	return ((int64_t)spool);
}

/*
 * by_quote - a bounce to the bare L-bounces@: the member the report
 * names, if the copy it quotes (by its Message-ID) went to them (threat
 * B8); 1 and *member_id, 0 if none (why in why), -1 on database trouble
 */
static int
by_quote(struct ctx *x, const struct list *l, const struct bounce *b,
    int64_t *member_id, const char **why)
{
	int64_t	 spool = post_of_msgid(b->orig_msgid, x->conf->domain);
	int	 rc;

	*why = "no token, and it quotes no Message-ID";
	if (b->orig_msgid == NULL)
		return (0);
	*why = "no token, and it quotes no copy sent to anyone it names";
	for (size_t i = 0; i < b->nrcpt; i++) {
		char		*a = addr_canon_new(b->rcpt[i].addr);
		struct member	*m = NULL;

		if (a == NULL)
			continue;
		rc = db_bounce_sent(x->db, l->id, b->orig_msgid, spool, a);
		if (rc == DB_OK)
			rc = member_load(x->db, l->id, a, &m);
		if (rc == DB_OK)
			*member_id = m->id;
		member_free(&m);
		free(a);
		if (rc != DB_NOTFOUND)
			return (rc == DB_OK ? 1 : -1);
	}
	return (0);
}

/*
 * who - the member a bounce is about: by the VERP token, else by what
 * it quotes.  1 and *member_id, 0 if none (why says why), -1 on
 * database trouble.
 */
static int
who(struct ctx *x, const struct spool_item *s, const struct list *l,
    const struct bounce *b, int64_t *member_id, const char **why)
{
	struct verp		v;
	enum verp_result	r;

	if (s->token == NULL || *s->token == '\0')
		return (by_quote(x, l, b, member_id, why));
	if ((r = verp_token_read(s->token, l->id, clock_now(), &v)) !=
	    VERP_OK) {
		*why = verp_result_why(r);
		return (0);
	}
	*member_id = v.member_id;
	return (1);
}

/* add - the rule: what bounce cls on day does to row *r, under l's
 * threshold and period (its own, or the site's) */
static enum outcome
add(const struct conf *c, const struct list *l, struct db_bounce *r,
    enum bounce_class cls, int64_t day)
{
	int64_t	period = list_bounce_period(l, c->bounce_period) / 86400;
	int64_t	limit = list_bounce_threshold(l, c->bounce_threshold);

	if (r->disabled_at != 0)
		return (OUT_WAS_DISABLED);
	if (day - r->first_day >= period) {
		/* A score lasts its period: an old one starts again. */
		r->halves = 0;
		r->first_day = day;
		r->last_day = -1;
	}
	if (r->last_day == day)
		return (OUT_TODAY);
	if (cls == BOUNCE_SOFT && r->last_day == -1) {
		r->last_day = day;
		return (OUT_FIRST_SOFT);
	}
	r->halves += cls == BOUNCE_HARD ? HALVES_HARD : HALVES_SOFT;
	r->last_day = day;
	if (r->halves > 2 * limit) {
		r->disabled_at = clock_now();
		return (OUT_DISABLED);
	}
	return (OUT_SCORED);
}

/* score_text - r's score as people write it: "6", "5.5" */
static void
score_text(const struct db_bounce *r, char *out, size_t size)
{
	(void)snprintf(out, size, "%" PRId64 "%s", r->halves / 2,
	    r->halves % 2 ? ".5" : "");
}

/*
 * probe_token - the token of a probe to member_id of list_id: a VERP
 * token for no post (spool id 0), made today; 0, or -1 with *tok ""
 */
static int
probe_token(int64_t list_id, int64_t member_id,
    char tok[VERP_TOKEN_MAX + 1])
{
	struct verp	v = { member_id, 0, verp_day(clock_now()) };

	if (verp_token_make(list_id, &v, tok) == VERP_OK)
		return (0);
	tok[0] = '\0';
	return (-1);
}

/*
 * probe_answer - mail that is no bounce, to a probe's token: the
 * member it went to answered from a mailbox that works again, so
 * delivery goes on (a relay's 250 for the probe proves nothing).  A
 * probe older than the stop, or any other token, changes nothing.  0
 * (what happened in why), -1 on database trouble.
 */
static int
probe_answer(struct ctx *x, const struct spool_item *s,
    const struct list *l, struct vbuf *why)
{
	struct verp		v;
	struct db_bounce	r;
	enum verp_result	res;
	int			rc;

	if ((res = verp_token_read(s->token, l->id, clock_now(), &v)) !=
	    VERP_OK) {
		vbuf_printf(why, "ignored: not a bounce, %s",
		    verp_result_why(res));
		return (0);
	}
	if (v.spool_id != 0) {
		vbuf_puts(why, "ignored: not a bounce, nor a probe's answer");
		return (0);
	}
	if ((rc = db_bounce_get(x->db, v.member_id, &r)) == DB_NOTFOUND ||
	    (rc == DB_OK && (r.disabled_at == 0 ||
	    v.day < verp_day(r.disabled_at)))) {
		vbuf_puts(why, "ignored: a probe answered, but delivery had "
		    "not stopped since it was sent");
		return (0);
	}
	if (rc != DB_OK || db_bounce_clear(x->db, v.member_id) != DB_OK)
		return (-1);
	vbuf_printf(why, "a probe answered: delivery to member %" PRId64
	    " goes on", v.member_id);
	return (0);
}

/*
 * tell - delivery to member addr stopped: the owners are told, and the
 * member, once, at that address, in case it works again; in the
 * caller's transaction
 */
static void
tell(struct ctx *x, const struct list *l, int64_t member_id,
    const char *addr, const char *lang, const char *score)
{
	struct list_addrs	a;
	struct vbuf		owners;
	char			tok[VERP_TOKEN_MAX + 1];

	notice_list_addrs(x->conf, l->name, &a);
	vbuf_init(&owners, VBUF_NOMAX);
	{
		struct tmpl_slot slots[] = {
			{ "list", l->name },
			{ "member_address", addr },
			{ "score", score },
			{ "owner_address", vbuf_str(&a.owner) },
		};

		(void)membership_readers(x, l->id, "owner", &owners);
		for (const char *o = owners.data, *ol; o != NULL &&
		    o < owners.data + owners.len; o = ol + strlen(ol) + 1) {
			ol = o + strlen(o) + 1;
			(void)answer_send(x, l, "bounce-disabled", o,
			    *ol != '\0' ? ol : NULL, AK_OWNER, NULL, slots,
			    nitems(slots), NULL);
		}
		if (owners.len == 0)
			log_warnx("list %s has no owner to tell", l->name);
		/* The member's notice is the probe: a reply to it, at
		 * L-bounces+TOKEN, starts delivery again (probe_answer). */
		if (probe_token(l->id, member_id, tok) == -1)
			log_warnx("no probe token: the member's notice "
			    "cannot be answered");
		(void)answer_send(x, l, "bounce-member", addr,
		    *lang != '\0' ? lang : NULL, *tok != '\0' ? AK_BOUNCES :
		    AK_OWNER, *tok != '\0' ? tok : NULL, slots,
		    nitems(slots), NULL);
	}
	vbuf_release(&owners);
	notice_list_addrs_release(&a);
}

/*
 * score - the bounce b (hard or soft) counts against member_id of l, in
 * one transaction with what it tells; the reason in why; -1 on
 * database trouble
 */
static int
score(struct ctx *x, const struct list *l, int64_t member_id,
    const struct bounce *b, struct vbuf *why)
{
	struct db_bounce r;
	enum outcome	 o = OUT_TODAY;
	char		*addr = NULL, *lang = NULL, pts[32];
	int		 rc;

	if (db_begin(x->db) != DB_OK)
		return (-1);
	if ((rc = db_bounce_member(x->db, l->id, member_id, &addr, &lang)) ==
	    DB_NOTFOUND) {
		/* The token was good, but the member has left since. */
		db_rollback(x->db);
		vbuf_puts(why, "not scored: no longer a member");
		return (0);
	}
	memset(&r, 0, sizeof(r));
	if (rc == DB_OK && (rc = db_bounce_get(x->db, member_id, &r)) ==
	    DB_NOTFOUND) {
		r.member_id = member_id;
		r.first_day = verp_day(clock_now());
		r.last_day = -1;
		rc = DB_OK;
	}
	if (rc == DB_OK) {
		o = add(x->conf, l, &r, b->cls, verp_day(clock_now()));
		score_text(&r, pts, sizeof(pts));
		if (o != OUT_WAS_DISABLED && o != OUT_TODAY)
			rc = db_bounce_put(x->db, &r);
	}
	if (rc == DB_OK && o == OUT_DISABLED)
		tell(x, l, member_id, addr, lang, pts);
	if (rc != DB_OK || db_commit(x->db) != DB_OK) {
		db_rollback(x->db);
		free(addr);
		free(lang);
		return (-1);
	}
	log_info("bounce %s%s%s for <%s>: %s, score %s", bounce_class_name(
	    b->cls), *b->status != '\0' ? " " : "", b->status, addr,
	    outcome_why[o], pts);
	vbuf_printf(why, "%s bounce for member %" PRId64 ": %s, score %s",
	    bounce_class_name(b->cls), member_id, outcome_why[o], pts);
	free(addr);
	free(lang);
	return (0);
}

/* bounce_score_mail - see bounce_score.h */
void
bounce_score_mail(struct ctx *x, struct spool_item *s, const struct mail *m)
{
	struct list	*l = NULL;
	struct bounce	 b;
	struct vbuf	 why;
	const char	*not = NULL;
	int64_t		 member_id = 0;
	int		 rc = 0;

	if (answer_list_load(x, s, &l) == -1)
		return;
	vbuf_init(&why, 512);
	memset(&b, 0, sizeof(b));
	(void)bounce_read(m, &x->conf->lim, NULL, &b);
	if (b.cls == BOUNCE_NOT && s->token != NULL && *s->token != '\0')
		rc = probe_answer(x, s, l, &why);
	else if (b.cls != BOUNCE_HARD && b.cls != BOUNCE_SOFT)
		vbuf_printf(&why, "ignored: %s (%s)", bounce_class_name(b.cls),
		    *b.form != '\0' ? b.form : "no known form");
	else if (b.policy)
		vbuf_printf(&why, "ignored: refused for policy (%s), not for "
		    "the address", b.status);
	else if ((rc = who(x, s, l, &b, &member_id, &not)) == 1)
		rc = score(x, l, member_id, &b, &why);
	else if (rc == 0)
		vbuf_printf(&why, "ignored: %s bounce, %s",
		    bounce_class_name(b.cls), not);
	if (rc != -1)
		answer_finish(x, s, vbuf_str(&why));
	bounce_release(&b);
	vbuf_release(&why);
	list_free(&l);
}

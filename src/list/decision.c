/*
 * decision.c - applying a decision on a held post; see decision.h
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/clock.h"
#include "list/ctx.h"
#include "db/db.h"
#include "db/db_audit.h"
#include "db/db_list.h"
#include "db/db_notes.h"
#include "db/db_spool.h"
#include "db/db_token.h"
#include "util/killpoint.h"
#include "util/log.h"
#include "global/listaddr.h"
#include "list/decision.h"
#include "list/membership.h"
#include "list/notice.h"
#include "list/poster.h"
#include "global/tmpl.h"
#include "util/vbuf.h"
#include "util/vis.h"
#include "util/sys_defs.h"

/* What each decision is called, and the spool state it leads to. */
static const struct {
	const char		*name;
	enum spool_state	 state;
} decisions[] = {
	[DECISION_NONE] = { "none", SPOOL_NSTATES },
	[DECISION_APPROVE] = { "approve", SPOOL_APPROVED },
	[DECISION_REJECT] = { "reject", SPOOL_REJECTED },
	[DECISION_DISCARD] = { "discard", SPOOL_DISCARDED },
};

/* decision_name - see decision.h */
const char *
decision_name(enum decision d)
{
	return ((unsigned)d < nitems(decisions) ? decisions[d].name : "none");
}

/* state_of - the spool state a decision leads to; SPOOL_NSTATES: none */
static enum spool_state
state_of(enum decision d)
{
	return ((unsigned)d < nitems(decisions) ? decisions[d].state :
	    SPOOL_NSTATES);
}

/* tell_already - the late moderator hears who decided first */
static void
tell_already(struct ctx *x, const struct spool_item *post,
    const struct list *l, const char *to)
{
	char		 when[32], id[32], *lang;
	struct vbuf	 err, what, subject;

	clock_iso((time_t)post->decided_at, when, sizeof(when));
	(void)snprintf(id, sizeof(id), "%lld", (long long)post->id);
	lang = membership_lang(x->db, l->id, to);
	vbuf_init(&err, 1024);
	vbuf_init(&what, VBUF_NOMAX);
	/* As the request showed it: bidi controls visible (threat F3). */
	vbuf_init(&subject, VBUF_NOMAX);
	vis_bidi_append(&subject, post->subject != NULL ? post->subject :
	    "");
	/* An approved post has moved on (distributing, sent) since. */
	notice_phrase(x, lang, l, post->state == SPOOL_REJECTED ?
	    "decided-rejected" : post->state == SPOOL_DISCARDED ?
	    "decided-discarded" : "decided-approved", NULL, 0, &what);
	{
		struct tmpl_slot slots[] = {
			{ "list", l->name },
			{ "subject", vbuf_str(&subject) },
			{ "decision", vbuf_str(&what) },
			{ "by", post->decided_by != NULL ? post->decided_by :
			    "moot" },
			{ "when", when },
			{ "post_id", id },
		};
		struct notice n = {
			.tmpl = "decision-already", .to = to, .lang = lang,
			.list = l, .from_kind = AK_OWNER, .spool_id = post->id,
			.slots = slots, .nslots = nitems(slots), .reply = 1,
		};

		if (notice_queue(x, &n, &err) == -1)
			log_warnx("cannot tell %s: %s", to, vbuf_str(&err));
	}
	free(lang);
	vbuf_release(&err);
	vbuf_release(&what);
	vbuf_release(&subject);
}

/*
 * decided_before - post left "held" earlier: say who decided, spend the
 * token and tell the late moderator.  Ends the caller's transaction.
 */
static enum decision_outcome
decided_before(struct ctx *x, const struct spool_item *post,
    const struct list *l, int64_t token_id, const char *tell,
    struct decision_result *res)
{
	if (post->decided_by == NULL) {
		db_rollback(x->db);
		return (DECISION_NOT_HELD);
	}
	(void)snprintf(res->by, sizeof(res->by), "%s", post->decided_by);
	(void)snprintf(res->state, sizeof(res->state), "%s",
	    spool_state_name(post->state));
	res->at = post->decided_at;
	/* The token is spent either way; a replay changes nothing. */
	if (token_id != 0 && token_use(x->db, token_id, clock_now()) ==
	    DB_NOTFOUND) {
		db_rollback(x->db);
		return (DECISION_REPLAYED);
	}
	if (tell != NULL)
		tell_already(x, post, l, tell);
	return (db_commit(x->db) == DB_OK ? DECISION_ALREADY_MADE :
	    DECISION_ERROR);
}

/*
 * decide_now - post is held: use the token, record the decision and
 * its audit line, tell a rejected poster.  Ends the caller's
 * transaction.
 */
static enum decision_outcome
decide_now(struct ctx *x, const struct spool_item *post,
    const struct list *l, enum decision d, const char *actor,
    const char *reason, int64_t token_id)
{
	enum spool_state	state = state_of(d);
	int64_t			now = clock_now();
	int			rc;

	if (token_id != 0 && (rc = token_use(x->db, token_id, now)) != DB_OK) {
		db_rollback(x->db);
		return (rc == DB_NOTFOUND ? DECISION_REPLAYED : DECISION_ERROR);
	}
	if (spool_decide(x->db, post->id, state, actor, now,
	    d == DECISION_REJECT ? reason : NULL) != DB_OK ||
	    audit_add(x->db, l->id, post->id, actor, decision_name(d),
	    reason != NULL ? reason : "") != DB_OK ||
	    /* Approved notes are kept with their meeting, as approved
	     * now, in the same transaction (db_notes.h). */
	    (post->kind == AK_NOTES && d == DECISION_APPROVE &&
	    notes_approved(x->db, post->id, now) != DB_OK)) {
		db_rollback(x->db);
		return (DECISION_ERROR);
	}
	if (d == DECISION_REJECT)
		poster_tell(x, post, l, "post-rejected", reason);
	if (db_commit(x->db) != DB_OK)
		return (DECISION_ERROR);
	killpoint_at("decision-after-commit");
	{
		char	saved[LOG_ID_MAX];

		/* Under the post's queue id, not the reply's. */
		log_swap_id(post->queue_id, saved);
		log_info("post %lld %s by %s%s%s", (long long)post->id,
		    spool_state_name(state), actor,
		    reason != NULL && *reason != '\0' ? ": " : "",
		    reason != NULL ? reason : "");
		log_set_id(saved);
	}
	return (DECISION_APPLIED);
}

/* decision_apply - see decision.h */
void
decision_apply(struct ctx *x, int64_t post_id, enum decision d,
    const char *actor, const char *reason, int64_t token_id,
    const char *tell, struct decision_result *res)
{
	struct spool_item	*post = NULL;
	struct list		*l = NULL;
	int			 rc;

	memset(res, 0, sizeof(*res));
	res->outcome = DECISION_ERROR;
	if (state_of(d) == SPOOL_NSTATES || db_begin(x->db) != DB_OK)
		return;
	if ((rc = spool_load(x->db, post_id, &post)) != DB_OK ||
	    post->list_id == 0 ||
	    (rc = list_load_id(x->db, post->list_id, &l)) != DB_OK) {
		db_rollback(x->db);
		if (rc == DB_NOTFOUND || (post != NULL && post->list_id == 0))
			res->outcome = DECISION_NOT_HELD;
	} else if (post->state != SPOOL_HELD)
		res->outcome = decided_before(x, post, l, token_id, tell, res);
	else
		res->outcome = decide_now(x, post, l, d, actor, reason,
		    token_id);
	spool_item_free(&post);
	list_free(&l);
}

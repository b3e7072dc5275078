/*
 * moderator_reply.c - a moderator's answer by mail; see moderator_reply.h
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/clock.h"
#include "list/ctx.h"
#include "db/db.h"
#include "db/db_spool.h"
#include "db/db_token.h"
#include "util/log.h"
#include "mail/mail.h"
#include "list/join_approval.h"
#include "list/decision.h"
#include "list/hold.h"
#include "list/membership.h"
#include "list/mod_reply.h"
#include "list/moderator_reply.h"
#include "list/unclear.h"
#include "global/token.h"
#include "util/sys_defs.h"

/* ignore - a reply that decides nothing: logged; answered only by
 * unclear() below, when it is the moderator's own */
static void
ignore(struct ctx *x, const struct spool_item *s, const char *why)
{
	log_info("moderation reply ignored: %s", why);
	(void)spool_set_state(x->db, s->id, SPOOL_DONE, why);
}

/* roles_of - who decides about what t is about (hold_roles()): a held
 * meeting's notes are the organisers', a post the moderators' */
static const char *
roles_of(struct ctx *x, const struct token_row *t)
{
	struct spool_item	*held = NULL;
	const char		*roles;

	(void)spool_load(x->db, t->object_id, &held);
	roles = hold_roles(held);
	spool_item_free(&held);
	return (roles);
}

/*
 * refused - why the token t (claimed as cl) may not decide for the
 * sender of m, into why; "" if it may
 */
static void
refused(struct ctx *x, const struct spool_item *s, const struct mail *m,
    enum claim cl, const struct token_row *t, char *why, size_t size)
{
	if (cl == CLAIM_PURPOSE)
		(void)snprintf(why, size, "a %s token at a moderation address",
		    t->purpose);
	else if (cl != CLAIM_OK)
		(void)snprintf(why, size, "%s %.*s...", token_claim_why(cl),
		    TOKEN_LOG_CHARS, t->token);
	else if (!token_sent_to(t, m->from_addr))
		(void)snprintf(why, size, "<%s> is not the address the token "
		    "was sent to", m->from_addr != NULL ? m->from_addr : "");
	else if (!membership_has_role(x->db, s->list_id, m->from_addr,
	    roles_of(x, t)) && !token_sent_to(t, membership_stand_in(x,
	    s->list_id, roles_of(x, t))))
		(void)snprintf(why, size, "<%s> is not a moderator of %s",
		    m->from_addr != NULL ? m->from_addr : "", s->list_name);
	else
		why[0] = '\0';
}

/* unclear - tell the moderator, whose reply m decided nothing (read as
 * d), what moot read; only while the post t is about still waits */
static void
unclear(struct ctx *x, const struct spool_item *s, const struct mail *m,
    const struct token_row *t, const struct decision_read *d)
{
	struct spool_item	*post = NULL;

	if (spool_load(x->db, t->object_id, &post) == DB_OK &&
	    post->state == SPOOL_HELD)
		unclear_answer(x, s, m, s->token, d, post->id,
		    post->subject != NULL ? post->subject : "");
	spool_item_free(&post);
}

/* decide - the decision in m, applied to the post t is about */
static void
decide(struct ctx *x, struct spool_item *s, const struct mail *m,
    const struct token_row *t)
{
	struct decision_read	 d;
	struct decision_result	 res;
	char			 why[300];
	char			*lang;

	lang = membership_reader_lang(x->db, s->list_id, m->from_addr);
	mod_reply_read(x->conf, m, lang, &d);
	free(lang);
	if (d.d == DECISION_NONE) {
		/* The token stays good: the moderator may answer again. */
		(void)snprintf(why, sizeof(why), "no decision from <%s>: %s",
		    m->from_addr, d.why);
		ignore(x, s, why);
		unclear(x, s, m, t, &d);
		return;
	}
	decision_apply(x, t->object_id, d.d, m->from_addr, d.reason, t->id,
	    m->from_addr, &res);
	switch (res.outcome) {
	case DECISION_APPLIED:
		(void)snprintf(why, sizeof(why), "%s post %lld",
		    decision_name(d.d), (long long)t->object_id);
		(void)spool_set_state(x->db, s->id, SPOOL_DONE, why);
		break;
	case DECISION_ALREADY_MADE:
		(void)snprintf(why, sizeof(why), "post %lld was already %s by "
		    "%s", (long long)t->object_id, res.state, res.by);
		ignore(x, s, why);
		break;
	case DECISION_REPLAYED:
		ignore(x, s, "token used before (a replay)");
		break;
	case DECISION_NOT_HELD:
		ignore(x, s, "the post is not waiting for a decision");
		break;
	case DECISION_ERROR:
		break;			/* tried again */
	}
}

/* moderator_reply - see moderator_reply.h */
void
moderator_reply(struct ctx *x, struct spool_item *s, const struct mail *m)
{
	struct token_row	*t = NULL;
	char			 why[300];
	const char		*tok = s->token != NULL ? s->token : "";
	static const char *const purposes[] = { "moderate", "join", NULL };
	enum claim		 cl;

	if (s->list_id == 0) {
		ignore(x, s, "the list no longer exists");
		return;
	}
	cl = token_claim(x->db, tok, purposes, s->list_id, clock_now(), &t);
	if (cl == CLAIM_ERROR)
		return;			/* database trouble: tried again */
	if (cl == CLAIM_UNKNOWN) {
		(void)snprintf(why, sizeof(why), "unknown or forged token "
		    "%.*s...", TOKEN_LOG_CHARS, tok);
		ignore(x, s, why);
		return;
	}
	if (cl == CLAIM_OK && strcmp(t->purpose, "join") == 0) {
		/* An owner's answer about a join, not about a post.  Only
		 * owners and organisers decide joins (join_approval.c). */
		join_approval_reply(x, s, m, t);
	} else {
		refused(x, s, m, cl, t, why, sizeof(why));
		if (why[0] != '\0')
			ignore(x, s, why);
		else
			decide(x, s, m, t);
	}
	token_row_free(&t);
}

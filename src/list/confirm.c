/*
 * confirm.c - the double opt-in; see confirm.h
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "list/answer.h"
#include "util/clock.h"
#include "list/confirm.h"
#include "global/conf.h"
#include "list/ctx.h"
#include "db/db.h"
#include "db/db_list.h"
#include "db/db_request.h"
#include "db/db_audit.h"
#include "db/db_spool.h"
#include "db/db_token.h"
#include "list/join_approval.h"
#include "global/listaddr.h"
#include "util/log.h"
#include "list/membership.h"
#include "list/mod_reply.h"
#include "list/notice.h"
#include "global/tmpl.h"
#include "global/token.h"
#include "util/vbuf.h"
#include "util/sys_defs.h"

/* A confirmed request at work. */
struct completing {
	struct ctx		*x;
	const struct list	*l;
	struct request		*r;
	struct member		*m;	/* owned; NULL: not a member */
	char			*lang;	/* owned; the person's, or NULL */
};

typedef void	(*text_fn)(struct ctx *, const char *lang, const struct list *,
		    const char *mode, const char *language, struct vbuf *);

static void	subscribe_text(struct ctx *, const char *, const struct list *,
		    const char *, const char *, struct vbuf *);
static void	changes_text(struct ctx *, const char *, const struct list *,
		    const char *, const char *, struct vbuf *);
static int	complete_subscribe(struct completing *);
static int	complete_unsubscribe(struct completing *);
static int	complete_set(struct completing *);
static int	complete(struct ctx *, const struct list *, struct request *);

/* What each action asks for, and does once confirmed. */
static const struct action {
	const char	*tmpl;		/* the confirmation */
	text_fn		 text;		/* its {mode} and {changes}; or NULL */
	int		 stranger_lang;	/* a stranger is asked in the
					 * language the request gives */
	int		 member_only;	/* for a non-member: not-member */
	int		(*complete)(struct completing *);
					/* 0 done, 1 left open, -1 trouble */
} actions[REQUEST_NACTIONS] = {
	[REQUEST_SUBSCRIBE] = { "confirm-subscribe", subscribe_text, 1, 0,
	    complete_subscribe },
	[REQUEST_UNSUBSCRIBE] = { "confirm-unsubscribe", NULL, 1, 1,
	    complete_unsubscribe },
	/* A change of language is asked in the one the member reads now,
	 * so a forged "set language" cannot make its own confirmation
	 * unreadable. */
	[REQUEST_SET] = { "confirm-set", changes_text, 0, 1, complete_set },
};

/* subscribe_text - the delivery mode a join asks for */
static void
subscribe_text(struct ctx *x, const char *lang, const struct list *l,
    const char *mode, const char *language, struct vbuf *out)
{
	(void)language;
	answer_mode_phrase(x, lang, l, mode, out);
}

/* changes_text - what a set request changes, one line each */
static void
changes_text(struct ctx *x, const char *lang, const struct list *l,
    const char *mode, const char *language, struct vbuf *out)
{
	struct vbuf	m;

	vbuf_init(&m, VBUF_NOMAX);
	if (mode != NULL) {
		answer_mode_phrase(x, lang, l, mode, &m);
		struct tmpl_slot s[] = { { "mode", vbuf_str(&m) } };

		notice_phrase(x, lang, l, "change-mode", s, nitems(s), out);
		vbuf_putc(out, '\n');
	}
	if (language != NULL) {
		struct tmpl_slot s[] = { { "language", language } };

		notice_phrase(x, lang, l, "change-language", s, nitems(s), out);
		vbuf_putc(out, '\n');
	}
	vbuf_release(&m);
}

/*
 * open_request - open r (setting r->id) and issue its token into tok
 * (NULL: none, for a request that takes effect at once); CONFIRM_ASKED
 * if the confirmation may go, else why not
 */
static enum confirm_asked
open_request(struct ctx *x, struct request *r, char *tok)
{
	struct request	*old = NULL;
	int64_t		 id = 0;
	int		 rc;

	if ((rc = request_find_open(x->db, r->list_id, r->addr, r->action,
	    &old)) == DB_OK) {
		request_free(&old);
		return (CONFIRM_PENDING);
	}
	if (rc != DB_NOTFOUND)
		return (CONFIRM_ERROR);
	if ((rc = answer_capped(x, ANSWER_CONFIRMATIONS, r->addr,
	    r->asked_by)) != 0)
		return (rc == ANSWER_CAPPED ? CONFIRM_TOO_MANY :
		    rc == ANSWER_CAPPED_ASKER ? CONFIRM_ASKER_TOO_MANY :
		    CONFIRM_ERROR);
	r->expires_at = clock_now() + x->conf->confirm_ttl;
	if ((rc = request_open(x->db, r, &id)) == DB_CONFLICT)
		return (CONFIRM_PENDING);
	r->id = id;
	if (rc != DB_OK || (tok != NULL && token_issue(x->db, "confirm",
	    r->list_id, id, r->addr, x->conf->confirm_ttl, tok) != DB_OK))
		return (CONFIRM_ERROR);
	return (CONFIRM_ASKED);
}

/* ask - the confirmation of open request r, with token tok; 0 or -1 */
static int
ask(struct ctx *x, const struct list *l, const struct request *r,
    const char *tok)
{
	const struct action	*a = &actions[r->action];
	struct vbuf		 ca, text;
	char			 expires[32], *lang;
	int			 rc;

	lang = membership_lang(x->db, l->id, r->addr);
	if (lang == NULL && r->language != NULL && a->stranger_lang)
		lang = xstrdup(r->language);
	vbuf_init(&ca, VBUF_NOMAX);
	vbuf_init(&text, VBUF_NOMAX);
	listaddr_format(&ca, x->conf, l->name, AK_CONFIRM, tok);
	answer_date(r->expires_at, expires, sizeof(expires));
	if (a->text != NULL)
		a->text(x, lang, l, r->mode, r->language, &text);
	{
		struct tmpl_slot slots[] = {
			{ "list", l->name },
			{ "address", r->addr },
			{ "description", l->description },
			{ "confirm_address", vbuf_str(&ca) },
			{ "expires", expires },
			{ "mode", vbuf_str(&text) },
			{ "changes", vbuf_str(&text) },
		};

		/* Each confirmation uses the slots it has of these. */
		if ((rc = answer_send(x, l, a->tmpl, r->addr, lang, AK_CONFIRM,
		    tok, slots, nitems(slots), NULL)) == 0)
			log_info("%s for %s: confirmation asked (token "
			    "%.*s...)", request_action_name(r->action),
			    r->addr, TOKEN_LOG_CHARS, tok);
	}
	free(lang);
	vbuf_release(&ca);
	vbuf_release(&text);
	return (rc);
}

/* confirm_ask - see confirm.h */
enum confirm_asked
confirm_ask(struct ctx *x, const struct list *l, const char *asked_by,
    enum request_action action, const char *target, const char *mode,
    const char *language)
{
	struct request		r;
	char			tok[TOKEN_CHARS + 1];
	enum confirm_asked	res;

	memset(&r, 0, sizeof(r));
	r.list_id = l->id;
	r.addr = (char *)target;
	r.action = action;
	r.mode = (char *)mode;
	r.language = (char *)language;
	r.asked_by = (char *)asked_by;
	/* An open list takes a person who asks for themselves at once;
	 * one who asks for another address still needs its confirmation. */
	if (action == REQUEST_SUBSCRIBE && list_joins(l) == JOINS_OPEN &&
	    strcmp(target, asked_by) == 0) {
		if ((res = open_request(x, &r, NULL)) != CONFIRM_ASKED)
			return (res);
		return (complete(x, l, &r) == 0 ? CONFIRM_DONE :
		    CONFIRM_ERROR);
	}
	if ((res = open_request(x, &r, tok)) != CONFIRM_ASKED)
		return (res);
	return (ask(x, l, &r, tok) == 0 ? CONFIRM_ASKED : CONFIRM_ERROR);
}

/* refuse_closed - addr asked to join l, which takes no joins by mail:
 * they hear that its owners add its members */
static int
refuse_closed(struct ctx *x, const struct list *l, const char *addr,
    const char *lang)
{
	struct tmpl_slot slots[] = { { "list", l->name } };
	struct vbuf	 reason;
	int		 rc;

	vbuf_init(&reason, VBUF_NOMAX);
	notice_phrase(x, lang, l, "r-closed", slots, nitems(slots), &reason);
	rc = answer_tell(x, l, "join-refused", addr, lang, "reason",
	    vbuf_str(&reason));
	vbuf_release(&reason);
	return (rc);
}

/* complete_subscribe - a join, unless a rule or the owners stand between */
static int
complete_subscribe(struct completing *c)
{
	struct ctx		*x = c->x;
	const struct list	*l = c->l;
	enum join_refusal	 why = membership_refusal(x->db, l, c->r->addr);
	struct vbuf		 rj;
	int			 rc;

	if (c->m != NULL)
		return (answer_tell(x, l, "already-member", c->r->addr, c->lang,
		    NULL, NULL));
	if (why == JOIN_ENDED)
		return (0);		/* nothing to join any more */
	/* Closed since the request was made: the owners add members. */
	if (list_joins(l) == JOINS_CLOSED)
		return (refuse_closed(x, l, c->r->addr, c->lang));
	if (why == JOIN_OK && list_joins(l) == JOINS_APPROVE)
		return (join_approval_ask(x, l, c->r, c->lang) == 0 ? 1 : -1);
	if (why == JOIN_OK)
		return (answer_join(x, l, c->r, c->lang));
	vbuf_init(&rj, VBUF_NOMAX);	/* JOIN_REQUIRES */
	listaddr_format(&rj, x->conf, l->requires_name, AK_JOIN, NULL);
	{
		struct tmpl_slot slots[] = {
			{ "list", l->name },
			{ "address", c->r->addr },
			{ "required", l->requires_name },
			{ "required_join_address", vbuf_str(&rj) },
		};

		rc = answer_send(x, l, "join-requires", c->r->addr, c->lang,
		    AK_OWNER, NULL, slots, nitems(slots), NULL);
	}
	vbuf_release(&rj);
	return (rc);
}

/* complete_unsubscribe - a member leaves, and is told */
static int
complete_unsubscribe(struct completing *c)
{
	if (membership_remove(c->x, c->l, c->r->addr, c->r->addr, NULL) !=
	    DB_OK)
		return (-1);
	return (answer_tell(c->x, c->l, "goodbye", c->r->addr, c->lang, NULL,
	    NULL));
}

/* complete_set - a member's settings change, and they are told how */
static int
complete_set(struct completing *c)
{
	struct request	*r = c->r;
	struct vbuf	 ch;
	int		 rc = -1;

	if (r->mode != NULL) {
		free(c->m->mode);
		c->m->mode = xstrdup(r->mode);
	}
	if (r->language != NULL) {
		free(c->m->language);
		c->m->language = xstrdup(r->language);
		free(c->lang);		/* told in the new language */
		c->lang = xstrdup(r->language);
	}
	vbuf_init(&ch, VBUF_NOMAX);
	changes_text(c->x, c->lang, c->l, r->mode, r->language, &ch);
	if (member_update(c->x->db, c->m) == DB_OK &&
	    audit_add(c->x->db, c->l->id, 0, r->addr, "set",
	    vbuf_str(&ch)) == DB_OK)
		rc = answer_tell(c->x, c->l, "settings-changed", r->addr,
		    c->lang, "changes", vbuf_str(&ch));
	vbuf_release(&ch);
	return (rc);
}

/*
 * complete - a confirmed request takes effect; -1 on trouble.  r is
 * open, so its action is one this version knows (db_request.h).
 */
static int
complete(struct ctx *x, const struct list *l, struct request *r)
{
	const struct action	*a = &actions[r->action];
	struct completing	 c = { x, l, r, NULL, NULL };
	int			 rc;

	c.lang = answer_request_lang(x, l, r);
	if (member_load(x->db, l->id, r->addr, &c.m) != DB_OK)
		member_free(&c.m);	/* not a member, or trouble: as none */
	if (a->member_only && c.m == NULL)
		rc = answer_tell(x, l, "not-member", r->addr, c.lang, NULL,
		    NULL);
	else
		rc = a->complete(&c);
	if (rc == 0 && request_set_state(x->db, r->id, REQUEST_DONE, 0,
	    r->addr) != DB_OK)
		rc = -1;
	free(c.lang);
	member_free(&c.m);
	return (rc == 1 ? 0 : rc);	/* 1: open, waiting for the owners */
}

/*
 * settle - confirm_token, or with decline set, the person's "no": the
 * request is closed as expired (closed, nothing acts on it, as if nobody
 * had answered) and the token is used up
 */
static int
settle(struct ctx *x, const struct list *l, const char *tok, char *who,
    size_t size, int decline)
{
	static const char *const purposes[] = { "confirm", NULL };
	struct token_row	*t = NULL;
	struct request		*r = NULL;
	const char		*why = NULL;
	enum claim		 cl;
	int			 rc = DB_OK;

	cl = token_claim(x->db, tok, purposes, l->id, clock_now(), &t);
	if (cl == CLAIM_ERROR)
		return (-1);
	if (cl == CLAIM_UNKNOWN) {
		log_info("confirmation: unknown or forged token %.*s...",
		    TOKEN_LOG_CHARS, tok);
		return (0);
	}
	if (cl != CLAIM_OK)
		why = token_claim_why(cl);
	else if ((rc = request_load(x->db, t->object_id, &r)) != DB_OK)
		why = rc == DB_NOTFOUND ? "no such request" : NULL;
	else if (r->state != REQUEST_CONFIRMING)
		why = "the request is no longer waiting";
	else if (strcmp(r->addr, t->addr) != 0)
		why = "the token is not for this request";
	if (why != NULL)
		log_info("confirmation refused: %s (token %.*s...)", why,
		    TOKEN_LOG_CHARS, t->token);
	else if (rc == DB_OK) {
		if (who != NULL)
			(void)snprintf(who, size, "%s", t->addr);
		if ((rc = token_use(x->db, t->id, clock_now())) != DB_OK)
			;
		else if (!decline)
			rc = complete(x, l, r) == 0 ? DB_OK : DB_ERR;
		else if ((rc = request_set_state(x->db, r->id,
		    REQUEST_EXPIRED, 0, r->addr)) == DB_OK)
			log_info("confirmation declined: request %lld of %s "
			    "cancelled", (long long)r->id, r->addr);
	}
	token_row_free(&t);
	request_free(&r);
	if (why != NULL)
		return (0);
	return (rc == DB_OK ? 1 : rc == DB_NOTFOUND ? 0 : -1);
}

/* confirm_token - see confirm.h */
int
confirm_token(struct ctx *x, const struct list *l, const char *tok,
    char *who, size_t size)
{
	return (settle(x, l, tok, who, size, 0));
}

/* confirm_reply - see confirm.h */
void
confirm_reply(struct ctx *x, struct spool_item *s, const struct mail *m)
{
	struct list	*l;
	int		 rc, no;

	if (answer_list_load(x, s, &l) == -1)
		return;
	if (answer_automated(x, s, m) || db_begin(x->db) != DB_OK) {
		list_free(&l);
		return;
	}
	/* Whoever can reply from the mailbox the token went to may
	 * confirm: the From proves nothing either way.  Whatever the
	 * reply says confirms, unless it clearly declines ("no",
	 * "cancel" alone: mod_reply.h). */
	no = mod_reply_declines(x->conf, m);
	rc = settle(x, l, s->token != NULL ? s->token : "", NULL, 0, no);
	if (rc == -1)
		db_rollback(x->db);
	else {
		answer_finish(x, s, rc != 1 ? "confirmation refused" : no ?
		    "declined" : "confirmed");
		if (db_commit(x->db) != DB_OK)
			log_warnx("cannot commit the confirmation");
	}
	list_free(&l);
}

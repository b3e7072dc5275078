/*
 * join_approval.c - owners and organisers approving a join; see
 * join_approval.h
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "list/answer.h"
#include "util/clock.h"
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
#include "mail/mail.h"
#include "list/membership.h"
#include "list/mod_reply.h"
#include "list/notice.h"
#include "list/unclear.h"
#include "global/tmpl.h"
#include "global/token.h"
#include "util/vbuf.h"
#include "util/sys_defs.h"

#define APPROVERS	"owner,organiser"

/* An approver's decision at work. */
struct deciding {
	struct ctx		*x;
	const struct list	*l;
	const struct request	*r;
	const struct decision_read *d;
	const char		*by;	/* the approver's address */
	const char		*lang;	/* the person's, or NULL */
};

static int	approve(const struct deciding *);
static int	refuse(const struct deciding *);

/* What each decision does, and how the logs name it. */
static const struct verdict {
	int		(*act)(const struct deciding *);	/* 0 or -1 */
	const char	*audit;		/* the audit log's word */
	const char	*done;		/* for the spool row's reason */
} verdicts[] = {
	{ refuse, "join-refuse", "refused" },	/* reject, discard */
	{ approve, "join-approve", "approved" },
};

/* addr0 - a member's address, NUL-terminated, onto the vbuf arg */
static int
addr0(const struct member *m, void *arg)
{
	vbuf_cat(arg, m->addr, strlen(m->addr) + 1);
	return (0);
}

/*
 * ask_one - ask approver a about r, with a token of their own; 1 if the
 * notice went, 0 if not (logged), -1 on database trouble
 */
static int
ask_one(struct ctx *x, const struct list *l, const struct request *r,
    const char *a, const struct tmpl_slot *slots, size_t nslots)
{
	char		 tok[TOKEN_CHARS + 1], name[64], *lang;
	struct vbuf	 err;
	struct notice	 n = {
		.tmpl = "join-approval", .to = a, .list = l,
		.from_kind = AK_MODERATE, .from_token = tok,
		.from_name = name, .slots = slots, .nslots = nslots,
	};
	int		 rc;

	(void)snprintf(name, sizeof(name), "%s membership", l->name);
	if (token_issue(x->db, "join", l->id, r->id, a,
	    x->conf->moderate_ttl, tok) != DB_OK)
		return (-1);
	lang = membership_lang(x->db, l->id, a);
	n.lang = lang;
	vbuf_init(&err, 1024);
	if (!(rc = notice_queue(x, &n, &err) == 0))
		log_warnx("cannot ask %s: %s", a, vbuf_str(&err));
	vbuf_release(&err);
	free(lang);
	return (rc);
}

/* ask_approvers - the owners and organisers of l decide r */
static int
ask_approvers(struct ctx *x, const struct list *l, const struct request *r)
{
	struct vbuf	 who;
	char		 id[32], date[32];
	int		 asked = 0, rc = 0;

	vbuf_init(&who, VBUF_NOMAX);
	(void)member_each_role(x->db, l->id, APPROVERS, addr0, &who);
	(void)snprintf(id, sizeof(id), "%lld", (long long)r->id);
	clock_iso((time_t)r->created_at, date, sizeof(date));
	{
		struct tmpl_slot slots[] = {
			{ "list", l->name },
			{ "address", r->addr },
			{ "date", date },
			{ "request_id", id },
		};

		for (const char *a = who.data; rc != -1 && a != NULL &&
		    a < who.data + who.len; a += strlen(a) + 1)
			if ((rc = ask_one(x, l, r, a, slots,
			    nitems(slots))) == 1)
				asked++;
	}
	if (rc != -1 && asked == 0)
		log_warnx("%s wants to join %s, which approves joins, but the "
		    "list has no owner or organiser to ask", r->addr, l->name);
	vbuf_release(&who);
	return (rc == -1 ? -1 : 0);
}

/* join_approval_ask - see join_approval.h */
int
join_approval_ask(struct ctx *x, const struct list *l,
    const struct request *r, const char *lang)
{
	if (request_set_state(x->db, r->id, REQUEST_APPROVING, clock_now() +
	    x->conf->moderate_ttl, r->addr) != DB_OK ||
	    ask_approvers(x, l, r) == -1 ||
	    answer_tell(x, l, "join-waiting", r->addr, lang, NULL, NULL) == -1)
		return (-1);
	log_info("%s confirmed; the owners of %s decide", r->addr, l->name);
	return (0);
}

/* unclear - tell the approver, whose reply m decided nothing (read as
 * d), what moot read; only while the join t is about still waits */
static void
unclear(struct ctx *x, const struct spool_item *s, const struct mail *m,
    const struct token_row *t, const struct decision_read *d)
{
	struct request	*r = NULL;

	if (request_load(x->db, t->object_id, &r) == DB_OK &&
	    r->state == REQUEST_APPROVING)
		unclear_answer(x, s, m, s->token, d, 0, r->addr);
	request_free(&r);
}

/*
 * read_decision - what an approver's reply says; -1 after finishing s
 * when it is from someone else or decides nothing
 */
static int
read_decision(struct ctx *x, const struct spool_item *s,
    const struct mail *m, const struct token_row *t,
    struct decision_read *d)
{
	char	*lang, why[200];

	if (!token_sent_to(t, m->from_addr)) {
		(void)snprintf(why, sizeof(why), "<%s> is not the address the "
		    "token was sent to", m->from_addr != NULL ? m->from_addr :
		    "");
		answer_finish(x, s, why);
		return (-1);
	}
	if (!membership_has_role(x->db, s->list_id, m->from_addr,
	    APPROVERS)) {
		(void)snprintf(why, sizeof(why), "<%s> may not decide joins to "
		    "%s", m->from_addr != NULL ? m->from_addr : "",
		    s->list_name);
		answer_finish(x, s, why);
		return (-1);
	}
	lang = membership_reader_lang(x->db, s->list_id, m->from_addr);
	mod_reply_read(x->conf, m, lang, d);
	free(lang);
	if (d->d != DECISION_NONE)
		return (0);
	(void)snprintf(why, sizeof(why), "no decision from <%s>: %s",
	    m->from_addr, d->why);
	answer_finish(x, s, why);
	unclear(x, s, m, t, d);
	return (-1);
}

/*
 * waiting_request - use t and load the request it is about, which must
 * still wait for the owners; 0, or -1 with the transaction ended and s
 * done with (or, on database trouble, still spooled)
 */
static int
waiting_request(struct ctx *x, const struct spool_item *s,
    const struct token_row *t, struct request **r)
{
	int	rc;

	if ((rc = token_use(x->db, t->id, clock_now())) == DB_OK &&
	    (rc = request_load(x->db, t->object_id, r)) == DB_OK &&
	    (*r)->state == REQUEST_APPROVING)
		return (0);
	if (rc == DB_ERR) {
		db_rollback(x->db);
		return (-1);
	}
	answer_finish(x, s, rc == DB_NOTFOUND && *r == NULL ? "token used "
	    "before (a replay)" : "the join was already decided");
	(void)db_commit(x->db);
	return (-1);
}

/* approve - the person joins, unless a rule forbids it now */
static int
approve(const struct deciding *dc)
{
	struct ctx	*x = dc->x;

	if (membership_refusal(x->db, dc->l, dc->r->addr) != JOIN_OK)
		return (request_set_state(x->db, dc->r->id, REQUEST_REFUSED,
		    0, dc->by) == DB_OK ? 0 : -1);
	if (answer_join(x, dc->l, dc->r, dc->lang) != 0)
		return (-1);
	return (request_set_state(x->db, dc->r->id, REQUEST_DONE, 0,
	    dc->by) == DB_OK ? 0 : -1);
}

/* refuse - the request is refused; told to the person on a rejection */
static int
refuse(const struct deciding *dc)
{
	struct vbuf	reason;
	int		rc;

	vbuf_init(&reason, VBUF_NOMAX);
	if (dc->d->reason[0] != '\0')
		vbuf_puts(&reason, dc->d->reason);
	else
		notice_phrase(dc->x, dc->lang, dc->l, "refused-default", NULL,
		    0, &reason);
	rc = request_set_state(dc->x->db, dc->r->id, REQUEST_REFUSED, 0,
	    dc->by) == DB_OK ? 0 : -1;
	if (rc == 0 && dc->d->d == DECISION_REJECT)
		rc = answer_tell(dc->x, dc->l, "join-refused", dc->r->addr,
		    dc->lang, "reason", vbuf_str(&reason));
	vbuf_release(&reason);
	return (rc);
}

/* decide - carry out the decision on r and log it; 0 or -1 */
static int
decide(struct deciding *dc, const struct spool_item *s)
{
	const struct verdict	*v = &verdicts[dc->d->d == DECISION_APPROVE];
	char			 why[200];

	if (v->act(dc) != 0 || audit_add(dc->x->db, dc->l->id, 0, dc->by,
	    v->audit, dc->r->addr) != DB_OK)
		return (-1);
	(void)snprintf(why, sizeof(why), "join of %s %s by %s", dc->r->addr,
	    v->done, dc->by);
	answer_finish(dc->x, s, why);
	return (0);
}

/* join_approval_reply - see join_approval.h */
void
join_approval_reply(struct ctx *x, struct spool_item *s,
    const struct mail *m, const struct token_row *t)
{
	struct decision_read	 d;
	struct request		*r = NULL;
	struct list		*l = NULL;
	struct deciding		 dc;
	char			*lang;

	if (read_decision(x, s, m, t, &d) == -1)
		return;
	if (list_load_id(x->db, s->list_id, &l) != DB_OK ||
	    db_begin(x->db) != DB_OK) {
		list_free(&l);
		return;
	}
	if (waiting_request(x, s, t, &r) == 0) {
		lang = answer_request_lang(x, l, r);
		dc = (struct deciding){ x, l, r, &d, m->from_addr, lang };
		if (decide(&dc, s) == -1)
			db_rollback(x->db);
		else if (db_commit(x->db) != DB_OK)
			log_warnx("cannot commit the join decision");
		free(lang);
	}
	request_free(&r);
	list_free(&l);
}

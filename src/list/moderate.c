/*
 * moderate.c - held posts and moderators' decisions; see moderate.h
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mail/addr.h"
#include "global/listaddr.h"
#include "util/alloc.h"
#include "util/clock.h"
#include "global/conf.h"
#include "list/ctx.h"
#include "db/db.h"
#include "db/db_list.h"
#include "db/db_asked.h"
#include "db/db_audit.h"
#include "db/db_job.h"
#include "db/db_rota.h"
#include "db/db_outbox.h"
#include "db/db_spool.h"
#include "db/db_token.h"
#include "list/mod_reply.h"
#include "util/killpoint.h"
#include "util/log.h"
#include "mail/mail.h"
#include "mail/text_part.h"
#include "list/membership.h"
#include "list/bymail.h"
#include "list/moderate.h"
#include "list/policy.h"
#include "list/notice.h"
#include "global/tmpl.h"
#include "global/token.h"
#include "util/vbuf.h"
#include "util/sys_defs.h"

#define INLINE_TEXT_MAX	(8 * 1024)	/* of a held post, in the request */
#define STRANGER_DAY	86400		/* one notice a day to a poster */

/* What the requests about a held post show, gathered once. */
struct material {
	struct spool_item	*post;		/* owned */
	struct list		*list;		/* owned */
	struct vbuf		 raw;		/* the message, to attach */
	struct vbuf		 text;		/* its text, inline */
	char			 date[32];
};

static void
material_free(struct material *mt)
{
	spool_item_free(&mt->post);
	list_free(&mt->list);
	vbuf_release(&mt->raw);
	vbuf_release(&mt->text);
}

/* material_load - post, list, message and text of spool row id */
static int
material_load(struct ctx *x, int64_t id, struct material *mt)
{
	struct vbuf	canon, why;
	struct mail	m;
	int		rc;

	memset(mt, 0, sizeof(*mt));
	vbuf_init(&mt->raw, VBUF_NOMAX);
	vbuf_init(&mt->text, VBUF_NOMAX);
	if ((rc = spool_load(x->db, id, &mt->post)) != DB_OK ||
	    (rc = list_load_id(x->db, mt->post->list_id, &mt->list)) !=
	    DB_OK || (rc = spool_raw(x->db, mt->post->message_id,
	    &mt->raw)) != DB_OK) {
		material_free(mt);
		return (rc);
	}
	vbuf_init(&canon, VBUF_NOMAX);
	vbuf_init(&why, 256);
	if (mail_canon(&canon, mt->raw.data, mt->raw.len) == 0 &&
	    mail_parse(&m, canon.data, canon.len, &x->conf->lim, &why) == 0)
		(void)text_part_get(&m, INLINE_TEXT_MAX, &mt->text);
	mail_free(&m);
	if (mt->text.len == INLINE_TEXT_MAX)
		vbuf_puts(&mt->text, "\n[...]");
	vbuf_release(&canon);
	vbuf_release(&why);
	clock_iso((time_t)mt->post->received_at, mt->date, sizeof(mt->date));
	return (DB_OK);
}

/* ask - ask addr about the post, with a token of its own; in the
 * caller's transaction */
static int
ask(struct ctx *x, const struct material *mt, const char *addr, int level)
{
	const struct conf	*c = x->conf;
	char			 tok[TOKEN_CHARS + 1], id[32];
	char			*lang;
	struct vbuf		 la, err, note, why;
	int			 rc = -1;

	if (token_issue(x->db, "moderate", mt->list->id, mt->post->id, addr,
	    c->moderate_ttl, tok) != DB_OK ||
	    asked_add(x->db, mt->post->id, addr, level, clock_now()) != DB_OK)
		return (-1);
	lang = membership_lang(x->db, mt->list->id, addr);
	vbuf_init(&la, VBUF_NOMAX);
	vbuf_init(&err, 1024);
	vbuf_init(&note, VBUF_NOMAX);
	vbuf_init(&why, VBUF_NOMAX);
	listaddr_format(&la, c, mt->list->name, AK_POST, NULL);
	(void)snprintf(id, sizeof(id), "%lld", (long long)mt->post->id);
	if (level == 1 || level == 2) {
		vbuf_puts(&note, "\n\n");
		notice_phrase(x, lang, mt->list, level == 1 ? "held-next" :
		    "held-all", NULL, 0, &note);
	}
	notice_reason(x, lang, mt->list, mt->post->reason, &why);
	{
		struct tmpl_slot slots[] = {
			{ "list", mt->list->name },
			{ "list_address", vbuf_str(&la) },
			{ "from", mt->post->from_addr != NULL ?
			    mt->post->from_addr : mt->post->env_from },
			{ "subject", mt->post->subject != NULL ?
			    mt->post->subject : "" },
			{ "reason", vbuf_str(&why) },
			{ "date", mt->date },
			{ "text", vbuf_str(&mt->text) },
			{ "post_id", id },
			{ "note", vbuf_str(&note) },
		};
		struct notice n = {
			.tmpl = "held-notify", .to = addr, .lang = lang,
			.list = mt->list, .from_kind = AK_MODERATE,
			.from_token = tok, .spool_id = mt->post->id,
			.slots = slots, .nslots = nitems(slots),
			.attach = mt->raw.data, .attach_len = mt->raw.len,
		};
		char	name[64];

		(void)snprintf(name, sizeof(name), "%s moderation",
		    mt->list->name);
		n.from_name = name;
		if (notice_queue(x, &n, &err) == 0) {
			log_info("asked %s (level %d, token %.*s...)", addr,
			    level, TOKEN_LOG_CHARS, tok);
			rc = 0;
		} else
			log_warnx("cannot ask %s: %s", addr, vbuf_str(&err));
	}
	free(lang);
	vbuf_release(&la);
	vbuf_release(&err);
	vbuf_release(&note);
	vbuf_release(&why);
	return (rc);
}

struct addr_set {
	char	**v;		/* owned */
	size_t	  n, cap;
};

static void
addr_set_add(struct addr_set *s, const char *a)
{
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->v[i], a) == 0)
			return;
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 8;
		s->v = xreallocarray(s->v, s->cap, sizeof(*s->v));
	}
	s->v[s->n++] = xstrdup(a);
}

static void
addr_set_free(struct addr_set *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
	memset(s, 0, sizeof(*s));
}

static int
collect_member(const struct member *m, void *arg)
{
	addr_set_add(arg, m->addr);
	return (0);
}

static int
collect_asked(const char *addr, int level, void *arg)
{
	(void)level;
	addr_set_add(arg, addr);
	return (0);
}

/* ask_all - every moderator (or, with none, every owner) not yet asked */
static int
ask_all(struct ctx *x, const struct material *mt, const struct addr_set *done,
    int level)
{
	struct addr_set	all;
	int		n = 0;

	memset(&all, 0, sizeof(all));
	(void)member_each_role(x->db, mt->list->id, "moderator,owner",
	    collect_member, &all);
	for (size_t i = 0; i < all.n; i++) {
		int	seen = 0;

		for (size_t k = 0; done != NULL && k < done->n; k++)
			seen |= strcmp(done->v[k], all.v[i]) == 0;
		if (!seen && ask(x, mt, all.v[i], level) == 0)
			n++;
	}
	addr_set_free(&all);
	return (n);
}

/* poster_ok - whether moot may write to the poster of post at all */
static const char *
poster_ok(struct ctx *x, const struct spool_item *post)
{
	const char	*to = post->from_addr;
	struct verdict	 held;

	if (to == NULL)
		return (NULL);
	if (post->env_from != NULL && *post->env_from == '\0')
		return (NULL);		/* the null sender: automated */
	if (policy_reason_read(post->reason, &held) == 0 &&
	    held.reason == REASON_AUTOMATED)
		return (NULL);		/* held as automated */
	if (listaddr_is_ours(x->conf, to))
		return (NULL);		/* one of ours: no loops */
	return (to);
}

/* moderate_tell_poster - see moderate.h */
void
moderate_tell_poster(struct ctx *x, const struct spool_item *post,
    const struct list *l, const char *tmpl, const char *reason)
{
	const char	*to = poster_ok(x, post);
	char		*lang;
	int64_t		 told = 0;
	struct vbuf	 err, why;
	struct list_addrs a;

	if (to == NULL)
		return;
	/* One notice of a kind a day per poster and list (threat C3): a
	 * forged sender hears of 100 junk posts once. */
	if (outbox_told(x->db, l->id, to, clock_now() - STRANGER_DAY, tmpl,
	    &told) != DB_OK || told > 0) {
		log_info("not telling %s again today", to);
		return;
	}
	lang = membership_lang(x->db, l->id, to);
	notice_list_addrs(x->conf, l->name, &a);
	vbuf_init(&err, 1024);
	vbuf_init(&why, VBUF_NOMAX);
	if (reason == NULL || *reason == '\0')
		notice_phrase(x, lang, l, "rejected-default", NULL, 0, &why);
	else
		notice_reason(x, lang, l, reason, &why);
	{
		struct tmpl_slot slots[] = {
			{ "list", l->name },
			{ "list_address", vbuf_str(&a.post) },
			{ "owner_address", vbuf_str(&a.owner) },
			{ "subject", post->subject != NULL ? post->subject :
			    "" },
			{ "reason", vbuf_str(&why) },
		};
		struct notice n = {
			.tmpl = tmpl, .to = to, .lang = lang, .list = l,
			.from_kind = AK_OWNER, .spool_id = post->id,
			.slots = slots, .nslots = nitems(slots),
			.in_reply_to = post->msgid,
		};

		if (notice_queue(x, &n, &err) == -1)
			log_warnx("cannot tell %s: %s", to, vbuf_str(&err));
	}
	free(lang);
	notice_list_addrs_release(&a);
	vbuf_release(&err);
	vbuf_release(&why);
}

/* moderate_hold - see moderate.h */
void
moderate_hold(struct ctx *x, const struct spool_item *s,
    const struct verdict *v)
{
	struct material	 mt;
	struct rota_set	 rs;
	struct vbuf	 reason;
	long		 on;
	int		 asked = 0;

	vbuf_init(&reason, VBUF_NOMAX);
	policy_reason_words(v, &reason);
	if (db_begin(x->db) != DB_OK) {
		vbuf_release(&reason);
		return;			/* still spooled: tried again */
	}
	if (spool_set_state(x->db, s->id, SPOOL_HELD, vbuf_str(&reason)) !=
	    DB_OK || material_load(x, s->id, &mt) != DB_OK) {
		db_rollback(x->db);
		vbuf_release(&reason);
		return;
	}
	memset(&rs, 0, sizeof(rs));
	if (rota_set_load(x->db, mt.list->id, (int)mt.list->turn_days, &rs) ==
	    DB_OK && (on = rota_on_duty(&rs.r, clock_now())) >= 0)
		asked = ask(x, &mt, rs.addrs[on], 0) == 0;
	else
		/* No rota, or everyone in it away: every moderator. */
		asked = ask_all(x, &mt, NULL, 0) > 0;
	rota_set_free(&rs);
	if (!asked)
		log_warnx("held, but nobody to ask: %s has no moderators or "
		    "owners", mt.list->name);
	if (mt.list->notify_held && !v->automated)
		moderate_tell_poster(x, mt.post, mt.list, "held-waiting", NULL);
	if (db_commit(x->db) == DB_OK)
		log_info("post held: %s", vbuf_str(&reason));
	material_free(&mt);
	vbuf_release(&reason);
}

/* state_of - the spool state a decision leads to */
static enum spool_state
state_of(enum decision d)
{
	switch (d) {
	case DECISION_APPROVE: return (SPOOL_APPROVED);
	case DECISION_REJECT: return (SPOOL_REJECTED);
	case DECISION_DISCARD: return (SPOOL_DISCARDED);
	default: return (SPOOL_NSTATES);
	}
}

/* tell_already - the late moderator hears who decided first */
static void
tell_already(struct ctx *x, const struct spool_item *post,
    const struct list *l, const char *to)
{
	char		 when[32], id[32], *lang;
	struct vbuf	 err, what;

	clock_iso((time_t)post->decided_at, when, sizeof(when));
	(void)snprintf(id, sizeof(id), "%lld", (long long)post->id);
	lang = membership_lang(x->db, l->id, to);
	vbuf_init(&err, 1024);
	vbuf_init(&what, VBUF_NOMAX);
	/* An approved post has moved on (distributing, sent) since. */
	notice_phrase(x, lang, l, post->state == SPOOL_REJECTED ?
	    "decided-rejected" : post->state == SPOOL_DISCARDED ?
	    "decided-discarded" : "decided-approved", NULL, 0, &what);
	{
		struct tmpl_slot slots[] = {
			{ "list", l->name },
			{ "subject", post->subject != NULL ? post->subject :
			    "" },
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
}

/* moderate_decide - see moderate.h */
void
moderate_decide(struct ctx *x, int64_t post_id, enum decision d,
    const char *actor, const char *reason, int64_t token_id,
    const char *tell, struct mod_result *res)
{
	struct spool_item	*post = NULL;
	struct list		*l = NULL;
	enum spool_state	 state = state_of(d);
	int64_t			 now = clock_now();
	int			 rc;

	memset(res, 0, sizeof(*res));
	res->outcome = MOD_ERROR;
	if (state == SPOOL_NSTATES || db_begin(x->db) != DB_OK)
		return;
	if ((rc = spool_load(x->db, post_id, &post)) != DB_OK ||
	    post->list_id == 0 ||
	    (rc = list_load_id(x->db, post->list_id, &l)) != DB_OK) {
		db_rollback(x->db);
		if (rc == DB_NOTFOUND || (post != NULL && post->list_id == 0))
			res->outcome = MOD_NOT_HELD;
		goto out;
	}
	if (post->state != SPOOL_HELD) {
		if (post->decided_by == NULL) {
			db_rollback(x->db);
			res->outcome = MOD_NOT_HELD;
			goto out;
		}
		res->outcome = MOD_ALREADY;
		(void)snprintf(res->by, sizeof(res->by), "%s", post->decided_by);
		(void)snprintf(res->state, sizeof(res->state), "%s",
		    spool_state_name(post->state));
		res->at = post->decided_at;
		/* The token is spent either way; a replay changes nothing. */
		if (token_id != 0 && token_use(x->db, token_id, now) ==
		    DB_NOTFOUND) {
			db_rollback(x->db);
			res->outcome = MOD_REPLAYED;
			goto out;
		}
		if (tell != NULL)
			tell_already(x, post, l, tell);
		if (db_commit(x->db) != DB_OK)
			res->outcome = MOD_ERROR;
		goto out;
	}
	if (token_id != 0 && (rc = token_use(x->db, token_id, now)) != DB_OK) {
		db_rollback(x->db);
		res->outcome = rc == DB_NOTFOUND ? MOD_REPLAYED : MOD_ERROR;
		goto out;
	}
	if (spool_decide(x->db, post_id, state, actor, now,
	    d == DECISION_REJECT ? reason : NULL) != DB_OK ||
	    audit_add(x->db, l->id, post_id, actor, mod_reply_name(d),
	    reason != NULL ? reason : "") != DB_OK) {
		db_rollback(x->db);
		goto out;
	}
	if (d == DECISION_REJECT)
		moderate_tell_poster(x, post, l, "post-rejected", reason);
	if (db_commit(x->db) != DB_OK)
		goto out;
	killpoint_at("decision-after-commit");
	res->outcome = MOD_DONE;
	log_info("post %lld %s by %s%s%s", (long long)post_id,
	    spool_state_name(state), actor,
	    reason != NULL && *reason != '\0' ? ": " : "",
	    reason != NULL ? reason : "");
out:
	spool_item_free(&post);
	list_free(&l);
}

/* ignore - a reply that decides nothing: logged, never answered */
static void
ignore(struct ctx *x, const struct spool_item *s, const char *why)
{
	log_info("moderation reply ignored: %s", why);
	(void)spool_set_state(x->db, s->id, SPOOL_DONE, why);
}

/* moderate_reply - see moderate.h */
void
moderate_reply(struct ctx *x, struct spool_item *s, const struct mail *m)
{
	struct token_row	*t = NULL;
	struct decision_read	 d;
	struct mod_result	 res;
	char			 why[300];
	char			*lang = NULL;
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
	if (cl == CLAIM_PURPOSE)
		(void)snprintf(why, sizeof(why), "a %s token at a moderation "
		    "address", t->purpose);
	else if (cl != CLAIM_OK)
		(void)snprintf(why, sizeof(why), "%s %.*s...",
		    token_claim_why(cl), TOKEN_LOG_CHARS, t->token);
	else if (strcmp(t->purpose, "join") == 0) {
		/* An owner's answer about a join, not about a post.  Only
		 * owners and organisers decide joins: bymail checks who. */
		bymail_join_reply(x, s, m, t);
		token_row_free(&t);
		return;
	} else if (!membership_has_role(x->db, s->list_id, m->from_addr,
	    "moderator,owner"))
		(void)snprintf(why, sizeof(why), "<%s> is not a moderator of "
		    "%s", m->from_addr != NULL ? m->from_addr : "",
		    s->list_name);
	else
		why[0] = '\0';
	if (why[0] != '\0') {
		ignore(x, s, why);
		token_row_free(&t);
		return;
	}
	lang = membership_reader_lang(x->db, s->list_id, m->from_addr);
	mod_reply_read(x->conf, m, lang, &d);
	free(lang);
	if (d.d == DECISION_NONE) {
		/* The token stays good: the moderator may answer again. */
		(void)snprintf(why, sizeof(why), "no decision from <%s>: %s",
		    m->from_addr, d.why);
		ignore(x, s, why);
		token_row_free(&t);
		return;
	}
	moderate_decide(x, t->object_id, d.d, m->from_addr, d.reason, t->id,
	    m->from_addr, &res);
	switch (res.outcome) {
	case MOD_DONE:
		(void)snprintf(why, sizeof(why), "%s post %lld",
		    mod_reply_name(d.d), (long long)t->object_id);
		(void)spool_set_state(x->db, s->id, SPOOL_DONE, why);
		break;
	case MOD_ALREADY:
		(void)snprintf(why, sizeof(why), "post %lld was already %s by "
		    "%s", (long long)t->object_id, res.state, res.by);
		ignore(x, s, why);
		break;
	case MOD_REPLAYED:
		ignore(x, s, "token used before (a replay)");
		break;
	case MOD_NOT_HELD:
		ignore(x, s, "the post is not waiting for a decision");
		break;
	case MOD_ERROR:
		break;			/* tried again */
	}
	token_row_free(&t);
}

struct tick {
	struct ctx	*x;
	int		 done;
};

/* escalate - ask the next moderator, then all of them */
static int
escalate(const struct asked_post *p, void *arg)
{
	struct tick	*tk = arg;
	struct ctx	*x = tk->x;
	struct material	 mt;
	struct addr_set	 asked;
	struct rota_set	 rs;
	time_t		 now = clock_now();
	int64_t		 e, spool_id = p->spool_id, since = p->since;
	int		 want, level = p->level;

	if (level >= 2 || material_load(x, spool_id, &mt) != DB_OK)
		return (0);
	e = mt.list->escalate_after;
	want = now >= since + 2 * e ? 2 : now >= since + e ? 1 : 0;
	if (want <= level) {
		material_free(&mt);
		return (0);
	}
	memset(&asked, 0, sizeof(asked));
	memset(&rs, 0, sizeof(rs));
	if (db_begin(x->db) != DB_OK) {
		material_free(&mt);
		return (0);
	}
	(void)asked_each(x->db, spool_id, collect_asked, &asked);
	if (want == 1 && rota_set_load(x->db, mt.list->id,
	    (int)mt.list->turn_days, &rs) == DB_OK && rs.r.n > 0) {
		long	pos = -1, next;

		for (size_t i = 0; i < rs.r.n && pos < 0; i++)
			for (size_t k = 0; k < asked.n; k++)
				if (strcmp(rs.addrs[i], asked.v[k]) == 0)
					pos = (long)i;
		next = rota_next(&rs.r, pos < 0 ? 0 : pos, now,
		    (const char *const *)asked.v, asked.n);
		if (next >= 0 && ask(x, &mt, rs.addrs[next], 1) == 0)
			tk->done++;
		else
			want = 2;	/* nobody next: everyone now */
	} else
		want = 2;
	if (want == 2)
		tk->done += ask_all(x, &mt, &asked, 2);
	/* Reached even if nobody new was left to ask. */
	(void)spool_escalated(x->db, spool_id, want);
	if (db_commit(x->db) == DB_OK)
		log_info("post %lld escalated to level %d", (long long)spool_id,
		    want);
	rota_set_free(&rs);
	addr_set_free(&asked);
	material_free(&mt);
	return (0);
}

struct reminder {
	struct ctx		*x;
	const struct list	*l;
	const char		*lang;	/* of the moderator reminded */
	int64_t			 due;	/* posts asked about before this */
	struct vbuf		 posts;
	int			 count;
};

static int
remind_line(int64_t spool_id, void *arg)
{
	struct reminder		*r = arg;
	struct spool_item	*s = NULL;
	char			 when[32], id[32];

	if (spool_load(r->x->db, spool_id, &s) != DB_OK)
		return (0);
	clock_iso((time_t)s->created_at, when, sizeof(when));
	(void)snprintf(id, sizeof(id), "%lld", (long long)s->id);
	{
		struct tmpl_slot slots[] = {
			{ "post_id", id },
			{ "since", when },
			{ "from", s->from_addr != NULL ? s->from_addr : "?" },
			{ "subject", s->subject != NULL ? s->subject : "" },
		};

		notice_phrase(r->x, r->lang, r->l, "reminder-post", slots,
		    nitems(slots), &r->posts);
		vbuf_putc(&r->posts, '\n');
	}
	r->count++;
	spool_item_free(&s);
	return (0);
}

/* remind_one - one moderator's reminder about one list */
static int
remind_one(const char *addr, void *arg)
{
	struct reminder	*r = arg;
	struct vbuf	 err;
	char		 count[16], *lang;

	vbuf_reset(&r->posts);
	r->count = 0;
	lang = membership_lang(r->x->db, r->l->id, addr);
	r->lang = lang;
	(void)asked_waiting_for(r->x->db, r->l->id, addr, r->due, remind_line, r);
	if (r->count == 0) {
		free(lang);
		return (0);
	}
	(void)snprintf(count, sizeof(count), "%d", r->count);
	vbuf_init(&err, 1024);
	{
		struct tmpl_slot slots[] = {
			{ "list", r->l->name },
			{ "count", count },
			{ "posts", vbuf_str(&r->posts) },
		};
		struct notice n = {
			.tmpl = "held-reminder", .to = addr, .lang = lang,
			.list = r->l, .from_kind = AK_OWNER,
			.slots = slots, .nslots = nitems(slots),
		};

		if (notice_queue(r->x, &n, &err) == -1)
			log_warnx("cannot remind %s: %s", addr,
			    vbuf_str(&err));
	}
	free(lang);
	vbuf_release(&err);
	return (0);
}

/* remind - once a day, after [moderation] reminder_at, per list */
static int
remind(const struct asked_post *p, void *arg)
{
	struct tick	*tk = arg;
	struct ctx	*x = tk->x;
	struct reminder	 r;
	struct list	*l = NULL;
	struct tm	 tm;
	time_t		 now = clock_now(), due;
	int64_t		 last = 0, list_id = p->list_id;

	localtime_r(&now, &tm);
	tm.tm_hour = (int)(x->conf->reminder_at / 60);
	tm.tm_min = (int)(x->conf->reminder_at % 60);
	tm.tm_sec = 0;
	tm.tm_isdst = -1;
	due = mktime(&tm);
	if (now < due || job_last(x->db, "reminder", list_id, &last) != DB_OK ||
	    last >= due || list_load_id(x->db, list_id, &l) != DB_OK)
		return (0);
	memset(&r, 0, sizeof(r));
	r.x = x;
	r.l = l;
	/* A post held after this morning's reminder waits for tomorrow's. */
	r.due = due;
	vbuf_init(&r.posts, VBUF_NOMAX);
	if (db_begin(x->db) == DB_OK) {
		(void)asked_addrs(x->db, list_id, remind_one, &r);
		(void)job_mark(x->db, "reminder", list_id, now);
		if (db_commit(x->db) == DB_OK) {
			log_info("reminders sent for %s", l->name);
			tk->done++;
		}
	}
	vbuf_release(&r.posts);
	list_free(&l);
	return (0);
}

/* moderate_tick - see moderate.h */
int
moderate_tick(struct ctx *x)
{
	struct tick	tk = { x, 0 };

	(void)asked_waiting(x->db, escalate, &tk);
	(void)asked_waiting(x->db, remind, &tk);
	return (tk.done);
}

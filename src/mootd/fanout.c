/*
 * fanout.c - a post to its members; see fanout.h
 *
 * One pass walks the members in id order, a session of up to
 * max_transactions x max_recipients at a time.  Records are committed
 * with synchronous=NORMAL: a process crash loses none of them, and a
 * power cut can at worst make a few members get a post twice, never
 * miss it; the state changes around the pass stay FULL.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mail/addr.h"
#include "global/listaddr.h"
#include "global/verp.h"
#include "util/alloc.h"
#include "util/clock.h"
#include "global/conf.h"
#include "list/ctx.h"
#include "db/db.h"
#include "db/db_list.h"
#include "db/db_delivery.h"
#include "db/db_spool.h"
#include "mootd/fanout.h"
#include "util/killpoint.h"
#include "util/log.h"
#include "mail/mail.h"
#include "list/membership.h"
#include "list/notice.h"
#include "mootd/dispatch.h"
#include "mootd/rewrite.h"
#include "mootd/rewrite_from.h"
#include "mootd/send.h"
#include "global/tmpl.h"
#include "util/vbuf.h"
#include "util/vis.h"
#include "util/sys_defs.h"

#define FANOUT_PASSES	5	/* passes in one run while 452s come back */
#define FANOUT_BATCH_MAX 20000	/* members read at once (memory: D4) */

struct batch {
	struct vbuf	 addrs;		/* NUL-separated addresses */
	size_t		*offs;		/* owned; offsets into addrs */
	const char	**rcpts;	/* owned; pointers into addrs */
	size_t		 n, cap;
	/* One copy each: every member's own List-Unsubscribe field. */
	const struct conf *conf;
	const char	*list;		/* NULL: the same copy for all */
	struct vbuf	 fields;	/* NUL-separated, as offs */
	size_t		*foffs;		/* owned */
	const char	**personal;	/* owned; pointers into fields */
	/* One envelope sender each, L-bounces+TOKEN (verp.h), so that a
	 * bounce names the member whatever address it shows (threat B8). */
	int64_t		 list_id, spool_id, day;
	int		 verp_warned;	/* said once in the log */
	struct vbuf	 senders;	/* NUL-separated, as offs */
	size_t		*soffs;		/* owned */
	const char	**env_froms;	/* owned; pointers into senders */
};

struct pass {
	struct ctx	*x;
	int64_t		 spool_id;
	enum audience	 who;
	int64_t		 sent, failed, deferred;
	int		 too_many;	/* a 452: send the rest again now */
	int		 db_trouble;
	char		 last[200];	/* the last deferral's reply */
	char		 refused[200];	/* the last refusal's */
	struct delivery_rec *recs;	/* owned; a transaction's records */
	size_t		 recs_cap;
	/* db_data_version() as the fan-out began (-1: not known), and
	 * whether the post had no record then (unchanged(), below). */
	int64_t		 version;
	int		 fresh;
};

/*
 * one_click - the https: link of RFC 8058 that leaves at once with the
 * member's own leave token (the same one as the mailto's: one token, one
 * check, in leave.c), then the fold before the mailto; nothing without
 * [web] base_url or without a token.  The base URL, a list name and a
 * token need no percent-encoding (conf.c checks the first).
 */
static void
one_click(struct vbuf *out, const struct conf *c, const char *list,
    const char *token)
{
	if (*token == '\0' || c->web_base_url == NULL)
		return;
	vbuf_printf(out, "<%s/unsubscribe?l=%s&t=%s>,\r\n ", c->web_base_url,
	    list, token);
}

/*
 * batch_sender - member_id's own envelope sender into b->senders; the
 * plain L-bounces@ when no token can be made (no key), said in the log
 */
static void
batch_sender(struct batch *b, int64_t member_id)
{
	struct verp	v = { member_id, b->spool_id, b->day };
	char		tok[VERP_TOKEN_MAX + 1];
	enum verp_result r;

	b->soffs[b->n] = b->senders.len;
	if ((r = verp_token_make(b->list_id, &v, tok)) != VERP_OK) {
		/* once a post: past the ids' limits it is every copy */
		if (!b->verp_warned++)
			log_warnx("no VERP sender for member %lld and any "
			    "after it that has none: %s",
			    (long long)member_id, verp_result_why(r));
		tok[0] = '\0';
	}
	listaddr_format(&b->senders, b->conf, b->list, AK_BOUNCES,
	    tok[0] != '\0' ? tok : NULL);
	vbuf_cat(&b->senders, "", 1);
}

static void
batch_add(int64_t member_id, const char *addr, const char *token, void *arg)
{
	struct batch	*b = arg;

	if (b->n == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 256;
		b->offs = xreallocarray(b->offs, b->cap, sizeof(*b->offs));
		b->foffs = xreallocarray(b->foffs, b->cap, sizeof(*b->foffs));
		b->soffs = xreallocarray(b->soffs, b->cap, sizeof(*b->soffs));
	}
	b->foffs[b->n] = b->fields.len;
	if (b->list != NULL)
		batch_sender(b, member_id);
	b->offs[b->n++] = b->addrs.len;
	vbuf_cat(&b->addrs, addr, strlen(addr) + 1);
	if (b->list != NULL) {
		/* RFC 2369: mail to this address leaves at once (the token
		 * is the member's own); without one, it asks to confirm. */
		vbuf_puts(&b->fields, "List-Unsubscribe: ");
		one_click(&b->fields, b->conf, b->list, token);
		vbuf_puts(&b->fields, "<mailto:");
		listaddr_format(&b->fields, b->conf, b->list, AK_LEAVE,
		    *token != '\0' ? token : NULL);
		vbuf_puts(&b->fields, ">\r\n");
		if (*token != '\0' && b->conf->web_base_url != NULL)
			vbuf_puts(&b->fields, "List-Unsubscribe-Post: "
			    "List-Unsubscribe=One-Click\r\n");
		vbuf_cat(&b->fields, "", 1);	/* NUL-separated */
	}
}

/* batch_init - an empty batch for the members' copies of post s */
static void
batch_init(struct batch *b, struct ctx *x, const struct spool_item *s)
{
	memset(b, 0, sizeof(*b));
	vbuf_init(&b->addrs, VBUF_NOMAX);
	vbuf_init(&b->fields, VBUF_NOMAX);
	vbuf_init(&b->senders, VBUF_NOMAX);
	b->conf = x->conf;
	b->spool_id = s->id;
	b->day = verp_day(clock_now());
}

/* batch_release - what batch_init() and batch_add() allocated */
static void
batch_release(struct batch *b)
{
	vbuf_release(&b->addrs);
	vbuf_release(&b->fields);
	vbuf_release(&b->senders);
	free(b->offs);
	free(b->rcpts);
	free(b->foffs);
	free(b->personal);
	free(b->soffs);
	free(b->env_froms);
}

/* batch_ready - resolve offsets to pointers once the buffers are stable */
static void
batch_ready(struct batch *b)
{
	b->rcpts = xreallocarray(b->rcpts, b->cap ? b->cap : 1,
	    sizeof(*b->rcpts));
	b->personal = xreallocarray(b->personal, b->cap ? b->cap : 1,
	    sizeof(*b->personal));
	b->env_froms = xreallocarray(b->env_froms, b->cap ? b->cap : 1,
	    sizeof(*b->env_froms));
	for (size_t i = 0; i < b->n; i++) {
		b->rcpts[i] = b->addrs.data + b->offs[i];
		if (b->list != NULL) {
			b->personal[i] = b->fields.data + b->foffs[i];
			b->env_froms[i] = b->senders.data + b->soffs[i];
		}
	}
}

/* record - one transaction's results, in one transaction (threat A4) */
static int
record(void *arg, const struct send_result *r, size_t n)
{
	static const enum delivery_status status[] = {
		[SEND_SENT] = DELIVERY_SENT, [SEND_FAILED] = DELIVERY_FAILED,
		[SEND_DEFERRED] = DELIVERY_DEFERRED,
	};
	struct pass	*p = arg;
	struct db	*db = p->x->db;
	size_t		 i;

	if (n > p->recs_cap) {
		p->recs = xreallocarray(p->recs, n, sizeof(*p->recs));
		p->recs_cap = n;
	}
	for (i = 0; i < n; i++) {
		p->recs[i].addr = r[i].addr;
		p->recs[i].status = status[r[i].status];
		p->recs[i].code = r[i].code;
		p->recs[i].reply = r[i].reply;
	}
	killpoint_at("fanout-before-record");
	if (db_begin(db) != DB_OK)
		goto trouble;
	if (delivery_record(db, p->spool_id, p->recs, n) != DB_OK) {
		db_rollback(db);
		goto trouble;
	}
	if (db_commit(db) != DB_OK)
		goto trouble;
	for (i = 0; i < n; i++) {
		switch (r[i].status) {
		case SEND_SENT:
			p->sent++;
			break;
		case SEND_FAILED:
			p->failed++;
			log_info("to=<%s> refused: %s", r[i].addr, r[i].reply);
			(void)snprintf(p->refused, sizeof(p->refused), "%s",
			    r[i].reply);
			break;
		case SEND_DEFERRED:
			p->deferred++;
			if (r[i].code == 452)
				p->too_many = 1;
			(void)snprintf(p->last, sizeof(p->last), "%s",
			    r[i].reply);
			break;
		}
	}
	killpoint_at("fanout-after-record");
	return (0);
trouble:
	p->db_trouble = 1;
	return (-1);
}

/*
 * fanout_owner_copy - see fanout.h; the X-Loop is there so that an
 * owner who is also forwarding mail cannot loop it back.  The post goes
 * as it came but for Return-Path, which only the final delivery writes
 * (RFC 5321 4.4): the one field a relay would take as ours.
 */
int
fanout_owner_copy(struct ctx *x, const struct spool_item *s,
    const struct list *l, struct vbuf *out, struct vbuf *why)
{
	struct vbuf	raw, canon;
	struct mail	m;
	size_t		at = 0;
	int		rc = -1;

	vbuf_init(&raw, VBUF_NOMAX);
	vbuf_init(&canon, VBUF_NOMAX);
	memset(&m, 0, sizeof(m));
	vbuf_reset(out);
	if (spool_raw(x->db, s->message_id, &raw) != DB_OK)
		vbuf_puts(why, "cannot read the stored message");
	else if (mail_canon(&canon, raw.data, raw.len) == 0) {
		/* one that cannot be read goes whole, as before: the
		 * owners must have it (no field table, nothing left out) */
		if (mail_parse(&m, canon.data, canon.len, &x->conf->lim,
		    why) == -1) {
			mail_free(&m);
			vbuf_reset(why);
		}
		vbuf_printf(out, "X-Loop: %s-owner@%s\r\n", l->name,
		    x->conf->domain);
		for (size_t i = 0; i < m.nfields; i++) {
			if (!hdr_is(&m.fields[i], "Return-Path"))
				continue;
			vbuf_cat(out, canon.data + at, m.fields[i].off - at);
			at = m.fields[i].off + m.fields[i].len;
		}
		vbuf_cat(out, canon.data + at, canon.len - at);
		rc = vbuf_err(out) ? -1 : 0;
	}
	mail_free(&m);
	vbuf_release(&raw);
	vbuf_release(&canon);
	return (rc);
}

/* build - the members' copy of the post */
static int
build(struct ctx *x, const struct spool_item *s, const struct list *l,
    size_t *split, struct vbuf *out, struct vbuf *why)
{
	const struct conf	*c = x->conf;
	struct vbuf		 raw, canon, err;
	struct mail		 m;
	struct rewrite_in	 in;
	struct tmpl_out		 foot;
	char			 msgid[128];
	int			 rc = -1;

	vbuf_init(&raw, VBUF_NOMAX);
	vbuf_init(&canon, VBUF_NOMAX);
	vbuf_init(&err, 1024);
	tmpl_out_init(&foot);
	memset(&m, 0, sizeof(m));
	if (spool_raw(x->db, s->message_id, &raw) != DB_OK) {
		vbuf_puts(why, "cannot read the stored message");
		goto out;
	}
	if (mail_canon(&canon, raw.data, raw.len) == -1 ||
	    mail_parse(&m, canon.data, canon.len, &c->lim, why) == -1)
		goto out;

	if (l->footer_off)
		;	/* list set --no-footer: the body as it came */
	else if (rewrite_footer(c, l, &foot, &err) == -1) {
		log_warnx("footer left out: %s", vbuf_str(&err));
		vbuf_reset(&foot.body);
	}
	(void)snprintf(msgid, sizeof(msgid), "moot.%lld.%lld@%s",
	    (long long)s->id, (long long)s->received_at, c->domain);
	memset(&in, 0, sizeof(in));
	in.conf = c;
	in.list = l;
	in.mail = &m;
	in.footer = vbuf_str(&foot.body);
	in.msgid = msgid;
	in.sender = s->env_from;
	in.date = (time_t)s->received_at;
	in.unsubscribe_at = split;
	in.from_list = rewrite_from_wanted(c, l, &m);
	if (rewrite_post(&in, out, why) == -1)
		goto out;
	rc = 0;
out:
	mail_free(&m);
	vbuf_release(&raw);
	vbuf_release(&canon);
	vbuf_release(&err);
	tmpl_out_release(&foot);
	return (rc);
}

/* Why the post will never reach every member. */
enum undelivered {
	UNDELIVERED_GAVE_UP,	/* still deferred after [relay] give_up */
	UNDELIVERED_REFUSED,	/* refused for good for every member */
};

static const char *const undelivered_tmpl[] = {
	[UNDELIVERED_GAVE_UP] = "delivery-failed",
	[UNDELIVERED_REFUSED] = "delivery-refused",
};

/*
 * tell_owners - the post reached not every member, and never will: say
 * so, why being UNDELIVERED_GAVE_UP or UNDELIVERED_REFUSED (for all
 * nrefused members)
 */
static void
tell_owners(struct ctx *x, const struct spool_item *s, const struct list *l,
    enum undelivered why, const char *reason, int64_t nrefused)
{
	const char	*tmpl = undelivered_tmpl[why];
	struct vbuf	 owners, err, la, oa, after, from, subject;
	char		 count[32], post[32], refused[32];
	const char	*unit;
	int		 n = 0, given_up = why == UNDELIVERED_GAVE_UP;

	vbuf_init(&owners, VBUF_NOMAX);
	vbuf_init(&err, 1024);
	vbuf_init(&la, VBUF_NOMAX);
	vbuf_init(&oa, VBUF_NOMAX);
	/* Collected first: notices are queued outside the member query. */
	(void)membership_readers(x, l->id, "owner", &owners);
	listaddr_format(&la, x->conf, l->name, AK_POST, NULL);
	listaddr_format(&oa, x->conf, l->name, AK_OWNER, NULL);
	vbuf_init(&after, VBUF_NOMAX);
	/* The poster's words, bidi controls shown (threat F3). */
	vbuf_init(&from, VBUF_NOMAX);
	vbuf_init(&subject, VBUF_NOMAX);
	vis_bidi_append(&from, s->from_addr != NULL ? s->from_addr : "");
	vis_bidi_append(&subject, s->subject != NULL ? s->subject : "");
	if (x->conf->give_up >= 86400) {
		unit = "days";
		(void)snprintf(count, sizeof(count), "%lld",
		    (long long)(x->conf->give_up / 86400));
	} else {
		unit = "hours";
		(void)snprintf(count, sizeof(count), "%lld",
		    (long long)((x->conf->give_up + 3599) / 3600));
	}
	(void)snprintf(post, sizeof(post), "%lld", (long long)s->id);
	(void)snprintf(refused, sizeof(refused), "%lld", (long long)nrefused);
	for (const char *a = owners.data, *lang; a != NULL &&
	    a < owners.data + owners.len; a = lang + strlen(lang) + 1) {
		lang = a + strlen(a) + 1;
		struct tmpl_slot n_slot[] = { { "n", count } };

		/* "5 days" in the owner's own language */
		vbuf_reset(&after);
		if (given_up)
			notice_phrase(x, *lang != '\0' ? lang : NULL, l, unit,
			    n_slot, nitems(n_slot), &after);
		struct tmpl_slot slots[] = {
			{ "list", l->name },
			{ "list_address", vbuf_str(&la) },
			{ "owner_address", vbuf_str(&oa) },
			{ "subject", vbuf_str(&subject) },
			{ "from", vbuf_str(&from) },
			{ "reason", reason },
			{ "post_id", post },
			/* the one slot the two notices do not share */
			{ given_up ? "after" : "count",
			    given_up ? vbuf_str(&after) : refused },
		};
		struct notice nt = {
			.tmpl = tmpl, .to = a, .lang = lang,
			.list = l,
			.from_kind = AK_OWNER, .spool_id = s->id,
			.slots = slots, .nslots = nitems(slots),
		};

		vbuf_reset(&err);
		if (notice_queue(x, &nt, &err) == -1)
			log_warnx("cannot tell owner %s: %s", a,
			    vbuf_str(&err));
		n++;
	}
	if (n == 0)
		log_warnx("list %s has no owner to tell", l->name);
	vbuf_release(&owners);
	vbuf_release(&err);
	vbuf_release(&after);
	vbuf_release(&from);
	vbuf_release(&subject);
	vbuf_release(&la);
	vbuf_release(&oa);
}

/* defer_or_give_up - the pass left members to try later */
static enum fanout_result
defer_or_give_up(struct ctx *x, struct spool_item *s, const struct list *l,
    const char *why)
{
	const struct conf	*c = x->conf;
	time_t			 now = clock_now();
	char			 reason[300];

	if (s->first_defer_at > 0 && now - s->first_defer_at >= c->give_up) {
		(void)snprintf(reason, sizeof(reason), "gave up after %lld "
		    "days: %s", (long long)(c->give_up / 86400), why);
		log_warnx("%s", reason);
		if (db_begin(x->db) != DB_OK)
			return (FANOUT_DEFERRED);
		if (spool_set_state(x->db, s->id, SPOOL_FAILED, reason) != DB_OK) {
			db_rollback(x->db);
			return (FANOUT_DEFERRED);
		}
		tell_owners(x, s, l, UNDELIVERED_GAVE_UP, why, 0);
		if (db_commit(x->db) != DB_OK)
			return (FANOUT_DEFERRED);
		return (FANOUT_FAILED);
	}
	log_info("deferred: %s", why);
	(void)spool_defer(x->db, s->id, now, retry_at(c, s->defers + 1, now),
	    why);
	return (FANOUT_DEFERRED);
}

/*
 * refused_by_all - whether the relay refused every member's copy for
 * good (a post just under its size limit whose copies are over it, say):
 * then the post has reached nobody and never will, so it fails and the
 * owners are told, in one transaction.  1 if so, 0 if anyone got it,
 * -1 on database trouble.
 */
static int
refused_by_all(struct ctx *x, const struct spool_item *s,
    const struct list *l, const struct pass *p)
{
	int64_t	 sent = 0, failed = 0;
	char	 reason[300];
	const char *last = p->refused[0] != '\0' ? p->refused :
	    "(in an earlier try; see moot spool show)";

	/* A copy this run committed as sent answers it: no need to count
	 * the post's records, twice, for each of its members. */
	if (p->sent > 0)
		return (0);
	if (delivery_count(x->db, s->id, DELIVERY_SENT, &sent) != DB_OK ||
	    delivery_count(x->db, s->id, DELIVERY_FAILED, &failed) != DB_OK)
		return (-1);
	if (sent > 0 || failed == 0)
		return (0);
	(void)snprintf(reason, sizeof(reason), "refused for every member "
	    "(%lld): %s", (long long)failed, last);
	log_warnx("%s", reason);
	if (db_begin(x->db) != DB_OK)
		return (-1);
	if (spool_set_state(x->db, s->id, SPOOL_FAILED, reason) != DB_OK) {
		db_rollback(x->db);
		return (-1);
	}
	tell_owners(x, s, l, UNDELIVERED_REFUSED, last, failed);
	return (db_commit(x->db) == DB_OK ? 1 : -1);
}

/* all_final - every member has a final record: the post is sent, or
 * failed if it reached nobody */
static enum fanout_result
all_final(struct ctx *x, const struct spool_item *s, const struct list *l,
    const struct pass *p)
{
	int	rc = p->who == AUDIENCE_MEMBERS ? refused_by_all(x, s, l, p) : 0;

	if (rc != 0)
		return (rc == 1 ? FANOUT_FAILED : FANOUT_DEFERRED);
	if (spool_set_state(x->db, s->id, SPOOL_SENT, NULL) != DB_OK)
		return (FANOUT_DEFERRED);
	return (FANOUT_SENT);
}

/*
 * unchanged - whether no other process has written to the database
 * since the fan-out began: then only this fan-out's own records have
 * changed since (no member joined or started getting mail again, no
 * record was written by anyone else)
 */
static int
unchanged(struct ctx *x, const struct pass *p)
{
	int64_t	v;

	return (p->version >= 0 && db_data_version(x->db, &v) == DB_OK &&
	    v == p->version);
}

/*
 * pass_begin - what unchanged() and a first walk without looking up
 * records need to know; on trouble, neither is used
 */
static void
pass_begin(struct ctx *x, struct pass *p)
{
	int	any = 1;

	if (db_data_version(x->db, &p->version) != DB_OK)
		p->version = -1;
	p->fresh = delivery_any(x->db, p->spool_id, &any) == DB_OK && !any;
}

/*
 * pending - members who should get the post and have no final record.
 * A fan-out that deferred nobody leaves none, unless another process
 * wrote while it ran (a member behind the cursor who joined or started
 * getting mail): then, and after a deferral, every member is looked
 * up, as the count is a walk over all of them.
 */
static int
pending(struct ctx *x, const struct spool_item *s, const struct list *l,
    const struct pass *p, int64_t *n)
{
	if (p->deferred == 0 && unchanged(x, p)) {
		*n = 0;
		return (DB_OK);
	}
	return (delivery_pending(x->db, s->id, l->id, p->who, n));
}

/* one_pass - walk the members once; 0, or -1 if the relay or db failed */
static int
one_pass(struct ctx *x, struct spool_item *s, const struct list *l,
    const struct vbuf *msg, size_t split, int eightbit, struct pass *p,
    struct batch *b, struct vbuf *why)
{
	const struct conf	*c = x->conf;
	struct send_job		 job;
	struct vbuf		 env;
	int64_t			 cursor = 0, limit;
	size_t			 per_txn = (size_t)c->relay_max_rcpts;
	int			 rc;

	/* A session has at most max_transactions transactions, whichever
	 * the shape (with a copy each, that is as many members), and a
	 * batch gives each of the sessions at once one session's worth,
	 * up to FANOUT_BATCH_MAX members: the memory a batch holds. */
	if (b->list != NULL)
		per_txn = 1;		/* one copy each */
	limit = (int64_t)per_txn * c->relay_max_txns * c->relay_conns;
	if (limit > FANOUT_BATCH_MAX)
		limit = FANOUT_BATCH_MAX;
	vbuf_init(&env, VBUF_NOMAX);
	listaddr_format(&env, c, l->name, AK_BOUNCES, NULL);
	for (;;) {
		if (x->stop != NULL && *x->stop) {
			vbuf_puts(why, "stopped");
			rc = -1;
			break;
		}
		b->n = 0;
		vbuf_reset(&b->addrs);
		vbuf_reset(&b->fields);
		vbuf_reset(&b->senders);
		/* In the first walk of a post that had no record, a member
		 * past the cursor can have none: the walk makes them in
		 * id order, as long as nobody else writes. */
		rc = delivery_batch(x->db, s->id, l->id, p->who,
		    (b->list != NULL ? DELIVERY_TOKENS : 0) |
		    (p->fresh && unchanged(x, p) ? DELIVERY_FRESH : 0),
		    &cursor, limit, batch_add, b);
		if (rc == DB_NOTFOUND) {
			rc = 0;
			break;
		}
		if (rc != DB_OK || vbuf_err(&b->addrs) ||
		    vbuf_err(&b->senders)) {
			vbuf_puts(why, "database trouble reading members");
			rc = -1;
			break;
		}
		batch_ready(b);
		memset(&job, 0, sizeof(job));
		job.env_from = vbuf_str(&env);
		job.data = msg->data;
		job.len = msg->len;
		job.eightbit = eightbit;
		job.rcpts = b->rcpts;
		job.nrcpts = b->n;
		job.per_txn = per_txn;
		if (b->list != NULL) {
			job.personal = b->personal;
			job.split = split;
			job.env_froms = b->env_froms;
		}
		job.cb = record;
		job.arg = p;
		if (send_run(c, &job, why) > 0 || p->db_trouble) {
			if (p->db_trouble && why->len == 0)
				vbuf_puts(why, "database trouble recording");
			rc = -1;
			break;
		}
	}
	vbuf_release(&env);
	return (rc);
}

/* fanout_post - see fanout.h */
enum fanout_result
fanout_post(struct ctx *x, struct spool_item *s)
{
	struct list		*l = NULL;
	struct vbuf		 msg, why;
	struct batch		 b;
	struct pass		 p;
	enum fanout_result	 res = FANOUT_DEFERRED;
	int64_t			 deferred = 0;
	size_t			 split = 0;
	int			 eightbit = 0, passes, trouble = 0;

	vbuf_init(&msg, VBUF_NOMAX);
	vbuf_init(&why, 1024);
	batch_init(&b, x, s);
	memset(&p, 0, sizeof(p));
	if (s->list_id == 0 || list_load_id(x->db, s->list_id, &l) != DB_OK) {
		(void)spool_set_state(x->db, s->id, SPOOL_FAILED,
		    "the list no longer exists");
		res = FANOUT_FAILED;
		goto out;
	}
	if (s->state != SPOOL_DISTRIBUTING &&
	    spool_set_state(x->db, s->id, SPOOL_DISTRIBUTING, NULL) != DB_OK)
		goto out;
	p.who = s->kind == AK_OWNER ? AUDIENCE_OWNERS :
	    AUDIENCE_MEMBERS;
	if (p.who == AUDIENCE_MEMBERS && !l->bulk) {
		/* One copy each, with the member's own List-Unsubscribe. */
		b.list = l->name;
		b.list_id = l->id;
		if (membership_leave_tokens(x, l) != DB_OK)
			log_warnx("cannot make every member's leave token; "
			    "those without one get an address that asks to "
			    "confirm");
	}
	if ((p.who == AUDIENCE_OWNERS ? fanout_owner_copy(x, s, l, &msg, &why) :
	    build(x, s, l, b.list != NULL ? &split : NULL, &msg, &why)) == -1) {
		log_warnx("cannot build the members' copy: %s",
		    vbuf_str(&why));
		(void)spool_set_state(x->db, s->id, SPOOL_FAILED, vbuf_str(&why));
		res = FANOUT_FAILED;
		goto out;
	}
	for (size_t i = 0; i < msg.len && !eightbit; i++)
		if ((unsigned char)msg.data[i] >= 0x80)
			eightbit = 1;
	killpoint_at("fanout-start");
	p.x = x;
	p.spool_id = s->id;
	db_synchronous(x->db, DB_SYNC_NORMAL);
	pass_begin(x, &p);
	for (passes = 0; passes < FANOUT_PASSES; passes++) {
		p.too_many = 0;
		vbuf_reset(&why);
		if (one_pass(x, s, l, &msg, split, eightbit, &p, &b, &why) ==
		    -1) {
			trouble = 1;
			break;
		}
		p.fresh = 0;	/* the next walk meets this one's records */
		if (!p.too_many)
			break;
	}
	db_synchronous(x->db, DB_SYNC_FULL);
	if (!trouble && pending(x, s, l, &p, &deferred) != DB_OK) {
		trouble = 1;
		vbuf_puts(&why, "database trouble counting");
	}
	log_info("list=%s sent=%lld failed=%lld deferred=%lld%s%s", l->name,
	    (long long)p.sent, (long long)p.failed, (long long)deferred,
	    trouble ? " stopped: " : "", trouble ? vbuf_str(&why) : "");
	if (trouble && x->stop != NULL && *x->stop) {
		/* Stopped by a signal: not the relay's fault, so no back-off
		 * and no step towards giving up; the next start goes on. */
		goto out;
	}
	if (trouble || deferred > 0) {
		res = defer_or_give_up(x, s, l, trouble ? vbuf_str(&why) :
		    p.last);
		goto out;
	}
	res = all_final(x, s, l, &p);
out:
	list_free(&l);
	vbuf_release(&msg);
	vbuf_release(&why);
	batch_release(&b);
	free(p.recs);
	return (res);
}

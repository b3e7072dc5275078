/*
 * route.c - a spooled message's first look; see route.h
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cal/cal_agenda.h"
#include "cal/cal_notes.h"
#include "cal/cal_reply.h"
#include "gov/gov_report_mail.h"

#include "gov/gov_ballot.h"
#include "gov/gov_mail.h"
#include "mail/addr.h"
#include "mail/hdr_encode.h"
#include "util/alloc.h"
#include "util/clock.h"
#include "list/commands_by_mail.h"
#include "global/conf.h"
#include "gov/gov_review.h"
#include "list/bounce_score.h"
#include "list/confirm.h"
#include "list/ctx.h"
#include "db/db.h"
#include "db/db_list.h"
#include "db/db_outbox.h"
#include "db/db_spool.h"
#include "util/killpoint.h"
#include "util/log.h"
#include "mail/mail.h"
#include "list/hold.h"
#include "list/membership.h"
#include "list/moderator_reply.h"
#include "list/notice.h"
#include "list/policy.h"
#include "list/poster.h"
#include "global/listaddr.h"
#include "global/tmpl.h"
#include "mootd/fanout.h"
#include "mootd/route.h"
#include "util/vbuf.h"
#include "util/sys_defs.h"

/* finish - set the row's state, logging why; the attempt has finished */
static void
finish(struct ctx *x, const struct spool_item *s, enum spool_state state,
    const char *reason)
{
	const char	*kind = listaddr_kind_name(s->kind);
	const char	*word = spool_state_name(state);

	if (reason != NULL)
		log_info("%s %s: %s", kind, word, reason);
	else
		log_info("%s %s", kind, word);
	if (spool_set_state(x->db, s->id, state, reason) != DB_OK)
		log_warnx("cannot record state %s; the message stays spooled",
		    word);
}

/* is_member - the From address, or without one the envelope sender,
 * is a member of l */
static int
is_member(struct ctx *x, const struct list *l, const char *from,
    const char *env_from)
{
	struct member	*mem = NULL;
	char		*canon = NULL;
	int		 yes;

	if (from == NULL && env_from != NULL && addr_check(env_from,
	    NULL) == 0)
		from = canon = addr_canon_new(env_from);
	yes = from != NULL && member_load(x->db, l->id, from, &mem) ==
	    DB_OK;
	member_free(&mem);
	free(canon);
	return (yes);
}

/*
 * route_unreadable - a message mail_parse() refused for why.  A
 * member's post waits for a moderator with the reason, so that someone
 * hears of it; anything else ends failed with it.
 */
static void
route_unreadable(struct ctx *x, struct spool_item *s, const struct mail *m,
    const char *why)
{
	struct list	*l = NULL;
	struct verdict	 v;
	int		 rc;

	if (s->kind != AK_POST || s->list_id == 0) {
		finish(x, s, SPOOL_FAILED, why);
		return;
	}
	if ((rc = list_load_id(x->db, s->list_id, &l)) != DB_OK) {
		if (rc == DB_NOTFOUND)
			finish(x, s, SPOOL_FAILED, why);
		return;			/* else stays spooled */
	}
	if (!is_member(x, l, m->from_addr, s->env_from))
		finish(x, s, SPOOL_FAILED, why);
	else {
		memset(&v, 0, sizeof(v));
		v.kind = VERDICT_HOLD;
		v.reason = REASON_UNREADABLE;
		v.detail = why;
		hold_post(x, s, &v);
	}
	list_free(&l);
}

/* route_post - a post to a list: the rules, then the state */
static void
route_post(struct ctx *x, struct spool_item *s, const struct mail *m)
{
	const struct conf	*c = x->conf;
	struct list		*l = NULL;
	struct post_facts	 pf;
	struct verdict		 v;
	struct vbuf		 why;
	int64_t			 dup;
	char			 reason[64];
	time_t			 now = clock_now();
	int			 rc;

	if (s->list_id == 0 || (rc = list_load_id(x->db, s->list_id, &l)) ==
	    DB_NOTFOUND) {
		finish(x, s, SPOOL_FAILED, "the list no longer exists");
		return;
	}
	if (rc != DB_OK)
		return;			/* stays spooled; tried again */
	if (c->dedupe_window > 0 &&
	    spool_find_duplicate(x->db, s, now - c->dedupe_window, &dup) ==
	    DB_OK) {
		(void)snprintf(reason, sizeof(reason), "duplicate of %lld",
		    (long long)dup);
		finish(x, s, SPOOL_DISCARDED, reason);
		list_free(&l);
		return;
	}
	memset(&pf, 0, sizeof(pf));
	pf.env_from = s->env_from;
	pf.size = s->size;
	pf.now = now;
	pf.auth_results = s->auth_results;
	/* Membership is the From: address's here; the milter's RCPT rule
	 * (milter/rcpt_rules.c) can only read the envelope sender.  The
	 * comment there says where the two differ. */
	pf.is_member = is_member(x, l, m->from_addr, s->env_from);
	policy_post(c, l, m, &pf, &v);
	vbuf_init(&why, VBUF_NOMAX);
	policy_reason_words(&v, &why);
	switch (v.kind) {
	case VERDICT_ACCEPT:
		finish(x, s, SPOOL_APPROVED, NULL);
		break;
	case VERDICT_HOLD:
		hold_post(x, s, &v);
		break;
	case VERDICT_DISCARD:
		finish(x, s, SPOOL_DISCARDED, vbuf_str(&why));
		break;
	case VERDICT_REJECT:
		finish(x, s, SPOOL_FAILED, vbuf_str(&why));
		if (v.tell_poster && !v.automated)
			poster_tell(x, s, l, "post-rejected", vbuf_str(&why));
		break;
	}
	vbuf_release(&why);
	list_free(&l);
}

/*
 * to_admin - mail to L-owner of a list without owners, queued for
 * [moot] admin as the owners would have had it, and s done; on database
 * trouble s stays spooled
 */
static void
to_admin(struct ctx *x, struct spool_item *s, const struct list *l)
{
	const char	*admin = x->conf->admin;
	struct vbuf	 msg, why, env;
	char		 done[ADDR_MAX + 64];

	vbuf_init(&msg, VBUF_NOMAX);
	vbuf_init(&why, 1024);
	vbuf_init(&env, VBUF_NOMAX);
	listaddr_format(&env, x->conf, l->name, AK_BOUNCES, NULL);
	(void)snprintf(done, sizeof(done), "no owner: forwarded to [moot] "
	    "admin <%s>", admin);
	if (fanout_owner_copy(x, s, l, &msg, &why) == -1)
		finish(x, s, SPOOL_FAILED, vbuf_str(&why));
	else if (db_begin(x->db) != DB_OK)
		;			/* stays spooled; tried again */
	else if (outbox_add(x->db, s->id, l->id, "owner-forward",
	    vbuf_str(&env), admin, msg.data, msg.len) != DB_OK ||
	    spool_set_state(x->db, s->id, SPOOL_DONE, done) != DB_OK ||
	    db_commit(x->db) != DB_OK) {
		db_rollback(x->db);
		log_warnx("cannot queue the forward to [moot] admin; the "
		    "message stays spooled");
	} else
		log_info("%s done: %s", listaddr_kind_name(s->kind), done);
	vbuf_release(&msg);
	vbuf_release(&why);
	vbuf_release(&env);
}

/*
 * by_file - mail to L-owner with a line longer than mail may carry (RFC
 * 5322: 998 octets), which a strict relay would refuse if it were
 * forwarded as it came: its readers (the owners, or [moot] admin) each
 * get a notice with it attached as a file, and s is done.  1 if it was
 * such mail (s stays spooled on database trouble), 0 if it may go as it
 * came or has no reader (owner_or_admin() says so).
 */
static int
by_file(struct ctx *x, struct spool_item *s, const struct list *l)
{
	struct vbuf		 raw, readers, err;
	struct list_addrs	 la;
	int			 n = 0, rc = 1, failed = 0;

	vbuf_init(&raw, VBUF_NOMAX);
	if (spool_raw(x->db, s->message_id, &raw) != DB_OK ||
	    hdr_encode_longest(raw.data, raw.len) <= HDR_LINE_MAX) {
		vbuf_release(&raw);
		return (0);
	}
	vbuf_init(&readers, VBUF_NOMAX);
	vbuf_init(&err, 1024);
	notice_list_addrs(x->conf, l->name, &la);
	if (membership_readers(x, l->id, "owner", &readers) == 0)
		rc = 0;
	else if (db_begin(x->db) != DB_OK)
		;			/* stays spooled; tried again */
	else {
		for (const char *a = readers.data, *lang; a < readers.data +
		    readers.len; a = lang + strlen(lang) + 1) {
			lang = a + strlen(a) + 1;
			struct tmpl_slot slots[] = {
				{ "list", l->name },
				{ "owner_address", vbuf_str(&la.owner) },
				{ "from", s->from_addr != NULL ? s->from_addr :
				    s->env_from },
				{ "subject", s->subject },
			};
			struct notice nt = {
				.tmpl = "owner-forward-file", .to = a,
				.lang = *lang != '\0' ? lang : NULL,
				.list = l, .from_kind = AK_OWNER,
				.spool_id = s->id, .slots = slots,
				.nslots = nitems(slots), .attach = raw.data,
				.attach_len = raw.len,
			};

			vbuf_reset(&err);
			if ((failed = notice_queue(x, &nt, &err) == -1))
				break;
			n++;
		}
		if (failed || spool_set_state(x->db,
		    s->id, SPOOL_DONE, "to the owners as a file: a line is "
		    "longer than 998 octets") != DB_OK ||
		    db_commit(x->db) != DB_OK) {
			db_rollback(x->db);
			log_warnx("cannot queue the owners' notices (%s); the "
			    "message stays spooled", vbuf_str(&err));
		} else
			log_info("owner done: %d notice%s with the message as "
			    "a file (a line over 998 octets)", n,
			    n == 1 ? "" : "s");
	}
	notice_list_addrs_release(&la);
	vbuf_release(&err);
	vbuf_release(&readers);
	vbuf_release(&raw);
	return (rc);
}

/*
 * owner_or_admin - mail to L-owner goes to the owners; where the list
 * has none, to [moot] admin; with neither, it fails, said in the log
 * (and moot check names the list beforehand)
 */
static void
owner_or_admin(struct ctx *x, struct spool_item *s)
{
	struct list	*l = NULL;
	int64_t		 n = 0;
	char		 why[256];

	if (list_load_id(x->db, s->list_id, &l) != DB_OK ||
	    member_count_role(x->db, l->id, "owner", &n) != DB_OK) {
		list_free(&l);
		return;			/* stays spooled; tried again */
	}
	if (by_file(x, s, l))
		;			/* done, or stays spooled */
	else if (n > 0)
		finish(x, s, SPOOL_APPROVED, NULL);
	else if (x->conf->admin != NULL)
		to_admin(x, s, l);
	else {
		(void)snprintf(why, sizeof(why), "list %s has no owner and "
		    "[moot] admin is not set: nobody reads it", l->name);
		log_warnx("mail from <%s> to %s-owner: %s", s->env_from !=
		    NULL ? s->env_from : "", l->name, why);
		finish(x, s, SPOOL_FAILED, why);
	}
	list_free(&l);
}

/*
 * route_owner - mail to L-owner goes to the owners as it came, unless
 * it is our own forward coming back
 */
static void
route_owner(struct ctx *x, struct spool_item *s, const struct mail *m)
{
	const struct hdr_field	*f;
	struct vbuf		 v, mine;
	int			 loop = 0;

	vbuf_init(&v, VBUF_NOMAX);
	vbuf_init(&mine, VBUF_NOMAX);
	vbuf_printf(&mine, "%s-owner@%s", s->list_name, x->conf->domain);
	for (size_t i = 0; (f = mail_field(m, "X-Loop", i)) != NULL; i++)
		if (hdr_unfold(f, &v) == 0 &&
		    strcasecmp(vbuf_str(&v), vbuf_str(&mine)) == 0)
			loop = 1;
	if (s->list_id == 0)
		finish(x, s, SPOOL_FAILED, "the list no longer exists");
	else if (loop)
		finish(x, s, SPOOL_FAILED, "loop: our own forward to the owners");
	else
		owner_or_admin(x, s);
	vbuf_release(&v);
	vbuf_release(&mine);
}

/*
 * What mootd does with mail to each kind of list address.  A kind with
 * no handler is one this version does not take; the milter and moot
 * inject refuse it at the door, so a row here is only a safety net.
 */
typedef void	(*route_handler)(struct ctx *, struct spool_item *,
		    const struct mail *);
static const route_handler handlers[AK_COUNT] = {
	[AK_POST] = route_post,
	[AK_OWNER] = route_owner,
	[AK_MODERATE] = moderator_reply,
	[AK_REQUEST] = commands_by_mail_request,
	[AK_JOIN] = commands_by_mail_join,
	[AK_LEAVE] = commands_by_mail_leave,
	[AK_CONFIRM] = confirm_reply,
	[AK_MEETING] = cal_reply,
	[AK_AGENDA] = cal_agenda,
	[AK_NOTES] = cal_notes,
	[AK_REPORT] = gov_report_mail,
	[AK_REVIEW] = gov_review_reply,
	[AK_VOTE] = gov_ballot_reply,
	[AK_DECIDE] = gov_mail_decide,
	[AK_BOUNCES] = bounce_score_mail,
};

/*
 * Attempts that ended without a crash but could not be uncounted (the
 * database failed again): uncounted at the row's next visit, before it
 * is worked on, so that only a crash counts (threat A6).  A restart
 * forgets them; each then costs one count, as a crash would.
 */
#define OWED_MAX	32
static int64_t	owed[OWED_MAX];
static size_t	nowed;

/*
 * The attempt counts and the headers are committed without a sync of
 * their own (db_synchronous()): threat A6 is about crashes of mootd,
 * which an unsynced commit survives, and headers lost in a power cut are
 * read again from the stored message when it is routed again.  The
 * route's next state change, synced, takes them to the disk with it;
 * before the first copy of a post goes out, two syncs fewer.
 */
static int
unsynced(struct ctx *x, int (*write)(struct db *, int64_t), int64_t id)
{
	int	rc;

	db_synchronous(x->db, DB_SYNC_NORMAL);
	rc = write(x->db, id);
	db_synchronous(x->db, DB_SYNC_FULL);
	return (rc);
}

static void
note_headers(struct ctx *x, const struct spool_item *s,
    const struct mail *m)
{
	db_synchronous(x->db, DB_SYNC_NORMAL);
	(void)spool_set_headers(x->db, s->id, m->msgid, m->from_addr,
	    m->subject);
	db_synchronous(x->db, DB_SYNC_FULL);
}

/* end_attempt - the attempt on s ended without a crash */
static void
end_attempt(struct ctx *x, const struct spool_item *s)
{
	if (unsynced(x, spool_end_attempt, s->id) == DB_OK)
		return;
	if (nowed < OWED_MAX)
		owed[nowed++] = s->id;
	else
		log_warnx("cannot uncount this attempt; it counts as a crash");
}

/* settle_owed - uncount an earlier attempt on s; -1 if still owed */
static int
settle_owed(struct ctx *x, struct spool_item *s)
{
	for (size_t i = 0; i < nowed; i++) {
		if (owed[i] != s->id)
			continue;
		if (unsynced(x, spool_end_attempt, s->id) != DB_OK)
			return (-1);
		owed[i] = owed[--nowed];
		if (s->unfinished > 0)
			s->unfinished--;
		break;
	}
	return (0);
}

/* route_spooled - see route.h */
void
route_spooled(struct ctx *x, struct spool_item *s)
{
	const struct conf	*c = x->conf;
	struct vbuf		 raw, canon, why;
	struct mail		 m;
	char			 reason[128];

	if (settle_owed(x, s) == -1)
		return;			/* the database is still in trouble */
	if (s->unfinished >= c->max_unfinished) {
		(void)snprintf(reason, sizeof(reason), "crashed processor "
		    "(%lld unfinished attempts)", (long long)s->unfinished);
		finish(x, s, SPOOL_FAILED, reason);
		return;
	}
	/* Counted before the work, so a crash in it is counted too. */
	if (unsynced(x, spool_begin_attempt, s->id) != DB_OK)
		return;
	vbuf_init(&raw, VBUF_NOMAX);
	vbuf_init(&canon, VBUF_NOMAX);
	vbuf_init(&why, 1024);
	memset(&m, 0, sizeof(m));
	killpoint_at("parse");
	if (spool_raw(x->db, s->message_id, &raw) != DB_OK)
		goto out;
	if (mail_canon(&canon, raw.data, raw.len) == -1) {
		finish(x, s, SPOOL_FAILED, "cannot convert line ends");
		goto out;
	}
	if (mail_parse(&m, canon.data, canon.len, &c->lim, &why) == -1) {
		/* What could be read before the fault, for whoever is
		 * asked about it. */
		note_headers(x, s, &m);
		route_unreadable(x, s, &m, vbuf_str(&why));
		goto out;
	}
	note_headers(x, s, &m);
	free(s->msgid);
	free(s->from_addr);
	free(s->subject);
	s->msgid = m.msgid != NULL ? xstrdup(m.msgid) : NULL;
	s->from_addr = m.from_addr != NULL ? xstrdup(m.from_addr) : NULL;
	s->subject = m.subject != NULL ? xstrdup(m.subject) : NULL;
	log_info("from=<%s> msgid=<%s> kind=%s list=%s",
	    m.from_addr != NULL ? m.from_addr : "",
	    m.msgid != NULL ? m.msgid : "", listaddr_kind_name(s->kind),
	    s->list_name);

	if ((unsigned)s->kind < AK_COUNT && handlers[s->kind] != NULL)
		handlers[s->kind](x, s, &m);
	else
		finish(x, s, SPOOL_FAILED, "mail to this address is not handled "
		    "by this version of moot");
out:
	/* Still spooled: database trouble, not a crash (those never get
	 * here), so it must not bring the row closer to "failed". */
	end_attempt(x, s);
	mail_free(&m);
	vbuf_release(&raw);
	vbuf_release(&canon);
	vbuf_release(&why);
}

/*
 * answer.c - what the modules that answer membership mail share; see
 * answer.h
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "mail/addr.h"
#include "util/alloc.h"
#include "list/answer.h"
#include "util/clock.h"
#include "global/conf.h"
#include "list/ctx.h"
#include "db/db.h"
#include "db/db_list.h"
#include "db/db_outbox.h"
#include "db/db_request.h"
#include "db/db_audit.h"
#include "db/db_spool.h"
#include "util/log.h"
#include "mail/mail.h"
#include "list/membership.h"
#include "list/notice.h"
#include "global/tmpl.h"
#include "util/vbuf.h"
#include "util/sys_defs.h"

#define DAY		86400

/* The daily caps: what counts towards each, and the conf's limits. */
#define NO_LIMIT	((size_t)-1)
static const struct cap {
	const char	*purposes;	/* outbox purposes that count */
	size_t		 per_day;	/* offset of the limit in struct conf:
					 * to one mailbox, and what one
					 * mailbox may ask for others */
	size_t		 per_domain;	/* of the one to a domain, or
					 * NO_LIMIT */
	const char	*what;		/* for the log: "no <what> to ..." */
	const char	*counted;	/* "... <n> <counted> today" */
} caps[] = {
	[ANSWER_REPLIES] = {		/* threat D3 */
		"request-reply,confirm-subscribe,confirm-unsubscribe,"
		"confirm-set,agenda-ack,agenda-not-member,agenda-no-meeting",
		offsetof(struct conf, replies_per_day),
		NO_LIMIT, "reply", "answers",
	},
	[ANSWER_CONFIRMATIONS] = {	/* threat B7 */
		"confirm-subscribe,confirm-unsubscribe,confirm-set",
		offsetof(struct conf, confirmations_per_day),
		offsetof(struct conf, confirmations_per_domain),
		"confirmation", "sent",
	},
	[ANSWER_UNCLEAR] = {		/* threat D3: a moderator's */
		"reply-unclear", offsetof(struct conf, replies_per_day),
		NO_LIMIT, "answer to an unclear reply", "answers",
	},
};

/* answer_finish - see answer.h */
void
answer_finish(struct ctx *x, const struct spool_item *s, const char *why)
{
	log_info("%s: %s", listaddr_kind_name(s->kind), why);
	if (spool_set_state(x->db, s->id, SPOOL_DONE, why) != DB_OK)
		log_warnx("cannot record the outcome; the message stays "
		    "spooled");
}

/* answer_list_load - see answer.h */
int
answer_list_load(struct ctx *x, const struct spool_item *s, struct list **l)
{
	*l = NULL;
	if (s->list_id == 0) {
		answer_finish(x, s, "the list no longer exists");
		return (-1);
	}
	if (list_load_id(x->db, s->list_id, l) != DB_OK) {
		list_free(l);
		return (-1);		/* stays spooled */
	}
	return (0);
}

/* answer_automated - see answer.h */
int
answer_automated(struct ctx *x, const struct spool_item *s,
    const struct mail *m)
{
	if (mail_automated(m, s->env_from) == MAIL_BY_PERSON &&
	    !mail_via_list(m))
		return (0);
	answer_finish(x, s, "automated mail: not answered");
	return (1);
}

/* answer_send - see answer.h */
int
answer_send(struct ctx *x, const struct list *l, const char *tmpl,
    const char *to, const char *lang, enum listaddr_kind from,
    const char *token, const struct tmpl_slot *slots, size_t nslots,
    const char *in_reply_to)
{
	struct vbuf	err;
	struct notice	n = {
		.tmpl = tmpl, .to = to, .lang = lang, .list = l,
		.from_kind = from, .from_token = token, .slots = slots,
		.nslots = nslots, .reply = in_reply_to != NULL,
		.in_reply_to = in_reply_to,
	};
	int		rc;

	vbuf_init(&err, 1024);
	if ((rc = notice_queue(x, &n, &err)) == -1)
		log_warnx("cannot queue %s to %s: %s", tmpl, to,
		    vbuf_str(&err));
	vbuf_release(&err);
	return (rc);
}

/* answer_tell - see answer.h */
int
answer_tell(struct ctx *x, const struct list *l, const char *tmpl,
    const char *addr, const char *lang, const char *extra_name,
    const char *extra)
{
	struct list_addrs	a;
	int			rc;

	notice_list_addrs(x->conf, l->name, &a);
	{
		struct tmpl_slot slots[] = {
			{ "list", l->name },
			{ "address", addr },
			{ "request_address", vbuf_str(&a.request) },
			{ "join_address", vbuf_str(&a.join) },
			{ "owner_address", vbuf_str(&a.owner) },
			{ extra_name != NULL ? extra_name : "reason", extra },
		};
		size_t	n = nitems(slots) - (extra_name == NULL);

		rc = answer_send(x, l, tmpl, addr, lang, AK_OWNER, NULL,
		    slots, n, NULL);
	}
	notice_list_addrs_release(&a);
	return (rc);
}

/* answer_request_lang - see answer.h */
char *
answer_request_lang(struct ctx *x, const struct list *l,
    const struct request *r)
{
	char	*lang = membership_lang(x->db, l->id, r->addr);

	if (lang == NULL && r->language != NULL)
		lang = xstrdup(r->language);
	return (lang);
}

/* answer_join - see answer.h */
int
answer_join(struct ctx *x, const struct list *l, const struct request *r,
    const char *lang)
{
	struct list_addrs	 a;
	struct member		 m;
	struct vbuf		 mode;
	int			 rc;

	memset(&m, 0, sizeof(m));
	m.addr = r->addr;
	m.mode = r->mode;
	m.language = r->language;
	if ((rc = membership_add(x, l, &m)) != DB_OK)
		return (rc == DB_CONFLICT ? 0 : -1);
	if (audit_add(x->db, l->id, 0, r->addr, "join", r->addr) != DB_OK)
		return (-1);
	log_info("%s joined %s", r->addr, l->name);
	notice_list_addrs(x->conf, l->name, &a);
	vbuf_init(&mode, VBUF_NOMAX);
	answer_mode_phrase(x, lang, l, r->mode, &mode);
	{
		struct tmpl_slot slots[] = {
			{ "list", l->name },
			{ "address", r->addr },
			{ "list_address", vbuf_str(&a.post) },
			{ "request_address", vbuf_str(&a.request) },
			{ "leave_address", vbuf_str(&a.leave) },
			{ "owner_address", vbuf_str(&a.owner) },
			{ "description", l->description },
			{ "mode", vbuf_str(&mode) },
		};

		rc = answer_send(x, l, "welcome", r->addr, lang, AK_OWNER,
		    NULL, slots, nitems(slots), NULL);
	}
	notice_list_addrs_release(&a);
	vbuf_release(&mode);
	return (rc);
}

/* answer_mode_phrase - see answer.h */
void
answer_mode_phrase(struct ctx *x, const char *lang, const struct list *l,
    const char *mode, struct vbuf *out)
{
	char	key[32];

	(void)snprintf(key, sizeof(key), "mode-%s", mode != NULL &&
	    member_mode_ok(mode) ? mode : "mail");
	notice_phrase(x, lang, l, key, NULL, 0, out);
}

/* answer_date - see answer.h */
void
answer_date(int64_t t, char *buf, size_t size)
{
	clock_iso((time_t)t, buf, size);
	if (size > 10)
		buf[10] = '\0';
}

/* limit - the conf's limit at offset off */
static int64_t
limit(const struct ctx *x, size_t off)
{
	return (*(const int64_t *)(const void *)((const char *)x->conf + off));
}

/* answer_capped - see answer.h */
int
answer_capped(struct ctx *x, enum answer_cap which, const char *addr,
    const char *asked_by)
{
	const struct cap	*c = &caps[which];
	struct addr_mailbox	 mb, by;
	int64_t			 since = clock_now() - DAY, n = 0;

	/* Sub-addresses reach one mailbox: they share its cap (B7). */
	if (addr_mailbox(addr, x->conf->delimiter, &mb) == -1) {
		log_info("no %s to %s: not an address moot can use",
		    c->what, addr);
		return (ANSWER_CAPPED);
	}
	if (outbox_count_since(x->db, c->purposes, &mb, since, &n) != DB_OK)
		return (-1);
	if (n >= limit(x, c->per_day)) {
		log_info("no %s to %s: %lld %s to its mailbox today",
		    c->what, addr, (long long)n, c->counted);
		return (ANSWER_CAPPED);
	}
	if (c->per_domain != NO_LIMIT) {
		if (outbox_count_domain(x->db, c->purposes, &mb, since,
		    &n) != DB_OK)
			return (-1);
		if (n >= limit(x, c->per_domain)) {
			log_info("no %s to %s: %lld %s to its domain today",
			    c->what, addr, (long long)n, c->counted);
			return (ANSWER_CAPPED);
		}
	}
	/* What one sender may make moot write to others. */
	if (asked_by == NULL || strcmp(asked_by, addr) == 0)
		return (0);
	if (addr_mailbox(asked_by, x->conf->delimiter, &by) == -1) {
		log_info("no %s to %s: asked by %s, not an address moot "
		    "can use", c->what, addr, asked_by);
		return (ANSWER_CAPPED_ASKER);
	}
	if (request_count_asked(x->db, &by, since, &n) != DB_OK)
		return (-1);
	if (n < limit(x, c->per_day))
		return (0);
	log_info("no %s to %s: %s asked for %lld others today", c->what,
	    addr, asked_by, (long long)n);
	return (ANSWER_CAPPED_ASKER);
}

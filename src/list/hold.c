/*
 * hold.c - holding a post and asking moderators; see hold.h
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/alloc.h"
#include "util/clock.h"
#include "global/conf.h"
#include "list/ctx.h"
#include "db/db.h"
#include "db/db_asked.h"
#include "db/db_list.h"
#include "db/db_rota.h"
#include "db/db_spool.h"
#include "db/db_token.h"
#include "global/listaddr.h"
#include "util/log.h"
#include "mail/mail.h"
#include "mail/mime_parts.h"
#include "mail/text_part.h"
#include "list/hold.h"
#include "list/hold_end.h"
#include "list/membership.h"
#include "list/notice.h"
#include "list/policy.h"
#include "list/poster.h"
#include "global/tmpl.h"
#include "global/token.h"
#include "util/vbuf.h"
#include "util/vis.h"
#include "util/sys_defs.h"

#define INLINE_TEXT_MAX	(8 * 1024)	/* of a held post, in the request */
#define SHOWN_ATT_MAX	50	/* attachments listed; then "..." */
#define SHOWN_LINKS_MAX	50	/* links listed; then "..." */

/* addrs_has - whether a is in s */
static int
addrs_has(const struct hold_addrs *s, const char *a)
{
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->v[i], a) == 0)
			return (1);
	return (0);
}

/* addrs_add - a joins s, unless it is there already */
static void
addrs_add(struct hold_addrs *s, const char *a)
{
	if (addrs_has(s, a))
		return;
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 8;
		s->v = xreallocarray(s->v, s->cap, sizeof(*s->v));
	}
	s->v[s->n++] = xstrdup(a);
}

/* addrs_free - s is empty again */
static void
addrs_free(struct hold_addrs *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
	memset(s, 0, sizeof(*s));
}

/* collect_asked - asked_each()'s callback */
static int
collect_asked(const char *addr, int level, void *arg)
{
	(void)level;
	addrs_add(arg, addr);
	return (0);
}

/* collect_person - member_each_role()'s callback */
static int
collect_person(const struct member *m, void *arg)
{
	addrs_add(arg, m->addr);
	return (0);
}

/* hold_release - see hold.h */
void
hold_release(struct hold *h)
{
	spool_item_free(&h->post);
	list_free(&h->list);
	vbuf_release(&h->raw);
	vbuf_release(&h->text);
	free(h->from_name);
	mime_parts_release(&h->parts);
	addrs_free(&h->asked);
	memset(h, 0, sizeof(*h));
}

/* text_of - the readable text of the message in h, cut to fit, its
 * attachments and links, and the sender's name */
static void
text_of(struct ctx *x, struct hold *h)
{
	struct vbuf	canon, why;
	struct mail	m;

	memset(&m, 0, sizeof(m));	/* freed even if never parsed */
	vbuf_init(&canon, VBUF_NOMAX);
	vbuf_init(&why, 256);
	if (mail_canon(&canon, h->raw.data, h->raw.len) == 0 &&
	    mail_parse(&m, canon.data, canon.len, &x->conf->lim, &why) == 0) {
		(void)text_part_show(&m, INLINE_TEXT_MAX, &h->text);
		(void)mime_parts_read(&m, &h->parts);
		if (m.from_name != NULL)
			h->from_name = xstrdup(m.from_name);
	}
	mail_free(&m);
	if (h->text.len == INLINE_TEXT_MAX)
		vbuf_puts(&h->text, "\n[...]");
	vbuf_release(&canon);
	vbuf_release(&why);
}

/* hold_load - see hold.h */
int
hold_load(struct ctx *x, int64_t id, struct hold *h)
{
	int	rc;

	memset(h, 0, sizeof(*h));
	vbuf_init(&h->raw, VBUF_NOMAX);
	vbuf_init(&h->text, VBUF_NOMAX);
	if ((rc = spool_load(x->db, id, &h->post)) != DB_OK ||
	    (rc = list_load_id(x->db, h->post->list_id, &h->list)) != DB_OK ||
	    (rc = spool_raw(x->db, h->post->message_id, &h->raw)) != DB_OK ||
	    (rc = asked_each(x->db, id, collect_asked, &h->asked)) != DB_OK) {
		hold_release(h);
		return (rc);
	}
	text_of(x, h);
	clock_iso((time_t)h->post->received_at, h->date, sizeof(h->date));
	return (DB_OK);
}

/* hold_was_asked - see hold.h */
int
hold_was_asked(const struct hold *h, const char *addr)
{
	return (addrs_has(&h->asked, addr));
}

/* shown_from - the sender as a reader's program shows them, "Name"
 * <addr>, so a name that claims to be someone else is seen beside the
 * address it came from */
static void
shown_from(const struct hold *h, struct vbuf *out)
{
	const char	*addr = h->post->from_addr != NULL ?
			    h->post->from_addr : h->post->env_from;
	struct vbuf	 raw;

	vbuf_init(&raw, VBUF_NOMAX);
	if (h->from_name != NULL && *h->from_name != '\0') {
		vbuf_putc(&raw, '"');
		for (const char *p = h->from_name; *p != '\0'; p++) {
			if (*p == '"' || *p == '\\')
				vbuf_putc(&raw, '\\');
			vbuf_putc(&raw, *p);
		}
		vbuf_printf(&raw, "\" <%s>", addr != NULL ? addr : "");
	} else
		vbuf_puts(&raw, addr != NULL ? addr : "");
	vis_bidi_append(out, vbuf_str(&raw));
	vbuf_release(&raw);
}

/* shown_attachments - a blank line, a heading and a line for each
 * attachment, for {attachments}; nothing if there are none */
static void
shown_attachments(struct ctx *x, const struct hold *h, const char *lang,
    struct vbuf *out)
{
	const struct mime_parts	*p = &h->parts;
	struct vbuf		 name, size;

	if (p->natt == 0)
		return;
	vbuf_init(&name, VBUF_NOMAX);
	vbuf_init(&size, VBUF_NOMAX);
	vbuf_putc(out, '\n');
	notice_phrase(x, lang, h->list, "held-attachments", NULL, 0, out);
	vbuf_putc(out, '\n');
	for (size_t i = 0; i < p->natt && i < SHOWN_ATT_MAX; i++) {
		vbuf_reset(&name);
		vbuf_reset(&size);
		if (*p->att[i].name != '\0')
			vis_bidi_append(&name, p->att[i].name);
		else
			notice_phrase(x, lang, h->list, "held-no-name", NULL,
			    0, &name);
		notice_size(x, lang, h->list, (int64_t)p->att[i].size, &size);
		{
			struct tmpl_slot slots[] = {
				{ "name", vbuf_str(&name) },
				{ "type", p->att[i].type },
				{ "size", vbuf_str(&size) },
			};

			vbuf_puts(out, "  ");
			notice_phrase(x, lang, h->list, "held-attachment",
			    slots, nitems(slots), out);
			vbuf_putc(out, '\n');
		}
	}
	if (p->natt > SHOWN_ATT_MAX)
		vbuf_puts(out, "  ...\n");
	vbuf_release(&name);
	vbuf_release(&size);
}

/* shown_links - a blank line, a heading and each link of the post's
 * HTML, its target beside its text when they differ, for {links} */
static void
shown_links(struct ctx *x, const struct hold *h, const char *lang,
    struct vbuf *out)
{
	const struct mime_parts	*p = &h->parts;
	struct vbuf		 text, target;

	if (p->nlinks == 0)
		return;
	vbuf_init(&text, VBUF_NOMAX);
	vbuf_init(&target, VBUF_NOMAX);
	vbuf_putc(out, '\n');
	notice_phrase(x, lang, h->list, "held-links", NULL, 0, out);
	vbuf_putc(out, '\n');
	for (size_t i = 0; i < p->nlinks && i < SHOWN_LINKS_MAX; i++) {
		const struct mime_link *l = &p->links[i];

		vbuf_reset(&text);
		vbuf_reset(&target);
		vis_bidi_append(&text, l->text);
		vis_bidi_append(&target, l->target);
		{
			struct tmpl_slot slots[] = {
				{ "text", vbuf_str(&text) },
				{ "target", vbuf_str(&target) },
			};

			vbuf_puts(out, "  ");
			notice_phrase(x, lang, h->list, mime_link_differs(l) ?
			    "held-link" : "held-link-bare", slots,
			    nitems(slots), out);
			vbuf_putc(out, '\n');
		}
	}
	if (p->nlinks > SHOWN_LINKS_MAX || p->more_links > 0)
		vbuf_puts(out, "  ...\n");
	vbuf_release(&text);
	vbuf_release(&target);
}

/* shown_attached - whether the message is attached, for {attached}: a
 * larger one than [moderation] attach_max would fill mailboxes and be
 * refused by the moderators' relays; *attach says whether to */
static void
shown_attached(struct ctx *x, const struct hold *h, const char *lang,
    int *attach, struct vbuf *out)
{
	struct vbuf	size, max;

	*attach = (int64_t)h->raw.len <= x->conf->attach_max;
	if (*attach) {
		notice_phrase(x, lang, h->list, "held-attached", NULL, 0, out);
		return;
	}
	vbuf_init(&size, VBUF_NOMAX);
	vbuf_init(&max, VBUF_NOMAX);
	notice_size(x, lang, h->list, (int64_t)h->raw.len, &size);
	notice_size(x, lang, h->list, x->conf->attach_max, &max);
	{
		struct tmpl_slot slots[] = {
			{ "size", vbuf_str(&size) },
			{ "max", vbuf_str(&max) },
		};

		notice_phrase(x, lang, h->list, "held-not-attached", slots,
		    nitems(slots), out);
	}
	vbuf_release(&size);
	vbuf_release(&max);
}

/* request - the held-notify request to addr, with token tok */
static int
request(struct ctx *x, const struct hold *h, const char *addr,
    const char *lang, const char *tok, int level)
{
	char		 id[32], name[64];
	struct vbuf	 la, err, note, why, from, subject, atts, links, att;
	int		 rc, attach;

	vbuf_init(&la, VBUF_NOMAX);
	vbuf_init(&err, 1024);
	vbuf_init(&note, VBUF_NOMAX);
	vbuf_init(&why, VBUF_NOMAX);
	vbuf_init(&from, VBUF_NOMAX);
	vbuf_init(&subject, VBUF_NOMAX);
	vbuf_init(&atts, VBUF_NOMAX);
	vbuf_init(&links, VBUF_NOMAX);
	vbuf_init(&att, VBUF_NOMAX);
	listaddr_format(&la, x->conf, h->list->name, AK_POST, NULL);
	(void)snprintf(id, sizeof(id), "%lld", (long long)h->post->id);
	(void)snprintf(name, sizeof(name), "%s moderation", h->list->name);
	if (level == 1 || level == 2) {
		vbuf_puts(&note, "\n\n");
		notice_phrase(x, lang, h->list, level == 1 ? "held-next" :
		    "held-all", NULL, 0, &note);
	}
	notice_reason(x, lang, h->list, h->post->reason, &why);
	shown_from(h, &from);
	vis_bidi_append(&subject, h->post->subject);
	shown_attachments(x, h, lang, &atts);
	shown_links(x, h, lang, &links);
	shown_attached(x, h, lang, &attach, &att);
	{
		struct tmpl_slot slots[] = {
			{ "list", h->list->name },
			{ "list_address", vbuf_str(&la) },
			{ "from", vbuf_str(&from) },
			{ "subject", vbuf_str(&subject) },
			{ "reason", vbuf_str(&why) },
			{ "date", h->date },
			{ "text", vbuf_str(&h->text) },
			{ "post_id", id },
			{ "note", vbuf_str(&note) },
			{ "attachments", vbuf_str(&atts) },
			{ "links", vbuf_str(&links) },
			{ "attached", vbuf_str(&att) },
		};
		struct notice n = {
			.tmpl = "held-notify", .to = addr, .lang = lang,
			.list = h->list, .from_kind = AK_MODERATE,
			.from_token = tok, .from_name = name,
			.spool_id = h->post->id,
			.slots = slots, .nslots = nitems(slots),
			.attach = attach ? h->raw.data : NULL,
			.attach_len = attach ? h->raw.len : 0,
		};

		if ((rc = notice_queue(x, &n, &err)) == -1)
			log_warnx("cannot ask %s: %s", addr, vbuf_str(&err));
	}
	vbuf_release(&la);
	vbuf_release(&err);
	vbuf_release(&note);
	vbuf_release(&why);
	vbuf_release(&from);
	vbuf_release(&subject);
	vbuf_release(&atts);
	vbuf_release(&links);
	vbuf_release(&att);
	return (rc);
}

/* hold_ask - see hold.h */
int
hold_ask(struct ctx *x, struct hold *h, const char *addr, int level)
{
	char	 tok[TOKEN_CHARS + 1];
	char	*lang;
	int	 rc;

	if (token_issue(x->db, "moderate", h->list->id, h->post->id, addr,
	    hold_end_ttl(x, h->post, h->list, clock_now()), tok) != DB_OK)
		return (-1);
	lang = membership_lang(x->db, h->list->id, addr);
	/* Recorded as asked only once the request is queued: a post that
	 * nobody was really asked about is escalate.c's to ask again. */
	rc = request(x, h, addr, lang, tok, level);
	if (rc == 0 && asked_add(x->db, h->post->id, addr, level,
	    clock_now()) != DB_OK)
		rc = -1;
	if (rc == 0) {
		log_info("asked %s (level %d, token %.*s...)", addr, level,
		    TOKEN_LOG_CHARS, tok);
		addrs_add(&h->asked, addr);
	}
	free(lang);
	return (rc);
}

/* hold_roles - see hold.h */
const char *
hold_roles(const struct spool_item *s)
{
	/* A meeting's notes are the group's organisers' to pass, not the
	 * moderators' (issue 13: the notes-taker may be a moderator). */
	return (s != NULL && s->kind == AK_NOTES ? "organiser,owner" :
	    "moderator,owner");
}

/* hold_ask_all - see hold.h */
int
hold_ask_all(struct ctx *x, struct hold *h, int level)
{
	struct hold_addrs	all;
	const char		*admin;
	int			n = 0;

	/* Collected first: asking writes while the query would be open. */
	memset(&all, 0, sizeof(all));
	(void)member_each_role(x->db, h->list->id, hold_roles(h->post),
	    collect_person, &all);
	if (all.n == 0 && (admin = membership_stand_in(x, h->list->id,
	    hold_roles(h->post))) != NULL)
		addrs_add(&all, admin);
	for (size_t i = 0; i < all.n; i++)
		if (!hold_was_asked(h, all.v[i]) &&
		    hold_ask(x, h, all.v[i], level) == 0)
			n++;
	addrs_free(&all);
	return (n);
}

/* hold_ask_first - see hold.h */
int
hold_ask_first(struct ctx *x, struct hold *h)
{
	struct rota_set	rs;
	long		on;
	int		asked;

	/* Notes go to every organiser at once: the rota is moderators'. */
	memset(&rs, 0, sizeof(rs));
	if (h->post->kind != AK_NOTES && rota_set_load(x->db, h->list->id,
	    (int)h->list->turn_days, &rs) == DB_OK &&
	    (on = rota_on_duty(&rs.r, clock_now())) >= 0)
		asked = hold_ask(x, h, rs.addrs[on], 0) == 0;
	else
		/* No rota, or everyone in it away: every moderator. */
		asked = hold_ask_all(x, h, 0) > 0;
	rota_set_free(&rs);
	return (asked);
}

/* hold_post - see hold.h */
void
hold_post(struct ctx *x, const struct spool_item *s, const struct verdict *v)
{
	struct hold	h;
	struct vbuf	reason;

	vbuf_init(&reason, VBUF_NOMAX);
	policy_reason_words(v, &reason);
	if (db_begin(x->db) != DB_OK)
		goto out;		/* still spooled: tried again */
	if (spool_set_state(x->db, s->id, SPOOL_HELD, vbuf_str(&reason)) !=
	    DB_OK || hold_load(x, s->id, &h) != DB_OK) {
		db_rollback(x->db);
		goto out;
	}
	if (!hold_ask_first(x, &h))
		log_warnx("held, but nobody asked yet: %s has no moderators "
		    "or owners and [moot] admin is not set, or asking "
		    "failed; asked again later",
		    h.list->name);
	if (h.list->notify_held && !v->automated)
		poster_tell(x, h.post, h.list, "held-waiting", NULL);
	/* With the subject, as Mailman's vette log has it: what the
	 * administrator will look for (log.c escapes it). */
	if (db_commit(x->db) == DB_OK)
		log_info("post %lld held: %s; subject: %s", (long long)s->id,
		    vbuf_str(&reason), s->subject != NULL ? s->subject : "");
	hold_release(&h);
out:
	vbuf_release(&reason);
}

/*
 * cal_agenda.c - agendas, papers and board seats; see cal_agenda.h
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cal/cal_agenda.h"
#include "cal/cal_invite.h"
#include "cal/cal_time.h"
#include "db/db.h"
#include "db/db_agenda.h"
#include "db/db_list.h"
#include "db/db_meeting.h"
#include "db/db_spool.h"
#include "global/conf.h"
#include "global/listaddr.h"
#include "global/tmpl.h"
#include "list/answer.h"
#include "list/ctx.h"
#include "list/notice.h"
#include "mail/hdr_encode.h"
#include "mail/mail.h"
#include "mail/mime_parts.h"
#include "mail/text_part.h"
#include "util/alloc.h"
#include "util/clock.h"
#include "util/killpoint.h"
#include "util/log.h"
#include "util/vbuf.h"
#include "util/sys_defs.h"

#define TEXT_MAX	(64 * 1024)	/* of a body read for its first line */

/* Papers' media types by extension: what calendar-minded members open. */
static const struct {
	const char	*ext;
	const char	*type;
} ctypes[] = {
	{ "pdf", "application/pdf" },
	{ "txt", "text/plain" },
	{ "odt", "application/vnd.oasis.opendocument.text" },
	{ "ods", "application/vnd.oasis.opendocument.spreadsheet" },
	{ "doc", "application/msword" },
	{ "docx", "application/vnd.openxmlformats-officedocument."
	    "wordprocessingml.document" },
	{ "xlsx", "application/vnd.openxmlformats-officedocument."
	    "spreadsheetml.sheet" },
	{ "csv", "text/csv" },
	{ "png", "image/png" },
	{ "jpg", "image/jpeg" },
};

/* cal_agenda_ctype - see cal_agenda.h */
const char *
cal_agenda_ctype(const char *name)
{
	const char	*dot = strrchr(name, '.');

	for (size_t i = 0; dot != NULL && i < nitems(ctypes); i++)
		if (strcasecmp(dot + 1, ctypes[i].ext) == 0)
			return (ctypes[i].type);
	return ("application/octet-stream");
}

/* next_meeting - the first of grp's meetings that has not begun and is
 * not cancelled, into *out; DB_NOTFOUND if none */
static int
next_meeting(struct ctx *x, const char *grp, int64_t now,
    struct meeting **out)
{
	struct meeting	**v = NULL;
	size_t		  n = 0;
	int		  rc = DB_NOTFOUND;

	*out = NULL;
	if (meeting_list(x->db, grp, &v, &n) != DB_OK)
		return (DB_ERR);
	for (size_t i = 0; i < n; i++)
		if (v[i]->state == MEETING_SCHEDULED && v[i]->start_at > now) {
			*out = v[i];
			v[i] = NULL;
			rc = DB_OK;
			break;
		}
	meeting_list_free(&v, n);
	return (rc);
}

/* item_words - what the item says: the subject, else the first line of
 * the text, cut at CAL_ITEM_MAX bytes (not inside a character), one
 * line without controls (the agenda lists an item a line) */
static void
item_words(const struct mail *m, struct vbuf *out)
{
	struct vbuf	 t, line;
	const char	*p;
	size_t		 n;

	vbuf_init(&t, TEXT_MAX);
	if (m->subject != NULL && m->subject[strspn(m->subject, " \t")] !=
	    '\0')
		vbuf_puts(&t, m->subject + strspn(m->subject, " \t"));
	else if (text_part_get(m, TEXT_MAX, &t) != TEXT_PART_NONE) {
		p = vbuf_str(&t);
		p += strspn(p, " \t\r\n");
		n = strcspn(p, "\r\n");
		memmove(t.data, p, n);
		vbuf_truncate(&t, n);
	} else
		vbuf_reset(&t);
	n = t.len;
	if (n > CAL_ITEM_MAX) {
		n = CAL_ITEM_MAX;
		while (n > 0 && ((unsigned char)t.data[n] & 0xc0) == 0x80)
			n--;
	}
	vbuf_truncate(&t, n);
	vbuf_init(&line, VBUF_NOMAX);
	hdr_encode_clean(&line, vbuf_str(&t));
	vbuf_cat(out, line.data, line.len);
	vbuf_release(&line);
	vbuf_release(&t);
}

/* sender_name - the sender's display name without controls (in
 * clean), or their address when they give none */
static const char *
sender_name(const struct mail *m, struct vbuf *clean)
{
	hdr_encode_clean(clean, m->from_name != NULL ? m->from_name : "");
	return (clean->len > 0 ? vbuf_str(clean) : m->from_addr);
}

/* keep_papers - an organiser's attachments, as papers of meeting mt;
 * how many, or -1 on trouble */
static int
keep_papers(struct ctx *x, const struct mail *m, int64_t mt, int late)
{
	struct mime_parts	 p;
	struct agenda_paper	 ap;
	int			 n = 0;

	if (mime_parts_read_data(m, &p) == -1) {
		mime_parts_release(&p);
		return (0);
	}
	for (size_t i = 0; i < p.natt && n >= 0; i++) {
		if (p.att[i].data == NULL || p.att[i].size > CAL_PAPER_MAX) {
			log_info("agenda: paper \"%s\" not kept: %s",
			    p.att[i].name, p.att[i].data == NULL ?
			    "not a file moot can read" : "too large");
			continue;
		}
		memset(&ap, 0, sizeof(ap));
		ap.filename = *p.att[i].name != '\0' ? p.att[i].name : "paper";
		ap.ctype = p.att[i].type;
		ap.data = p.att[i].data;
		ap.len = p.att[i].size;
		ap.added_by = m->from_addr;
		ap.late = late;
		if (agenda_paper_add(x->db, mt, &ap, clock_now()) != DB_OK)
			n = -1;
		else
			n++;
	}
	mime_parts_release(&p);
	return (n);
}

/* refuse - tell the sender tmpl (not a member, no meeting), unless
 * capped; s done with, for why */
static void
refuse(struct ctx *x, struct spool_item *s, const struct mail *m,
    const struct list *l, const char *tmpl, const char *why)
{
	struct list_addrs	a;
	int			capped;

	if ((capped = answer_capped(x, ANSWER_REPLIES, m->from_addr,
	    NULL)) == -1)
		return;			/* stays spooled: tried again */
	notice_list_addrs(x->conf, l->name, &a);
	if (db_begin(x->db) != DB_OK) {
		notice_list_addrs_release(&a);
		return;
	}
	if (capped == 0) {
		struct tmpl_slot slots[] = {
			{ "list", l->name }, { "address", m->from_addr },
			{ "join_address", vbuf_str(&a.join) },
			{ "owner_address", vbuf_str(&a.owner) },
		};

		(void)answer_send(x, l, tmpl, m->from_addr, NULL, AK_OWNER,
		    NULL, slots, nitems(slots), m->msgid);
	}
	answer_finish(x, s, why);
	if (db_commit(x->db) != DB_OK)
		log_warnx("cannot commit the agenda answer");
	notice_list_addrs_release(&a);
}

/* cal_agenda - see cal_agenda.h */
void
cal_agenda(struct ctx *x, struct spool_item *s, const struct mail *m)
{
	struct list	*l = NULL;
	struct member	*mem = NULL;
	struct meeting	*mt = NULL;
	struct vbuf	 words, done, clean_name;
	const char	*name;
	int64_t		 now = clock_now();
	int		 late = 0, capped, papers = 0, rc;

	vbuf_init(&words, VBUF_NOMAX);
	vbuf_init(&done, 512);
	vbuf_init(&clean_name, VBUF_NOMAX);
	if (answer_list_load(x, s, &l) == -1)
		goto out;
	if (answer_automated(x, s, m))
		goto out;		/* C2: no item, no answer */
	if (m->from_addr == NULL) {
		answer_finish(x, s, "agenda item refused: no From: address");
		goto out;
	}
	if ((rc = member_load(x->db, l->id, m->from_addr, &mem)) ==
	    DB_NOTFOUND) {
		refuse(x, s, m, l, "agenda-not-member",
		    "agenda item refused: not a member");
		goto out;
	} else if (rc != DB_OK)
		goto out;		/* stays spooled */
	if ((rc = next_meeting(x, l->name, now, &mt)) == DB_NOTFOUND) {
		refuse(x, s, m, l, "agenda-no-meeting",
		    "agenda item refused: no meeting to add it to");
		goto out;
	} else if (rc != DB_OK)
		goto out;
	/* D3: a member who floods the agenda has had their day's answers;
	 * what comes after is neither kept nor answered. */
	if ((capped = answer_capped(x, ANSWER_REPLIES, m->from_addr,
	    NULL)) == -1)
		goto out;
	if (capped) {
		if (db_begin(x->db) == DB_OK) {
			answer_finish(x, s, "agenda item dropped: the "
			    "sender's replies for the day are used up");
			(void)db_commit(x->db);
		}
		goto out;
	}
	if (agenda_sent_has(x->db, mt->id, &late) != DB_OK)
		goto out;
	item_words(m, &words);
	name = sender_name(m, &clean_name);
	if (db_begin(x->db) != DB_OK)
		goto out;
	if (cal_organiser(mem->role) &&
	    (papers = keep_papers(x, m, mt->id, late)) == -1)
		goto fail;
	if (words.len == 0 && papers > 0)
		;		/* papers alone: no item */
	else if (agenda_item_add(x->db, mt->id, m->from_addr, name,
	    words.len > 0 ? vbuf_str(&words) : "-", late, now) != DB_OK)
		goto fail;
	{
		struct vbuf	lt;
		char		np[24];

		vbuf_init(&lt, 1024);
		if (late)
			notice_phrase(x, mem->language, l, "agenda-late", NULL,
			    0, &lt);
		(void)snprintf(np, sizeof(np), "%d", papers);
		struct tmpl_slot slots[] = {
			{ "list", l->name }, { "start", mt->start_local },
			{ "item", vbuf_str(&words) }, { "late", vbuf_str(&lt) },
			{ "papers", np },
		};

		rc = answer_send(x, l, "agenda-ack", m->from_addr,
		    mem->language, AK_OWNER, NULL, slots, nitems(slots),
		    m->msgid);
		vbuf_release(&lt);
		if (rc == -1)
			goto fail;
	}
	vbuf_printf(&done, "agenda item for meeting %lld%s, %d paper(s)",
	    (long long)mt->id, late ? " (late)" : "", papers);
	answer_finish(x, s, vbuf_str(&done));
	if (db_commit(x->db) != DB_OK)
		log_warnx("cannot commit the agenda item");
	goto out;
fail:
	db_rollback(x->db);
	log_warnx("agenda item for meeting %lld not kept; tried again later",
	    (long long)mt->id);
out:
	vbuf_release(&words);
	vbuf_release(&done);
	vbuf_release(&clean_name);
	meeting_free(&mt);
	member_free(&mem);
	list_free(&l);
}

/* What one agenda is made of. */
struct agenda {
	struct vbuf		 items;		/* "1. words (name)" lines */
	struct vbuf		 names;		/* the papers' names */
	struct notice_file	*files;
	size_t			 nfiles;
	struct vbuf		 keep;		/* the papers' bytes */
	int			 n;
};

/* add_item - an item's line, in the order received */
static int
add_item(const struct agenda_item *it, void *arg)
{
	struct agenda	*a = arg;

	vbuf_printf(&a->items, "%d. %s (%s)\n", ++a->n, it->text, it->name);
	return (0);
}

/* add_paper - a paper, not late, to go with the agenda; its bytes and
 * names are copied, the rows being borrowed for the call */
static int
add_paper(const struct agenda_paper *p, void *arg)
{
	struct agenda		*a = arg;
	struct notice_file	*f;

	if (p->late)
		return (0);
	a->files = xreallocarray(a->files, a->nfiles + 1, sizeof(*a->files));
	f = &a->files[a->nfiles++];
	f->name = xstrdup(p->filename);
	f->type = xstrdup(p->ctype);
	f->data = xmalloc(p->len + 1);
	memcpy((void *)(uintptr_t)f->data, p->data, p->len);
	f->len = p->len;
	vbuf_printf(&a->names, "- %s\n", p->filename);
	return (0);
}

/* agenda_release - what agenda_load() kept */
static void
agenda_release(struct agenda *a)
{
	for (size_t i = 0; i < a->nfiles; i++) {
		free((void *)(uintptr_t)a->files[i].name);
		free((void *)(uintptr_t)a->files[i].type);
		free((void *)(uintptr_t)a->files[i].data);
	}
	free(a->files);
	vbuf_release(&a->items);
	vbuf_release(&a->names);
}

/* Each member, copied, to write to after the query. */
struct members {
	struct member	**v;
	size_t		  n, cap;
};

/* collect - keep a copy of each member */
static int
collect(const struct member *mem, void *arg)
{
	struct members	*ms = arg;

	if (ms->n == ms->cap) {
		ms->cap = ms->cap ? ms->cap * 2 : 16;
		ms->v = xreallocarray(ms->v, ms->cap, sizeof(*ms->v));
	}
	ms->v[ms->n] = xcalloc(1, sizeof(struct member));
	ms->v[ms->n]->addr = xstrdup(mem->addr);
	ms->v[ms->n]->language = mem->language != NULL ?
	    xstrdup(mem->language) : NULL;
	ms->n++;
	return (0);
}

/* send_one - the agenda of mt to one member; 0 or -1 */
static int
send_one(struct ctx *x, const struct list *l, const struct meeting *mt,
    struct agenda *a, const struct member *mem, int64_t now)
{
	struct vbuf	 items, err;
	char		 days[24], np[24];
	int		 rc;

	vbuf_init(&items, VBUF_NOMAX);
	vbuf_init(&err, 1024);
	if (a->n > 0)
		vbuf_cat(&items, a->items.data, a->items.len);
	else
		notice_phrase(x, mem->language, l, "agenda-empty", NULL, 0,
		    &items);
	(void)snprintf(days, sizeof(days), "%lld",
	    (long long)((mt->start_at - now) / 86400));
	(void)snprintf(np, sizeof(np), "%zu", a->nfiles);
	{
		struct tmpl_slot slots[] = {
			{ "list", l->name }, { "start", mt->start_local },
			{ "zone", mt->zone }, { "location", mt->location },
			{ "days", days }, { "items", vbuf_str(&items) },
			{ "papers", vbuf_str(&a->names) },
			{ "count", np },
		};
		struct notice n;

		memset(&n, 0, sizeof(n));
		n.tmpl = "agenda";
		n.to = mem->addr;
		n.lang = mem->language;
		n.list = l;
		n.from_kind = AK_OWNER;
		n.slots = slots;
		n.nslots = nitems(slots);
		n.files = a->files;
		n.nfiles = a->nfiles;
		if ((rc = notice_queue(x, &n, &err)) == -1)
			log_warnx("agenda of meeting %lld: to %s: %s",
			    (long long)mt->id, mem->addr, vbuf_str(&err));
	}
	vbuf_release(&items);
	vbuf_release(&err);
	return (rc);
}

/* send_agenda - mt's agenda to every member of l, and kept as sent, in
 * one transaction; 1 if it went */
static int
send_agenda(struct ctx *x, const struct list *l, const struct meeting *mt,
    int64_t now)
{
	struct agenda	 a;
	struct members	 ms;
	int		 rc = 0;

	memset(&a, 0, sizeof(a));
	memset(&ms, 0, sizeof(ms));
	vbuf_init(&a.items, VBUF_NOMAX);
	vbuf_init(&a.names, VBUF_NOMAX);
	if (db_begin(x->db) != DB_OK) {
		agenda_release(&a);
		return (0);
	}
	if (agenda_item_each(x->db, mt->id, add_item, &a) != DB_OK ||
	    agenda_paper_each(x->db, mt->id, add_paper, &a) != DB_OK ||
	    member_each(x->db, l->id, collect, &ms) != DB_OK)
		rc = -1;
	for (size_t i = 0; i < ms.n; i++) {
		if (rc == 0 && send_one(x, l, mt, &a, ms.v[i], now) == -1)
			rc = -1;
		killpoint_at("agenda-queued");
		member_free(&ms.v[i]);
	}
	free(ms.v);
	if (rc == 0 && agenda_sent_add(x->db, mt->id, now) != DB_OK)
		rc = -1;
	if (rc == -1) {
		db_rollback(x->db);
		log_warnx("agenda of meeting %lld of %s: nothing sent; tried "
		    "again later", (long long)mt->id, l->name);
	} else if (db_commit(x->db) != DB_OK)
		log_warnx("agenda of meeting %lld: cannot commit",
		    (long long)mt->id);
	else {
		killpoint_at("agenda-committed");
		log_info("agenda of meeting %lld of %s: %d item(s), %zu "
		    "paper(s) sent to %zu member(s)", (long long)mt->id,
		    l->name, a.n, a.nfiles, ms.n);
		rc = 1;
	}
	agenda_release(&a);
	return (rc == 1);
}

/* cal_agenda_tick - see cal_agenda.h */
int
cal_agenda_tick(struct ctx *x)
{
	struct meeting	**v = NULL;
	struct list	 *l = NULL;
	size_t		  n = 0;
	int64_t		  now = clock_now();
	int		  done = 0, sent;

	if (meeting_list(x->db, NULL, &v, &n) != DB_OK)
		return (0);
	for (size_t i = 0; i < n && (x->stop == NULL || !*x->stop); i++) {
		/* Only meetings that have not begun: one missed while
		 * mootd was down goes once, while it is still to come. */
		if (v[i]->start_at <= now || v[i]->state != MEETING_SCHEDULED)
			continue;
		if (list_load(x->db, v[i]->grp, &l) != DB_OK)
			continue;	/* an outside body: nobody to tell */
		if (v[i]->start_at - (l->agenda_days > 0 ? l->agenda_days :
		    LIST_DEFAULT_AGENDA_DAYS) * 86400 <= now &&
		    agenda_sent_has(x->db, v[i]->id, &sent) == DB_OK && !sent)
			done += send_agenda(x, l, v[i], now);
		list_free(&l);
	}
	meeting_list_free(&v, n);
	return (done);
}

/* join_seat - "a, b" */
static int
join_seat(const char *addr, void *arg)
{
	struct vbuf	*out = arg;

	if (out->len > 0)
		vbuf_puts(out, ", ");
	vbuf_puts(out, addr);
	return (0);
}

/* cal_seats - see cal_agenda.h */
void
cal_seats(struct ctx *x, const struct meeting *m, struct vbuf *out)
{
	struct meeting	*up = NULL;
	int64_t		 id = m->id, next = m->source_id;

	for (int depth = 0; depth <= CAL_SEAT_DEPTH; depth++) {
		if (seat_each(x->db, id, join_seat, out) != DB_OK ||
		    out->len > 0 || next <= 0)
			return;
		if (meeting_load(x->db, next, &up) != DB_OK)
			return;
		id = up->id;
		next = up->source_id;
		meeting_free(&up);
	}
}

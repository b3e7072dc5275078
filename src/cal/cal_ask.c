/*
 * cal_ask.c - asking who attended a meeting, by reply; see cal_ask.h
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cal/cal_ask.h"
#include "cal/cal_invite.h"
#include "db/db.h"
#include "db/db_invite.h"
#include "db/db_list.h"
#include "db/db_meeting.h"
#include "db/db_spool.h"
#include "db/db_token.h"
#include "global/conf.h"
#include "global/decide.h"
#include "global/listaddr.h"
#include "global/tmpl.h"
#include "list/answer.h"
#include "list/ctx.h"
#include "list/membership.h"
#include "list/mod_reply.h"
#include "list/notice.h"
#include "list/unclear.h"
#include "mail/addr.h"
#include "mail/mail.h"
#include "mail/reply_lines.h"
#include "mail/text_part.h"
#include "util/alloc.h"
#include "util/clock.h"
#include "util/log.h"
#include "util/vbuf.h"
#include "util/sys_defs.h"

#define DAY	86400

/* The answer to a reply that does not clearly name members. */
static const struct unclear_form attend_unclear = {
	"meeting-attendance-unclear", AK_MEETING, "meetings",
};

/* Who is asked about one meeting, copied out of the rows. */
struct readers {
	char		**addr, **lang;	/* owned; lang[i] may be NULL */
	size_t		  n, cap;
	struct vbuf	  members;	/* the group's members, a line each */
	size_t		  nmembers;
};

static void
reader_add(struct readers *r, const char *addr, const char *lang)
{
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 4;
		r->addr = xreallocarray(r->addr, r->cap, sizeof(*r->addr));
		r->lang = xreallocarray(r->lang, r->cap, sizeof(*r->lang));
	}
	r->addr[r->n] = xstrdup(addr);
	r->lang[r->n] = lang != NULL ? xstrdup(lang) : NULL;
	r->n++;
}

static int
organiser_cb(const struct member *mem, void *arg)
{
	reader_add(arg, mem->addr, mem->language);
	return (0);
}

/* member_cb - a line of the request: "  Name <addr>", or the address
 * alone, so that a line copied into the reply reads as it */
static int
member_cb(const struct member *mem, void *arg)
{
	struct readers	*r = arg;

	if (mem->name != NULL && *mem->name != '\0')
		vbuf_printf(&r->members, "  %s <%s>\n", mem->name, mem->addr);
	else
		vbuf_printf(&r->members, "  %s\n", mem->addr);
	r->nmembers++;
	return (0);
}

static void
readers_release(struct readers *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free(r->addr[i]);
		free(r->lang[i]);
	}
	free(r->addr);
	free(r->lang);
	vbuf_release(&r->members);
}

/* ask_one - the request to one reader, in the caller's transaction */
static int
ask_one(struct ctx *x, const struct list *l, const struct meeting *m,
    const struct readers *r, size_t i, int64_t now)
{
	char		 tok[TOKEN_CHARS + 1];
	struct vbuf	 err;
	int		 rc = -1;

	if (token_issue(x->db, CAL_ASK_PURPOSE, l->id, m->id, r->addr[i],
	    CAL_ASK_TOKEN_DAYS * DAY, tok) != DB_OK)
		return (-1);
	vbuf_init(&err, 1024);
	{
		struct tmpl_slot slots[] = {
			{ "list", l->name }, { "start", m->start_local },
			{ "members", vbuf_str(&r->members) },
		};
		struct notice n;

		memset(&n, 0, sizeof(n));
		n.tmpl = "meeting-attendance";
		n.to = r->addr[i];
		n.lang = r->lang[i];
		n.list = l;
		n.from_kind = AK_MEETING;
		n.from_token = tok;
		n.slots = slots;
		n.nslots = nitems(slots);
		if (notice_queue(x, &n, &err) == -1)
			log_warnx("meeting %lld: attendance request to %s: %s",
			    (long long)m->id, r->addr[i], vbuf_str(&err));
		else
			rc = 0;
	}
	(void)now;
	vbuf_release(&err);
	return (rc);
}

/* ask - who attended m, asked of its notes-taker or else organisers,
 * and kept as asked, in one transaction; 1 if asked, 0 if not, -1 */
static int
ask(struct ctx *x, const struct list *l, const struct meeting *m,
    int64_t now)
{
	struct readers	 r;
	char		*lang;
	int		 rc = 0;

	memset(&r, 0, sizeof(r));
	vbuf_init(&r.members, VBUF_NOMAX);
	if (m->notes_taker != NULL && *m->notes_taker != '\0') {
		lang = membership_lang(x->db, l->id, m->notes_taker);
		reader_add(&r, m->notes_taker, lang);
		free(lang);
	} else if (member_each_role(x->db, l->id, "organiser,owner",
	    organiser_cb, &r) != DB_OK)
		rc = -1;
	if (rc == 0 && member_each(x->db, l->id, member_cb, &r) != DB_OK)
		rc = -1;
	if (rc == 0 && db_begin(x->db) != DB_OK)
		rc = -1;
	for (size_t i = 0; rc == 0 && i < r.n; i++)
		if (ask_one(x, l, m, &r, i, now) == -1)
			rc = -1;
	if (rc == 0 && invite_attend_asked_add(x->db, m->id, now) != DB_OK)
		rc = -1;
	if (rc == 0 && db_commit(x->db) != DB_OK)
		rc = -1;
	if (rc == -1) {
		db_rollback(x->db);
		log_warnx("meeting %lld of %s: who attended not asked; tried "
		    "again later", (long long)m->id, l->name);
	} else {
		log_info("meeting %lld of %s: who attended asked of %zu "
		    "reader(s)", (long long)m->id, l->name, r.n);
		rc = r.n > 0;
	}
	readers_release(&r);
	return (rc);
}

/* cal_ask_tick - see cal_attend.h */
int
cal_ask_tick(struct ctx *x)
{
	struct meeting	**v = NULL;
	struct list	 *l;
	size_t		  n = 0;
	int64_t		  now = clock_now(), end;
	int		  done = 0, yes;

	if (meeting_list(x->db, NULL, &v, &n) != DB_OK)
		return (0);
	for (size_t i = 0; i < n && (x->stop == NULL || !*x->stop); i++) {
		end = v[i]->start_at + v[i]->duration;
		if (v[i]->state != MEETING_SCHEDULED || end > now ||
		    end <= now - CAL_ASK_ASK_DAYS * DAY)
			continue;
		if (invite_attend_asked(x->db, v[i]->id, &yes) != DB_OK || yes)
			continue;
		l = NULL;
		if (list_load(x->db, v[i]->grp, &l) != DB_OK)
			continue;	/* an outside body: nobody to ask */
		if (ask(x, l, v[i], now) == 1)
			done++;
		list_free(&l);
	}
	meeting_list_free(&v, n);
	return (done);
}

/* What a reply names. */
struct named {
	char		*addr[CAL_ASK_MAX];	/* owned, canonical */
	size_t		 n;
	struct decision_read bad;	/* what could not be read: .read */
};

/* Whose address a line may name. */
enum who_came {
	CAME_MEMBER,		/* a member's, or the line says nothing */
	CAME_GUEST,		/* anyone's: the line began with "guest" */
};

/* one_addr - w (n bytes) as the address of someone who came, a member
 * unless who is CAME_GUEST, into nm; 0, or -1 */
static int
one_addr(struct ctx *x, const struct list *l, const char *w, size_t n,
    enum who_came who, struct named *nm)
{
	char		 a[320];
	struct vbuf	 why;
	int		 ok, yes = 0;

	if (n == 0 || n >= sizeof(a) || nm->n == CAL_ASK_MAX)
		return (-1);
	memcpy(a, w, n);
	a[n] = '\0';
	vbuf_init(&why, 256);
	ok = addr_check(a, &why) == 0;
	vbuf_release(&why);
	if (!ok)
		return (-1);
	nm->addr[nm->n] = addr_canon_new(a);
	if (who == CAME_MEMBER && (member_exists(x->db, l->id,
	    nm->addr[nm->n], &yes) != DB_OK || !yes)) {
		free(nm->addr[nm->n]);
		return (-1);
	}
	for (size_t i = 0; i < nm->n; i++)
		if (strcmp(nm->addr[i], nm->addr[nm->n]) == 0) {
			free(nm->addr[nm->n]);
			return (0);	/* named twice: once */
		}
	nm->n++;
	return (0);
}

/*
 * line_addrs - the people line s (n bytes) names: "Name <a>" (each
 * <...> an address, what is outside a name), or addresses alone with
 * commas, semicolons or spaces between; 0, or -1 if any part is not the
 * address of a member (of anyone, for CAME_GUEST)
 */
static int
line_addrs(struct ctx *x, const struct list *l, const char *s, size_t n,
    enum who_came who, struct named *nm)
{
	const char	*p = s, *e = s + n, *lt, *gt;

	if (memchr(s, '<', n) != NULL) {
		while ((lt = memchr(p, '<', (size_t)(e - p))) != NULL) {
			if ((gt = memchr(lt, '>', (size_t)(e - lt))) == NULL ||
			    one_addr(x, l, lt + 1, (size_t)(gt - lt - 1), who,
			    nm) == -1)
				return (-1);
			p = gt + 1;
		}
		return (0);
	}
	while (p < e) {
		size_t	w;

		while (p < e && strchr(" \t,;", *p) != NULL)
			p++;
		for (w = 0; p + w < e && strchr(" \t,;", p[w]) == NULL; w++)
			;
		if (w > 0 && one_addr(x, l, p, w, who, nm) == -1)
			return (-1);
		p += w;
	}
	return (0);
}

/*
 * guest_line - whether line s (*n bytes) begins with the word "guest"
 * (words.h, in lang or English) before something else: then *n is
 * shortened to what follows it, past spaces, a colon or a comma
 */
static int
guest_line(const struct conf *c, const char *lang, const char **s,
    size_t *n)
{
	struct decided	d;
	size_t		r;

	if (!decide_line(c, lang, *s, *n, "guest", 0, &d) || d.rest >= *n)
		return (0);
	for (r = d.rest; r < *n && strchr(" \t:,", (*s)[r]) != NULL; r++)
		;
	*s += r;
	*n -= r;
	return (1);
}

/* read_named - the addresses of the reply's own lines into nm; 0, or
 * -1 with the first line that is not in nm->bad.read */
static int
read_named(struct ctx *x, const struct list *l, const struct mail *m,
    struct named *nm)
{
	struct vbuf	 text;
	const char	*p, *s, *line;
	char		*lang;
	size_t		 n, len;
	enum who_came	 who;
	int		 rc = 0;

	lang = membership_reader_lang(x->db, l->id, m->from_addr);
	vbuf_init(&text, VBUF_NOMAX);
	(void)text_part_get(m, (size_t)x->conf->lim.text_bytes, &text);
	p = vbuf_str(&text);
	while (rc == 0 && (s = reply_next_line(&p, &n)) != NULL) {
		enum reply_line cl = reply_line_class(s, n);

		if (cl == RL_SIG || (cl == RL_TEXT &&
		    reply_quote_starts(s, n, p)))
			break;		/* the rest is not the person's */
		if (cl != RL_TEXT || reply_is_attribution(s, n, p))
			continue;
		line = s;
		len = n;
		who = guest_line(x->conf, lang, &line, &len) ? CAME_GUEST :
		    CAME_MEMBER;
		if (line_addrs(x, l, line, len, who, nm) == -1) {
			(void)snprintf(nm->bad.read, sizeof(nm->bad.read),
			    "%.*s", (int)(n < sizeof(nm->bad.read) - 1 ? n :
			    sizeof(nm->bad.read) - 1), s);
			rc = -1;
		}
	}
	vbuf_release(&text);
	free(lang);
	return (rc == 0 && nm->n == 0 ? -1 : rc);
}

/* confirm - tell the sender what was recorded, in the caller's
 * transaction */
static void
confirm(struct ctx *x, const struct spool_item *s, const struct mail *m,
    const struct list *l, const struct meeting *mt, const struct named *nm)
{
	struct vbuf	 rec;
	char		 count[24], *lang;

	vbuf_init(&rec, VBUF_NOMAX);
	for (size_t i = 0; i < nm->n; i++)
		vbuf_printf(&rec, "  %s\n", nm->addr[i]);
	(void)snprintf(count, sizeof(count), "%zu", nm->n);
	lang = membership_lang(x->db, l->id, m->from_addr);
	{
		struct tmpl_slot slots[] = {
			{ "list", l->name }, { "start", mt->start_local },
			{ "recorded", vbuf_str(&rec) }, { "count", count },
		};

		(void)answer_send(x, l, "meeting-attendance-recorded",
		    m->from_addr, lang, AK_MEETING, s->token, slots,
		    nitems(slots), m->msgid);
	}
	free(lang);
	vbuf_release(&rec);
}

/* cal_ask_reply - see cal_attend.h */
void
cal_ask_reply(struct ctx *x, struct spool_item *s, const struct mail *m,
    const struct list *l, const struct token_row *t)
{
	struct meeting	*mt = NULL;
	struct named	 nm;
	const char	*why = NULL;
	char		 done[96], about[160];
	int		 rc = DB_OK;

	memset(&nm, 0, sizeof(nm));
	if (!token_sent_to(t, m->from_addr))
		why = "not from the address it was sent to";
	else if (meeting_load(x->db, t->object_id, &mt) != DB_OK ||
	    strcmp(mt->grp, l->name) != 0)
		why = "no such meeting";
	if (db_begin(x->db) != DB_OK)
		goto out;
	if (why != NULL) {
		(void)snprintf(done, sizeof(done), "attendance refused: %s",
		    why);
		answer_finish(x, s, done);
	} else if (read_named(x, l, m, &nm) == -1) {
		answer_finish(x, s, "attendance refused: not clearly the "
		    "addresses of members");
		(void)snprintf(about, sizeof(about), "%s, %s", mt->grp,
		    mt->start_local);
		nm.bad.d = DECISION_NONE;
		unclear_answer_as(x, &attend_unclear, s, m, s->token, &nm.bad,
		    about);
	} else {
		for (size_t i = 0; rc == DB_OK && i < nm.n; i++)
			rc = invite_attended_add(x->db, mt->id, nm.addr[i],
			    clock_now());
		if (rc != DB_OK) {
			db_rollback(x->db);
			goto out;
		}
		(void)snprintf(done, sizeof(done), "meeting %lld: %zu "
		    "attended", (long long)mt->id, nm.n);
		answer_finish(x, s, done);
		confirm(x, s, m, l, mt, &nm);
	}
	if (db_commit(x->db) != DB_OK)
		log_warnx("cannot commit the attendance");
out:
	for (size_t i = 0; i < nm.n; i++)
		free(nm.addr[i]);
	meeting_free(&mt);
}

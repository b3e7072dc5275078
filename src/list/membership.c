/*
 * membership.c - the rules of membership; see membership.h
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/alloc.h"
#include "util/clock.h"
#include "global/conf.h"
#include "list/ctx.h"
#include "db/db.h"
#include "db/db_list.h"
#include "db/db_audit.h"
#include "db/db_job.h"
#include "db/db_request.h"
#include "db/db_token.h"
#include "util/log.h"
#include "list/membership.h"
#include "global/fold.h"
#include "util/vbuf.h"
#include "list/notice.h"
#include "global/tmpl.h"
#include "util/vbuf.h"
#include "util/sys_defs.h"

#define CASCADE_DEPTH	8	/* lists requiring lists requiring ... */

/* membership_refusal - see membership.h */
enum join_refusal
membership_refusal(struct db *db, const struct list *l, const char *addr)
{
	int	yes = 0;

	if (l->ends_at > 0 && clock_now() >= l->ends_at)
		return (JOIN_ENDED);
	if (l->requires_id != 0 && member_exists(db, l->requires_id, addr,
	    &yes) == DB_OK && !yes)
		return (JOIN_REQUIRES);
	return (JOIN_OK);
}

/* leave_token - make and store m's List-Unsubscribe token */
static int
leave_token(struct ctx *x, const struct member *m)
{
	char	tok[TOKEN_CHARS + 1];
	int	rc;

	if ((rc = token_issue(x->db, "leave", m->list_id, m->id, m->addr,
	    LEAVE_TOKEN_TTL, tok)) != DB_OK)
		return (rc);
	return (member_set_leave_token(x->db, m->id, db_last_id(x->db)));
}

/* membership_add - see membership.h */
int
membership_add(struct ctx *x, const struct list *l, struct member *m)
{
	int	rc;

	(void)x;
	m->list_id = l->id;
	/* The List-Unsubscribe token is made with the first post to the
	 * member (membership_leave_tokens), by mootd, which holds the key. */
	if ((rc = member_insert(x->db, m)) != DB_OK)
		return (rc);
	return (DB_OK);
}

struct cascade {
	struct ctx	*x;
	const char	*actor;
	int		 depth;
	int		 rc;
	/* Collected first: no changes while the member query runs. */
	int64_t		*lists;
	size_t		 n;
};

static int
collect_list(const struct member *m, void *arg)
{
	struct cascade	*c = arg;

	c->lists = xreallocarray(c->lists, c->n + 1, sizeof(*c->lists));
	c->lists[c->n++] = m->list_id;
	return (0);
}

/* tell_removed - addr is off l because it left required */
static void
tell_removed(struct ctx *x, const struct list *l, const char *required,
    const char *addr, const char *lang)
{
	struct vbuf	err;
	struct tmpl_slot slots[] = {
		{ "list", l->name },
		{ "address", addr },
		{ "required", required },
	};
	struct notice	n = {
		.tmpl = "removed-required", .to = addr, .lang = lang,
		.list = l, .from_kind = AK_OWNER, .slots = slots,
		.nslots = nitems(slots),
	};

	vbuf_init(&err, 1024);
	if (notice_queue(x, &n, &err) == -1)
		log_warnx("cannot tell %s of leaving %s: %s", addr, l->name,
		    vbuf_str(&err));
	vbuf_release(&err);
}

/* remove_from - addr off l, then off the lists that require l */
static int
remove_from(struct ctx *x, const struct list *l, const char *addr,
    const char *actor, int depth, struct vbuf *also)
{
	struct cascade	 c;
	int		 rc;

	if ((rc = member_delete(x->db, l->id, addr)) != DB_OK)
		return (rc);
	if ((rc = audit_add(x->db, l->id, 0, actor, "leave", addr)) != DB_OK)
		return (rc);
	log_info("%s left %s (%s)", addr, l->name, actor);
	if (depth >= CASCADE_DEPTH)
		return (DB_OK);
	memset(&c, 0, sizeof(c));
	if ((rc = member_lists_requiring(x->db, l->id, addr, collect_list,
	    &c)) != DB_OK) {
		free(c.lists);
		return (rc);
	}
	for (size_t i = 0; i < c.n && rc == DB_OK; i++) {
		struct list	*dep = NULL;
		char		*lang;

		if ((rc = list_load_id(x->db, c.lists[i], &dep)) != DB_OK)
			break;
		lang = membership_lang(x->db, dep->id, addr);
		rc = remove_from(x, dep, addr, actor, depth + 1, also);
		if (rc == DB_OK) {
			tell_removed(x, dep, l->name, addr, lang);
			if (also != NULL)
				vbuf_printf(also, "%s%s", also->len > 0 ?
				    " " : "", dep->name);
		}
		else if (rc == DB_NOTFOUND)
			rc = DB_OK;	/* gone already, by another path */
		free(lang);
		list_free(&dep);
	}
	free(c.lists);
	return (rc);
}

/* membership_remove - see membership.h */
int
membership_remove(struct ctx *x, const struct list *l, const char *addr,
    const char *actor, struct vbuf *also)
{
	return (remove_from(x, l, addr, actor, 0, also));
}

/* membership_term - see membership.h */
int
membership_term(struct member *m, time_t now, struct vbuf *why)
{
	if (m->term_start > 0 && m->term_end > 0 &&
	    m->term_end <= m->term_start) {
		vbuf_puts(why, "the term must end after it starts");
		return (-1);
	}
	if (m->role == NULL || strcmp(m->role, "organiser") != 0)
		return (0);
	if (m->term_start == 0)
		m->term_start = now;
	if (m->term_end == 0)
		m->term_end = clock_add_years((time_t)m->term_start, TERM_MAX_YEARS);
	if (m->term_end > clock_add_years((time_t)m->term_start, TERM_MAX_YEARS)) {
		vbuf_printf(why, "an organiser's term is at most %d years",
		    TERM_MAX_YEARS);
		return (-1);
	}
	return (0);
}

/* membership_lang - see membership.h */
char *
membership_lang(struct db *db, int64_t list_id, const char *addr)
{
	struct member	*m = NULL;
	char		*lang = NULL;

	if (addr != NULL && member_load(db, list_id, addr, &m) == DB_OK &&
	    m->language != NULL)
		lang = xstrdup(m->language);
	member_free(&m);
	return (lang);
}

/* membership_reader_lang - see membership.h */
char *
membership_reader_lang(struct db *db, int64_t list_id, const char *addr)
{
	struct list	*l = NULL;
	char		*lang;

	if ((lang = membership_lang(db, list_id, addr)) != NULL)
		return (lang);
	if (list_load_id(db, list_id, &l) == DB_OK && l->language != NULL)
		lang = xstrdup(l->language);
	list_free(&l);
	return (lang);
}

/* membership_has_role - see membership.h */
int
membership_has_role(struct db *db, int64_t list_id, const char *addr,
    const char *roles)
{
	struct member	*m = NULL;
	size_t		 rl;
	int		 yes = 0;

	if (addr == NULL || member_load(db, list_id, addr, &m) != DB_OK)
		return (0);
	rl = strlen(m->role);
	for (const char *p = roles; *p != '\0' && !yes; ) {
		size_t	n = strcspn(p, ",");

		yes = n == rl && strncmp(p, m->role, n) == 0;
		p += n + (p[n] == ',');
	}
	member_free(&m);
	return (yes);
}

/* The members of one slice without a token, read before the
 * transaction that makes theirs. */
struct tokens {
	int64_t		*ids;
	char		**addrs;
	size_t		 n;
};

static int
collect_tokenless(const struct member *m, void *arg)
{
	struct tokens	*t = arg;

	t->ids = xreallocarray(t->ids, t->n + 1, sizeof(*t->ids));
	t->addrs = xreallocarray(t->addrs, t->n + 1, sizeof(*t->addrs));
	t->ids[t->n] = m->id;
	t->addrs[t->n++] = xstrdup(m->addr);
	return (0);
}

/* token_slice - leave tokens for up to 1000 members of list_id that
 * have none, in one transaction: how many were made, or -1 */
static int
token_slice(struct ctx *x, int64_t list_id)
{
	struct tokens	 t;
	int		 rc;

	memset(&t, 0, sizeof(t));
	rc = member_without_token(x->db, list_id, 1000, collect_tokenless,
	    &t);
	if (rc == DB_OK && t.n > 0 && (rc = db_begin(x->db)) == DB_OK) {
		for (size_t i = 0; i < t.n && rc == DB_OK; i++) {
			struct member	m = { .id = t.ids[i],
			    .list_id = list_id, .addr = t.addrs[i] };

			rc = leave_token(x, &m);
		}
		if (rc == DB_OK)
			rc = db_commit(x->db);
		else
			db_rollback(x->db);
	}
	for (size_t i = 0; i < t.n; i++)
		free(t.addrs[i]);
	free(t.ids);
	free(t.addrs);
	return (rc == DB_OK ? (int)t.n : -1);
}

/* membership_leave_tokens - see membership.h */
int
membership_leave_tokens(struct ctx *x, const struct list *l)
{
	int	made;

	/* In slices, each one transaction: members added since mootd was
	 * last idle, or before tokens existed (schema 2). */
	while ((made = token_slice(x, l->id)) > 0)
		;
	return (made == 0 ? DB_OK : DB_ERR);
}

struct wanting {
	int64_t		*ids;		/* lists with a copy each */
	size_t		 n;
};

static int
collect_personal(const struct list *l, void *arg)
{
	struct wanting	*w = arg;

	if (!l->bulk) {
		w->ids = xreallocarray(w->ids, w->n + 1, sizeof(*w->ids));
		w->ids[w->n++] = l->id;
	}
	return (0);
}

/* membership_idle_tokens - see membership.h */
int
membership_idle_tokens(struct ctx *x)
{
	struct wanting	w = { NULL, 0 };
	int		made = 0;

	/* The lists first: no changes while their query runs. */
	if (list_each(x->db, collect_personal, &w) != DB_OK)
		made = -1;
	for (size_t i = 0; i < w.n && made == 0; i++)
		made = token_slice(x, w.ids[i]);
	free(w.ids);
	return (made);
}

struct ended {
	struct ctx		*x;
	const struct list	*l;
	char			 when[32];
	struct vbuf		*owner;
	char			**to, **lang;
	size_t			 n;
};

static int
collect_member_lang(const struct member *m, void *arg)
{
	struct ended	*e = arg;

	e->to = xreallocarray(e->to, e->n + 1, sizeof(*e->to));
	e->lang = xreallocarray(e->lang, e->n + 1, sizeof(*e->lang));
	e->to[e->n] = xstrdup(m->addr);
	e->lang[e->n++] = m->language != NULL ? xstrdup(m->language) : NULL;
	return (0);
}

/* tell_ended - every member of a list that has ended hears it once */
static int
tell_ended(const struct list *l, void *arg)
{
	struct ctx		*x = arg;
	struct ended		 e;
	struct list_addrs	 a;
	struct vbuf		 err;
	int64_t			 last = 0;
	int			 rc;

	if (l->ends_at == 0 || clock_now() < l->ends_at ||
	    job_last(x->db, "ended", l->id, &last) != DB_OK || last > 0)
		return (0);
	memset(&e, 0, sizeof(e));
	notice_list_addrs(x->conf, l->name, &a);
	vbuf_init(&err, 1024);
	clock_iso((time_t)l->ends_at, e.when, sizeof(e.when));
	e.when[10] = '\0';		/* the date is enough */
	rc = member_each(x->db, l->id, collect_member_lang, &e);
	if (rc == DB_OK && db_begin(x->db) == DB_OK) {
		for (size_t i = 0; i < e.n; i++) {
			struct tmpl_slot slots[] = {
				{ "list", l->name },
				{ "ended", e.when },
				{ "owner_address", vbuf_str(&a.owner) },
			};
			struct notice	 n = {
				.tmpl = "list-ended", .to = e.to[i],
				.lang = e.lang[i], .list = l,
				.from_kind = AK_OWNER, .slots = slots,
				.nslots = nitems(slots),
			};

			vbuf_reset(&err);
			if (notice_queue(x, &n, &err) == -1)
				log_warnx("cannot tell %s that %s ended: %s",
				    e.to[i], l->name, vbuf_str(&err));
		}
		if (job_mark(x->db, "ended", l->id, clock_now()) == DB_OK &&
		    db_commit(x->db) == DB_OK)
			log_info("list %s has ended: %zu members told",
			    l->name, e.n);
		else
			db_rollback(x->db);
	}
	for (size_t i = 0; i < e.n; i++) {
		free(e.to[i]);
		free(e.lang[i]);
	}
	free(e.to);
	free(e.lang);
	notice_list_addrs_release(&a);
	vbuf_release(&err);
	return (0);
}

struct terms {
	struct ctx	*x;
	struct member	**due;
	size_t		  n;
	int		  done;
};

static int
collect_term(const struct member *m, void *arg)
{
	struct terms	*t = arg;
	struct member	*c = xcalloc(1, sizeof(*c));

	c->id = m->id;
	c->list_id = m->list_id;
	c->addr = xstrdup(m->addr);
	c->name = xstrdup(m->name);
	c->role = xstrdup(m->role);
	c->term_end = m->term_end;
	t->due = xreallocarray(t->due, t->n + 1, sizeof(*t->due));
	t->due[t->n++] = c;
	return (0);
}

/* tell_term - the owners of m's list hear that m's term ends soon */
static void
tell_term(struct terms *t, const struct member *m)
{
	struct ctx	*x = t->x;
	struct list	*l = NULL;
	struct ended	 owners;
	struct vbuf	 err, role;
	char		 end[32], key[48];

	if (list_load_id(x->db, m->list_id, &l) != DB_OK)
		return;
	memset(&owners, 0, sizeof(owners));
	vbuf_init(&err, 1024);
	vbuf_init(&role, VBUF_NOMAX);
	/* The role as the owner's language names it: phrase role-<role> */
	(void)snprintf(key, sizeof(key), "role-%s", m->role);
	clock_iso((time_t)m->term_end, end, sizeof(end));
	end[10] = '\0';
	(void)member_each_role(x->db, l->id, "owner", collect_member_lang, &owners);
	if (db_begin(x->db) != DB_OK)
		goto out;
	for (size_t i = 0; i < owners.n; i++) {
		vbuf_reset(&role);
		notice_phrase(x, owners.lang[i], l, key, NULL, 0, &role);
		struct tmpl_slot slots[] = {
			{ "list", l->name },
			{ "address", m->addr },
			{ "name", m->name },
			{ "role", role.len > 0 ? vbuf_str(&role) : m->role },
			{ "term_end", end },
		};
		struct notice	 n = {
			.tmpl = "term-ending", .to = owners.to[i],
			.lang = owners.lang[i], .list = l,
			.from_kind = AK_OWNER, .slots = slots,
			.nslots = nitems(slots),
		};

		vbuf_reset(&err);
		if (notice_queue(x, &n, &err) == -1)
			log_warnx("cannot tell %s: %s", owners.to[i],
			    vbuf_str(&err));
	}
	if (owners.n == 0)
		log_warnx("the term of %s on %s ends %s, and the list has no "
		    "owner to tell", m->addr, l->name, end);
	if (member_set_term_told(x->db, m->id, m->term_end) == DB_OK &&
	    db_commit(x->db) == DB_OK) {
		log_info("owners of %s told: the term of %s ends %s", l->name,
		    m->addr, end);
		t->done++;
	} else
		db_rollback(x->db);
out:
	for (size_t i = 0; i < owners.n; i++) {
		free(owners.to[i]);
		free(owners.lang[i]);
	}
	free(owners.to);
	free(owners.lang);
	vbuf_release(&err);
	vbuf_release(&role);
	list_free(&l);
}

/* membership_tick - see membership.h */
int
membership_tick(struct ctx *x)
{
	struct terms	t;
	int64_t		n = 0;
	int		done = 0;

	(void)list_each(x->db, tell_ended, x);
	memset(&t, 0, sizeof(t));
	t.x = x;
	(void)member_terms_due(x->db, clock_now() + TERM_WARN_DAYS * 86400LL,
	    collect_term, &t);
	for (size_t i = 0; i < t.n; i++) {
		tell_term(&t, t.due[i]);
		member_free(&t.due[i]);
	}
	free(t.due);
	done += t.done;
	if (request_expire(x->db, clock_now(), &n) == DB_OK && n > 0) {
		log_info("%lld membership request(s) expired", (long long)n);
		done++;
	}
	return (done);
}

/* membership_stand_in - see membership.h */
const char *
membership_stand_in(struct ctx *x, int64_t list_id, const char *roles)
{
	int64_t	n = 0;

	if (x->conf->admin == NULL ||
	    member_count_role(x->db, list_id, roles, &n) != DB_OK || n > 0)
		return (NULL);
	return (x->conf->admin);
}

struct readers {
	struct vbuf	*out;
	int		 n;
};

/* add_reader - append m's address and language, each NUL-ended */
static int
add_reader(const struct member *m, void *arg)
{
	struct readers	*r = arg;
	const char	*lang = m->language != NULL ? m->language : "";

	vbuf_cat(r->out, m->addr, strlen(m->addr) + 1);
	vbuf_cat(r->out, lang, strlen(lang) + 1);
	r->n++;
	return (0);
}

/* membership_readers - see membership.h */
int
membership_readers(struct ctx *x, int64_t list_id, const char *roles,
    struct vbuf *out)
{
	struct readers	 r = { out, 0 };
	const char	*admin;

	(void)member_each_role(x->db, list_id, roles, add_reader, &r);
	if (r.n > 0)
		return (r.n);
	if ((admin = membership_stand_in(x, list_id, roles)) == NULL)
		return (0);
	vbuf_cat(out, admin, strlen(admin) + 1);
	vbuf_cat(out, "", 1);		/* no language: the site's */
	return (1);
}

/* membership_org_trim - see membership.h */
const char *
membership_org_trim(const char *s, size_t *n)
{
	size_t	len;

	while (isspace((unsigned char)*s))
		s++;
	len = strlen(s);
	while (len > 0 && isspace((unsigned char)s[len - 1]))
		len--;
	*n = len;
	return (s);
}

/* membership_org_key - see membership.h */
void
membership_org_key(const char *org, struct vbuf *out)
{
	size_t		 n;
	const char	*s = membership_org_trim(org, &n);

	fold_word(s, n, out);
}

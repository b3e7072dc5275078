/*
 * gov_effect.c - what a proposal does once it passes; see gov_effect.h
 *
 * An effect is kept in the gov_effect table by the proposal's id
 * (db/db_effect.h), as its arg was written after checking (ids and
 * addresses in their plain form), and done_at is set in the
 * transaction that carries it out, so it is done once however often a
 * proposal is marked passed.  One row of effects[] per kind: its name
 * in the table, how its arg is checked, what passing does, and how a
 * reader is told of it.  What passing does cannot undo the passing: a
 * rule that refuses it then (the list has ended since the proposal
 * opened) is logged and the effect is marked done.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db.h"
#include "db/db_audit.h"
#include "db/db_effect.h"
#include "db/db_list.h"
#include "db/db_priority.h"
#include "global/conf.h"
#include "global/listaddr.h"
#include "global/tmpl.h"
#include "gov/gov_effect.h"
#include "gov/gov_priority.h"
#include "list/ctx.h"
#include "list/membership.h"
#include "mail/addr.h"
#include "util/alloc.h"
#include "util/clock.h"
#include "util/log.h"
#include "util/vbuf.h"
#include "util/sys_defs.h"

/* Set once by main() before any describe; read-only after. */
static const struct conf *describe_conf;

/* gov_effect_use_conf - see gov_effect.h */
void
gov_effect_use_conf(const struct conf *c)
{
	describe_conf = c;
}

/* An appointment, as its arg says: "ADDR ROLE LIST YEARS". */
struct appoint {
	char	addr[ADDR_MAX + 1];
	char	role[17];			/* as sscanf's buffers */
	char	list[LIST_NAME_MAX + 2];
	int	years;
};

/* The roles a proposal may appoint to. */
static const char *const appoint_roles[] = { "organiser", "chair" };

/*
 * appoint_parse - arg into *a, checked: an address, a role of
 * appoint_roles[], a list that exists and may take the address, and
 * 1 to TERM_MAX_YEARS years, the term checked as membership_term()
 * checks every term.  0, or -1 with why.
 */
static int
appoint_parse(struct db *db, const char *arg, struct appoint *a,
    struct vbuf *why)
{
	struct member	 m;
	struct list	*l = NULL;
	char		 addr[ADDR_MAX + 2], role[17], list[LIST_NAME_MAX + 2];
	char		 extra[2];
	int		 years, rc, ok = 0;
	time_t		 now = clock_now();

	memset(a, 0, sizeof(a[0]));
	/* The widths keep each word within its buffer; a longer word
	 * fills it and is refused below. */
	if (arg == NULL || sscanf(arg, "%255s %16s %29s %d %1s", addr, role,
	    list, &years, extra) != 4) {
		vbuf_puts(why, "an appointment is \"ADDR ROLE LIST YEARS\"");
		return (-1);
	}
	if (strlen(addr) > ADDR_MAX || addr_check(addr, why) == -1) {
		if (why->len == 0)
			vbuf_printf(why, "%s: not an address", addr);
		return (-1);
	}
	for (size_t i = 0; i < nitems(appoint_roles); i++)
		ok |= strcmp(role, appoint_roles[i]) == 0;
	if (!ok) {
		vbuf_puts(why, "a proposal appoints an organiser or a chair");
		return (-1);
	}
	if (years < 1 || years > TERM_MAX_YEARS) {
		vbuf_printf(why, "a term is 1 to %d years", TERM_MAX_YEARS);
		return (-1);
	}
	if ((rc = list_load(db, list, &l)) != DB_OK) {
		vbuf_printf(why, rc == DB_NOTFOUND ? "no list is called %s" :
		    "cannot read list %s", list);
		return (-1);
	}
	{
		char	*canon = addr_canon_new(addr);

		(void)snprintf(a->addr, sizeof(a->addr), "%s", canon);
		free(canon);
	}
	if (membership_refusal(db, l, a->addr) != JOIN_OK) {
		vbuf_printf(why, "%s may not be on the %s list (it has ended, "
		    "or requires another)", a->addr, l->name);
		list_free(&l);
		return (-1);
	}
	list_free(&l);
	memset(&m, 0, sizeof(m));
	m.role = role;
	m.term_start = now;
	m.term_end = clock_add_years(now, years);
	if (membership_term(&m, now, why) == -1)
		return (-1);
	(void)snprintf(a->role, sizeof(a->role), "%s", role);
	(void)snprintf(a->list, sizeof(a->list), "%s", list);
	a->years = years;
	return (0);
}

/* set_priorities - arg is a set of proposed or current priorities */
static int
set_priorities(struct db *db, const char *arg, struct vbuf *norm,
    struct vbuf *why)
{
	int64_t	ids[GOV_PRIORITY_SET_MAX];
	size_t	n;

	return (gov_priority_set_parse(db, arg, ids, &n, norm, why));
}

/* set_appoint - arg is an appointment that may be made */
static int
set_appoint(struct db *db, const char *arg, struct vbuf *norm,
    struct vbuf *why)
{
	struct appoint	a;

	if (appoint_parse(db, arg, &a, why) == -1)
		return (-1);
	vbuf_printf(norm, "%s %s %s %d", a.addr, a.role, a.list, a.years);
	return (0);
}

/* set_statement - nothing to check: the proposal's text is the
 * statement */
static int
set_statement(struct db *db, const char *arg, struct vbuf *norm,
    struct vbuf *why)
{
	(void)db;
	(void)arg;
	(void)norm;
	(void)why;
	return (0);
}

/* pass_priorities - the set is current, the other current ones
 * retired */
static int
pass_priorities(struct db *db, int64_t id, const char *arg, int64_t now)
{
	int	rc;

	if ((rc = gov_priority_adopt(db, arg, now)) == DB_OK)
		log_info("decision %lld: priorities %s are current",
		    (long long)id, arg);
	return (rc);
}

/* appoint_member - a's member on l: role and term set, or added */
static int
appoint_member(struct db *db, const struct list *l, const struct appoint *a,
    int64_t now)
{
	struct ctx	 x = { NULL, db, NULL };
	struct member	*m = NULL, fresh;
	int		 rc;

	if ((rc = member_load(db, l->id, a->addr, &m)) == DB_OK) {
		free(m->role);
		m->role = xstrdup(a->role);
		m->term_start = now;
		m->term_end = clock_add_years((time_t)now, a->years);
		rc = member_update(db, m);
		member_free(&m);
		return (rc);
	}
	if (rc != DB_NOTFOUND)
		return (rc);
	memset(&fresh, 0, sizeof(fresh));
	fresh.addr = (char *)a->addr;
	fresh.role = (char *)a->role;
	fresh.term_start = now;
	fresh.term_end = clock_add_years((time_t)now, a->years);
	return (membership_add(&x, l, &fresh));
}

/* audit_appoint - the list's audit log: "decision ID appoint ADDR ROLE
 * for N year(s)", beside the joins and leaves of moot log */
static int
audit_appoint(struct db *db, const struct list *l, int64_t id,
    const struct appoint *a)
{
	char	actor[32], detail[ADDR_MAX + 64];

	(void)snprintf(actor, sizeof(actor), "decision %lld", (long long)id);
	(void)snprintf(detail, sizeof(detail), "%s %s for %d year(s)",
	    a->addr, a->role, a->years);
	return (audit_add(db, l->id, 0, actor, "appoint", detail));
}

/* pass_appoint - the member has the role, for a term from now */
static int
pass_appoint(struct db *db, int64_t id, const char *arg, int64_t now)
{
	struct appoint	 a;
	struct list	*l = NULL;
	struct vbuf	 why;
	int		 rc = DB_OK;

	vbuf_init(&why, 512);
	if (appoint_parse(db, arg, &a, &why) == -1)
		log_warnx("decision %lld: appointment not made: %s",
		    (long long)id, vbuf_str(&why));
	else if ((rc = list_load(db, a.list, &l)) != DB_OK)
		log_warnx("decision %lld: cannot read list %s", (long long)id,
		    a.list);
	else if ((rc = appoint_member(db, l, &a, now)) == DB_OK &&
	    (rc = audit_appoint(db, l, id, &a)) == DB_OK)
		log_info("decision %lld: %s is %s of %s for %d year(s)",
		    (long long)id, a.addr, a.role, a.list, a.years);
	list_free(&l);
	vbuf_release(&why);
	return (rc);
}

/* pass_statement - the proposals' code keeps the text
 * (gov_statement_keep), since only it can read it */
static int
pass_statement(struct db *db, int64_t id, const char *arg, int64_t now)
{
	(void)db;
	(void)id;
	(void)arg;
	(void)now;
	return (DB_OK);
}

static int	describe_priorities(struct db *, const char *, const char *,
		    struct vbuf *);
static int	describe_appoint(struct db *, const char *, const char *,
		    struct vbuf *);
static int	describe_statement(struct db *, const char *, const char *,
		    struct vbuf *);

static const struct effect {
	const char	*name;		/* in the gov_effect table */
	int		(*set)(struct db *, const char *arg, struct vbuf *norm,
			    struct vbuf *why);
	int		(*pass)(struct db *, int64_t id, const char *arg,
			    int64_t now);
	int		(*describe)(struct db *, const char *arg,
			    const char *lang, struct vbuf *out);
} effects[GE_COUNT] = {
	[GE_PRIORITIES] = { "priorities", set_priorities, pass_priorities,
	    describe_priorities },
	[GE_APPOINT] = { "appoint", set_appoint, pass_appoint,
	    describe_appoint },
	[GE_STATEMENT] = { "statement", set_statement, pass_statement,
	    describe_statement },
};

/* effect_named - the row called name, or NULL */
static const struct effect *
effect_named(const char *name)
{
	for (size_t i = 0; i < nitems(effects); i++)
		if (effects[i].name != NULL && strcmp(effects[i].name, name) ==
		    0)
			return (&effects[i]);
	return (NULL);
}

/* gov_effect_set - see gov_effect.h */
int
gov_effect_set(struct db *db, int64_t decision_id, enum gov_effect_kind kind,
    const char *arg, struct vbuf *why)
{
	const struct effect	*e;
	struct vbuf		 norm;
	int			 rc = 0;

	if (kind == GE_NONE)
		return (0);
	if ((unsigned)kind >= GE_COUNT || (e = &effects[kind])->name == NULL) {
		vbuf_puts(why, "no such effect");
		return (-1);
	}
	vbuf_init(&norm, 1024);
	if (e->set(db, arg, &norm, why) == -1)
		rc = -1;
	else if (effect_set(db, decision_id, e->name, vbuf_str(&norm)) !=
	    DB_OK) {
		vbuf_puts(why, "cannot write what the proposal does");
		rc = -1;
	}
	vbuf_release(&norm);
	return (rc);
}

/* gov_effect_passed - see gov_effect.h */
int
gov_effect_passed(struct db *db, int64_t decision_id, int64_t now)
{
	const struct effect	*e;
	char			*kind = NULL, *arg = NULL;
	int64_t			 done = 0;
	int			 rc;

	if ((rc = effect_load(db, decision_id, &kind, &arg, &done)) ==
	    DB_NOTFOUND)
		return (0);
	if (rc != DB_OK)
		return (-1);
	if (done == 0) {
		if ((e = effect_named(kind)) == NULL) {
			log_warnx("decision %lld: unknown effect %s",
			    (long long)decision_id, kind);
			rc = DB_OK;
		} else
			rc = e->pass(db, decision_id, arg, now);
		if (rc == DB_OK)
			rc = effect_done(db, decision_id, now);
	}
	free(kind);
	free(arg);
	return (rc == DB_OK ? 0 : -1);
}

/* phrase - phrase key in lang into out; -1 if it cannot be had */
static int
phrase(const char *lang, const char *key, const struct tmpl_slot *slots,
    size_t n, struct vbuf *out)
{
	const char	*langs[] = { lang, NULL };
	struct vbuf	 err;
	int		 rc;

	if (describe_conf == NULL)
		return (-1);
	vbuf_init(&err, 512);
	if ((rc = tmpl_phrase(describe_conf, langs, key, slots, n, out,
	    &err)) == -1)
		log_warnx("phrase %s: %s", key, vbuf_str(&err));
	vbuf_release(&err);
	return (rc);
}

/* title_line - "  - TITLE (ID)" for the list of a set */
static int
title_line(const struct priority *p, void *arg)
{
	vbuf_printf(arg, "  - %s (%lld)\n", p->title, (long long)p->id);
	return (0);
}

/* describe_priorities - the set's titles, under the phrase */
static int
describe_priorities(struct db *db, const char *arg, const char *lang,
    struct vbuf *out)
{
	struct vbuf	 list;
	const char	*p, *e;
	int		 rc = 0;

	vbuf_init(&list, VBUF_NOMAX);
	for (p = arg; rc == 0 && *p != '\0'; p = *e != '\0' ? e + 1 : e) {
		if ((e = strchr(p, ',')) == NULL)
			e = p + strlen(p);
		if (priority_get(db, strtoll(p, NULL, 10), title_line,
		    &list) == DB_ERR)
			rc = -1;
	}
	if (rc == 0) {
		struct tmpl_slot slots[] = {
			{ "priorities", vbuf_str(&list) },
		};

		rc = phrase(lang, "effect-priorities", slots, nitems(slots),
		    out);
	}
	vbuf_release(&list);
	return (rc);
}

/* describe_appoint - who, which role of which group, how long */
static int
describe_appoint(struct db *db, const char *arg, const char *lang,
    struct vbuf *out)
{
	struct vbuf	role;
	char		addr[ADDR_MAX + 1], r[17], list[LIST_NAME_MAX + 1];
	char		key[32], years[16];
	int		n, rc;

	(void)db;
	/* Written by set_appoint(): four words that fit. */
	if (sscanf(arg, "%254s %16s %28s %d", addr, r, list, &n) != 4)
		return (-1);
	vbuf_init(&role, 256);
	(void)snprintf(key, sizeof(key), "role-%s", r);
	(void)snprintf(years, sizeof(years), "%d", n);
	if (phrase(lang, key, NULL, 0, &role) == -1)
		vbuf_puts(&role, r);
	while (role.len > 0 && role.data[role.len - 1] == '\n')
		vbuf_truncate(&role, role.len - 1);
	{
		struct tmpl_slot slots[] = {
			{ "address", addr },
			{ "role", vbuf_str(&role) },
			{ "list", list },
			{ "count", years },
		};

		rc = phrase(lang, "effect-appoint", slots, nitems(slots), out);
	}
	vbuf_release(&role);
	return (rc);
}

/* describe_statement - the text will be kept as a statement */
static int
describe_statement(struct db *db, const char *arg, const char *lang,
    struct vbuf *out)
{
	(void)db;
	(void)arg;
	return (phrase(lang, "effect-statement", NULL, 0, out));
}

/* gov_effect_describe - see gov_effect.h */
int
gov_effect_describe(struct db *db, int64_t decision_id, const char *lang,
    struct vbuf *out)
{
	const struct effect	*e;
	char			*kind = NULL, *arg = NULL;
	int64_t			 done = 0;
	int			 rc;

	if ((rc = effect_load(db, decision_id, &kind, &arg, &done)) ==
	    DB_NOTFOUND)
		return (0);
	if (rc != DB_OK)
		return (-1);
	rc = (e = effect_named(kind)) == NULL ? 0 : e->describe(db, arg, lang,
	    out);
	free(kind);
	free(arg);
	return (rc);
}

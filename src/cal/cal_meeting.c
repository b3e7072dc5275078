/*
 * cal_meeting.c - meetings and the rules between groups; see
 * cal_meeting.h
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cal/cal_meeting.h"
#include "cal/cal_time.h"
#include "db/db.h"
#include "db/db_meeting.h"
#include "global/conf.h"
#include "global/listaddr.h"
#include "util/alloc.h"
#include "util/vbuf.h"
#include "util/sys_defs.h"

/* What one call is doing: where, in which zone, and what it did. */
struct sync {
	struct db		*db;
	const char		*zone;
	struct cal_changes	*ch;
	struct vbuf		*err;
};

static int	sync_from(struct sync *, int64_t source_id, int depth);

/* cal_changes_free - see cal_meeting.h */
void
cal_changes_free(struct cal_changes *c)
{
	free(c->v);
	memset(c, 0, sizeof(*c));
}

/* record - one change, for the caller to say once it is committed */
static void
record(struct sync *s, enum cal_what what, const struct meeting *m,
    const char *from, const char *to)
{
	struct cal_changes	*c = s->ch;
	struct cal_change	*x;

	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 16;
		c->v = xreallocarray(c->v, c->cap, sizeof(*c->v));
	}
	x = &c->v[c->n++];
	memset(x, 0, sizeof(*x));
	x->what = what;
	x->id = m->id;
	(void)snprintf(x->grp, sizeof(x->grp), "%s", m->grp);
	x->follows = m->source_id;
	(void)snprintf(x->from, sizeof(x->from), "%s", from != NULL ? from :
	    "");
	(void)snprintf(x->to, sizeof(x->to), "%s", to);
}

/* db_failed - say a database failure; CAL_FAIL */
static int
db_failed(struct sync *s, const char *doing)
{
	vbuf_reset(s->err);
	vbuf_printf(s->err, "cannot %s: the database failed (see the log)",
	    doing);
	return (CAL_FAIL);
}

/* cal_group_check - see cal_meeting.h */
int
cal_group_check(const char *name, struct vbuf *err)
{
	struct vbuf	why;
	int		rc;

	/* A group is named as a list is, so that a list's meetings and
	 * its name agree, and an outside body's name could become one. */
	vbuf_init(&why, VBUF_NOMAX);
	if ((rc = listaddr_name_check(name, &why)) == -1)
		vbuf_printf(err, "\"%s\" cannot name a group: %s", name,
		    vbuf_str(&why));
	vbuf_release(&why);
	return (rc);
}

/* cal_offset_days - see cal_meeting.h */
int
cal_offset_days(const char *given)
{
	int64_t	secs = conf_parse_duration(given);

	if (secs < 86400 || secs % 86400 != 0 || secs / 86400 > 366)
		return (-1);
	return ((int)(secs / 86400));
}

/* instant - the UTC start of l in the site's zone, or CAL_BAD said */
static int
instant(struct sync *s, const struct cal_local *l, time_t *at)
{
	char	buf[CAL_LOCAL_SIZE];

	if (cal_local_to_utc(l, at) == 0)
		return (CAL_OK);
	cal_local_format(l, buf);
	vbuf_reset(s->err);
	vbuf_printf(s->err, "%s does not exist in %s: the clocks go forward "
	    "then", buf, s->zone);
	return (CAL_BAD);
}

/* rule_start - where rule r puts the meeting it makes from src */
static int
rule_start(struct sync *s, const struct meeting *src,
    const struct meeting_rule *r, struct cal_local *l, time_t *at)
{
	/* The same local time of day as src, r->days calendar days before:
	 * across a clock change that is not a whole number of 24 hours. */
	if (cal_local_parse(src->start_local, l) == -1) {
		vbuf_reset(s->err);
		vbuf_printf(s->err, "meeting %lld has a damaged start \"%s\"",
		    (long long)src->id, src->start_local);
		return (CAL_FAIL);
	}
	cal_local_add_days(l, -(int)r->days);
	return (instant(s, l, at));
}

/* make - the meeting rule r makes from src, and what follows from it */
static int
make(struct sync *s, const struct meeting *src, const struct meeting_rule *r,
    int depth)
{
	struct meeting		m;
	struct cal_local	l;
	time_t			at;
	char			local[CAL_LOCAL_SIZE];
	int			rc;

	if ((rc = rule_start(s, src, r, &l, &at)) != CAL_OK)
		return (rc);
	cal_local_format(&l, local);
	memset(&m, 0, sizeof(m));
	m.grp = r->grp;
	m.start_at = at;
	m.start_local = local;
	m.zone = (char *)s->zone;
	m.duration = src->duration;
	m.rule_id = r->id;
	m.source_id = src->id;
	if (meeting_insert(s->db, &m, &m.id) != DB_OK)
		return (db_failed(s, "add a meeting"));
	record(s, CAL_MADE, &m, NULL, local);
	return (sync_from(s, m.id, depth + 1));
}

/* keep_step - bring d, made by rule r from src, in step with src */
static int
keep_step(struct sync *s, const struct meeting *src,
    const struct meeting_rule *r, const struct meeting *d, int depth)
{
	struct cal_local	l;
	time_t			at;
	char			local[CAL_LOCAL_SIZE];
	int			rc;

	/* Cancelled stays cancelled: nothing here brings a meeting back. */
	if (d->state == MEETING_CANCELLED)
		return (CAL_OK);
	if (src->state == MEETING_CANCELLED) {
		if (meeting_set_state(s->db, d->id, MEETING_CANCELLED) !=
		    DB_OK)
			return (db_failed(s, "cancel a meeting"));
		record(s, CAL_CANCELLED, d, NULL, d->start_local);
		return (sync_from(s, d->id, depth + 1));
	}
	if ((rc = rule_start(s, src, r, &l, &at)) != CAL_OK)
		return (rc);
	cal_local_format(&l, local);
	if (strcmp(local, d->start_local) == 0 && at == d->start_at)
		return (CAL_OK);
	if (meeting_set_start(s->db, d->id, at, local, s->zone) != DB_OK)
		return (db_failed(s, "move a meeting"));
	record(s, CAL_MOVED, d, d->start_local, local);
	return (sync_from(s, d->id, depth + 1));
}

/* follow - what rule r makes from src: made, moved or cancelled */
static int
follow(struct sync *s, const struct meeting *src,
    const struct meeting_rule *r, int depth)
{
	struct meeting	*d = NULL;
	int64_t		 id;
	int		 rc;

	switch (meeting_made_by(s->db, r->id, src->id, &id)) {
	case DB_OK:
		break;
	case DB_NOTFOUND:
		/* A cancelled meeting is followed by no new one. */
		if (src->state == MEETING_CANCELLED)
			return (CAL_OK);
		return (make(s, src, r, depth));
	default:
		return (db_failed(s, "read the meetings"));
	}
	if (meeting_load(s->db, id, &d) != DB_OK)
		return (db_failed(s, "read a meeting"));
	rc = keep_step(s, src, r, d, depth);
	meeting_free(&d);
	return (rc);
}

/* sync_from - apply every rule on the group of meeting source_id to it,
 * and so on down the chain */
static int
sync_from(struct sync *s, int64_t source_id, int depth)
{
	struct meeting		 *src = NULL;
	struct meeting_rule	**rules = NULL;
	size_t			  nr = 0;
	int			  rc = CAL_OK;

	/* Rules form no cycle (cal_rule_add), so this is only a guard. */
	if (depth > CAL_MAX_CHAIN) {
		vbuf_reset(s->err);
		vbuf_printf(s->err, "the rules chain more than %d groups",
		    CAL_MAX_CHAIN);
		return (CAL_BAD);
	}
	if (meeting_load(s->db, source_id, &src) != DB_OK)
		return (db_failed(s, "read a meeting"));
	if (meeting_rule_list(s->db, src->grp, &rules, &nr) != DB_OK)
		rc = db_failed(s, "read the rules");
	for (size_t i = 0; rc == CAL_OK && i < nr; i++)
		rc = follow(s, src, rules[i], depth);
	meeting_rule_list_free(&rules, nr);
	meeting_free(&src);
	return (rc);
}

/* begin - start the one transaction of a call */
static int
begin(struct sync *s)
{
	if (db_begin(s->db) != DB_OK)
		return (db_failed(s, "lock the database"));
	return (CAL_OK);
}

/* finish - commit after rc == CAL_OK, else roll back and forget what
 * was recorded, since none of it happened */
static int
finish(struct sync *s, int rc)
{
	if (rc == CAL_OK && db_commit(s->db) != DB_OK)
		rc = db_failed(s, "commit");
	if (rc != CAL_OK) {
		db_rollback(s->db);
		if (s->ch != NULL)
			s->ch->n = 0;
	}
	return (rc);
}

/* cal_add - see cal_meeting.h */
int
cal_add(struct db *db, const char *zone, const struct cal_new *n,
    const struct cal_local *starts, size_t count, int64_t *ids,
    struct cal_changes *ch, struct vbuf *err)
{
	struct sync	s = { db, zone, ch, err };
	struct meeting	m;
	char		local[CAL_LOCAL_SIZE];
	time_t		at;
	int		rc;

	if (cal_group_check(n->grp, err) == -1)
		return (CAL_BAD);
	if ((rc = begin(&s)) != CAL_OK)
		return (rc);
	for (size_t i = 0; rc == CAL_OK && i < count; i++) {
		if ((rc = instant(&s, &starts[i], &at)) != CAL_OK)
			break;
		cal_local_format(&starts[i], local);
		memset(&m, 0, sizeof(m));
		m.grp = (char *)n->grp;
		m.start_at = at;
		m.start_local = local;
		m.zone = (char *)zone;
		m.duration = n->duration;
		m.location = (char *)n->location;
		m.notes_taker = (char *)n->notes_taker;
		if (meeting_insert(db, &m, &m.id) != DB_OK) {
			rc = db_failed(&s, "add a meeting");
			break;
		}
		ids[i] = m.id;
		record(&s, CAL_ADDED, &m, NULL, local);
		rc = sync_from(&s, m.id, 0);
	}
	return (finish(&s, rc));
}

/* load_for_change - meeting id, which a command changes; CAL_BAD said
 * if there is none or it is cancelled */
static int
load_for_change(struct sync *s, int64_t id, struct meeting **m)
{
	switch (meeting_load(s->db, id, m)) {
	case DB_OK:
		break;
	case DB_NOTFOUND:
		vbuf_printf(s->err, "no meeting has id %lld", (long long)id);
		return (CAL_BAD);
	default:
		return (db_failed(s, "read the meeting"));
	}
	if ((*m)->state == MEETING_CANCELLED) {
		vbuf_printf(s->err, "meeting %lld is cancelled", (long long)id);
		meeting_free(m);
		return (CAL_BAD);
	}
	return (CAL_OK);
}

/* follows_error - m was made by a rule and moves only with its source */
static int
follows_error(struct sync *s, const struct meeting *m)
{
	struct meeting_rule *r = NULL;

	if (meeting_rule_load(s->db, m->rule_id, &r) != DB_OK)
		return (db_failed(s, "read the rule"));
	vbuf_printf(s->err, "meeting %lld follows meeting %lld by rule %lld "
	    "(%s %s before %s): move meeting %lld, or remove the rule",
	    (long long)m->id, (long long)m->source_id, (long long)r->id,
	    r->grp, r->given, r->before_grp, (long long)m->source_id);
	meeting_rule_free(&r);
	return (CAL_BAD);
}

/* cal_move - see cal_meeting.h */
int
cal_move(struct db *db, const char *zone, int64_t id,
    const struct cal_local *to, struct cal_changes *ch, struct vbuf *err)
{
	struct sync	 s = { db, zone, ch, err };
	struct meeting	*m = NULL;
	char		 local[CAL_LOCAL_SIZE];
	time_t		 at;
	int		 rc;

	if ((rc = begin(&s)) != CAL_OK)
		return (rc);
	if ((rc = load_for_change(&s, id, &m)) != CAL_OK)
		return (finish(&s, rc));
	if (m->rule_id > 0)
		rc = follows_error(&s, m);
	else if ((rc = instant(&s, to, &at)) == CAL_OK) {
		cal_local_format(to, local);
		if (meeting_set_start(db, id, at, local, zone) != DB_OK)
			rc = db_failed(&s, "move the meeting");
		else {
			record(&s, CAL_MOVED, m, m->start_local, local);
			rc = sync_from(&s, id, 0);
		}
	}
	meeting_free(&m);
	return (finish(&s, rc));
}

/* cal_cancel - see cal_meeting.h */
int
cal_cancel(struct db *db, int64_t id, struct cal_changes *ch,
    struct vbuf *err)
{
	struct sync	 s = { db, NULL, ch, err };
	struct meeting	*m = NULL;
	int		 rc;

	if ((rc = begin(&s)) != CAL_OK)
		return (rc);
	if ((rc = load_for_change(&s, id, &m)) != CAL_OK)
		return (finish(&s, rc));
	if (meeting_set_state(db, id, MEETING_CANCELLED) != DB_OK)
		rc = db_failed(&s, "cancel the meeting");
	else {
		record(&s, CAL_CANCELLED, m, NULL, m->start_local);
		s.zone = m->zone;
		rc = sync_from(&s, id, 0);
	}
	meeting_free(&m);
	return (finish(&s, rc));
}

/* made_from - 1 if meetings of grp are made, through any chain of
 * rules, from meetings of from */
static int
made_from(struct meeting_rule **rules, size_t nr, const char *grp,
    const char *from, int depth)
{
	if (strcmp(grp, from) == 0)
		return (1);
	if (depth > CAL_MAX_CHAIN)
		return (1);		/* deeper than allowed: as bad */
	for (size_t i = 0; i < nr; i++)
		if (strcmp(rules[i]->before_grp, from) == 0 &&
		    made_from(rules, nr, grp, rules[i]->grp, depth + 1))
			return (1);
	return (0);
}

/* check_cycle - CAL_BAD, said, if grp before before would close a
 * cycle: before's meetings already made, at some remove, from grp's */
static int
check_cycle(struct sync *s, const char *grp, const char *before)
{
	struct meeting_rule	**rules = NULL;
	size_t			  nr = 0;
	int			  rc = CAL_OK;

	if (meeting_rule_list(s->db, NULL, &rules, &nr) != DB_OK)
		return (db_failed(s, "read the rules"));
	if (made_from(rules, nr, before, grp, 0)) {
		vbuf_printf(s->err, "a cycle: %s's meetings already follow "
		    "%s's, so %s cannot also follow %s's", before, grp, grp,
		    before);
		rc = CAL_BAD;
	}
	meeting_rule_list_free(&rules, nr);
	return (rc);
}

/* apply_rule - the rule just made, to every meeting of before */
static int
apply_rule(struct sync *s, const char *before)
{
	struct meeting	**v = NULL;
	size_t		  n = 0;
	int		  rc = CAL_OK;

	if (meeting_list(s->db, before, &v, &n) != DB_OK)
		return (db_failed(s, "read the meetings"));
	for (size_t i = 0; rc == CAL_OK && i < n; i++)
		rc = sync_from(s, v[i]->id, 0);
	meeting_list_free(&v, n);
	return (rc);
}

/* cal_rule_add - see cal_meeting.h */
int
cal_rule_add(struct db *db, const char *zone, const char *grp,
    const char *before, const char *given, int64_t *rule_id,
    struct cal_changes *ch, struct vbuf *err)
{
	struct sync		s = { db, zone, ch, err };
	struct meeting_rule	r;
	int			rc, days;

	if (cal_group_check(grp, err) == -1 ||
	    cal_group_check(before, err) == -1)
		return (CAL_BAD);
	if (strcmp(grp, before) == 0) {
		vbuf_printf(err, "%s cannot meet before itself", grp);
		return (CAL_BAD);
	}
	if ((days = cal_offset_days(given)) == -1) {
		vbuf_printf(err, "\"%s\" is not an offset: whole days or "
		    "weeks, such as 10d or 2w, up to a year", given);
		return (CAL_BAD);
	}
	if ((rc = begin(&s)) != CAL_OK)
		return (rc);
	if ((rc = check_cycle(&s, grp, before)) != CAL_OK)
		return (finish(&s, rc));
	memset(&r, 0, sizeof(r));
	r.grp = (char *)grp;
	r.before_grp = (char *)before;
	r.days = days;
	r.given = (char *)given;
	switch (meeting_rule_insert(db, &r, rule_id)) {
	case DB_OK:
		rc = apply_rule(&s, before);
		break;
	case DB_CONFLICT:
		vbuf_printf(err, "%s already has a rule before %s: see moot "
		    "meeting rule ls, and remove it first", grp, before);
		rc = CAL_BAD;
		break;
	default:
		rc = db_failed(&s, "add the rule");
	}
	return (finish(&s, rc));
}

/* cal_rule_rm - see cal_meeting.h */
int
cal_rule_rm(struct db *db, int64_t id, int64_t *kept, struct vbuf *err)
{
	struct sync	s = { db, NULL, NULL, err };
	int		rc;

	if ((rc = begin(&s)) != CAL_OK)
		return (rc);
	switch (meeting_rule_delete(db, id, kept)) {
	case DB_OK:
		break;
	case DB_NOTFOUND:
		vbuf_printf(err, "no rule has id %lld", (long long)id);
		rc = CAL_BAD;
		break;
	default:
		rc = db_failed(&s, "remove the rule");
	}
	return (finish(&s, rc));
}

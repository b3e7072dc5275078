/*
 * gov_priority.c - the partnership's priorities; see gov_priority.h
 */
#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "db/db.h"
#include "db/db_list.h"
#include "db/db_priority.h"
#include "global/listaddr.h"
#include "gov/gov_priority.h"
#include "util/vbuf.h"
#include "util/sys_defs.h"

static const char *const state_names[] = {
	[GP_PROPOSED] = "proposed",
	[GP_CURRENT] = "current",
	[GP_RETIRED] = "retired",
	[GP_ALL] = NULL,
};

/* gov_priority_state_name - see gov_priority.h */
const char *
gov_priority_state_name(enum gov_priority_state s)
{
	return ((unsigned)s < nitems(state_names) ? state_names[s] : NULL);
}

/* gov_priority_each - see gov_priority.h */
int
gov_priority_each(struct db *db, enum gov_priority_state state,
    priority_cb cb, void *arg)
{
	return (priority_each(db, gov_priority_state_name(state), cb, arg));
}

/* one_line - s has no control characters: it is a title, shown on one
 * line in moot priority ls, a proposal and the report */
static int
one_line(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return (0);
	return (1);
}

/* gov_priority_add - see gov_priority.h */
int
gov_priority_add(struct db *db, const char *title, const char *text,
    int proposed, int64_t now, int64_t *id, struct vbuf *why)
{
	size_t	n = strlen(title);

	if (n == 0 || n > GOV_PRIORITY_TITLE_MAX || !one_line(title)) {
		vbuf_printf(why, "a priority's title is one line of 1 to %d "
		    "bytes", GOV_PRIORITY_TITLE_MAX);
		return (-1);
	}
	if (text != NULL && strlen(text) > GOV_PRIORITY_TEXT_MAX) {
		vbuf_printf(why, "a priority's text is at most %d bytes",
		    GOV_PRIORITY_TEXT_MAX);
		return (-1);
	}
	if (priority_insert(db, title, text, proposed ? "proposed" :
	    "current", now, id) != DB_OK) {
		vbuf_puts(why, "cannot write the priority");
		return (-1);
	}
	return (0);
}

/* gov_priority_retire - see gov_priority.h */
int
gov_priority_retire(struct db *db, int64_t id, int64_t now,
    struct vbuf *why)
{
	int	rc;

	if ((rc = priority_retire(db, id, now)) == DB_OK)
		return (0);
	if (rc == DB_NOTFOUND)
		vbuf_printf(why, "no priority has id %lld, or it is retired "
		    "already", (long long)id);
	else
		vbuf_puts(why, "cannot write the priority");
	return (-1);
}

/* found - a callback that only says the priority is there */
static int
found(const struct priority *p, void *arg)
{
	(void)p;
	(void)arg;
	return (0);
}

/*
 * each_word - fn for each word of csv (split at commas, empty words
 * skipped), at most max of them; 0, -1 with why for too many, or what
 * fn returned
 */
static int
each_word(const char *csv, size_t max, int (*fn)(const char *, void *),
    void *arg, struct vbuf *why)
{
	struct vbuf	 w;
	const char	*p, *e;
	size_t		 n = 0;
	int		 rc = 0;

	vbuf_init(&w, VBUF_NOMAX);
	for (p = csv; rc == 0 && *p != '\0'; p = *e != '\0' ? e + 1 : e) {
		if ((e = strchr(p, ',')) == NULL)
			e = p + strlen(p);
		if (e == p)
			continue;
		if (++n > max) {
			vbuf_printf(why, "more than %zu in \"%s\"", max, csv);
			rc = -1;
			break;
		}
		vbuf_reset(&w);
		vbuf_cat(&w, p, (size_t)(e - p));
		rc = fn(vbuf_str(&w), arg);
	}
	vbuf_release(&w);
	return (rc);
}

struct lists {
	struct db	*db;
	int64_t		 ids[GOV_PRIORITY_LISTS_MAX];
	size_t		 n;
	struct vbuf	*why;
};

/* one_list - the list called name exists: its id kept */
static int
one_list(const char *name, void *arg)
{
	struct lists	*ls = arg;
	struct list	*l = NULL;
	int		 rc;

	if ((rc = list_load(ls->db, name, &l)) != DB_OK) {
		if (rc == DB_NOTFOUND)
			vbuf_printf(ls->why, "no list is called \"%s\"", name);
		else
			vbuf_puts(ls->why, "cannot read the lists");
		return (-1);
	}
	ls->ids[ls->n++] = l->id;
	list_free(&l);
	return (0);
}

/* gov_priority_set_lists - see gov_priority.h */
int
gov_priority_set_lists(struct db *db, int64_t id, const char *csv,
    struct vbuf *why)
{
	struct lists	ls = { .db = db, .why = why };
	int		rc;

	if ((rc = priority_get(db, id, found, NULL)) != DB_OK) {
		if (rc == DB_NOTFOUND)
			vbuf_printf(why, "no priority has id %lld",
			    (long long)id);
		else
			vbuf_puts(why, "cannot read the priorities");
		return (-1);
	}
	if (each_word(csv, GOV_PRIORITY_LISTS_MAX, one_list, &ls, why) != 0)
		return (-1);
	if (priority_list_clear(db, id) != DB_OK)
		goto fail;
	for (size_t i = 0; i < ls.n; i++)
		if (priority_list_add(db, id, ls.ids[i]) != DB_OK)
			goto fail;
	return (0);
fail:
	vbuf_puts(why, "cannot write the priority's lists");
	return (-1);
}

/* gov_priority_warning - see gov_priority.h */
int
gov_priority_warning(struct db *db, struct vbuf *out)
{
	int64_t	n = 0;

	if (priority_count(db, "current", &n) != DB_OK)
		return (-1);
	if (n >= GOV_PRIORITIES_MIN && n <= GOV_PRIORITIES_MAX)
		return (0);
	vbuf_printf(out, "the partnership now has %lld current "
	    "priorit%s; it agrees %d or %d", (long long)n, n == 1 ? "y" :
	    "ies", GOV_PRIORITIES_MIN, GOV_PRIORITIES_MAX);
	return (1);
}

struct set {
	struct db	*db;
	int64_t		*ids;
	size_t		*n;
	struct vbuf	*norm, *why;
};

/* adoptable - a proposed or current priority may be adopted */
static int
adoptable(const struct priority *p, void *arg)
{
	*(int *)arg = strcmp(p->state, "retired") != 0;
	return (0);
}

/* one_id - word is the id of a priority that may be adopted, not yet
 * in the set */
static int
one_id(const char *word, void *arg)
{
	struct set	*s = arg;
	char		*end;
	long long	 v;
	int		 ok = 0, rc;

	errno = 0;
	v = strtoll(word, &end, 10);
	/* Digits only: strtoll would take " 3" and "+3" too. */
	if (!isdigit((unsigned char)*word) || *end != '\0' || v <= 0 ||
	    errno != 0) {
		vbuf_printf(s->why, "\"%s\" is not a priority's id", word);
		return (-1);
	}
	for (size_t i = 0; i < *s->n; i++)
		if (s->ids[i] == v) {
			vbuf_printf(s->why, "priority %lld is named twice", v);
			return (-1);
		}
	if ((rc = priority_get(s->db, v, adoptable, &ok)) != DB_OK || !ok) {
		vbuf_printf(s->why, rc == DB_NOTFOUND ? "no priority has id "
		    "%lld" : rc == DB_OK ? "priority %lld is retired" :
		    "cannot read priority %lld", v);
		return (-1);
	}
	s->ids[(*s->n)++] = v;
	vbuf_printf(s->norm, "%s%lld", s->norm->len > 0 ? "," : "", v);
	return (0);
}

/* gov_priority_set_parse - see gov_priority.h */
int
gov_priority_set_parse(struct db *db, const char *arg, int64_t *ids,
    size_t *n, struct vbuf *norm, struct vbuf *why)
{
	struct set	s = { db, ids, n, norm, why };

	*n = 0;
	vbuf_reset(norm);
	if (each_word(arg != NULL ? arg : "", GOV_PRIORITY_SET_MAX, one_id,
	    &s, why) != 0)
		return (-1);
	if (*n == 0) {
		vbuf_puts(why, "no priorities named: give their ids, "
		    "\"3,4,5\"");
		return (-1);
	}
	return (0);
}

/* gov_priority_adopt - see gov_priority.h */
int
gov_priority_adopt(struct db *db, const char *arg, int64_t now)
{
	const char	*p, *e;
	int		 rc;

	/* arg was written by gov_priority_set_parse(): ids and commas.
	 * The other current ones first: those in the set are current
	 * next, whatever they were. */
	if ((rc = priority_retire_others(db, arg, now)) != DB_OK)
		return (rc);
	for (p = arg; *p != '\0'; p = *e != '\0' ? e + 1 : e) {
		if ((e = strchr(p, ',')) == NULL)
			e = p + strlen(p);
		rc = priority_make_current(db, strtoll(p, NULL, 10), now);
		if (rc != DB_OK && rc != DB_NOTFOUND)
			return (rc);
	}
	return (DB_OK);
}

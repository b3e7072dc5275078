/*
 * cal_attend.c - attendance by organisation; see cal_attend.h
 */
#include <stdlib.h>
#include <string.h>

#include "cal/cal_attend.h"
#include "db/db.h"
#include "db/db_invite.h"
#include "db/db_list.h"
#include "list/membership.h"
#include "util/alloc.h"
#include "util/vbuf.h"
#include "util/sys_defs.h"

/* An organisation, and the meetings it attended. */
struct org {
	char		*key;		/* membership_org_key's */
	char		*name;		/* as its first member typed it */
	int64_t		*met;		/* meeting ids, each once */
	size_t		 n, cap;
};

/* What is counted. */
struct tally {
	int64_t		 *mid;		/* who attended which meeting: */
	char		**addr;		/* the pairs, by address */
	size_t		  len, cap;
	struct org	 *org;
	size_t		  norg, orgcap;
	struct cal_attend_row *lone;	/* members without one */
	size_t		  nlone;
	struct vbuf	  key;
};

/* keep - one attendance */
static int
keep(int64_t mid, const char *addr, void *arg)
{
	struct tally	*t = arg;

	if (t->len == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 16;
		t->addr = xreallocarray(t->addr, t->cap, sizeof(*t->addr));
		t->mid = xreallocarray(t->mid, t->cap, sizeof(*t->mid));
	}
	t->addr[t->len] = xstrdup(addr);
	t->mid[t->len++] = mid;
	return (0);
}

/* org_of - the organisation of name, found by its key or added */
static struct org *
org_of(struct tally *t, const char *name)
{
	struct org	*o;

	membership_org_key(name, &t->key);
	for (size_t i = 0; i < t->norg; i++)
		if (strcmp(t->org[i].key, vbuf_str(&t->key)) == 0)
			return (&t->org[i]);
	if (t->norg == t->orgcap) {
		t->orgcap = t->orgcap ? t->orgcap * 2 : 8;
		t->org = xreallocarray(t->org, t->orgcap, sizeof(*t->org));
	}
	o = &t->org[t->norg++];
	memset(o, 0, sizeof(*o));
	o->key = xstrdup(vbuf_str(&t->key));
	o->name = xstrdup(name);
	return (o);
}

/* org_met - meeting mid into o's, once */
static void
org_met(struct org *o, int64_t mid)
{
	for (size_t j = 0; j < o->n; j++)
		if (o->met[j] == mid)
			return;
	if (o->n == o->cap) {
		o->cap = o->cap ? o->cap * 2 : 8;
		o->met = xreallocarray(o->met, o->cap, sizeof(*o->met));
	}
	o->met[o->n++] = mid;
}

/* count_one - a member's attendance into their organisation's, or
 * their own line when they have none */
static int
count_one(const struct member *mem, void *arg)
{
	struct tally	*t = arg;
	struct org	*o = mem->org != NULL ? org_of(t, mem->org) : NULL;
	int64_t		 n = 0;

	for (size_t i = 0; i < t->len; i++) {
		if (strcmp(t->addr[i], mem->addr) != 0)
			continue;
		n++;
		if (o != NULL)
			org_met(o, t->mid[i]);
	}
	if (o == NULL) {
		t->lone = xreallocarray(t->lone, t->nlone + 1,
		    sizeof(*t->lone));
		t->lone[t->nlone].name = xstrdup(mem->addr);
		t->lone[t->nlone].org = 0;
		t->lone[t->nlone++].attended = n;
	}
	return (0);
}

/* org_cmp - organisations in the order of their keys */
static int
org_cmp(const void *a, const void *b)
{
	return (strcmp(((const struct org *)a)->key,
	    ((const struct org *)b)->key));
}

/* into_rows - t's organisations, then its members alone, as out's rows;
 * the names move from t to out */
static void
into_rows(struct tally *t, struct cal_attend *out)
{
	if (t->norg > 0)	/* qsort's array may not be NULL */
		qsort(t->org, t->norg, sizeof(*t->org), org_cmp);
	out->n = t->norg + t->nlone;
	out->row = out->n > 0 ? xcalloc(out->n, sizeof(*out->row)) : NULL;
	for (size_t i = 0; i < t->norg; i++) {
		out->row[i].name = t->org[i].name;
		out->row[i].org = 1;
		out->row[i].attended = (int64_t)t->org[i].n;
		t->org[i].name = NULL;
	}
	for (size_t i = 0; i < t->nlone; i++)
		out->row[t->norg + i] = t->lone[i];
	t->nlone = 0;
}

/* cal_attend_tally - see cal_attend.h */
int
cal_attend_tally(struct db *db, const struct list *l, int64_t since,
    int64_t until, int64_t nlast, struct cal_attend *out)
{
	struct tally	t;
	int		rc;

	memset(out, 0, sizeof(*out));
	memset(&t, 0, sizeof(t));
	vbuf_init(&t.key, VBUF_NOMAX);
	if ((rc = invite_attended_tally(db, l->name, since, until, nlast,
	    &out->held, keep, &t)) == DB_OK &&
	    (rc = member_each(db, l->id, count_one, &t)) == DB_OK)
		into_rows(&t, out);
	for (size_t i = 0; i < t.len; i++)
		free(t.addr[i]);
	for (size_t i = 0; i < t.norg; i++) {
		free(t.org[i].key);
		free(t.org[i].name);
		free(t.org[i].met);
	}
	for (size_t i = 0; i < t.nlone; i++)
		free(t.lone[i].name);
	free(t.lone);
	free(t.addr);
	free(t.mid);
	free(t.org);
	vbuf_release(&t.key);
	return (rc);
}

/* cal_attend_release - see cal_attend.h */
void
cal_attend_release(struct cal_attend *a)
{
	for (size_t i = 0; i < a->n; i++)
		free(a->row[i].name);
	free(a->row);
	memset(a, 0, sizeof(*a));
}

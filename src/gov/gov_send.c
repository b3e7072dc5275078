/*
 * gov_send.c - notices about decisions; see gov_send.h
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cal/cal_time.h"
#include "db/db.h"
#include "db/db_decision.h"
#include "db/db_list.h"
#include "global/conf.h"
#include "global/tmpl.h"
#include "gov/gov_send.h"
#include "list/ctx.h"
#include "list/notice.h"
#include "util/alloc.h"
#include "util/log.h"
#include "util/vbuf.h"
#include "util/sys_defs.h"

#define EXTRA_MAX	12	/* slots a caller adds */

struct people {
	struct gov_person	*v;
	size_t			 n, cap;
};

/* collect - a copy of mem */
static int
collect(const struct member *mem, void *arg)
{
	struct people	*p = arg;

	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 16;
		p->v = xreallocarray(p->v, p->cap, sizeof(*p->v));
	}
	p->v[p->n].addr = xstrdup(mem->addr);
	p->v[p->n].lang = mem->language != NULL ? xstrdup(mem->language) :
	    NULL;
	p->v[p->n].role = xstrdup(mem->role != NULL ? mem->role : "member");
	p->v[p->n].org = mem->org != NULL ? xstrdup(mem->org) : NULL;
	p->n++;
	return (0);
}

/* gov_people - see gov_send.h */
int
gov_people(struct ctx *x, int64_t list_id, const char *roles,
    struct gov_person **v, size_t *n)
{
	struct people	p = { NULL, 0, 0 };
	int		rc;

	rc = roles == NULL ? member_each(x->db, list_id, collect, &p) :
	    member_each_role(x->db, list_id, roles, collect, &p);
	*v = p.v;
	*n = p.n;
	return (rc == DB_OK ? 0 : -1);
}

/* gov_people_free - see gov_send.h */
void
gov_people_free(struct gov_person **v, size_t n)
{
	for (size_t i = 0; *v != NULL && i < n; i++) {
		free((*v)[i].addr);
		free((*v)[i].lang);
		free((*v)[i].role);
		free((*v)[i].org);
	}
	free(*v);
	*v = NULL;
}

/* gov_closes - see gov_send.h */
void
gov_closes(int64_t t, char *buf, size_t size)
{
	struct cal_local	l;
	char			b[CAL_LOCAL_SIZE];

	cal_local_from_utc((time_t)t, &l);
	cal_local_format(&l, b);
	(void)snprintf(buf, size, "%s", b);
}

/* gov_results - see gov_send.h */
void
gov_results(const char *result, struct vbuf *out)
{
	const char	*p = result != NULL ? result : "", *e, *eq;

	for (; *p != '\0'; p = *e == ',' ? e + 1 : e) {
		if ((e = strchr(p, ',')) == NULL)
			e = p + strlen(p);
		if ((eq = memchr(p, '=', (size_t)(e - p))) == NULL)
			continue;
		vbuf_printf(out, "  %.*s: %.*s\n", (int)(eq - p), p,
		    (int)(e - eq - 1), eq + 1);
	}
}

/* gov_send - see gov_send.h */
int
gov_send(struct ctx *x, const struct list *l, const struct decision_row *d,
    const char *tmpl, const char *to, const char *lang, const char *token,
    const struct tmpl_slot *extra, size_t nextra)
{
	return (gov_send_about(x, l, d, tmpl, to, lang, token, extra, nextra,
	    0));
}

/* gov_send_about - see gov_send.h */
int
gov_send_about(struct ctx *x, const struct list *l,
    const struct decision_row *d, const char *tmpl, const char *to,
    const char *lang, const char *token, const struct tmpl_slot *extra,
    size_t nextra, int64_t spool_id)
{
	struct tmpl_slot	 slots[5 + EXTRA_MAX];
	struct notice		 n;
	struct vbuf		 err;
	char			 closes[32];
	size_t			 k = 0;
	int			 rc = 0;

	gov_closes(d->closes_at, closes, sizeof(closes));
	slots[k++] = (struct tmpl_slot){ "list", l->name };
	slots[k++] = (struct tmpl_slot){ "title", d->title };
	slots[k++] = (struct tmpl_slot){ "text", d->text };
	slots[k++] = (struct tmpl_slot){ "closes", closes };
	slots[k++] = (struct tmpl_slot){ "zone", x->conf->timezone != NULL ?
	    x->conf->timezone : "UTC" };
	for (size_t i = 0; i < nextra && k < nitems(slots); i++)
		slots[k++] = extra[i];
	memset(&n, 0, sizeof(n));
	n.tmpl = tmpl;
	n.to = to;
	n.lang = lang;
	n.list = l;
	n.from_kind = token != NULL ? AK_VOTE : AK_OWNER;
	n.from_token = token;
	n.spool_id = spool_id;
	n.slots = slots;
	n.nslots = k;
	vbuf_init(&err, 1024);
	if (notice_queue(x, &n, &err) == -1) {
		log_warnx("decision %lld: %s to %s: %s", (long long)d->id, tmpl,
		    to, vbuf_str(&err));
		rc = -1;
	}
	vbuf_release(&err);
	return (rc);
}

/*
 * cli_attend.c - who answered a meeting's invitation, and who came
 *
 * moot meeting attended ID ADDR... records attendance; meeting show
 * lists the answers and the attendance (cli_attend_show); member ls
 * LIST --attendance tallies, over the group's last ATTEND_LAST
 * meetings that have begun, each organisation's attendance (it attended
 * a meeting when any of its members did; names are one organisation by
 * membership.h's rule), then each member's who has no organisation.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "db/db.h"
#include "db/db_invite.h"
#include "db/db_list.h"
#include "db/db_meeting.h"
#include "list/membership.h"
#include "mail/addr.h"
#include "util/alloc.h"
#include "util/clock.h"
#include "util/vis.h"
#include "util/vbuf.h"
#include "util/sys_defs.h"

/* The meetings member ls --attendance looks back over. */
#define ATTEND_LAST	4

/* print_answer - "answer: ADDR accepted" */
static int
print_answer(const char *addr, enum invite_answer a, void *arg)
{
	(void)arg;
	printf("answer: %s %s\n", addr, invite_answer_name(a));
	return (0);
}

/* print_attended - "attended: ADDR" */
static int
print_attended(const char *addr, void *arg)
{
	(void)arg;
	printf("attended: %s\n", addr);
	return (0);
}

/* cli_attend_show - see cli.h */
int
cli_attend_show(struct cli *c, int64_t id)
{
	if (invite_answer_each(c->db, id, print_answer, NULL) != DB_OK)
		return (cli_error(CLI_FAIL, "cannot read the answers"));
	if (invite_attended_each(c->db, id, print_attended, NULL) != DB_OK)
		return (cli_error(CLI_FAIL, "cannot read the attendance"));
	return (CLI_OK);
}

/* cmd_meeting_attended - moot meeting attended ID ADDR... */
int
cmd_meeting_attended(struct cli *c, int argc, char **argv)
{
	const struct cli_command *k = cli_command_for(cmd_meeting_attended);
	struct meeting	*m = NULL;
	struct vbuf	 why;
	char		*end, *canon;
	long long	 id;
	int		 rc;

	if (cli_wants_help(argc, argv))
		return (cli_help(k, 0));
	if (argc < 3)
		return (cli_help(k, 1));
	id = strtoll(argv[1], &end, 10);
	if (*argv[1] == '\0' || *end != '\0' || id <= 0)
		return (cli_error(CLI_USAGE, "\"%s\" is not a meeting's id",
		    argv[1]));
	vbuf_init(&why, 256);
	for (int i = 2; i < argc; i++)
		if (addr_check(argv[i], &why) == -1) {
			rc = cli_error(CLI_USAGE, "%s: %s", argv[i],
			    vbuf_str(&why));
			vbuf_release(&why);
			return (rc);
		}
	vbuf_release(&why);
	if ((rc = cli_db(c)) != CLI_OK)
		return (rc);
	if ((rc = meeting_load(c->db, id, &m)) != DB_OK)
		return (rc == DB_NOTFOUND ? cli_error(CLI_USAGE, "no meeting "
		    "has id %lld", id) : cli_error(CLI_FAIL, "cannot read "
		    "the meetings"));
	if (m->start_at > clock_now() || m->state != MEETING_SCHEDULED) {
		meeting_free(&m);
		return (cli_error(CLI_USAGE, "meeting %lld has not taken "
		    "place: nobody can have attended it yet", id));
	}
	meeting_free(&m);
	if (db_begin(c->db) != DB_OK)
		return (cli_error(CLI_FAIL, "cannot write the attendance"));
	for (int i = 2; i < argc; i++) {
		canon = addr_canon_new(argv[i]);
		rc = invite_attended_add(c->db, id, canon, clock_now());
		free(canon);
		if (rc != DB_OK) {
			db_rollback(c->db);
			return (cli_error(CLI_FAIL, "cannot write the "
			    "attendance"));
		}
	}
	if (db_commit(c->db) != DB_OK)
		return (cli_error(CLI_FAIL, "cannot write the attendance"));
	printf("meeting %lld: %d attended\n", id, argc - 2);
	return (CLI_OK);
}

/* An organisation, and the meetings it attended. */
struct org {
	char		*key;		/* membership_org_key's */
	char		*name;		/* as its first member (by address)
					 * typed it */
	int64_t		 met[ATTEND_LAST];
	size_t		 n;
};

/* What member ls --attendance counts. */
struct tally {
	int64_t		 *mid;		/* who attended which meeting: */
	char		**addr;		/* the pairs, by address */
	size_t		  len, cap;
	int64_t		  held;
	struct org	 *org;
	size_t		  norg, orgcap;
	struct vbuf	  lone;		/* the lines of members without one */
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

/* count_one - a member's attendance into their organisation's, or
 * their own line when they have none */
static int
count_one(const struct member *mem, void *arg)
{
	struct tally	*t = arg;
	struct org	*o = mem->org != NULL ? org_of(t, mem->org) : NULL;
	int64_t		 n = 0;
	size_t		 j;

	for (size_t i = 0; i < t->len; i++) {
		if (strcmp(t->addr[i], mem->addr) != 0)
			continue;
		n++;
		if (o == NULL)
			continue;
		for (j = 0; j < o->n && o->met[j] != t->mid[i]; j++)
			;
		/* At most ATTEND_LAST meetings are in the pairs. */
		if (j == o->n && o->n < nitems(o->met))
			o->met[o->n++] = t->mid[i];
	}
	if (o == NULL)
		vbuf_printf(&t->lone, "%-40s attended %lld of %lld\n",
		    mem->addr, (long long)n, (long long)t->held);
	return (0);
}

/* org_cmp - organisations in the order of their keys */
static int
org_cmp(const void *a, const void *b)
{
	return (strcmp(((const struct org *)a)->key,
	    ((const struct org *)b)->key));
}

/* cli_attendance - member ls LIST --attendance; CLI_OK or an error */
int
cli_attendance(struct cli *c, const struct list *l)
{
	struct tally	t;
	struct vbuf	v;
	int		rc = CLI_OK;

	memset(&t, 0, sizeof(t));
	vbuf_init(&t.lone, VBUF_NOMAX);
	vbuf_init(&t.key, VBUF_NOMAX);
	vbuf_init(&v, VBUF_NOMAX);
	if (invite_attended_tally(c->db, l->name, clock_now(), ATTEND_LAST,
	    &t.held, keep, &t) != DB_OK ||
	    member_each(c->db, l->id, count_one, &t) != DB_OK)
		rc = cli_error(CLI_FAIL, "cannot read the attendance");
	else {
		if (t.norg > 0)	/* qsort's array may not be NULL */
			qsort(t.org, t.norg, sizeof(*t.org), org_cmp);
		for (size_t i = 0; i < t.norg; i++) {
			vbuf_reset(&v);
			vis_append(&v, t.org[i].name);
			printf("%-40s attended %lld of %lld\n", vbuf_str(&v),
			    (long long)t.org[i].n, (long long)t.held);
		}
		fputs(vbuf_str(&t.lone), stdout);
	}
	for (size_t i = 0; i < t.len; i++)
		free(t.addr[i]);
	for (size_t i = 0; i < t.norg; i++) {
		free(t.org[i].key);
		free(t.org[i].name);
	}
	free(t.addr);
	free(t.mid);
	free(t.org);
	vbuf_release(&t.lone);
	vbuf_release(&t.key);
	vbuf_release(&v);
	return (rc);
}

/*
 * rcpt_bench - how long the milter's RCPT decision takes (rcpt_check),
 * with 1,000 lists and 100,000 members in a real SQLite file: median and
 * 99th percentile over many decisions, half of them members' posts to
 * members-only lists, the rest strangers, unknown lists and other
 * addresses.  Prints one key=value line for bench/milter.sh.
 *
 * usage: rcpt_bench DIR [DECISIONS]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/clock.h"
#include "global/conf.h"
#include "db/db.h"
#include "db/db_list.h"
#include "milter/rcpt_rules.h"
#include "util/vbuf.h"

#define LISTS		1000
#define PER_LIST	100

static int
cmp(const void *a, const void *b)
{
	double	x = *(const double *)a, y = *(const double *)b;

	return ((x > y) - (x < y));
}

static double
now_us(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (ts.tv_sec * 1e6 + ts.tv_nsec / 1e3);
}

int
main(int argc, char *argv[])
{
	struct conf	 c;
	struct db	*db;
	struct vbuf	 err;
	struct rcpt_check g;
	struct rcpt_reply r;
	char		 path[512], name[32], addr[64], rcpt[96];
	double		*t;
	long		 n = argc > 2 ? atol(argv[2]) : 200000, i;
	int		 ours = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: rcpt_bench dir [decisions]\n");
		return (2);
	}
	(void)snprintf(path, sizeof(path), "%s/rcpt-bench.db", argv[1]);
	vbuf_init(&err, 1024);
	if (db_open(&db, path, DB_CREATE, &err) != DB_OK ||
	    db_migrate(db, &err) != DB_OK) {
		fprintf(stderr, "rcpt_bench: %s\n", vbuf_str(&err));
		return (2);
	}
	clock_init("UTC", &err);
	memset(&c, 0, sizeof(c));
	c.domain = "lists.example.org";
	c.delimiter = '+';
	c.lim.message_bytes = 10 << 20;

	db_exec(db, "PRAGMA synchronous = OFF", "");
	db_begin(db);
	for (i = 0; i < LISTS; i++) {
		struct list	l;

		memset(&l, 0, sizeof(l));
		(void)snprintf(name, sizeof(name), "list%04ld", i);
		l.name = name;
		l.members_only = i % 2 == 0;
		list_insert(db, &l);
		for (long k = 0; k < PER_LIST; k++) {
			struct member	m;

			memset(&m, 0, sizeof(m));
			(void)snprintf(addr, sizeof(addr), "user%06ld@example.org",
			    i * PER_LIST + k);
			m.list_id = l.id;
			m.addr = addr;
			member_insert(db, &m);
		}
	}
	db_commit(db);
	db_exec(db, "PRAGMA synchronous = FULL", "");

	t = calloc((size_t)n, sizeof(*t));
	srand(42);
	for (i = 0; i < n; i++) {
		long	li = rand() % LISTS, who = rand() % 4;

		/* a member, a stranger, an unknown list, an outside address */
		(void)snprintf(addr, sizeof(addr), "user%06ld@example.org",
		    who == 1 ? 9999999L : li * PER_LIST + rand() % PER_LIST);
		if (who == 2)
			(void)snprintf(rcpt, sizeof(rcpt),
			    "<nolist%04ld@lists.example.org>", li);
		else if (who == 3)
			(void)snprintf(rcpt, sizeof(rcpt),
			    "<someone%04ld@elsewhere.example>", li);
		else
			(void)snprintf(rcpt, sizeof(rcpt),
			    "<list%04ld@lists.example.org>", li);
		double	s = now_us();

		rcpt_check(db, &c, addr, 0, rcpt, &g, &r);
		t[i] = now_us() - s;
		ours += r.action == RCPT_OURS;
	}
	qsort(t, (size_t)n, sizeof(*t), cmp);
	printf("rcpt-decision lists=%d members=%d decisions=%ld accepted=%d "
	    "median_us=%.1f p99_us=%.1f max_us=%.1f\n", LISTS,
	    LISTS * PER_LIST, n, ours, t[n / 2], t[n * 99 / 100], t[n - 1]);
	free(t);
	db_close(&db);
	vbuf_release(&err);
	return (0);
}

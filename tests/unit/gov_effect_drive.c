/*
 * gov_effect_drive - tests/appointments.sh's and tests/priorities.sh's
 * hand on gov_effect.h, as the proposals' code will call it, on a
 * site's real database:
 *
 *	gov_effect_drive CONF set ID KIND ARG	(KIND priorities, appoint,
 *						 statement)
 *	gov_effect_drive CONF passed ID
 *	gov_effect_drive CONF describe ID LANG
 *	gov_effect_drive CONF keep ID TITLE TEXT	(gov_statement_keep)
 *	gov_effect_drive CONF statements
 *
 * set prints "ok" or "refused: WHY" (exit 1); passed runs in its own
 * transaction, as the proposal's passing will; exit 2 on trouble.
 * MOOT_NOW is the time, as for moot and mootd.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db.h"
#include "global/conf.h"
#include "gov/gov_effect.h"
#include "gov/gov_statement.h"
#include "util/clock.h"
#include "util/vbuf.h"

static const char *const kinds[GE_COUNT] = {
	[GE_PRIORITIES] = "priorities",
	[GE_APPOINT] = "appoint",
	[GE_STATEMENT] = "statement",
};

/* set - gov_effect_set with the kind named k */
static int
set(struct db *db, int64_t id, const char *k, const char *arg)
{
	struct vbuf	why;
	int		kind = -1, rc;

	for (int i = 0; i < GE_COUNT; i++)
		if (kinds[i] != NULL && strcmp(kinds[i], k) == 0)
			kind = i;
	if (kind == -1)
		return (2);
	vbuf_init(&why, 1024);
	if (db_begin(db) != DB_OK)
		return (2);
	if (gov_effect_set(db, id, (enum gov_effect_kind)kind, arg, &why) ==
	    0) {
		rc = db_commit(db) == DB_OK ? 0 : 2;
		printf("ok\n");
	} else {
		db_rollback(db);
		printf("refused: %s\n", vbuf_str(&why));
		rc = 1;
	}
	vbuf_release(&why);
	return (rc);
}

/* passed - gov_effect_passed in its own transaction */
static int
passed(struct db *db, int64_t id)
{
	if (db_begin(db) != DB_OK)
		return (2);
	if (gov_effect_passed(db, id, clock_now()) != 0) {
		db_rollback(db);
		return (2);
	}
	return (db_commit(db) == DB_OK ? 0 : 2);
}

/* print_statement - "ID AGREED TITLE: TEXT" */
static int
print_statement(const struct statement *s, void *arg)
{
	(void)arg;
	printf("%lld %lld %s: %s\n", (long long)s->decision_id,
	    (long long)s->agreed_at, s->title, s->text);
	return (0);
}

/* run - one command on db */
static int
run(struct db *db, int argc, char **argv)
{
	struct vbuf	out;
	int64_t		id = argc > 3 ? strtoll(argv[3], NULL, 10) : 0;
	int		rc = 2;

	vbuf_init(&out, VBUF_NOMAX);
	if (strcmp(argv[2], "set") == 0 && argc == 6)
		rc = set(db, id, argv[4], argv[5]);
	else if (strcmp(argv[2], "passed") == 0 && argc == 4)
		rc = passed(db, id);
	else if (strcmp(argv[2], "describe") == 0 && argc == 5 &&
	    gov_effect_describe(db, id, argv[4], &out) == 0) {
		printf("%s", vbuf_str(&out));
		rc = 0;
	} else if (strcmp(argv[2], "keep") == 0 && argc == 6)
		rc = gov_statement_keep(db, id, argv[4], argv[5],
		    clock_now()) == DB_OK ? 0 : 2;
	else if (strcmp(argv[2], "statements") == 0)
		rc = gov_statement_each(db, 0, INT64_MAX, print_statement,
		    NULL) == DB_OK ? 0 : 2;
	vbuf_release(&out);
	return (rc);
}

int
main(int argc, char **argv)
{
	struct conf	 conf;
	struct db	*db = NULL;
	struct vbuf	 err;
	int		 rc = 2;

	if (argc < 3) {
		fprintf(stderr, "usage: gov_effect_drive CONF COMMAND ...\n");
		return (2);
	}
	vbuf_init(&err, 1024);
	if (conf_load(&conf, argv[1], &err) == -1 ||
	    clock_init(conf.timezone, &err) == -1) {
		fprintf(stderr, "gov_effect_drive: %s\n", vbuf_str(&err));
		return (2);
	}
	gov_effect_use_conf(&conf);
	if (db_open(&db, conf.database, 0, &err) != DB_OK)
		fprintf(stderr, "gov_effect_drive: %s\n", vbuf_str(&err));
	else
		rc = run(db, argc, argv);
	db_close(&db);
	conf_free(&conf);
	vbuf_release(&err);
	return (rc);
}

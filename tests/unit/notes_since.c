/*
 * notes_since - tests/notes.sh's reader of db_notes.h's
 * notes_approved_since(), the query the weekly update will use:
 *
 *	notes_since DB LIST SINCE
 *
 * prints "SPOOL_ID MEETING_ID GROUP" for each note approved at or after
 * SINCE (seconds since the epoch) whose group names LIST in its
 * --notes-to, oldest first; exit 1 on trouble.
 */
#include <stdio.h>
#include <stdlib.h>

#include "db/db.h"
#include "db/db_notes.h"
#include "util/vbuf.h"

/* print - one note's line */
static int
print(const struct meeting_note *n, void *arg)
{
	(void)arg;
	printf("%lld %lld %s\n", (long long)n->spool_id,
	    (long long)n->meeting_id, n->grp != NULL ? n->grp : "-");
	return (0);
}

int
main(int argc, char **argv)
{
	struct db	*db = NULL;
	struct vbuf	 err;
	int		 rc = 1;

	if (argc != 4) {
		fprintf(stderr, "usage: notes_since DB LIST SINCE\n");
		return (2);
	}
	vbuf_init(&err, 1024);
	if (db_open(&db, argv[1], 0, &err) != DB_OK)
		fprintf(stderr, "notes_since: %s\n", vbuf_str(&err));
	else if (notes_approved_since(db, argv[2], strtoll(argv[3], NULL,
	    10), print, NULL) == DB_OK)
		rc = 0;
	db_close(&db);
	vbuf_release(&err);
	return (rc);
}

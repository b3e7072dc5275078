/*
 * cli_notes.c - a meeting's approved notes: moot meeting notes ID, and
 * their lines in moot meeting show
 *
 * The notes came to LIST-notes@ and an organiser approved them
 * (cal/cal_notes.c, db/db_notes.h); here they are only read.  Their
 * text is a stranger's mail: each line is printed escaped (vis.h), so
 * that it cannot move the terminal's cursor or turn text around.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "db/db.h"
#include "db/db_meeting.h"
#include "db/db_notes.h"
#include "util/clock.h"
#include "util/vbuf.h"
#include "util/vis.h"
#include "util/sys_defs.h"

/* show_one - a line of meeting show: when the notes were approved */
static int
show_one(const struct meeting_note *n, void *arg)
{
	struct vbuf	v;
	char		when[32];

	(*(int *)arg)++;
	clock_iso((time_t)n->approved_at, when, sizeof(when));
	vbuf_init(&v, VBUF_NOMAX);
	vis_append(&v, n->sender != NULL ? n->sender : "-");
	printf("notes: approved %s, from %s\n", when, vbuf_str(&v));
	vbuf_release(&v);
	return (0);
}

/* cli_notes_show - see cli.h */
int
cli_notes_show(struct cli *c, int64_t meeting_id)
{
	int	n = 0;

	if (notes_of_meeting(c->db, meeting_id, show_one, &n) != DB_OK)
		return (cli_error(CLI_FAIL, "cannot read the meeting's notes"));
	if (n == 0)
		printf("notes: -\n");
	return (CLI_OK);
}

/* print_one - one approved note in full: who, when, then its text */
static int
print_one(const struct meeting_note *n, void *arg)
{
	struct vbuf	 v;
	const char	*p, *nl;
	char		 when[32];

	if ((*(int *)arg)++ > 0)
		printf("\n");
	clock_iso((time_t)n->approved_at, when, sizeof(when));
	cli_field("from", n->sender);
	cli_field("subject", n->subject);
	cli_field("approved", when);
	printf("\n");
	vbuf_init(&v, VBUF_NOMAX);
	for (p = n->text; *p != '\0'; p = *nl != '\0' ? nl + 1 : nl) {
		if ((nl = strchr(p, '\n')) == NULL)
			nl = p + strlen(p);
		vbuf_reset(&v);
		vbuf_cat(&v, p, (size_t)(nl - p));
		{
			struct vbuf	line;

			vbuf_init(&line, VBUF_NOMAX);
			vis_append(&line, vbuf_str(&v));
			printf("%s\n", vbuf_str(&line));
			vbuf_release(&line);
		}
	}
	vbuf_release(&v);
	return (0);
}

/* cmd_meeting_notes - moot meeting notes ID */
int
cmd_meeting_notes(struct cli *c, int argc, char **argv)
{
	struct meeting	*m = NULL;
	char		*end;
	long long	 id;
	int		 n = 0, rc;

	if (cli_wants_help(argc, argv))
		return (cli_help(cli_command_for(cmd_meeting_notes), 0),
		    CLI_OK);
	if (argc != 2)
		return (cli_help(cli_command_for(cmd_meeting_notes), 1));
	id = strtoll(argv[1], &end, 10);
	if (*argv[1] == '\0' || *end != '\0' || id <= 0)
		return (cli_error(CLI_USAGE, "meeting: \"%s\" is not an id",
		    argv[1]));
	if ((rc = cli_db(c)) != CLI_OK)
		return (rc);
	if ((rc = meeting_load(c->db, (int64_t)id, &m)) == DB_NOTFOUND)
		return (cli_error(CLI_USAGE, "no meeting has id %lld", id));
	if (rc != DB_OK)
		return (cli_error(CLI_FAIL, "cannot read the meetings"));
	meeting_free(&m);
	if (notes_of_meeting(c->db, (int64_t)id, print_one, &n) != DB_OK)
		return (cli_error(CLI_FAIL, "cannot read the meeting's notes"));
	if (n == 0)
		fprintf(stderr, "moot: meeting %lld has no approved notes\n",
		    id);
	return (CLI_OK);
}

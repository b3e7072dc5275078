/*
 * cli_attend.c - who answered a meeting's invitation, and who came
 *
 * moot meeting attended ID ADDR... records attendance; meeting show
 * lists the answers and the attendance (cli_attend_show); member ls
 * LIST --attendance tallies, over the group's last ATTEND_LAST
 * meetings that have begun, each organisation's attendance (it attended
 * a meeting when any of its members did; names are one organisation by
 * membership.h's rule), then each member's who has no organisation:
 * cal/cal_attend.h counts, for the report too.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cal/cal_attend.h"
#include "cli/cli.h"
#include "db/db.h"
#include "db/db_invite.h"
#include "db/db_list.h"
#include "db/db_meeting.h"
#include "mail/addr.h"
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

/* cli_attendance - member ls LIST --attendance; CLI_OK or an error */
int
cli_attendance(struct cli *c, const struct list *l)
{
	struct cal_attend a;
	struct vbuf	v;
	int		rc = CLI_OK;

	vbuf_init(&v, VBUF_NOMAX);
	if (cal_attend_tally(c->db, l, 0, clock_now(), ATTEND_LAST, &a) !=
	    DB_OK)
		rc = cli_error(CLI_FAIL, "cannot read the attendance");
	for (size_t i = 0; rc == CLI_OK && i < a.n; i++) {
		vbuf_reset(&v);
		/* An organisation's name is as typed; addresses are
		 * canonical (addr.h) and printed as they are. */
		if (a.row[i].org)
			vis_append(&v, a.row[i].name);
		else
			vbuf_puts(&v, a.row[i].name);
		printf("%-40s attended %lld of %lld\n", vbuf_str(&v),
		    (long long)a.row[i].attended, (long long)a.held);
	}
	cal_attend_release(&a);
	vbuf_release(&v);
	return (rc);
}

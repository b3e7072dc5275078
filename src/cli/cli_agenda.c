/*
 * cli_agenda.c - a meeting's agenda, papers and board seats
 *
 * moot meeting paper ID FILE keeps a paper to go out with the agenda
 * (marked late once the agenda has gone); moot meeting seats MEETING
 * ADDR... records who takes the partnership's seats at a board
 * meeting; meeting show lists all three (cli_agenda_show).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cal/cal_agenda.h"
#include "cli/cli.h"
#include "db/db.h"
#include "db/db_agenda.h"
#include "db/db_meeting.h"
#include "mail/addr.h"
#include "util/alloc.h"
#include "util/clock.h"
#include "util/vbuf.h"
#include "util/vis.h"
#include "util/sys_defs.h"

/* meeting_arg - meeting argv[1] exists; CLI_OK or after saying why */
static int
meeting_arg(struct cli *c, const char *s, int64_t *id)
{
	struct meeting	*m = NULL;
	char		*end;
	long long	 v;
	int		 rc;

	v = strtoll(s, &end, 10);
	if (*s == '\0' || *end != '\0' || v <= 0)
		return (cli_error(CLI_USAGE, "\"%s\" is not a meeting's id",
		    s));
	if ((rc = cli_db(c)) != CLI_OK)
		return (rc);
	if ((rc = meeting_load(c->db, v, &m)) != DB_OK)
		return (rc == DB_NOTFOUND ? cli_error(CLI_USAGE, "no meeting "
		    "has id %lld", v) : cli_error(CLI_FAIL, "cannot read "
		    "the meetings"));
	meeting_free(&m);
	*id = v;
	return (CLI_OK);
}

/* print_item - "agenda: N [late] NAME <ADDR>: TEXT", escaped */
static int
print_item(const struct agenda_item *it, void *arg)
{
	struct vbuf	v;
	int		*n = arg;

	vbuf_init(&v, VBUF_NOMAX);
	vis_append(&v, it->name);
	vbuf_puts(&v, " <");
	vis_append(&v, it->addr);
	vbuf_puts(&v, ">: ");
	vis_append(&v, it->text);
	printf("agenda: %d%s %s\n", ++*n, it->late ? " late" : "",
	    vbuf_str(&v));
	vbuf_release(&v);
	return (0);
}

/* print_paper - "paper: FILE (TYPE, N bytes) from ADDR [late]" */
static int
print_paper(const struct agenda_paper *p, void *arg)
{
	struct vbuf	v;

	(void)arg;
	vbuf_init(&v, VBUF_NOMAX);
	vis_append(&v, p->filename);
	printf("paper: %s (%s, %zu bytes) from %s%s\n", vbuf_str(&v),
	    p->ctype, p->len, p->added_by, p->late ? " late" : "");
	vbuf_release(&v);
	return (0);
}

/* print_seat - "seat: ADDR" */
static int
print_seat(const char *addr, void *arg)
{
	(void)arg;
	printf("seat: %s\n", addr);
	return (0);
}

/* cli_agenda_show - see cli.h */
int
cli_agenda_show(struct cli *c, int64_t id)
{
	int	n = 0, sent = 0;

	if (agenda_sent_has(c->db, id, &sent) != DB_OK ||
	    agenda_item_each(c->db, id, print_item, &n) != DB_OK ||
	    agenda_paper_each(c->db, id, print_paper, NULL) != DB_OK)
		return (cli_error(CLI_FAIL, "cannot read the agenda"));
	printf("agenda-sent: %s\n", sent ? "yes" : "no");
	if (seat_each(c->db, id, print_seat, NULL) != DB_OK)
		return (cli_error(CLI_FAIL, "cannot read the seats"));
	return (CLI_OK);
}

/* cmd_meeting_seats - moot meeting seats MEETING ADDR... */
int
cmd_meeting_seats(struct cli *c, int argc, char **argv)
{
	const struct cli_command *k = cli_command_for(cmd_meeting_seats);
	char		*canon[SEATS_MAX];
	struct vbuf	 why;
	int64_t		 id;
	size_t		 n = 0;
	int		 rc;

	if (cli_wants_help(argc, argv))
		return (cli_help(k, 0));
	if (argc < 3)
		return (cli_help(k, 1));
	if (argc - 2 > SEATS_MAX)
		return (cli_error(CLI_USAGE, "the partnership has %d seats on "
		    "the board; %d addresses given", SEATS_MAX, argc - 2));
	vbuf_init(&why, 256);
	for (int i = 2; i < argc; i++)
		if (addr_check(argv[i], &why) == -1) {
			rc = cli_error(CLI_USAGE, "%s: %s", argv[i],
			    vbuf_str(&why));
			vbuf_release(&why);
			return (rc);
		}
	vbuf_release(&why);
	if ((rc = meeting_arg(c, argv[1], &id)) != CLI_OK)
		return (rc);
	for (int i = 2; i < argc; i++)
		canon[n++] = addr_canon_new(argv[i]);
	rc = CLI_OK;
	if (db_begin(c->db) != DB_OK)
		rc = cli_error(CLI_FAIL, "cannot write the seats");
	else if (seat_set(c->db, id, canon, n) != DB_OK) {
		db_rollback(c->db);
		rc = cli_error(CLI_FAIL, "cannot write the seats");
	} else if (db_commit(c->db) != DB_OK)
		rc = cli_error(CLI_FAIL, "cannot write the seats");
	else
		printf("meeting %lld: %zu seat(s) taken\n", (long long)id, n);
	for (size_t i = 0; i < n; i++)
		free(canon[i]);
	return (rc);
}

/* cmd_meeting_paper - moot meeting paper ID FILE */
int
cmd_meeting_paper(struct cli *c, int argc, char **argv)
{
	const struct cli_command *k = cli_command_for(cmd_meeting_paper);
	struct agenda_paper	 p;
	struct vbuf		 data;
	const char		*base;
	int64_t			 id;
	int			 rc, sent = 0;

	if (cli_wants_help(argc, argv))
		return (cli_help(k, 0));
	if (argc != 3)
		return (cli_help(k, 1));
	if ((rc = meeting_arg(c, argv[1], &id)) != CLI_OK)
		return (rc);
	vbuf_init(&data, VBUF_NOMAX);
	if (cli_read_file(argv[2], CAL_PAPER_MAX, "too large to send to "
	    "every member", &data) == -1) {
		vbuf_release(&data);
		return (CLI_USAGE);
	}
	base = strrchr(argv[2], '/') != NULL ? strrchr(argv[2], '/') + 1 :
	    argv[2];
	memset(&p, 0, sizeof(p));
	p.filename = base;
	p.ctype = cal_agenda_ctype(base);
	p.data = data.data;
	p.len = data.len;
	p.added_by = "moot meeting paper";
	rc = CLI_OK;
	if (agenda_sent_has(c->db, id, &sent) != DB_OK)
		rc = cli_error(CLI_FAIL, "cannot read the agenda");
	p.late = sent;
	if (rc == CLI_OK && agenda_paper_add(c->db, id, &p, clock_now()) !=
	    DB_OK)
		rc = cli_error(CLI_FAIL, "cannot keep the paper");
	if (rc == CLI_OK)
		printf("meeting %lld: paper %s (%zu bytes)%s\n", (long long)id,
		    base, data.len, sent ? ", late: the agenda has gone" :
		    ", to go with the agenda");
	vbuf_release(&data);
	return (rc);
}

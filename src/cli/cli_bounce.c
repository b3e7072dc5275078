/*
 * cli_bounce.c - moot bounce classify: what a returned message says
 *
 * Reads a message from a file as moot reads mail (within [limits]) and
 * prints what the bounce reader (mail/bounce.h) makes of it: its class,
 * the form it was read in, its status, the failed recipients it names
 * and what it quotes of the message that failed.  For administrators
 * wondering why a bounce counted or did not, and for the tests.
 * Changes nothing.
 *
 * Also the members' side of bounces (list/bounce_score.h): moot member
 * ls LIST --bounces (each scored member's score, last bounce and
 * whether delivery to them stopped) and moot member enable LIST ADDR
 * (their score forgotten, delivery started again).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <stdlib.h>

#include "cli/cli.h"
#include "db/db.h"
#include "db/db_bounce.h"
#include "db/db_list.h"
#include "mail/addr.h"
#include "util/clock.h"
#include "mail/bounce.h"
#include "mail/mail.h"
#include "util/vbuf.h"
#include "util/sys_defs.h"

/* read_message - path whole, canonical CRLF, into out; CLI_OK or an
 * exit status after saying why */
static int
read_message(struct cli *c, const char *path, struct vbuf *out)
{
	struct vbuf	 raw;
	FILE		*f;
	char		 buf[8192];
	size_t		 got;
	int		 rc = CLI_OK;

	if ((f = fopen(path, "rb")) == NULL)
		return (cli_error(CLI_USAGE, "%s: %s", path, strerror(errno)));
	vbuf_init(&raw, (size_t)c->conf.lim.message_bytes);
	while (rc == CLI_OK && (got = fread(buf, 1, sizeof(buf), f)) > 0)
		if (vbuf_cat(&raw, buf, got) == -1)
			rc = cli_error(CLI_USAGE, "%s: larger than %lld bytes",
			    path, (long long)c->conf.lim.message_bytes);
	if (rc == CLI_OK && ferror(f))
		rc = cli_error(CLI_FAIL, "%s: cannot read", path);
	(void)fclose(f);
	if (rc == CLI_OK && mail_canon(out, raw.data, raw.len) == -1)
		rc = cli_error(CLI_FAIL, "%s: cannot read", path);
	vbuf_release(&raw);
	return (rc);
}

/* show - the bounce, one "name: value" line each */
static void
show(const struct bounce *b)
{
	char	line[BOUNCE_STATUS_MAX + 32];

	cli_field("class", bounce_class_name(b->cls));
	cli_field("form", b->form[0] != '\0' ? b->form : NULL);
	cli_field("status", b->status[0] != '\0' ? b->status : NULL);
	cli_field("policy", cli_yes(b->policy));
	for (size_t i = 0; i < b->nrcpt; i++) {
		(void)snprintf(line, sizeof(line), "recipient (%s%s%s)",
		    bounce_class_name(b->rcpt[i].cls),
		    b->rcpt[i].status[0] != '\0' ? " " : "",
		    b->rcpt[i].status);
		cli_field(line, b->rcpt[i].addr);
	}
	cli_field("original-message-id", b->orig_msgid);
	cli_field("original-list-id", b->orig_field);
}

/* cmd_bounce_classify - moot bounce classify FILE */
int
cmd_bounce_classify(struct cli *c, int argc, char **argv)
{
	const struct cli_command *k = cli_command_for(cmd_bounce_classify);
	struct vbuf	 msg, why;
	struct mail	 m;
	struct bounce	 b;
	int		 rc;

	if (cli_wants_help(argc, argv))
		return (cli_help(k, 0));
	if (argc != 2)
		return (cli_help(k, 1));
	if ((rc = cli_conf(c)) != CLI_OK)
		return (rc);
	vbuf_init(&msg, VBUF_NOMAX);
	vbuf_init(&why, 1024);
	memset(&b, 0, sizeof(b));
	if ((rc = read_message(c, argv[1], &msg)) == CLI_OK) {
		if (mail_parse(&m, msg.data, msg.len, &c->conf.lim, &why) ==
		    -1)
			rc = cli_error(CLI_USAGE, "%s: %s", argv[1],
			    vbuf_str(&why));
		else if (bounce_read(&m, &c->conf.lim, "List-Id", &b) == -1)
			rc = cli_error(CLI_USAGE, "%s: cannot read its MIME "
			    "structure", argv[1]);
		else
			show(&b);
		bounce_release(&b);
		mail_free(&m);
	}
	vbuf_release(&why);
	vbuf_release(&msg);
	return (rc);
}

/* print_bounce - a row of moot member ls LIST --bounces */
static void
print_bounce(const char *addr, const struct db_bounce *b, void *arg)
{
	char	day[32], when[32];

	(void)arg;
	(void)snprintf(day, sizeof(day), "-");
	if (b->last_day >= 0) {
		clock_iso((time_t)(b->last_day * 86400), day, sizeof(day));
		day[10] = '\0';
	}
	(void)snprintf(when, sizeof(when), "active");
	if (b->disabled_at != 0) {
		clock_iso((time_t)b->disabled_at, when, sizeof(when));
		when[10] = '\0';
	}
	printf("%-40s %4lld%s  %-10s %s%s\n", addr,
	    (long long)(b->halves / 2), b->halves % 2 ? ".5" : "  ", day,
	    b->disabled_at != 0 ? "DISABLED since " : "", when);
}

/* cli_member_bounces - moot member ls LIST --bounces; see cli.h */
int
cli_member_bounces(struct cli *c, const struct list *l)
{
	printf("%-40s %6s  %-10s %s\n", "ADDRESS", "SCORE", "LAST", "DELIVERY");
	if (db_bounce_each(c->db, l->id, print_bounce, NULL) != DB_OK)
		return (cli_error(CLI_FAIL, "cannot read the bounce scores"));
	return (CLI_OK);
}

/* cmd_member_enable - moot member enable LIST ADDR */
int
cmd_member_enable(struct cli *c, int argc, char **argv)
{
	struct list	*l = NULL;
	struct member	*m = NULL;
	char		*addr = NULL;
	int		 rc;

	if (cli_wants_help(argc, argv))
		return (cli_help(cli_command_for(cmd_member_enable), 0));
	if (argc != 3)
		return (cli_help(cli_command_for(cmd_member_enable), 1));
	if ((rc = cli_load_list(c, argv[1], &l)) != CLI_OK)
		return (rc);
	if ((addr = addr_canon_new(argv[2])) == NULL) {
		rc = cli_error(CLI_USAGE, "%s: not an address", argv[2]);
		goto out;
	}
	if ((rc = member_load(c->db, l->id, addr, &m)) == DB_NOTFOUND) {
		rc = cli_error(CLI_USAGE, "%s is not on %s", addr, l->name);
		goto out;
	}
	if (rc != DB_OK || db_bounce_clear(c->db, m->id) != DB_OK) {
		rc = cli_error(CLI_FAIL, "cannot enable %s", addr);
		goto out;
	}
	printf("%s on %s: bounce score cleared, %s\n", addr, l->name,
	    db_changes(c->db) > 0 ? "delivery goes on" : "it had none");
	rc = CLI_OK;
out:
	member_free(&m);
	free(addr);
	list_free(&l);
	return (rc);
}

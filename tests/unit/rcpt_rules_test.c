/* rcpt_rules_test - the milter's RCPT-time rules against a real SQLite file */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/clock.h"
#include "global/conf.h"
#include "db/db.h"
#include "db/db_list.h"
#include "milter/rcpt_rules.h"
#include "util/vbuf.h"
#include "../tap.h"
#include "testlib.h"

static const struct {
	const char		*sender;
	int64_t			 size;
	const char		*rcpt;
	enum rcpt_action	 want;
	const char		*code;		/* NULL: not a reply */
	const char		*text;		/* part of the reply */
} cases[] = {
	{ "amira@one.example", 0, "<ops@lists.example.org>", RCPT_OURS, NULL, NULL },
	{ "amira@one.example", 0, "<OPS@Lists.Example.ORG>", RCPT_OURS, NULL, NULL },
	{ "stranger@x.example", 0, "<ops@lists.example.org>", RCPT_REJECT, "550",
	    "Only members of the ops list may post to it, and stranger@x.example is not a member" },
	{ "", 0, "<ops@lists.example.org>", RCPT_REJECT, "550", "has no sender" },
	{ "stranger@x.example", 0, "<ops-request@lists.example.org>", RCPT_OURS, NULL, NULL },
	{ "stranger@x.example", 0, "<strategy@lists.example.org>", RCPT_OURS, NULL, NULL },
	{ "stranger@x.example", 0, "<ops-owner@lists.example.org>", RCPT_OURS, NULL, NULL },
	{ "stranger@x.example", 0, "<ops-confirm+abcdef@lists.example.org>", RCPT_OURS, NULL, NULL },
	{ "stranger@x.example", 0, "<ops-meeting+abcdef@lists.example.org>", RCPT_OURS, NULL, NULL },
	/* A meeting's notes, from anyone: held for the organisers. */
	{ "stranger@x.example", 0, "<ops-notes@lists.example.org>", RCPT_OURS, NULL, NULL },
	{ "stranger@x.example", 0, "<info@lists.example.org>", RCPT_OURS, NULL, NULL },
	{ "a@one.example", 0, "<nope@lists.example.org>", RCPT_REJECT, "550",
	    "<nope@lists.example.org>: there is no list called nope" },
	{ "a@one.example", 0, "<ops-confirm@lists.example.org>", RCPT_REJECT, "550",
	    "no such list address" },
	/* Returned mail (issue 15): mootd reads it, with a VERP token or
	 * without, from anyone (a relay's bounce comes from <>). */
	{ "a@one.example", 0, "<ops-bounces@lists.example.org>", RCPT_OURS,
	    NULL, NULL },
	{ "", 0, "<ops-bounces+abc@lists.example.org>", RCPT_OURS, NULL,
	    NULL },
	/* Agenda items (issue 13, item 5): mootd reads them. */
	{ "a@one.example", 0, "<ops-agenda@lists.example.org>", RCPT_OURS,
	    NULL, NULL },
	{ "a@one.example", 0, "<nope-agenda@lists.example.org>", RCPT_REJECT,
	    "550", "there is no list called nope" },
	{ "a@one.example", 0, "<bob@elsewhere.example>", RCPT_FOREIGN, NULL, NULL },
	{ "a@one.example", 0, "<info@sub.lists.example.org>", RCPT_FOREIGN, NULL, NULL },
	{ "a@one.example", 200000, "<small@lists.example.org>", RCPT_REJECT, "552",
	    "at most 65536 bytes" },
	{ "a@one.example", 60000, "<small@lists.example.org>", RCPT_OURS, NULL, NULL },
	{ "a@one.example", 0, "<tf-old@lists.example.org>", RCPT_REJECT, "550",
	    "has finished its work" },
	{ "a@one.example", 0, "<tf-old-request@lists.example.org>", RCPT_OURS, NULL, NULL },
	{ "j\xc3\xb6ran@x.example", 0, "<info@lists.example.org>", RCPT_REJECT, "550",
	    "non-ASCII" },
	{ "root@localhost", 0, "<info@lists.example.org>", RCPT_REJECT, "550",
	    "not a full domain name" },
};

int
main(void)
{
	char		 dir[] = "/tmp/moot-gate-test.XXXXXX", path[256];
	struct conf	 c;
	struct db	*db;
	struct vbuf	 err;
	struct list	 l;
	struct member	 m;
	struct rcpt_check g;
	struct rcpt_reply r;

	if (mkdtemp(dir) == NULL)
		return (1);
	(void)snprintf(path, sizeof(path), "%s/moot.db", dir);
	vbuf_init(&err, 1024);
	ok(db_open(&db, path, DB_CREATE, &err) == DB_OK &&
	    db_migrate(db, &err) == DB_OK, "a new database");
	clock_init("UTC", &err);
	memset(&c, 0, sizeof(c));
	c.domain = "lists.example.org";
	c.delimiter = '+';
	test_limits(&c.lim);

	const struct { const char *name; int mo; int64_t max, ends;
	    const char *nonmember; } lists[] = {
		{ "ops", 1, 0, 0, "reject" }, { "info", 0, 0, 0, NULL },
		{ "small", 0, 65536, 0, NULL }, { "tf-old", 0, 0, 1000, NULL },
		{ "strategy", 1, 0, 0, "hold" },
	};
	for (size_t i = 0; i < sizeof(lists) / sizeof(lists[0]); i++) {
		memset(&l, 0, sizeof(l));
		l.name = (char *)lists[i].name;
		l.members_only = lists[i].mo;
		l.max_bytes = lists[i].max;
		l.ends_at = lists[i].ends;
		l.nonmember = (char *)lists[i].nonmember;
		ok(list_insert(db, &l) == DB_OK, "list %s", l.name);
		if (lists[i].nonmember == NULL)
			free(l.nonmember);
		free(l.automated);
		free(l.who);
		if (i == 0) {
			memset(&m, 0, sizeof(m));
			m.list_id = l.id;
			m.addr = "amira@one.example";
			ok(member_insert(db, &m) == DB_OK, "  its member");
		}
	}
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		rcpt_check(db, &c, cases[i].sender, cases[i].size, cases[i].rcpt,
		    &g, &r);
		is_int(r.action, cases[i].want, "%s from <%s>%s", cases[i].rcpt,
		    cases[i].sender, cases[i].size ? " with SIZE=" : "");
		if (cases[i].code != NULL) {
			is_str(r.code, cases[i].code, "  code");
			has_str(r.text, cases[i].text, "  text");
		}
	}
	rcpt_check(db, &c, "amira@one.example", 0, "<OPS-Request@Lists.Example.ORG>",
	    &g, &r);
	is_str(g.canon, "ops-request@lists.example.org", "the address is made "
	    "canonical for the spool");
	ok(g.max_bytes == c.lim.message_bytes, "a list without a limit has "
	    "the site's");

	/* A database that went away: 451, never 5xx. */
	db_exec(db, "DROP TABLE member", "");
	rcpt_check(db, &c, "amira@one.example", 0, "<ops@lists.example.org>",
	    &g, &r);
	ok(r.action == RCPT_TEMPFAIL && strcmp(r.code, "451") == 0,
	    "database trouble: 451, try later");
	db_close(&db);
	unlink(path);
	(void)snprintf(path, sizeof(path), "%s/moot.db-wal", dir);
	unlink(path);
	(void)snprintf(path, sizeof(path), "%s/moot.db-shm", dir);
	unlink(path);
	rmdir(dir);
	vbuf_release(&err);
	return (done_testing());
}

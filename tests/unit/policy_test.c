/* policy_test - the rules for a post, one case a row */
#include <string.h>

#include "global/conf.h"
#include "db/db_list.h"
#include "mail/mail.h"
#include "list/policy.h"
#include "util/vbuf.h"
#include "../tap.h"
#include "testlib.h"

#define NOW	1795428000

#define TEN_TO "To: a1@x.example, a2@x.example, a3@x.example, a4@x.example,\n" \
	" a5@x.example, a6@x.example\nCc: Team: c1@x.example, c2@x.example;,\n" \
	" c3@x.example, c4@x.example, c5@x.example\n"

static const struct {
	const char		*desc;
	const char		*msg;
	int			 moderated, members_only;
	int64_t			 ends_at, max_bytes;
	const char		*env_from;
	int			 is_member;
	enum verdict_kind	 want;
	const char		*reason;
	const char		*nonmember, *automated;	/* NULL: defaults */
	int64_t			 hold_bytes, max_rcpts;
} cases[] = {
	{ "a member's post to an open list", "From: a@one.example\n\nhi\n",
	    0, 0, 0, 0, "a@one.example", 1, VERDICT_ACCEPT, "" },
	{ "a stranger's post to an open list", "From: s@x.example\n\nhi\n",
	    0, 0, 0, 0, "s@x.example", 0, VERDICT_ACCEPT, "" },
	{ "a stranger to a members-only list: held", "From: s@x.example\n\n"
	    "hi\n", 0, 1, 0, 0, "s@x.example", 0, VERDICT_HOLD, "not a member" },
	{ "a stranger, and the list refuses strangers", "From: s@x.example\n"
	    "\nhi\n", 0, 1, 0, 0, "s@x.example", 0, VERDICT_REJECT,
	    "not a member", "reject", NULL, 0, 0 },
	{ "a member to a members-only list", "From: a@one.example\n\nhi\n",
	    0, 1, 0, 0, NULL, 1, VERDICT_ACCEPT, "" },
	{ "a member to a moderated list", "From: a@one.example\n\nhi\n",
	    1, 0, 0, 0, NULL, 1, VERDICT_HOLD, "moderated" },
	{ "our own X-Loop", "From: a@one.example\nX-Loop: "
	    "INFO@lists.example.org\n\nhi\n", 0, 0, 0, 0, NULL, 1,
	    VERDICT_REJECT, "loop" },
	{ "another list's X-Loop", "From: a@one.example\nX-Loop: "
	    "ops@lists.example.org\n\nhi\n", 0, 0, 0, 0, NULL, 1,
	    VERDICT_ACCEPT, "" },
	{ "this list's List-Id", "From: a@one.example\nList-Id: Info "
	    "<info.lists.example.org>\n\nhi\n", 0, 0, 0, 0, NULL, 1,
	    VERDICT_REJECT, "List-Id" },
	{ "another list's List-Id", "From: a@one.example\nList-Id: "
	    "<ops.lists.example.org>\n\nhi\n", 0, 0, 0, 0, NULL, 1,
	    VERDICT_ACCEPT, "" },
	{ "the null sender: held", "From: a@one.example\n\nhi\n", 0, 0, 0, 0,
	    "", 1, VERDICT_HOLD, "null sender" },
	{ "Auto-Submitted: held", "From: a@one.example\nAuto-Submitted: "
	    "auto-replied\n\naway\n", 0, 0, 0, 0, NULL, 1, VERDICT_HOLD,
	    "automated" },
	{ "Auto-Submitted on a list that drops them", "From: a@one.example\n"
	    "Auto-Submitted: auto-replied\n\naway\n", 0, 0, 0, 0, NULL, 1,
	    VERDICT_DISCARD, "automated", NULL, "drop", 0, 0 },
	{ "Precedence: junk", "From: a@one.example\nPrecedence: junk\n\nx\n",
	    0, 0, 0, 0, NULL, 1, VERDICT_HOLD, "automated" },
	{ "eleven addresses in To and Cc", "From: a@one.example\n" TEN_TO
	    "\nhi\n", 0, 0, 0, 0, NULL, 1, VERDICT_HOLD, "11 addresses" },
	{ "eleven, with a limit of 20", "From: a@one.example\n" TEN_TO
	    "\nhi\n", 0, 0, 0, 0, NULL, 1, VERDICT_ACCEPT, "", NULL, NULL, 0,
	    20 },
	{ "larger than the hold size", "From: a@one.example\n\nhi there\n",
	    0, 0, 0, 0, NULL, 1, VERDICT_HOLD, "large", NULL, NULL, 10, 0 },
	{ "no From", "Subject: x\n\nhi\n", 0, 0, 0, 0, NULL, 0,
	    VERDICT_REJECT, "From" },
	{ "too large for the list", "From: a@one.example\n\nhi\n", 0, 0, 0,
	    10, NULL, 1, VERDICT_REJECT, "too large" },
	{ "a list that has ended", "From: a@one.example\n\nhi\n", 0, 0,
	    NOW - 1, 0, NULL, 1, VERDICT_REJECT, "ended" },
	{ "a list that ends later", "From: a@one.example\n\nhi\n", 0, 0,
	    NOW + 86400, 0, NULL, 1, VERDICT_ACCEPT, "" },
};

int
main(void)
{
	struct conf	 c;
	struct list	 l;
	struct vbuf	 canon, why, big;
	struct mail	 m;
	struct post_facts pf;
	struct verdict	 v;

	memset(&c, 0, sizeof(c));
	c.domain = "lists.example.org";
	test_limits(&c.lim);
	vbuf_init(&canon, VBUF_NOMAX);
	vbuf_init(&why, 1024);
	vbuf_init(&big, VBUF_NOMAX);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		memset(&l, 0, sizeof(l));
		l.name = "info";
		l.moderated = cases[i].moderated;
		l.members_only = cases[i].members_only;
		l.ends_at = cases[i].ends_at;
		l.max_bytes = cases[i].max_bytes;
		l.nonmember = (char *)cases[i].nonmember;
		l.automated = (char *)cases[i].automated;
		l.hold_bytes = cases[i].hold_bytes;
		l.max_recipients = cases[i].max_rcpts;
		mail_canon(&canon, cases[i].msg, strlen(cases[i].msg));
		mail_parse(&m, canon.data, canon.len, &c.lim, &why);
		memset(&pf, 0, sizeof(pf));
		pf.env_from = cases[i].env_from;
		pf.size = (int64_t)strlen(cases[i].msg);
		pf.is_member = cases[i].is_member;
		pf.now = NOW;
		policy_post(&c, &l, &m, &pf, &v);
		is_int(v.kind, cases[i].want, "%s", cases[i].desc);
		has_str(v.reason, cases[i].reason, "  reason");
		mail_free(&m);
	}
	/* Threat C1: more than 50 Received fields is a loop. */
	memset(&l, 0, sizeof(l));
	l.name = "info";
	vbuf_puts(&big, "From: a@one.example\n");
	for (int i = 0; i < 51; i++)
		vbuf_printf(&big, "Received: from hop%d.example\n", i);
	vbuf_puts(&big, "\nhi\n");
	mail_canon(&canon, big.data, big.len);
	mail_parse(&m, canon.data, canon.len, &c.lim, &why);
	memset(&pf, 0, sizeof(pf));
	pf.now = NOW;
	pf.is_member = 1;
	policy_post(&c, &l, &m, &pf, &v);
	ok(v.kind == VERDICT_REJECT && strstr(v.reason, "51 Received") != NULL,
	    "51 Received fields: a loop");
	mail_free(&m);
	vbuf_release(&canon);
	vbuf_release(&why);
	vbuf_release(&big);
	return (done_testing());
}

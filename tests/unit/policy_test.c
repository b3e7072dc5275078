/* policy_test - the rules for a post, one case a row */
#include <string.h>

#include "global/conf.h"
#include "db/db_list.h"
#include "mail/mail.h"
#include "list/policy.h"
#include "util/vbuf.h"
#include "util/sys_defs.h"
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
	enum verdict_reason	 why;
	const char		*reason;	/* part of the English */
	const char		*nonmember, *automated;	/* NULL: defaults */
	int64_t			 hold_bytes, max_rcpts;
	long long		 amount, limit;	/* the reason's numbers */
} cases[] = {
	{ "a member's post to an open list", "From: a@one.example\n\nhi\n",
	    0, 0, 0, 0, "a@one.example", 1, VERDICT_ACCEPT, REASON_NONE, "" },
	{ "a stranger's post to an open list", "From: s@x.example\n\nhi\n",
	    0, 0, 0, 0, "s@x.example", 0, VERDICT_ACCEPT, REASON_NONE, "" },
	{ "a stranger to a members-only list: held", "From: s@x.example\n\n"
	    "hi\n", 0, 1, 0, 0, "s@x.example", 0, VERDICT_HOLD,
	    REASON_NONMEMBER, "not a member" },
	{ "a stranger, and the list refuses strangers", "From: s@x.example\n"
	    "\nhi\n", 0, 1, 0, 0, "s@x.example", 0, VERDICT_REJECT,
	    REASON_NONMEMBER, "not a member", "reject", NULL, 0, 0 },
	{ "a member to a members-only list", "From: a@one.example\n\nhi\n",
	    0, 1, 0, 0, NULL, 1, VERDICT_ACCEPT, REASON_NONE, "" },
	{ "a member to a moderated list", "From: a@one.example\n\nhi\n",
	    1, 0, 0, 0, NULL, 1, VERDICT_HOLD, REASON_MODERATED, "moderated" },
	{ "our own X-Loop", "From: a@one.example\nX-Loop: "
	    "INFO@lists.example.org\n\nhi\n", 0, 0, 0, 0, NULL, 1,
	    VERDICT_REJECT, REASON_LOOP_MARK, "loop" },
	{ "another list's X-Loop", "From: a@one.example\nX-Loop: "
	    "ops@lists.example.org\n\nhi\n", 0, 0, 0, 0, NULL, 1,
	    VERDICT_ACCEPT, REASON_NONE, "" },
	{ "this list's List-Id", "From: a@one.example\nList-Id: Info "
	    "<info.lists.example.org>\n\nhi\n", 0, 0, 0, 0, NULL, 1,
	    VERDICT_REJECT, REASON_LOOP_MARK, "List-Id" },
	{ "another list's List-Id", "From: a@one.example\nList-Id: "
	    "<ops.lists.example.org>\n\nhi\n", 0, 0, 0, 0, NULL, 1,
	    VERDICT_ACCEPT, REASON_NONE, "" },
	{ "the null sender: held", "From: a@one.example\n\nhi\n", 0, 0, 0, 0,
	    "", 1, VERDICT_HOLD, REASON_AUTOMATED, "null sender" },
	{ "Auto-Submitted: held", "From: a@one.example\nAuto-Submitted: "
	    "auto-replied\n\naway\n", 0, 0, 0, 0, NULL, 1, VERDICT_HOLD,
	    REASON_AUTOMATED, "automated" },
	{ "Auto-Submitted on a list that drops them", "From: a@one.example\n"
	    "Auto-Submitted: auto-replied\n\naway\n", 0, 0, 0, 0, NULL, 1,
	    VERDICT_DISCARD, REASON_AUTOMATED, "automated", NULL, "drop", 0,
	    0 },
	{ "Precedence: junk", "From: a@one.example\nPrecedence: junk\n\nx\n",
	    0, 0, 0, 0, NULL, 1, VERDICT_HOLD, REASON_AUTOMATED, "automated" },
	{ "eleven addresses in To and Cc", "From: a@one.example\n" TEN_TO
	    "\nhi\n", 0, 0, 0, 0, NULL, 1, VERDICT_HOLD, REASON_RECIPIENTS,
	    "11 addresses in To and Cc (more than 10)", NULL, NULL, 0, 0, 11,
	    10 },
	{ "eleven, with a limit of 20", "From: a@one.example\n" TEN_TO
	    "\nhi\n", 0, 0, 0, 0, NULL, 1, VERDICT_ACCEPT, REASON_NONE, "",
	    NULL, NULL, 0, 20 },
	{ "larger than the hold size", "From: a@one.example\n\nhi there\n",
	    0, 0, 0, 0, NULL, 1, VERDICT_HOLD, REASON_LARGE,
	    "large: 30 bytes (posts over 10 are checked)", NULL, NULL, 10, 0,
	    30, 10 },
	{ "no From", "Subject: x\n\nhi\n", 0, 0, 0, 0, NULL, 0,
	    VERDICT_REJECT, REASON_NO_FROM, "From" },
	{ "too large for the list", "From: a@one.example\n\nhi\n", 0, 0, 0,
	    10, NULL, 1, VERDICT_REJECT, REASON_TOO_LARGE,
	    "too large: 24 bytes (the limit is 10)", NULL, NULL, 0, 0, 24, 10 },
	{ "a list that has ended", "From: a@one.example\n\nhi\n", 0, 0,
	    NOW - 1, 0, NULL, 1, VERDICT_REJECT, REASON_ENDED, "ended" },
	{ "a list that ends later", "From: a@one.example\n\nhi\n", 0, 0,
	    NOW + 86400, 0, NULL, 1, VERDICT_ACCEPT, REASON_NONE, "" },
};

/* Words that are not policy's reasons: read back as nothing. */
static const char *const not_ours[] = {
	"off topic, please use the ops list",	/* a moderator's */
	"the list is moderated, and this is off topic",
	"loop: our own forward to the owners",	/* route.c's, not policy's */
	"large: 12 bytes",
	"too large: 12 bytes (the limit is x)",
	"11 addresses in To and Cc (more than 10) and more",
	"duplicate of 7",
	"",
};

/* round_trips - every reason's English reads back as itself */
static void
round_trips(void)
{
	struct verdict	 v, back;
	struct vbuf	 words;

	vbuf_init(&words, VBUF_NOMAX);
	for (int r = REASON_NONE + 1; r < REASON_COUNT; r++) {
		memset(&v, 0, sizeof(v));
		v.reason = (enum verdict_reason)r;
		v.amount = 1234;
		v.limit = 56;
		v.detail = "X-Loop";
		vbuf_reset(&words);
		policy_reason_words(&v, &words);
		memset(&back, 0, sizeof(back));
		ok(words.len > 0 && policy_reason_read(vbuf_str(&words),
		    &back) == 0, "reason %d reads back: %s", r,
		    vbuf_str(&words));
		is_int(back.reason, r, "  as itself");
		if (strstr(vbuf_str(&words), "1234") != NULL)
			is_int(back.amount, 1234, "  its amount");
		/* A count (nobody decided within 1234 days) has no limit. */
		if (strstr(vbuf_str(&words), "56") != NULL)
			is_int(back.limit, 56, "  its limit");
		if (back.detail != NULL)
			is_str(back.detail, "X-Loop", "  its detail");
		ok(policy_reason_phrase(v.reason) != NULL, "  has a phrase");
	}
	ok(policy_reason_phrase(REASON_NONE) == NULL, "no phrase for none");
	ok(policy_reason_read(NULL, &back) == -1, "no words: not ours");
	for (size_t i = 0; i < sizeof(not_ours) / sizeof(not_ours[0]); i++)
		ok(policy_reason_read(not_ours[i], &back) == -1,
		    "not policy's: \"%s\"", not_ours[i]);
	vbuf_release(&words);
}

/*
 * from_check - --from-check authenticated: a member's From: counts only
 * with our MTA's aligned DKIM or SPF pass (the From: forgery rows)
 */
static void
from_check(struct conf *c)
{
	static const struct {
		const char		*desc;
		const char		*servid;	/* [milter] authserv_id */
		const char		*ar;		/* stored fields */
		int			 is_member;
		enum verdict_reason	 why;
		const char		*reason;
	} fc[] = {
		{ "authenticated: dkim=pass aligned", "mx.example.org",
		    "mx.example.org; dkim=pass header.d=one.example", 1,
		    REASON_NONE, "" },
		{ "authenticated: no fields", "mx.example.org", NULL, 1,
		    REASON_UNAUTHENTICATED, "no DKIM or SPF pass" },
		{ "authenticated: another site's pass", "mx.example.org",
		    "other.example; dkim=pass header.d=one.example", 1,
		    REASON_UNAUTHENTICATED, "not authenticated" },
		{ "authenticated: no authserv_id", NULL,
		    "mx.example.org; dkim=pass header.d=one.example", 1,
		    REASON_UNAUTHENTICATED, "no [milter] authserv_id" },
		{ "authenticated: a stranger with a pass", "mx.example.org",
		    "mx.example.org; dkim=pass header.d=one.example", 0,
		    REASON_NONMEMBER, "not a member" },
	};
	const char	*msg = "From: a@one.example\n\nhi\n";
	struct list	 l;
	struct mail	 m;
	struct post_facts pf;
	struct verdict	 v, back;
	struct vbuf	 canon, why, words;

	vbuf_init(&canon, VBUF_NOMAX);
	vbuf_init(&why, 1024);
	vbuf_init(&words, VBUF_NOMAX);
	mail_canon(&canon, msg, strlen(msg));
	mail_parse(&m, canon.data, canon.len, &c->lim, &why);
	for (size_t i = 0; i < nitems(fc); i++) {
		memset(&l, 0, sizeof(l));
		l.name = "info";
		l.members_only = 1;
		l.from_check = "authenticated";
		c->authserv_id = (char *)fc[i].servid;
		memset(&pf, 0, sizeof(pf));
		pf.now = NOW;
		pf.is_member = fc[i].is_member;
		pf.auth_results = fc[i].ar;
		policy_post(c, &l, &m, &pf, &v);
		is_int(v.reason, fc[i].why, "%s", fc[i].desc);
		vbuf_reset(&words);
		policy_reason_words(&v, &words);
		has_str(vbuf_str(&words), fc[i].reason, "  in English");
		if (v.reason != REASON_NONE)
			ok(policy_reason_read(vbuf_str(&words), &back) == 0 &&
			    back.reason == v.reason, "  reads back");
	}
	memset(&l, 0, sizeof(l));
	l.name = "info";
	l.members_only = 1;
	memset(&pf, 0, sizeof(pf));
	pf.is_member = 1;
	policy_post(c, &l, &m, &pf, &v);
	is_int(v.reason, REASON_NONE, "--from-check any (unset): the From: "
	    "alone, as before");
	c->authserv_id = NULL;
	mail_free(&m);
	vbuf_release(&canon);
	vbuf_release(&why);
	vbuf_release(&words);
}

int
main(void)
{
	struct conf	 c;
	struct list	 l;
	struct vbuf	 canon, why, big;
	struct mail	 m;
	struct post_facts pf;
	struct verdict	 v, back;
	struct vbuf	 words;

	memset(&c, 0, sizeof(c));
	c.domain = "lists.example.org";
	test_limits(&c.lim);
	vbuf_init(&canon, VBUF_NOMAX);
	vbuf_init(&why, 1024);
	vbuf_init(&big, VBUF_NOMAX);
	vbuf_init(&words, VBUF_NOMAX);
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
		is_int(v.reason, cases[i].why, "  reason");
		vbuf_reset(&words);
		policy_reason_words(&v, &words);
		has_str(vbuf_str(&words), cases[i].reason, "  in English");
		is_int(v.amount, cases[i].amount, "  amount");
		is_int(v.limit, cases[i].limit, "  limit");
		if (v.reason != REASON_NONE) {
			ok(policy_reason_read(vbuf_str(&words), &back) == 0 &&
			    back.reason == v.reason, "  reads back");
		}
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
	vbuf_reset(&words);
	policy_reason_words(&v, &words);
	ok(v.kind == VERDICT_REJECT && v.reason == REASON_LOOP_HOPS &&
	    v.amount == 51 && v.limit == 50, "51 Received fields: a loop");
	is_str(vbuf_str(&words), "loop: 51 Received fields (more than 50)",
	    "  in English");
	mail_free(&m);
	from_check(&c);
	round_trips();
	vbuf_release(&canon);
	vbuf_release(&why);
	vbuf_release(&big);
	vbuf_release(&words);
	return (done_testing());
}

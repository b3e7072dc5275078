/*
 * rcpt_rules.c - decisions at RCPT time; see rcpt_rules.h
 *
 * Two prepared statements a recipient (the list, then the membership),
 * on a connection the calling thread owns: no allocation, no other I/O.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "mail/addr.h"
#include "global/listaddr.h"
#include "util/clock.h"
#include "global/conf.h"
#include "db/db.h"
#include "db/db_list.h"
#include "milter/rcpt_rules.h"
#include "util/vbuf.h"
#include "util/sys_defs.h"

/* rcpt_set - see rcpt_rules.h */
void
rcpt_set(struct rcpt_reply *r, enum rcpt_action a, const char *code,
    const char *dsn, const char *fmt, ...)
{
	va_list	ap;

	r->action = a;
	(void)snprintf(r->code, sizeof(r->code), "%s", code);
	(void)snprintf(r->dsn, sizeof(r->dsn), "%s", dsn);
	va_start(ap, fmt);
	(void)vsnprintf(r->text, sizeof(r->text), fmt, ap);
	va_end(ap);
}

/*
 * which_list - what rcpt names: its list (into g, with the list's gate
 * facts in lg), or a reply in r and -1 (foreign, bad, no such list, a
 * kind of address this version does not take, or database trouble)
 */
static int
which_list(struct db *db, const struct conf *c, const char *rcpt,
    struct rcpt_check *g, struct list_gate *lg, struct rcpt_reply *r)
{
	int	rc;

	switch (listaddr_route(c, rcpt, &g->route)) {
	case LISTADDR_FOREIGN:
		r->action = RCPT_FOREIGN;
		return (-1);
	case LISTADDR_BAD:
		rcpt_set(r, RCPT_REJECT, "550", "5.1.1", "%s: no such list "
		    "address at %s", rcpt, c->domain);
		return (-1);
	case LISTADDR_OK:
		break;
	}
	/* listaddr_route() has unbracketed the same address: this fits. */
	(void)addr_unbracket(rcpt, g->canon, sizeof(g->canon));
	for (char *p = g->canon; *p != '\0'; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');

	if ((rc = list_gate_load(db, g->route.list, lg)) == DB_NOTFOUND) {
		rcpt_set(r, RCPT_REJECT, "550", "5.1.1", "<%s>: there is no "
		    "list called %s at %s", g->canon, g->route.list,
		    c->domain);
		return (-1);
	}
	if (rc != DB_OK) {
		rcpt_set(r, RCPT_TEMPFAIL, "451", "4.3.0", "moot cannot read "
		    "its lists just now; please try again later");
		return (-1);
	}
	g->list_id = lg->id;
	g->max_bytes = lg->max_bytes > 0 ? lg->max_bytes :
	    c->lim.message_bytes;
	if (!listaddr_kind_taken(g->route.kind)) {
		rcpt_set(r, RCPT_REJECT, "550", "5.1.1", "<%s>: moot does not "
		    "take mail at this address yet", g->canon);
		return (-1);
	}
	return (0);
}

/*
 * members_only - a stranger's post to a members-only list waits for a
 * moderator, unless the list says to refuse it: then it is refused here,
 * while the client is still connected (no backscatter).  0 to go on, or
 * -1 with the reply in r.
 *
 * Membership here is the envelope sender's, the only address known at
 * RCPT time; mootd's policy (mootd/route.c) asks about the From:
 * address.  They disagree for forwarded mail and for a member whose
 * envelope is a bounce address: such a post is refused here only if the
 * envelope sender is not a member, and held by mootd if From: is not.
 * Which address decides is the security review's to settle; until then
 * both checks stand and each says which address it read.
 */
static int
members_only(struct db *db, const struct list_gate *lg, const char *list,
    const char *sender, struct rcpt_reply *r)
{
	int	member = 0;

	if (!lg->members_only || !lg->reject_nonmembers)
		return (0);
	if (sender == NULL || *sender == '\0') {
		rcpt_set(r, RCPT_REJECT, "550", "5.7.1", "Only members may "
		    "post to %s, and this message has no sender", list);
		return (-1);
	}
	if (member_exists(db, lg->id, sender, &member) != DB_OK) {
		rcpt_set(r, RCPT_TEMPFAIL, "451", "4.3.0", "moot cannot read "
		    "its members just now; please try again later");
		return (-1);
	}
	if (!member) {
		rcpt_set(r, RCPT_REJECT, "550", "5.7.1", "Only members of the "
		    "%s list may post to it, and %s is not a member", list,
		    sender);
		return (-1);
	}
	return (0);
}

/* rcpt_check - see rcpt_rules.h */
void
rcpt_check(struct db *db, const struct conf *c, const char *sender,
    int64_t size, const char *rcpt, struct rcpt_check *g,
    struct rcpt_reply *r)
{
	struct list_gate	lg;

	memset(g, 0, sizeof(*g));
	memset(r, 0, sizeof(*r));
	if (which_list(db, c, rcpt, g, &lg, r) == -1)
		return;
	/* Mail to command, confirm and moderation addresses is for mootd
	 * to read: their tokens are checked there. */
	if (g->route.kind != AK_POST) {
		r->action = RCPT_OURS;
		return;
	}
	if (size > g->max_bytes) {
		rcpt_set(r, RCPT_REJECT, "552", "5.3.4", "Posts to %s may be at "
		    "most %lld bytes; this one would be %lld", g->route.list,
		    (long long)g->max_bytes, (long long)size);
		return;
	}
	if (lg.ends_at > 0 && clock_now() >= lg.ends_at) {
		rcpt_set(r, RCPT_REJECT, "550", "5.7.1", "The %s list has "
		    "finished its work and takes no more posts", g->route.list);
		return;
	}
	if (sender != NULL && *sender != '\0' && addr_check(sender, NULL) ==
	    -1) {
		struct vbuf	why;

		vbuf_init(&why, 200);
		(void)addr_check(sender, &why);
		rcpt_set(r, RCPT_REJECT, "550", "5.1.7", "moot cannot take posts "
		    "from this sender address: %s", vbuf_str(&why));
		vbuf_release(&why);
		return;
	}
	if (members_only(db, &lg, g->route.list, sender, r) == -1)
		return;
	r->action = RCPT_OURS;
}

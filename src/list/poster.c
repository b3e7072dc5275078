/*
 * poster.c - notices to posters; see poster.h
 */
#include <stdlib.h>

#include "util/clock.h"
#include "global/conf.h"
#include "list/ctx.h"
#include "db/db.h"
#include "db/db_list.h"
#include "db/db_outbox.h"
#include "db/db_spool.h"
#include "global/listaddr.h"
#include "util/log.h"
#include "list/membership.h"
#include "list/notice.h"
#include "list/policy.h"
#include "list/poster.h"
#include "global/tmpl.h"
#include "util/vbuf.h"
#include "util/sys_defs.h"

#define POSTER_DAY	86400		/* one notice of a kind a day */

/* poster_ok - whether moot may write to the poster of post at all */
static const char *
poster_ok(struct ctx *x, const struct spool_item *post)
{
	const char	*to = post->from_addr;
	struct verdict	 held;

	if (to == NULL)
		return (NULL);
	if (post->env_from != NULL && *post->env_from == '\0')
		return (NULL);		/* the null sender: automated */
	if (policy_reason_read(post->reason, &held) == 0 &&
	    held.reason == REASON_AUTOMATED)
		return (NULL);		/* held as automated */
	if (listaddr_is_ours(x->conf, to))
		return (NULL);		/* one of ours: no loops */
	return (to);
}

/* poster_tell - see poster.h */
void
poster_tell(struct ctx *x, const struct spool_item *post,
    const struct list *l, const char *tmpl, const char *reason)
{
	const char	*to = poster_ok(x, post);
	char		*lang;
	int64_t		 told = 0;
	struct vbuf	 err, why;
	struct list_addrs a;

	if (to == NULL)
		return;
	/* One notice of a kind a day per poster and list (threat C3): a
	 * forged sender hears of 100 junk posts once. */
	if (outbox_told(x->db, l->id, to, clock_now() - POSTER_DAY, tmpl,
	    &told) != DB_OK || told > 0) {
		log_info("not telling %s again today", to);
		return;
	}
	lang = membership_lang(x->db, l->id, to);
	notice_list_addrs(x->conf, l->name, &a);
	vbuf_init(&err, 1024);
	vbuf_init(&why, VBUF_NOMAX);
	if (reason == NULL || *reason == '\0')
		notice_phrase(x, lang, l, "rejected-default", NULL, 0, &why);
	else
		notice_reason(x, lang, l, reason, &why);
	{
		struct tmpl_slot slots[] = {
			{ "list", l->name },
			{ "list_address", vbuf_str(&a.post) },
			{ "owner_address", vbuf_str(&a.owner) },
			{ "subject", post->subject != NULL ? post->subject :
			    "" },
			{ "reason", vbuf_str(&why) },
		};
		struct notice n = {
			.tmpl = tmpl, .to = to, .lang = lang, .list = l,
			.from_kind = AK_OWNER, .spool_id = post->id,
			.slots = slots, .nslots = nitems(slots),
			.in_reply_to = post->msgid,
		};

		if (notice_queue(x, &n, &err) == -1)
			log_warnx("cannot tell %s: %s", to, vbuf_str(&err));
	}
	free(lang);
	notice_list_addrs_release(&a);
	vbuf_release(&err);
	vbuf_release(&why);
}

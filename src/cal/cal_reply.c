/*
 * cal_reply.c - members' answers to invitations; see cal_reply.h
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cal/cal_ask.h"
#include "cal/cal_ical.h"
#include "cal/cal_invite.h"
#include "cal/cal_reply.h"
#include "db/db.h"
#include "db/db_invite.h"
#include "db/db_list.h"
#include "db/db_meeting.h"
#include "db/db_spool.h"
#include "db/db_token.h"
#include "global/conf.h"
#include "global/decide.h"
#include "list/answer.h"
#include "list/ctx.h"
#include "list/mod_reply.h"
#include "list/unclear.h"
#include "mail/mail.h"
#include "mail/text_part.h"
#include "util/clock.h"
#include "util/log.h"
#include "util/vbuf.h"
#include "util/sys_defs.h"

/* The answer to a member's reply that is not clearly yes or no. */
static const struct unclear_form meeting_unclear = {
	"meeting-unclear", AK_MEETING, "meetings",
};

/* Far more than a calendar program's answer. */
#define CALENDAR_MAX	(64 * 1024)

/*
 * from_calendar - the answer in m's text/calendar part, if it is an iTIP
 * REPLY about meeting id from the token's member; 1 with *a, 0 if there
 * is none, -1 if there is one about something else (it then decides
 * nothing, and is not read as words either)
 */
static int
from_calendar(struct ctx *x, const struct mail *m, int64_t id,
    const struct token_row *t, enum invite_answer *a)
{
	struct cal_ical_reply	 r;
	struct vbuf		 cal;
	char			 uid[CAL_UID_MAX];
	int			 rc = 0;

	vbuf_init(&cal, VBUF_NOMAX);
	if (text_part_calendar(m, CALENDAR_MAX, &cal) == 0) {
		cal_ical_uid(id, x->conf->domain, uid);
		if (cal_ical_reply_read(cal.data, cal.len, &r) == -1)
			rc = 0;		/* an invitation quoted back */
		else if (strcasecmp(r.uid, uid) != 0 ||
		    strcasecmp(r.attendee, t->addr) != 0)
			rc = -1;
		else {
			*a = r.answer;
			rc = 1;
		}
	}
	vbuf_release(&cal);
	return (rc);
}

/* from_words - "yes" or "no", clearly; 1 with *a, else 0 with what was
 * read in *unread */
static int
from_words(struct ctx *x, const struct mail *m, const char *lang,
    enum invite_answer *a, struct decision_read *unread)
{
	struct decided	dd;

	if (!mod_reply_first_read(x->conf, m, lang, "approve,reject", &dd,
	    unread))
		return (0);
	*a = strcmp(dd.key, "approve") == 0 ? ANSWER_ACCEPTED :
	    ANSWER_DECLINED;
	return (1);
}

/* check - why t may not answer for meeting *mt, or NULL (then *mt and
 * *mem are loaded) */
static const char *
check(struct ctx *x, const struct list *l, const struct mail *m,
    const struct token_row *t, struct meeting **mt, struct member **mem)
{
	if (!token_sent_to(t, m->from_addr))
		return ("not from the member it was sent to");
	if (member_load(x->db, l->id, t->addr, mem) != DB_OK)
		return ("no longer a member");
	if (meeting_load(x->db, t->object_id, mt) != DB_OK ||
	    strcmp((*mt)->grp, l->name) != 0)
		return ("no such meeting");
	return (NULL);
}

/* cal_reply - see cal_reply.h */
void
cal_reply(struct ctx *x, struct spool_item *s, const struct mail *m)
{
	static const char *const purposes[] = { CAL_TOKEN_PURPOSE,
	    CAL_ASK_PURPOSE, NULL };
	struct list		*l = NULL;
	struct token_row	*t = NULL;
	struct meeting		*mt = NULL;
	struct member		*mem = NULL;
	enum invite_answer	 a = ANSWER_ACCEPTED;
	enum claim		 cl;
	struct decision_read	 unread;
	const char		*why = NULL;
	char			 done[96], about[160];
	int			 got, unclear = 0;

	if (answer_list_load(x, s, &l) == -1)
		return;
	if (answer_automated(x, s, m))
		goto out;
	cl = token_claim(x->db, s->token != NULL ? s->token : "", purposes,
	    l->id, clock_now(), &t);
	if (cl == CLAIM_ERROR)
		goto out;		/* stays spooled: tried again */
	if (cl == CLAIM_OK && strcmp(t->purpose, CAL_ASK_PURPOSE) == 0) {
		/* An organiser's answer to who attended, not a member's
		 * to an invitation. */
		cal_ask_reply(x, s, m, l, t);
		goto out;
	}
	if (cl != CLAIM_OK)
		why = token_claim_why(cl);
	else if ((why = check(x, l, m, t, &mt, &mem)) == NULL) {
		if ((got = from_calendar(x, m, mt->id, t, &a)) == -1)
			why = "a calendar answer about another meeting or person";
		else if (got == 0 && !from_words(x, m, mem->language, &a,
		    &unread)) {
			why = "not clearly an answer";
			unclear = 1;
		}
	}
	if (db_begin(x->db) != DB_OK)
		goto out;
	if (why != NULL) {
		(void)snprintf(done, sizeof(done), "meeting answer refused: %s",
		    why);
		answer_finish(x, s, done);
		if (unclear) {
			/* The member's own token, from them: say what was
			 * read and what works, from the same address. */
			(void)snprintf(about, sizeof(about), "%s, %s", mt->grp,
			    mt->start_local);
			unclear_answer_as(x, &meeting_unclear, s, m, s->token,
			    &unread, about);
		}
	} else if (invite_answer_set(x->db, mt->id, t->addr, a,
	    clock_now()) != DB_OK) {
		db_rollback(x->db);
		goto out;
	} else {
		(void)snprintf(done, sizeof(done), "meeting %lld: %s",
		    (long long)mt->id, invite_answer_name(a));
		answer_finish(x, s, done);
	}
	if (db_commit(x->db) != DB_OK)
		log_warnx("cannot commit the meeting answer");
out:
	token_row_free(&t);
	meeting_free(&mt);
	member_free(&mem);
	list_free(&l);
}

/*
 * tmpl_defs.c - every template and phrase moot knows, and the slots each
 * may use; see tmpl_int.h.  Data alone: tmpl.c and tmpl_phrase.c read it.
 */
#include <stddef.h>
#include <string.h>

#include "global/tmpl_int.h"
#include "util/sys_defs.h"

/* Every template moot knows, and the slots it may use. */
static const struct tmpl_def tmpl_defs[] = {
	{ "footer", 0,
	    "list,list_address,request_address,owner_address,description,"
	    "unsubscribe_address" },
	{ "delivery-failed", 1,
	    "list,list_address,owner_address,subject,from,reason,after,"
	    "post_id" },
	{ "delivery-refused", 1,
	    "list,list_address,owner_address,subject,from,reason,count,"
	    "post_id" },
	{ "owner-forward-file", 1, "list,owner_address,from,subject" },
	{ "held-notify", 1,
	    "list,list_address,from,subject,reason,date,text,post_id,note,"
	    "attachments,links,attached" },
	{ "held-waiting", 1, "list,list_address,subject,owner_address" },
	{ "post-rejected", 1, "list,list_address,subject,reason,owner_address" },
	{ "decision-already", 1, "list,subject,decision,by,when,post_id" },
	{ "held-reminder", 1, "list,count,posts" },
	{ "reply-unclear", 1, "list,about,read" },
	{ "request-reply", 1, "list,request_address,results" },
	{ "confirm-subscribe", 1,
	    "list,address,description,confirm_address,expires,mode" },
	{ "confirm-unsubscribe", 1, "list,address,confirm_address,expires" },
	{ "confirm-set", 1, "list,address,confirm_address,expires,changes" },
	{ "welcome", 1, "list,address,list_address,request_address,"
	    "leave_address,owner_address,description,mode" },
	{ "goodbye", 1, "list,address,join_address,owner_address" },
	{ "settings-changed", 1, "list,address,changes,request_address" },
	{ "already-member", 1, "list,address,request_address" },
	{ "not-member", 1, "list,address,join_address" },
	{ "join-waiting", 1, "list,address,owner_address" },
	{ "join-approval", 1, "list,address,date,request_id" },
	{ "join-refused", 1, "list,address,reason,owner_address" },
	{ "join-requires", 1, "list,address,required,required_join_address" },
	{ "removed-required", 1, "list,address,required" },
	{ "list-ended", 1, "list,ended,owner_address" },
	{ "term-ending", 1, "list,address,name,role,term_end" },
	{ "meeting-invite", 1,
	    "list,start,end,zone,location,days,answers,seats" },
	{ "meeting-cancel", 1, "list,start,end,zone,location" },
	{ "agenda-ack", 1, "list,start,item,late,papers" },
	{ "agenda-not-member", 1, "list,address,join_address,owner_address" },
	{ "agenda-no-meeting", 1, "list,address,join_address,owner_address" },
	{ "agenda", 1, "list,start,zone,location,days,items,papers,count" },
	{ "meeting-unclear", 1, "list,about,read" },
	{ "meeting-attendance", 1, "list,start,members" },
	{ "meeting-attendance-recorded", 1, "list,start,recorded,count" },
	{ "meeting-attendance-unclear", 1, "list,about,read" },
	/* The report by mail, and its refusal (gov_report_mail) */
	{ "report-sent", 1, "list,first,last,note" },
	{ "report-refused", 1, "list,address,owner_address" },
	/* The priorities' yearly review (gov/gov_review.c) */
	{ "review-ask", 1, "list,agreed,priorities" },
	{ "review-unclear", 1, "list,read" },
	{ "review-opened", 1, "list,title,closes,zone" },
	{ "review-declined", 1, "list,next" },
	{ "review-not-opened", 1, "list" },
	{ "review-answered", 1, "list" },
	/* Decisions (gov/): a ballot, a proposal, what was recorded, an
	 * answer that was not clear, an objection, the proposer's choice,
	 * the chair's casting vote, the chair's silence, the result */
	{ "vote-ballot", 1, "list,title,text,closes,zone,how,effect" },
	{ "proposal", 1, "list,title,text,closes,zone,how,effect" },
	{ "ballot-receipt", 1, "list,title,text,closes,zone,choice,reason" },
	{ "ballot-unclear", 1, "list,title,text,closes,zone,read,how" },
	{ "proposal-objection", 1, "list,title,text,closes,zone,reason" },
	{ "proposal-ask", 1, "list,title,text,closes,zone,results" },
	{ "vote-casting", 1, "list,title,text,closes,zone,results,options,reminder" },
	{ "vote-chair-silent", 1, "list,title,text,closes,zone,chair" },
	{ "decide-confirm", 1, "list,title,text,closes,zone,kind,options" },
	{ "decide-refused", 1, "list,reason" },
	{ "decision-result", 1, "list,title,text,closes,zone,results,"
	    "turnout,electorate,outcome,effect" },
	/* Bounces (issue 15): delivery to a member stopped. */
	{ "bounce-disabled", 1, "list,member_address,score,owner_address" },
	{ "bounce-member", 1, "list,owner_address" },
};

/* Phrases: the pieces notices are made of, in templates/<lang>/phrases. */
static const struct tmpl_def phrase_defs[] = {
	{ "r-asked", 0, "address" },
	{ "r-asked-you", 0, "" },
	{ "r-pending", 0, "address" },
	{ "r-too-many", 0, "address" },
	{ "r-too-many-others", 0, "" },
	/* An address moot cannot use may be anybody's words or link, and
	 * the reply may go to a forged From: it is never repeated (E1). */
	{ "r-bad-address", 0, "" },
	{ "r-utf8-address", 0, "" },
	{ "r-one-other", 0, "" },
	{ "r-confirmed", 0, "" },
	{ "r-bad-token", 0, "" },
	{ "r-ended", 0, "list" },
	{ "r-closed", 0, "list" },
	{ "r-set-bad", 0, "" },
	{ "r-language-bad", 0, "language,languages" },
	{ "r-who", 0, "list,members,count" },
	{ "r-who-refused", 0, "list" },
	{ "r-lists", 0, "lists" },
	{ "r-none", 0, "" },
	{ "r-more", 0, "count" },
	{ "r-info", 0, "list,description,list_address,request_address,"
	    "owner_address,rules" },
	{ "r-help", 0, "list,list_address,request_address,join_address,"
	    "leave_address,owner_address" },
	{ "rule-open", 0, "" },
	{ "rule-members-only", 0, "" },
	{ "rule-moderated", 0, "" },
	{ "rule-requires", 0, "required" },
	{ "rule-approve-joins", 0, "" },
	{ "rule-ends", 0, "date" },
	{ "rule-ended", 0, "date" },
	{ "rule-digest", 0, "when" },
	{ "mode-mail", 0, "" },
	{ "mode-digest", 0, "" },
	{ "mode-nomail", 0, "" },
	{ "change-mode", 0, "mode" },
	{ "change-language", 0, "language" },
	{ "held-next", 0, "" },
	{ "held-all", 0, "" },
	{ "unclear-read", 0, "line" },
	{ "unclear-empty", 0, "" },
	{ "reminder-post", 0, "post_id,since,from,subject,reply_address" },
	{ "decided-approved", 0, "" },
	{ "decided-rejected", 0, "" },
	{ "decided-discarded", 0, "" },
	{ "rejected-default", 0, "" },
	{ "refused-default", 0, "" },
	{ "why-moderated", 0, "" },
	{ "why-nonmember", 0, "" },
	{ "why-recipients", 0, "count,max" },
	{ "why-large", 0, "size,max" },
	{ "why-automated", 0, "" },
	{ "why-too-large", 0, "size,max" },
	{ "why-ended", 0, "" },
	{ "why-loop", 0, "" },
	{ "why-no-from", 0, "" },
	{ "why-unreadable", 0, "detail" },
	{ "why-undecided", 0, "count" },
	{ "days", 0, "n" },
	{ "hours", 0, "n" },
	/* Counted nouns (slot n only): forms by number, {count:posts} */
	{ "posts", 0, "n" },
	{ "members", 0, "n" },
	{ "lines", 0, "n" },
	{ "people", 0, "n" },
	{ "bytes", 0, "n" },
	/* A member's role, as a notice names it */
	{ "role-member", 0, "" },
	{ "role-moderator", 0, "" },
	{ "role-owner", 0, "" },
	{ "role-organiser", 0, "" },
	{ "role-chair", 0, "" },
	/* What a request to moderators shows of a held post besides its
	 * text (hold.c), and sizes as people read them (notice_size()) */
	{ "held-attachments", 0, "" },
	{ "held-attachment", 0, "name,type,size" },
	{ "held-no-name", 0, "" },
	{ "held-links", 0, "" },
	{ "held-link", 0, "text,target" },
	{ "held-link-bare", 0, "target" },
	{ "held-attached", 0, "" },
	{ "held-not-attached", 0, "size,max" },
	{ "size-kb", 0, "size" },
	{ "size-mb", 0, "size" },
	{ "decimal-point", 0, "" },
	/* The answers to an invitation so far, for its organisers */
	{ "meeting-answers", 0, "accepted,declined,tentative" },
	/* A digest's own words (mootd/digest.c) */
	{ "mode-plain", 0, "" },
	{ "digest-subject", 0, "list,count" },
	{ "digest-intro", 0, "list,count,request_address" },
	{ "digest-contents", 0, "" },
	{ "digest-end", 0, "list" },
	/* Why a meeting's notes wait (cal_notes.c): the reasons held
	 * notes carry, in the request to the organisers */
	{ "why-notes", 0, "detail" },
	{ "why-notes-stranger", 0, "detail" },
	{ "why-notes-no-meeting", 0, "" },
	/* The weekly update's own words (mootd/news.c) */
	{ "mode-update", 0, "" },
	{ "news-subject", 0, "list,count" },
	{ "news-intro", 0, "list,count,request_address" },
	{ "news-no-posts", 0, "list,count,request_address" },
	{ "news-meetings", 0, "" },
	{ "news-no-meetings", 0, "" },
	{ "news-calendar", 0, "" },
	{ "news-notes", 0, "" },
	{ "rule-newsletter", 0, "when" },
	/* The board's seats for a meeting's cycle, in its invitation */
	{ "meeting-seats", 0, "seats" },
	/* An agenda item that came after the agenda went; no items yet */
	{ "agenda-late", 0, "" },
	{ "agenda-empty", 0, "" },
	/* A digest with nothing in it (list set --digest-empty) */
	{ "digest-none", 0, "" },
	/* A report's subject that named no clear period */
	{ "report-period-unclear", 0, "" },
	/* What a proposal does if it passes (gov/gov_effect.c); the
	 * priorities' review as a proposal (gov/gov_review.c) */
	{ "effect-priorities", 0, "priorities" },
	{ "effect-appoint", 0, "address,role,list,count" },
	{ "effect-statement", 0, "" },
	{ "review-title", 0, "agreed,priorities" },
	{ "review-text", 0, "agreed,priorities" },
	/* A counted noun: an appointment's term */
	{ "years", 0, "n" },
	/* Decisions (gov/): how to answer, secrecy, how it ended */
	{ "decision-how-vote", 0, "options" },
	{ "decision-how-consensus", 0, "" },
	{ "decision-how-proposer", 0, "" },
	{ "decision-secret", 0, "" },
	{ "decision-open-ballot", 0, "" },
	{ "decision-per-org", 0, "org" },
	{ "decision-agreed", 0, "" },
	{ "decision-not-agreed", 0, "" },
	{ "decision-won", 0, "option" },
	{ "decision-casting-decided", 0, "option" },
	{ "decision-casting-reminder", 0, "" },
	/* Decisions opened by mail (gov/gov_mail.c) */
	{ "decision-kind-vote", 0, "" },
	{ "decision-kind-proposal", 0, "" },
	{ "decide-why-role", 0, "" },
	{ "decide-why-closes", 0, "" },
	{ "decide-why-other", 0, "detail" },
	/* The weekly update's heading over what was decided (news.c) */
	{ "news-decisions", 0, "" },
	/* moot-unsubscribe's page (unsub/unsub_page.c) */
	{ "web-title", 0, "" },
	{ "web-ask", 0, "list" },
	{ "web-button", 0, "list" },
	{ "web-left", 0, "list" },
	{ "web-refused", 0, "" },
	{ "web-bad", 0, "" },
	{ "web-trouble", 0, "" },
	/* The members' copy From: the list, for DMARC (rewrite_from.c) */
	{ "from-via", 0, "name,list" },
};

/* tmpl_def - see tmpl_int.h */
const struct tmpl_def *
tmpl_def(const char *name)
{
	for (size_t i = 0; i < nitems(tmpl_defs); i++)
		if (strcmp(tmpl_defs[i].name, name) == 0)
			return (&tmpl_defs[i]);
	return (NULL);
}

/* tmpl_def_at - see tmpl_int.h */
const struct tmpl_def *
tmpl_def_at(size_t i)
{
	return (i < nitems(tmpl_defs) ? &tmpl_defs[i] : NULL);
}

/* tmpl_phrase_at - see tmpl_int.h */
const char *
tmpl_phrase_at(size_t i, const char **slots)
{
	if (i >= nitems(phrase_defs))
		return (NULL);
	*slots = phrase_defs[i].slots;
	return (phrase_defs[i].name);
}

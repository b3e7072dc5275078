/*
 * news.h - the weekly update of newsletter lists
 *
 * Owns: when a list's weekly update is due (the last time of its
 * newsletter schedule, global/schedule.h, after the schedule was set
 * and after the member's last update: one missed while mootd was down
 * goes once, as digests do) and what it holds: the posts the list
 * collected since the member's last update (at most KEPT_CHOSEN_MAX
 * of kept.h; their text, plain), then the sections moot writes from what it
 * knows: every group's meetings in the next four weeks, the notes
 * circulated since the last update (a hook, empty until notes exist),
 * and (once decisions exist) what was decided.  It goes to every
 * member who is not nomail, in their language, as multipart/mixed: the
 * text, and the meetings as one iCalendar file (text/calendar;
 * method=PUBLISH, cal/cal_ical.h) when there are any; with neither
 * posts nor meetings it still goes, saying so, since the partnership
 * counts on it coming every week.  Each member's update is queued in
 * the transaction that records it as theirs (db_sched.h), so a restart
 * or a crash never sends one twice.
 */
#ifndef NEWS_H
#define NEWS_H

struct ctx;

#define NEWS_MEETING_DAYS	28	/* how far ahead meetings are shown */

/* news_tick - queue every weekly update that is due; how many */
int	news_tick(struct ctx *);

#endif /* NEWS_H */

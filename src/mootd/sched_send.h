/*
 * sched_send.h - sending what lists send on a schedule: the walk that
 * digests and weekly updates share
 *
 * Owns: when a list's scheduled mail is due (the last instant of its
 * schedule at or before now, after the schedule was set: one missed
 * while mootd was down goes once), the walk over the members due it in
 * batches, and queueing one member's message together with the record
 * that it is theirs, in one transaction, so that a restart or a crash
 * never sends one twice.  What a message holds is the sender's:
 * digest.c, news.c.
 */
#ifndef SCHED_SEND_H
#define SCHED_SEND_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "db/db_sched.h"

struct ctx;
struct list;
struct notice;
struct vbuf;

/* A member due a message, copied out of the row. */
struct sched_due {
	int64_t		 id, upto;
	char		*addr, *lang;	/* owned by the walk; lang NULL: the
					 * list's */
	int		 plain;		/* a digest as RFC 1153 text */
};

/* One list's pass at one scheduled instant. */
struct sched_pass {
	struct ctx	*x;		/* borrowed */
	struct list	*l;		/* owned by the walk */
	time_t		 slot;		/* this scheduled instant */
	time_t		 prev;		/* the one before it, or when the
					 * schedule was set if later */
	time_t		 now;
	void		*own;		/* the sender's, from begin() */
};

struct sched_sender {
	enum sched_kind	 kind;
	const char	*what;		/* "digest", "update": for logs */
	/* begin - set up ps->own for a pass; -1: trouble, no pass */
	int		(*begin)(struct sched_pass *ps);
	/* member - queue d's message (sched_send_queue()): 1 if queued,
	 * 0 if it was theirs already, -1 on trouble (the pass stops) */
	int		(*member)(struct sched_pass *ps,
			    const struct sched_due *d);
	/* end - release ps->own */
	void		(*end)(struct sched_pass *ps);
};

/* sched_send_tick - every pass of s's kind due now; how many messages
 * were queued */
int	sched_send_tick(struct ctx *, const struct sched_sender *s);

/*
 * sched_send_queue - queue n with subject and the MIME body mime to d
 * and record that d had the message of ps->slot with the posts up to
 * upto, in one transaction: 1 done, 0 if another mootd was first, -1
 * on trouble (logged)
 */
int	sched_send_queue(struct sched_pass *, const struct sched_sender *s,
	    struct notice *n, const char *subject, const struct vbuf *mime,
	    const struct sched_due *d, int64_t upto);

/* sched_phrase - phrase key in d's language (the list's when d has
 * none), trailing newlines cut, appended to out */
struct tmpl_slot;
void	sched_phrase(const struct sched_pass *, const struct sched_due *d,
	    const char *key, const struct tmpl_slot *slots, size_t nslots,
	    struct vbuf *out);

#endif /* SCHED_SEND_H */

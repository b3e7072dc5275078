/*
 * send.h - handing mail to the relay over SMTP
 *
 * Owns: the SMTP client: connections to [relay], timeouts, pipelining,
 * and the reading of each recipient's result.  moot's own client
 * (send_pipe.c) runs [relay] connections sessions at once and chains
 * each copy's end of data with the next envelope; with [relay] starttls,
 * libesmtp (send_esmtp.c) sends, one session at a time.  It never logs
 * a message's text, and it never builds a To: or Cc: from recipients
 * (threat F1).
 *
 * One send_run() sends a job in transactions of per_txn recipients, at
 * most [relay] max_transactions a session.  After each transaction's
 * final reply, cb gets that transaction's results, so the caller can
 * commit them before that session's next data goes (threat A4).  A
 * transaction for which the relay gave no final reply (connection
 * refused, dropped mid-DATA) gets no callback.
 */
#ifndef SEND_H
#define SEND_H

#include <stddef.h>

struct conf;
struct vbuf;

enum send_status {
	SEND_SENT,		/* the relay took it (2xx) */
	SEND_FAILED,		/* the relay will never take it (5xx) */
	SEND_DEFERRED,		/* try again later (4xx, or no answer) */
};

struct send_result {
	const char		*addr;		/* borrowed from the job */
	enum send_status	 status;
	int			 code;		/* SMTP reply code, or 0 */
	char			 reply[200];	/* "452 4.5.3 ..." printable */
};

/* cb returns 0 to go on, -1 to stop the session (e.g. database trouble) */
typedef int (*send_txn_cb)(void *arg, const struct send_result *, size_t);

struct send_job {
	const char		*env_from;	/* "" for the null sender */
	const char		*data;		/* CRLF canonical message */
	size_t			 len;
	int			 eightbit;	/* declare BODY=8BITMIME */
	const char *const	*rcpts;
	size_t			 nrcpts;
	size_t			 per_txn;	/* recipients per transaction */
	/*
	 * One copy each (per_txn 1): personal[i] (header fields, CRLF)
	 * goes into recipient i's copy at byte split of data.  NULL: the
	 * same bytes for all.
	 */
	const char *const	*personal;
	size_t			 split;
	/*
	 * One sender each: env_froms[i] is the envelope sender of the
	 * transaction whose first recipient is i (VERP, verp.h).  NULL:
	 * env_from for every transaction.
	 */
	const char *const	*env_froms;
	send_txn_cb		 cb;
	void			*arg;
};

/*
 * send_run - one session.  Returns the number of transactions that got
 * no final reply (0: all reported through cb); the reason for the first
 * problem is in err.
 */
size_t	send_run(const struct conf *, const struct send_job *,
	    struct vbuf *err);

#endif /* SEND_H */

/*
 * dispatch.c - the outbox and the retry schedule; see dispatch.h
 */
#include <stdio.h>
#include <string.h>

#include "util/clock.h"
#include "global/conf.h"
#include "list/ctx.h"
#include "db/db.h"
#include "db/db_outbox.h"
#include "util/log.h"
#include "mootd/dispatch.h"
#include "mootd/send.h"
#include "util/vbuf.h"
#include "util/sys_defs.h"

/* retry_at - see dispatch.h */
time_t
retry_at(const struct conf *c, int64_t n, time_t now)
{
	int64_t	wait = c->retry_min;

	while (--n > 0 && wait < c->retry_max)
		wait *= 2;
	if (wait > c->retry_max)
		wait = c->retry_max;
	return (now + (time_t)wait);
}

struct one_result {
	enum send_status	status;
	char			reply[200];
	int			got;
};

static int
one_cb(void *arg, const struct send_result *r, size_t n)
{
	struct one_result	*o = arg;

	if (n > 0) {
		o->status = r[0].status;
		(void)snprintf(o->reply, sizeof(o->reply), "%s", r[0].reply);
		o->got = 1;
	}
	return (0);
}

/* dispatch_one - send one item and record what happened; -1 if that
 * could not be recorded */
static int
dispatch_one(struct ctx *x, struct outbox_item *o, struct vbuf *raw)
{
	const struct conf	*c = x->conf;
	struct send_job		 job;
	struct one_result	 res;
	struct vbuf		 err;
	const char		*rcpts[1];
	char			 id[32];
	time_t			 now = clock_now();
	int			 eightbit = 0, rc;

	(void)snprintf(id, sizeof(id), "N%lld", (long long)o->id);
	log_set_id(id);
	vbuf_init(&err, 1024);
	memset(&res, 0, sizeof(res));
	for (size_t i = 0; i < raw->len; i++)
		if ((unsigned char)raw->data[i] >= 0x80)
			eightbit = 1;
	rcpts[0] = o->rcpt;
	memset(&job, 0, sizeof(job));
	job.env_from = o->env_from;
	job.data = raw->data;
	job.len = raw->len;
	job.eightbit = eightbit;
	job.rcpts = rcpts;
	job.nrcpts = 1;
	job.per_txn = 1;
	job.cb = one_cb;
	job.arg = &res;
	(void)send_run(c, &job, &err);
	if (res.got && res.status == SEND_SENT) {
		log_info("%s to=<%s> sent: %s", o->purpose, o->rcpt, res.reply);
		rc = outbox_finish(x->db, o->id, OUTBOX_SENT, res.reply);
	} else if (res.got && res.status == SEND_FAILED) {
		log_warnx("%s to=<%s> refused: %s", o->purpose, o->rcpt,
		    res.reply);
		rc = outbox_finish(x->db, o->id, OUTBOX_FAILED, res.reply);
	} else {
		const char *why = res.got ? res.reply : vbuf_str(&err);

		if (o->first_defer_at > 0 && now - o->first_defer_at >=
		    c->give_up) {
			log_warnx("%s to=<%s> given up: %s", o->purpose,
			    o->rcpt, why);
			rc = outbox_finish(x->db, o->id, OUTBOX_FAILED, why);
		} else {
			log_info("%s to=<%s> deferred: %s", o->purpose,
			    o->rcpt, why);
			rc = outbox_defer(x->db, o->id, now,
			    retry_at(c, o->defers + 1, now), why);
		}
	}
	if (rc != DB_OK)
		log_warnx("%s to=<%s>: cannot record the outcome", o->purpose,
		    o->rcpt);
	vbuf_release(&err);
	log_set_id(NULL);
	return (rc == DB_OK ? 0 : -1);
}

/* dispatch_run - see dispatch.h */
int
dispatch_run(struct ctx *x, int *trouble)
{
	struct outbox_item	*o;
	struct vbuf		 raw;
	int64_t			 after = 0;
	int			 n = 0, rc;

	vbuf_init(&raw, VBUF_NOMAX);
	while (!*trouble && (x->stop == NULL || !*x->stop) &&
	    (rc = outbox_next(x->db, clock_now(), after, &o)) != DB_NOTFOUND) {
		if (rc != DB_OK) {
			*trouble = 1;
			break;
		}
		after = o->id;
		if (outbox_raw(x->db, o->id, &raw) != DB_OK ||
		    dispatch_one(x, o, &raw) == -1)
			*trouble = 1;
		else
			n++;
		outbox_item_free(&o);
	}
	vbuf_release(&raw);
	return (n);
}

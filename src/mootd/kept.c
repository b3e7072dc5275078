/*
 * kept.c - the posts a digest or a weekly update carries; see kept.h
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/alloc.h"
#include "util/clock.h"
#include "global/conf.h"
#include "list/ctx.h"
#include "list/notice.h"
#include "global/tmpl.h"
#include "db/db.h"
#include "db/db_list.h"
#include "db/db_spool.h"
#include "mail/hdr_encode.h"
#include "mail/mail.h"
#include "mail/text_part.h"
#include "mootd/kept.h"
#include "mootd/rewrite.h"
#include "util/log.h"
#include "util/vbuf.h"
#include "util/sys_defs.h"

/* kept_init - see kept.h */
void
kept_init(struct kept_posts *k, struct ctx *x, const struct list *l,
    const char *what, int want_copy)
{
	memset(k, 0, sizeof(*k));
	k->x = x;
	k->l = l;
	k->what = what;
	k->want_copy = want_copy;
}

/* copy - the members' copy of the post s, read as m; -1 with why */
static int
copy(struct kept_posts *k, const struct spool_item *s, const struct mail *m,
    struct kept_post *p, struct vbuf *why)
{
	const struct conf	*c = k->x->conf;
	struct rewrite_in	 in;
	char			 msgid[128];

	/* The Message-ID fan-out gave a post that came without one. */
	(void)snprintf(msgid, sizeof(msgid), "moot.%lld.%lld@%s",
	    (long long)s->id, (long long)s->received_at, c->domain);
	memset(&in, 0, sizeof(in));
	in.conf = c;
	in.list = k->l;
	in.mail = m;
	in.msgid = msgid;
	in.sender = s->env_from;
	in.date = (time_t)s->received_at;
	return (rewrite_post(&in, &p->copy, why));
}

/* post_read - what members are shown of post p; p->ok says whether it
 * could be read */
static void
post_read(struct kept_posts *k, struct kept_post *p)
{
	const struct conf	*c = k->x->conf;
	struct spool_item	*s = NULL;
	struct vbuf		 raw, canon, why, v;
	struct mail		 m;
	const struct hdr_field	*f;
	char			 date[64];

	vbuf_init(&raw, VBUF_NOMAX);
	vbuf_init(&canon, VBUF_NOMAX);
	vbuf_init(&why, 1024);
	vbuf_init(&v, VBUF_NOMAX);
	memset(&m, 0, sizeof(m));
	if (spool_load(k->x->db, p->spool_id, &s) != DB_OK ||
	    spool_raw(k->x->db, s->message_id, &raw) != DB_OK) {
		log_warnx("%s %s: post %lld cannot be read: left out",
		    k->what, k->l->name, (long long)p->spool_id);
		goto out;
	}
	if (mail_canon(&canon, raw.data, raw.len) == -1 ||
	    mail_parse(&m, canon.data, canon.len, &c->lim, &why) == -1 ||
	    (k->want_copy && copy(k, s, &m, p, &why) == -1)) {
		log_warnx("%s: %s %s: left out: %s", s->queue_id, k->what,
		    k->l->name, vbuf_str(&why));
		goto out;
	}
	(void)text_part_get(&m, (size_t)c->lim.text_bytes, &p->text);
	if ((f = mail_field(&m, "Date", 0)) != NULL && hdr_unfold(f, &v) == 0)
		hdr_encode_clean(&p->date, vbuf_str(&v));
	else {
		clock_rfc5322((time_t)s->received_at, date, sizeof(date));
		vbuf_puts(&p->date, date);
	}
	hdr_encode_clean(&p->from, s->from_addr != NULL ? s->from_addr :
	    s->env_from != NULL ? s->env_from : "");
	hdr_encode_clean(&p->subject, s->subject != NULL ? s->subject : "");
	p->ok = !vbuf_err(&p->copy) && !vbuf_err(&p->text);
out:
	mail_free(&m);
	spool_item_free(&s);
	vbuf_release(&raw);
	vbuf_release(&canon);
	vbuf_release(&why);
	vbuf_release(&v);
}

/* kept_get - see kept.h */
const struct kept_post *
kept_get(struct kept_posts *k, int64_t seq, int64_t spool_id)
{
	struct kept_post	*p;

	for (size_t i = 0; i < k->n; i++)
		if (k->v[i]->seq == seq)
			return (k->v[i]);
	if (k->n == k->cap) {
		k->cap = k->cap ? k->cap * 2 : 16;
		k->v = xreallocarray(k->v, k->cap, sizeof(*k->v));
	}
	p = k->v[k->n++] = xcalloc(1, sizeof(*p));
	p->seq = seq;
	p->spool_id = spool_id;
	vbuf_init(&p->from, VBUF_NOMAX);
	vbuf_init(&p->subject, VBUF_NOMAX);
	vbuf_init(&p->date, VBUF_NOMAX);
	vbuf_init(&p->text, VBUF_NOMAX);
	vbuf_init(&p->copy, VBUF_NOMAX);
	post_read(k, p);
	return (p);
}

/* kept_release - see kept.h */
void
kept_release(struct kept_posts *k)
{
	for (size_t i = 0; i < k->n; i++) {
		vbuf_release(&k->v[i]->from);
		vbuf_release(&k->v[i]->subject);
		vbuf_release(&k->v[i]->date);
		vbuf_release(&k->v[i]->text);
		vbuf_release(&k->v[i]->copy);
		free(k->v[i]);
	}
	free(k->v);
	memset(k, 0, sizeof(*k));
}

/* kept_choose_cb - see kept.h */
int
kept_choose_cb(int64_t seq, int64_t spool_id, void *arg)
{
	struct kept_chosen	*ch = arg;
	const struct kept_post	*p = kept_get(ch->k, seq, spool_id);

	ch->last = seq;
	if (p->ok && ch->n < KEPT_CHOSEN_MAX)
		ch->p[ch->n++] = p;
	return (0);
}

/* kept_intro - see kept.h */
void
kept_intro(struct ctx *x, const char *lang, const struct list *l,
    const char *key, size_t count, struct vbuf *out)
{
	struct list_addrs	 a;
	char			 n[24];

	notice_list_addrs(x->conf, l->name, &a);
	(void)snprintf(n, sizeof(n), "%zu", count);
	{
		struct tmpl_slot s[] = {
			{ "list", l->name }, { "count", n },
			{ "request_address", vbuf_str(&a.request) },
		};

		notice_phrase_line(x, lang, l, key, s, nitems(s), out);
	}
	notice_list_addrs_release(&a);
}

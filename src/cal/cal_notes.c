/*
 * cal_notes.c - a meeting's notes, sent to LIST-notes@; see cal_notes.h
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cal/cal_notes.h"
#include "db/db.h"
#include "db/db_list.h"
#include "db/db_meeting.h"
#include "db/db_notes.h"
#include "db/db_spool.h"
#include "global/conf.h"
#include "list/answer.h"
#include "list/ctx.h"
#include "list/hold.h"
#include "list/membership.h"
#include "list/policy.h"
#include "mail/hdr_encode.h"
#include "mail/mail.h"
#include "mail/mime_parts.h"
#include "mail/text_part.h"
#include "util/clock.h"
#include "util/log.h"
#include "util/vbuf.h"
#include "util/vis.h"
#include "util/sys_defs.h"

#define NOTES_TEXT_MAX	(256 * 1024)	/* kept with the meeting */
#define NOTES_ATT_MAX	50		/* attachments named; then "..." */

/* latest_begun - the id of grp's latest meeting that has begun by now
 * and is not cancelled, into *m (meeting_free()); DB_NOTFOUND if none */
static int
latest_begun(struct db *db, const char *grp, time_t now, struct meeting **m)
{
	struct meeting	**all = NULL;
	size_t		  n = 0, i, best = SIZE_MAX;
	int		  rc;

	if ((rc = meeting_list(db, grp, &all, &n)) != DB_OK)
		return (rc);
	for (i = 0; i < n; i++)		/* by start: the last one wins */
		if (all[i]->state == MEETING_SCHEDULED &&
		    all[i]->start_at <= (int64_t)now)
			best = i;
	rc = best == SIZE_MAX ? DB_NOTFOUND :
	    meeting_load(db, all[best]->id, m);
	meeting_list_free(&all, n);
	return (rc);
}

/* notes_text - what is kept of m: its text, then a line for each
 * attachment (the group gets the attachments themselves), and the text
 * of an attached plain-text file: notes sent as notes.txt alone are
 * still notes the weekly update can show */
static void
notes_text(const struct mail *m, struct vbuf *out)
{
	struct mime_parts	p;
	struct vbuf		t;

	memset(&p, 0, sizeof(p));
	vbuf_init(&t, NOTES_TEXT_MAX);
	(void)text_part_get(m, NOTES_TEXT_MAX, &t);
	if (mime_parts_read_data(m, &p) == 0)
		for (size_t i = 0; i < p.natt && i < NOTES_ATT_MAX; i++) {
			const struct mime_attachment *a = &p.att[i];

			if (t.len > 0 && t.data[t.len - 1] != '\n')
				vbuf_putc(&t, '\n');
			vbuf_printf(&t, "[attached: %s (%s, %zu bytes)]\n",
			    *a->name != '\0' ? a->name : "no name", a->type,
			    a->size);
			/* UTF-8 only: a file in another charset says
			 * nothing of it, and is not guessed. */
			if (strcmp(a->type, "text/plain") == 0 &&
			    a->data != NULL &&
			    vis_utf8_text(a->data, a->size) &&
			    t.len + a->size < NOTES_TEXT_MAX) {
				vbuf_cat(&t, a->data, a->size);
				vbuf_putc(&t, '\n');
			}
		}
	mime_parts_release(&p);
	/* The notes go into the group's mail and the weekly update as
	 * they are: no controls from the sender's mail in them. */
	hdr_encode_clean_text(out, vbuf_str(&t));
	vbuf_release(&t);
}

/* may_send - from is the meeting's notes-taker, or an organiser or
 * owner of the group (the organisers' roles, as invitations have them) */
static int
may_send(struct ctx *x, const struct spool_item *s, const struct meeting *mt,
    const char *from)
{
	if (from == NULL)
		return (0);
	if (mt != NULL && mt->notes_taker != NULL &&
	    strcasecmp(mt->notes_taker, from) == 0)
		return (1);
	return (membership_has_role(x->db, s->list_id, from,
	    "organiser,owner"));
}

/* cal_notes - see cal_notes.h */
void
cal_notes(struct ctx *x, struct spool_item *s, const struct mail *m)
{
	struct list		*l = NULL;
	struct meeting		*mt = NULL;
	struct meeting_note	 n;
	struct verdict		 v;
	struct vbuf		 text;
	char			 detail[128];
	const char		*from = m->from_addr != NULL ? m->from_addr :
				    s->env_from;
	time_t			 now = clock_now();
	int			 rc;

	if (answer_automated(x, s, m))
		return;			/* never notes (C2) */
	if (answer_list_load(x, s, &l) == -1)
		return;
	if ((rc = latest_begun(x->db, l->name, now, &mt)) != DB_OK &&
	    rc != DB_NOTFOUND) {
		list_free(&l);
		return;			/* stays spooled; tried again */
	}
	memset(&v, 0, sizeof(v));
	v.kind = VERDICT_HOLD;
	if (mt != NULL)
		(void)snprintf(detail, sizeof(detail), "%lld (%s %s)",
		    (long long)mt->id, mt->grp, mt->start_local);
	else
		(void)snprintf(detail, sizeof(detail), "(none has begun)");
	v.detail = detail;
	if (!may_send(x, s, mt, from))
		v.reason = REASON_NOTES_STRANGER;
	else if (mt == NULL)
		v.reason = REASON_NOTES_NO_MEETING;
	else
		v.reason = REASON_NOTES;

	vbuf_init(&text, VBUF_NOMAX);
	notes_text(m, &text);
	memset(&n, 0, sizeof(n));
	n.spool_id = s->id;
	n.meeting_id = mt != NULL ? mt->id : 0;
	n.sender = from;
	n.subject = m->subject;
	n.text = vbuf_str(&text);
	n.received_at = s->received_at;
	/* Kept before it is held: a second attempt finds the row there. */
	if (notes_insert(x->db, l->id, &n) == DB_OK) {
		log_info("notes for meeting %lld from <%s>",
		    (long long)n.meeting_id, from != NULL ? from : "");
		hold_post(x, s, &v);
	}
	vbuf_release(&text);
	meeting_free(&mt);
	list_free(&l);
}

/*
 * gov_mail.c - decisions opened by mail; see gov_mail.h
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "db/db.h"
#include "db/db_decision.h"
#include "db/db_list.h"
#include "db/db_spool.h"
#include "db/db_token.h"
#include "global/conf.h"
#include "global/tmpl.h"
#include "gov/gov_mail.h"
#include "gov/gov_open.h"
#include "gov/gov_send.h"
#include "list/answer.h"
#include "list/ctx.h"
#include "list/notice.h"
#include "mail/mail.h"
#include "mail/reply_lines.h"
#include "mail/text_part.h"
#include "util/alloc.h"
#include "util/clock.h"
#include "util/log.h"
#include "util/vbuf.h"
#include "util/sys_defs.h"

/* The roles that may open a decision by mail. */
static const char *const openers[] = { "organiser", "chair" };

/* may_open - addr is an organiser or the chair of l; *lang (new, or
 * NULL) their language */
static int
may_open(struct ctx *x, const struct list *l, const char *addr, char **lang)
{
	struct member	*m = NULL;
	int		 yes = 0;

	if (addr == NULL || member_load(x->db, l->id, addr, &m) != DB_OK)
		return (0);
	for (size_t i = 0; i < nitems(openers); i++)
		if (m->role != NULL && strcmp(m->role, openers[i]) == 0)
			yes = 1;
	if (yes && m->language != NULL)
		*lang = xstrdup(m->language);
	member_free(&m);
	return (yes);
}

/* options_line - the value of a line "Options: ..." of text, cut out of
 * it, new in *out; 1, or 0 if none */
static int
options_line(struct vbuf *text, char **out)
{
	char	*p = text->data, *e;
	size_t	 len;

	for (; p != NULL && *p != '\0'; p = e != NULL ? e + 1 : NULL) {
		e = strchr(p, '\n');
		len = e != NULL ? (size_t)(e - p) : strlen(p);
		if (len < 8 || strncasecmp(p, "options:", 8) != 0)
			continue;
		*out = xstrndup(p + 8, len - 8);
		/* "Options: for, against" as well as "for,against" */
		for (char *r = *out, *w = *out; ; r++) {
			if (*r != ' ' && *r != '\t' && *r != '\r')
				*w++ = *r;
			if (*r == '\0')
				break;
		}
		memmove(p, p + len + (e != NULL), strlen(p + len +
		    (e != NULL)) + 1);
		text->len = strlen(text->data);
		return (1);
	}
	return (0);
}

/* refuse - tell from why nothing opened (phrase key, with detail) */
static void
refuse(struct ctx *x, const struct list *l, const struct mail *m,
    const char *lang, const char *key, const char *detail)
{
	struct vbuf	why;

	if (answer_capped(x, ANSWER_REPLIES, m->from_addr, NULL) != 0)
		return;
	vbuf_init(&why, 1024);
	{
		struct tmpl_slot s[] = { { "detail", detail } };

		notice_phrase(x, lang, l, key, s, nitems(s), &why);
	}
	{
		struct tmpl_slot s[] = {
			{ "list", l->name }, { "reason", vbuf_str(&why) },
		};

		(void)answer_send(x, l, "decide-refused", m->from_addr, lang,
		    AK_OWNER, NULL, s, nitems(s), m->msgid);
	}
	vbuf_release(&why);
}

/* confirm - ask the sender to confirm decision id; 0 or -1 */
static int
confirm(struct ctx *x, const struct list *l, const struct mail *m,
    const char *lang, int64_t id)
{
	struct decision_row	*d = NULL;
	struct vbuf		 kind;
	char			 tok[TOKEN_CHARS + 1];
	int			 rc = -1;

	if (decision_load(x->db, id, &d) != DB_OK)
		return (-1);
	if (token_issue(x->db, GOV_TOKEN_OPENING, l->id, id, m->from_addr,
	    GOV_OPENING_TTL, tok) == DB_OK) {
		vbuf_init(&kind, 1024);
		notice_phrase(x, lang, l, d->kind == DK_VOTE ?
		    "decision-kind-vote" : "decision-kind-proposal", NULL, 0,
		    &kind);
		{
			struct tmpl_slot s[] = {
				{ "kind", vbuf_str(&kind) },
				{ "options", d->kind == DK_VOTE ? d->options :
				    "" },
			};

			rc = gov_send(x, l, d, "decide-confirm", m->from_addr,
			    lang, tok, s, nitems(s));
		}
		vbuf_release(&kind);
	}
	decision_free(&d);
	return (rc);
}

/* parse - n from m (its text into text); NULL, or the phrase key of
 * what is wrong */
static const char *
parse(struct ctx *x, const struct mail *m, struct gov_new *n,
    struct vbuf *text, char **options)
{
	int64_t	closes = clock_now() + x->conf->mail_closes;

	(void)text_part_get(m, GOV_TEXT_MAX, text);
	n->title = m->subject != NULL ? reply_unprefix(m->subject) : "";
	if (gov_closes_line(text, "closes:", &closes) == -1)
		return ("decide-why-closes");
	if (options_line(text, options))
		n->kind = DK_VOTE;
	n->closes_at = closes;
	n->text = vbuf_str(text);
	n->options = *options;
	n->proposer = m->from_addr;
	n->pending = 1;
	n->text += strspn(n->text, " \t\r\n");
	return (NULL);
}

/* gov_mail_decide - see gov_mail.h */
void
gov_mail_decide(struct ctx *x, struct spool_item *s, const struct mail *m)
{
	struct list	*l = NULL;
	struct gov_new	 n;
	struct vbuf	 text, why;
	const char	*bad;
	char		*options = NULL, *lang = NULL, done[128];
	int64_t		 id = 0;

	if (answer_list_load(x, s, &l) == -1)
		return;
	if (answer_automated(x, s, m))
		goto out0;
	memset(&n, 0, sizeof(n));
	n.list = l->name;
	n.kind = DK_CONSENSUS;
	vbuf_init(&text, GOV_TEXT_MAX + 1);
	vbuf_init(&why, 1024);
	if (db_begin(x->db) != DB_OK)
		goto out;
	if (!may_open(x, l, m->from_addr, &lang)) {
		refuse(x, l, m, NULL, "decide-why-role", "");
		(void)snprintf(done, sizeof(done), "decision by mail refused: "
		    "not an organiser or chair of the list");
	} else if ((bad = parse(x, m, &n, &text, &options)) != NULL) {
		refuse(x, l, m, lang, bad, "");
		(void)snprintf(done, sizeof(done), "decision by mail refused: "
		    "a closing time that cannot be read");
	} else if (gov_open_in(x, &n, &id, &why) == -1) {
		/* rolled back: what is wrong is said in a new transaction */
		if (db_begin(x->db) != DB_OK)
			goto out;
		refuse(x, l, m, lang, "decide-why-other", vbuf_str(&why));
		(void)snprintf(done, sizeof(done), "decision by mail refused: "
		    "%.80s", vbuf_str(&why));
	} else if (confirm(x, l, m, lang, id) == -1) {
		db_rollback(x->db);
		goto out;
	} else
		(void)snprintf(done, sizeof(done), "decision %lld: asked the "
		    "sender to confirm it", (long long)id);
	answer_finish(x, s, done);
	if (db_commit(x->db) != DB_OK)
		log_warnx("cannot commit a decision by mail");
out:
	vbuf_release(&text);
	vbuf_release(&why);
	free(options);
	free(lang);
out0:
	list_free(&l);
}

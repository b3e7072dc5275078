/*
 * bymail.c - membership by mail; see bymail.h
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "mail/addr.h"
#include "global/listaddr.h"
#include "util/alloc.h"
#include "list/answer.h"
#include "list/bymail.h"
#include "util/clock.h"
#include "list/command.h"
#include "global/conf.h"
#include "list/confirm.h"
#include "list/ctx.h"
#include "db/db.h"
#include "db/db_list.h"
#include "db/db_request.h"
#include "db/db_spool.h"
#include "db/db_token.h"
#include "util/log.h"
#include "mail/mail.h"
#include "list/membership.h"
#include "list/notice.h"
#include "global/tmpl.h"
#include "global/token.h"
#include "util/vbuf.h"
#include "util/sys_defs.h"

/* One message's work. */
struct job {
	struct ctx		*x;
	struct spool_item	*s;
	const struct mail	*m;
	struct list		*l;
	char			*sender;	/* owned; canonical */
	char			*lang;		/* owned; of the reply; NULL */
	struct list_addrs	 a;
	struct vbuf		 results;	/* the reply's text */
	int			 others;	/* results the reply must carry */
	struct vbuf		 summary;	/* for the spool row's reason */
};

/*
 * say - one command's result in the reply: the command, then the text.
 * Unless some result says more than the sender will hear anyway (a
 * confirmation of their own), no reply goes.
 */
static void
say_as(struct job *j, const struct command *c, const char *key,
    const struct tmpl_slot *slots, size_t nslots, int news)
{
	if (c != NULL)
		vbuf_printf(&j->results, "> %s\n", c->line);
	notice_phrase(j->x, j->lang, j->l, key, slots, nslots, &j->results);
	vbuf_puts(&j->results, "\n\n");
	j->others |= news;
	if (c != NULL)
		vbuf_printf(&j->summary, "%s%s (%s)", j->summary.len > 0 ?
		    ", " : "", command_name(c->kind), key + 2);
}

static void
say(struct job *j, const struct command *c, const char *key,
    const struct tmpl_slot *slots, size_t nslots)
{
	say_as(j, c, key, slots, nslots, strcmp(key, "r-asked-you") != 0);
}

/* target_of - the canonical address a command is about, or NULL after
 * saying why it cannot be used */
static char *
target_of(struct job *j, const struct command *c)
{
	struct tmpl_slot slots[] = { { "address", c->arg } };
	int		 eight = 0;

	if (c->arg[0] == '\0')
		return (xstrdup(j->sender));
	for (const char *p = c->arg; *p != '\0'; p++)
		eight |= (unsigned char)*p >= 0x80;
	if (eight) {			/* threat E6 */
		say(j, c, "r-utf8-address", slots, nitems(slots));
		return (NULL);
	}
	if (c->arg_too_long || addr_check(c->arg, NULL) == -1) {
		say(j, c, "r-bad-address", slots, nitems(slots));
		return (NULL);
	}
	return (addr_canon_new(c->arg));
}

/* asked_result - say what became of a request for a confirmation */
static int
asked_result(struct job *j, const struct command *c, const char *target,
    enum confirm_asked a)
{
	struct tmpl_slot slots[] = { { "address", target } };

	switch (a) {
	case CONFIRM_ASKED:
		if (strcmp(target, j->sender) == 0)
			say(j, c, "r-asked-you", NULL, 0);
		else
			say(j, c, "r-asked", slots, nitems(slots));
		return (0);
	case CONFIRM_PENDING:
		/* Asking again for oneself is no news: the confirmation
		 * is in one's mailbox.  No answer, so no flood (B7). */
		say_as(j, c, "r-pending", slots, nitems(slots),
		    strcmp(target, j->sender) != 0);
		return (0);
	case CONFIRM_TOO_MANY:
		say(j, c, "r-too-many", slots, nitems(slots));
		return (0);
	default:
		return (-1);
	}
}

/* do_join_leave - subscribe or unsubscribe: ask for a confirmation */
static int
do_join_leave(struct job *j, const struct command *c, const char *cmd_lang)
{
	enum request_action action = c->kind == CMD_SUBSCRIBE ?
			    REQUEST_SUBSCRIBE : REQUEST_UNSUBSCRIBE;
	char		*target;
	int		 rc;

	if (c->kind == CMD_SUBSCRIBE && j->l->ends_at > 0 &&
	    clock_now() >= j->l->ends_at) {
		struct tmpl_slot slots[] = { { "list", j->l->name } };

		say(j, c, "r-ended", slots, nitems(slots));
		return (0);
	}
	if ((target = target_of(j, c)) == NULL)
		return (0);
	rc = asked_result(j, c, target, confirm_ask(j->x, j->l, j->sender,
	    action, target, c->kind == CMD_SUBSCRIBE ? (c->mode[0] != '\0' ?
	    c->mode : "mail") : NULL, c->kind == CMD_SUBSCRIBE &&
	    strcmp(target, j->sender) == 0 ? cmd_lang : NULL));
	free(target);
	return (rc);
}

/* do_set - the sender's own settings, after a confirmation */
static int
do_set(struct job *j, const struct command *c, const char *mode,
    const char *lang)
{
	if (c->bad) {
		say(j, c, "r-set-bad", NULL, 0);
		return (0);
	}
	if (lang != NULL && !tmpl_has_language(j->x->conf, lang)) {
		struct vbuf	all;

		vbuf_init(&all, VBUF_NOMAX);
		tmpl_languages(j->x->conf, &all);
		struct tmpl_slot slots[] = {
			{ "language", lang },
			{ "languages", vbuf_str(&all) },
		};

		say(j, c, "r-language-bad", slots, nitems(slots));
		vbuf_release(&all);
		return (0);
	}
	return (asked_result(j, c, j->sender, confirm_ask(j->x, j->l,
	    j->sender, REQUEST_SET, j->sender, mode, lang)));
}

struct lines {
	struct job	*j;
	struct vbuf	 text;
	int		 n;
};

static int
lists_line(const struct list *l, void *arg)
{
	struct lines	*ln = arg;

	if (l->hidden)
		return (0);
	vbuf_printf(&ln->text, "%s: %s\n  %s@%s\n\n", l->name, l->description,
	    l->name, ln->j->x->conf->domain);
	ln->n++;
	return (0);
}

static int
who_line(const struct member *m, void *arg)
{
	struct lines	*ln = arg;

	vbuf_printf(&ln->text, "  %s%s%s\n", m->addr, *m->name != '\0' ?
	    "  " : "", m->name);
	ln->n++;
	return (0);
}

/* do_lists, do_who, do_info, do_help - answers from the database */
static int
do_lists(struct job *j, const struct command *c)
{
	struct lines	ln = { j, { 0 }, 0 };
	int		rc;

	vbuf_init(&ln.text, VBUF_NOMAX);
	if ((rc = list_each(j->x->db, lists_line, &ln)) == DB_OK) {
		vbuf_truncate(&ln.text, ln.text.len > 0 ? ln.text.len - 1 : 0);
		struct tmpl_slot slots[] = { { "lists", vbuf_str(&ln.text) } };

		say(j, c, "r-lists", slots, nitems(slots));
	}
	vbuf_release(&ln.text);
	return (rc == DB_OK ? 0 : -1);
}

static int
do_who(struct job *j, const struct command *c)
{
	struct lines	ln = { j, { 0 }, 0 };
	struct tmpl_slot refused[] = { { "list", j->l->name } };
	char		count[16];
	int		yes = 0, rc;

	/* The same answer to strangers and where who is off (F2). */
	if (strcmp(j->l->who, "members") != 0 ||
	    member_exists(j->x->db, j->l->id, j->sender, &yes) != DB_OK ||
	    !yes) {
		say(j, c, "r-who-refused", refused, nitems(refused));
		return (0);
	}
	vbuf_init(&ln.text, VBUF_NOMAX);
	if ((rc = member_each(j->x->db, j->l->id, who_line, &ln)) == DB_OK) {
		(void)snprintf(count, sizeof(count), "%d", ln.n);
		struct tmpl_slot slots[] = {
			{ "list", j->l->name },
			{ "members", vbuf_str(&ln.text) },
			{ "count", count },
		};

		say(j, c, "r-who", slots, nitems(slots));
	}
	vbuf_release(&ln.text);
	return (rc == DB_OK ? 0 : -1);
}

static int
do_info(struct job *j, const struct command *c)
{
	const struct list	*l = j->l;
	struct vbuf		 rules;
	char			 date[32];

	vbuf_init(&rules, VBUF_NOMAX);
	notice_phrase(j->x, j->lang, l, l->members_only ? "rule-members-only" :
	    "rule-open", NULL, 0, &rules);
	vbuf_putc(&rules, '\n');
	if (l->moderated) {
		notice_phrase(j->x, j->lang, l, "rule-moderated", NULL, 0,
		    &rules);
		vbuf_putc(&rules, '\n');
	}
	if (l->requires_name != NULL) {
		struct tmpl_slot s[] = { { "required", l->requires_name } };

		notice_phrase(j->x, j->lang, l, "rule-requires", s, nitems(s),
		    &rules);
		vbuf_putc(&rules, '\n');
	}
	if (l->approve_joins) {
		notice_phrase(j->x, j->lang, l, "rule-approve-joins", NULL, 0,
		    &rules);
		vbuf_putc(&rules, '\n');
	}
	if (l->ends_at > 0) {
		struct tmpl_slot s[] = { { "date", date } };

		answer_date(l->ends_at, date, sizeof(date));
		notice_phrase(j->x, j->lang, l, clock_now() >= l->ends_at ?
		    "rule-ended" : "rule-ends", s, nitems(s), &rules);
		vbuf_putc(&rules, '\n');
	}
	if (l->digest_at != NULL) {
		struct tmpl_slot s[] = { { "when", l->digest_at } };

		notice_phrase(j->x, j->lang, l, "rule-digest", s, nitems(s),
		    &rules);
		vbuf_putc(&rules, '\n');
	}
	{
		struct tmpl_slot slots[] = {
			{ "list", l->name },
			{ "description", l->description },
			{ "list_address", vbuf_str(&j->a.post) },
			{ "request_address", vbuf_str(&j->a.request) },
			{ "owner_address", vbuf_str(&j->a.owner) },
			{ "rules", vbuf_str(&rules) },
		};

		say(j, c, "r-info", slots, nitems(slots));
	}
	vbuf_release(&rules);
	return (0);
}

static void
do_help(struct job *j, const struct command *c)
{
	struct tmpl_slot slots[] = {
		{ "list", j->l->name },
		{ "list_address", vbuf_str(&j->a.post) },
		{ "request_address", vbuf_str(&j->a.request) },
		{ "join_address", vbuf_str(&j->a.join) },
		{ "leave_address", vbuf_str(&j->a.leave) },
		{ "owner_address", vbuf_str(&j->a.owner) },
	};

	say(j, c, "r-help", slots, nitems(slots));
}

/* run - every command of the message, in order; -1 on trouble */
static int
run(struct job *j, const struct command_read *r)
{
	const char	*mode = NULL, *lang = NULL;
	const struct command *first_set = NULL;
	char		 who[ADDR_MAX + 1];
	int		 rc = 0;

	/* Every "set" of a message makes one request: merge them. */
	for (size_t i = 0; i < r->n; i++)
		if (r->cmd[i].kind == CMD_SET && !r->cmd[i].bad) {
			if (r->cmd[i].mode[0] != '\0')
				mode = r->cmd[i].mode;
			if (r->cmd[i].lang[0] != '\0')
				lang = r->cmd[i].lang;
		}
	for (size_t i = 0; i < r->n && rc == 0; i++) {
		const struct command *c = &r->cmd[i];

		switch (c->kind) {
		case CMD_SUBSCRIBE:
		case CMD_UNSUBSCRIBE:
			rc = do_join_leave(j, c, r->lang[0] != '\0' ? r->lang :
			    NULL);
			break;
		case CMD_SET:
			if (c->bad)
				rc = do_set(j, c, NULL, NULL);
			else if (first_set == NULL) {
				first_set = c;
				rc = do_set(j, c, mode, lang);
			}
			break;
		case CMD_CONFIRM:
			switch (confirm_token(j->x, j->l, c->arg, who,
			    sizeof(who))) {
			case 1:
				/* The person it was for is told; if that is
				 * the sender, that is the answer. */
				say_as(j, c, "r-confirmed", NULL, 0,
				    strcmp(who, j->sender) != 0);
				break;
			case 0:
				say(j, c, "r-bad-token", NULL, 0);
				break;
			default:
				rc = -1;
			}
			break;
		case CMD_HELP:
			do_help(j, c);
			break;
		case CMD_LISTS:
			rc = do_lists(j, c);
			break;
		case CMD_WHO:
			rc = do_who(j, c);
			break;
		case CMD_INFO:
			rc = do_info(j, c);
			break;
		}
	}
	if (rc == 0 && r->n == 0) {
		say(j, NULL, "r-none", NULL, 0);
		do_help(j, NULL);
		vbuf_puts(&j->summary, "no command");
	}
	if (rc == 0 && r->more > 0) {
		char		 n[24];
		struct tmpl_slot slots[] = { { "count", n } };

		(void)snprintf(n, sizeof(n), "%zu", r->more);
		say(j, NULL, "r-more", slots, nitems(slots));
	}
	return (rc);
}

/* reply - the one answer to the message, unless the sender has had
 * enough today or every result was a confirmation sent to them */
static int
reply(struct job *j)
{
	int	capped;

	if (!j->others)
		return (0);
	if ((capped = answer_capped(j->x, ANSWER_REPLIES, j->sender)) != 0) {
		if (capped == 1)
			vbuf_puts(&j->summary, "; not answered (daily limit)");
		return (capped == 1 ? 0 : -1);
	}
	{
		struct tmpl_slot slots[] = {
			{ "list", j->l->name },
			{ "request_address", vbuf_str(&j->a.request) },
			{ "results", vbuf_str(&j->results) },
		};

		return (answer_send(j->x, j->l, "request-reply", j->sender,
		    j->lang, AK_REQUEST, NULL, slots, nitems(slots),
		    j->m->msgid != NULL ? j->m->msgid : ""));
	}
}

/* leave_now - the List-Unsubscribe address: the token is the member's */
static void
leave_now(struct ctx *x, struct spool_item *s, const struct list *l)
{
	struct token_row	*t = NULL;
	struct member		*m = NULL;
	const char		*why = NULL;
	int			 rc;

	static const char *const purposes[] = { "leave", NULL };
	enum claim		 cl;

	cl = token_claim(x->db, s->token, purposes, l->id, clock_now(), &t);
	if (cl == CLAIM_ERROR)
		return;
	if (cl == CLAIM_UNKNOWN) {
		answer_finish(x, s, "unknown or forged leave token");
		return;
	}
	rc = DB_OK;
	if (cl != CLAIM_OK)
		why = token_claim_why(cl);
	else if ((rc = member_load(x->db, l->id, t->addr, &m)) != DB_OK)
		why = rc == DB_NOTFOUND ? "not a member any more" : NULL;
	else if (m->id != t->object_id)
		why = "a leave token of an earlier membership";
	if (why != NULL || rc != DB_OK) {
		if (why != NULL)
			answer_finish(x, s, why);
		token_row_free(&t);
		member_free(&m);
		return;
	}
	if (db_begin(x->db) != DB_OK)
		goto out;
	if (token_use(x->db, t->id, clock_now()) == DB_ERR ||
	    membership_remove(x, l, t->addr, t->addr, NULL) != DB_OK ||
	    answer_tell(x, l, "goodbye", t->addr, m->language, NULL,
	    NULL) == -1) {
		db_rollback(x->db);
		goto out;
	}
	answer_finish(x, s, "left at once through List-Unsubscribe");
	if (db_commit(x->db) != DB_OK)
		log_warnx("cannot commit the leave; it is tried again");
out:
	token_row_free(&t);
	member_free(&m);
}

/* bymail_handle - see bymail.h */
void
bymail_handle(struct ctx *x, struct spool_item *s, const struct mail *m)
{
	struct job		 j;
	struct command_read	 r;

	memset(&j, 0, sizeof(j));
	if (answer_list_load(x, s, &j.l) == -1)
		return;
	if (s->kind == AK_LEAVE && s->token != NULL &&
	    *s->token != '\0') {
		/* Software may act on List-Unsubscribe for the member
		 * (RFC 2369): the token is the permission, not the From. */
		leave_now(x, s, j.l);
		list_free(&j.l);
		return;
	}
	if (answer_automated(x, s, m)) {
		list_free(&j.l);
		return;
	}
	j.sender = m->from_addr != NULL ? xstrdup(m->from_addr) :
	    s->env_from != NULL && *s->env_from != '\0' &&
	    addr_check(s->env_from, NULL) == 0 ? addr_canon_new(s->env_from) :
	    NULL;
	if (j.sender == NULL || listaddr_is_ours(x->conf, j.sender)) {
		answer_finish(x, s, j.sender == NULL ? "no sender address: not "
		    "answered" : "from one of moot's own addresses: not "
		    "answered");
		free(j.sender);
		list_free(&j.l);
		return;
	}
	if (s->kind == AK_JOIN || s->kind == AK_LEAVE) {
		memset(&r, 0, sizeof(r));
		r.n = 1;
		r.cmd[0].kind = s->kind == AK_JOIN ? CMD_SUBSCRIBE :
		    CMD_UNSUBSCRIBE;
		(void)snprintf(r.cmd[0].line, sizeof(r.cmd[0].line), "%s",
		    command_name(r.cmd[0].kind));
	} else
		command_read(x->conf, m, &r);

	j.x = x;
	j.s = s;
	j.m = m;
	j.lang = membership_lang(x->db, j.l->id, j.sender);
	if (j.lang == NULL && r.lang[0] != '\0')
		j.lang = xstrdup(r.lang);
	notice_list_addrs(x->conf, j.l->name, &j.a);
	vbuf_init(&j.results, VBUF_NOMAX);
	vbuf_init(&j.summary, 1024);
	if (db_begin(x->db) != DB_OK)
		goto out;
	if (run(&j, &r) == -1 || reply(&j) == -1) {
		db_rollback(x->db);
		log_warnx("database trouble; the message is tried again");
		goto out;
	}
	answer_finish(x, s, vbuf_str(&j.summary));
	if (db_commit(x->db) != DB_OK)
		log_warnx("cannot commit; the message is tried again");
out:
	free(j.sender);
	free(j.lang);
	list_free(&j.l);
	notice_list_addrs_release(&j.a);
	vbuf_release(&j.results);
	vbuf_release(&j.summary);
}

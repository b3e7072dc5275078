/*
 * commands_by_mail.c - mail to LIST-request, LIST-join and LIST-leave;
 * see commands_by_mail.h
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mail/addr.h"
#include "util/alloc.h"
#include "list/answer.h"
#include "util/clock.h"
#include "list/command.h"
#include "list/commands_by_mail.h"
#include "global/conf.h"
#include "list/confirm.h"
#include "list/ctx.h"
#include "db/db.h"
#include "db/db_list.h"
#include "db/db_request.h"
#include "db/db_spool.h"
#include "list/leave.h"
#include "global/listaddr.h"
#include "util/log.h"
#include "mail/mail.h"
#include "list/membership.h"
#include "list/notice.h"
#include "global/tmpl.h"
#include "util/vbuf.h"
#include "util/sys_defs.h"

/* One message's work. */
struct job {
	struct ctx		*x;
	struct spool_item	*s;
	const struct mail	*m;
	struct list		*l;		/* owned */
	char			*sender;	/* owned; canonical */
	char			*lang;		/* owned; of the reply; NULL */
	struct list_addrs	 a;
	struct vbuf		 results;	/* the reply's text */
	int			 others;	/* results that need a reply */
	struct vbuf		 summary;	/* for the spool row's reason */
	const char		*cmd_lang;	/* of the command words; NULL */
	const char		*set_mode;	/* every set of the message, */
	const char		*set_lang;	/* merged; NULL: unchanged */
	int			 set_asked;	/* that one request is made */
	char			*other;		/* owned; the one address not
						 * the sender's asked about */
};

typedef int	(*run_fn)(struct job *, const struct command *);
typedef void	(*read_fn)(const struct conf *, const struct mail *,
		    struct command_read *);

static int	do_join_leave(struct job *, const struct command *);
static int	do_set(struct job *, const struct command *);
static int	do_confirm(struct job *, const struct command *);
static int	do_help(struct job *, const struct command *);
static int	do_lists(struct job *, const struct command *);
static int	do_who(struct job *, const struct command *);
static int	do_info(struct job *, const struct command *);

/* What each command does; -1 from one is database trouble. */
static const run_fn runs[CMD_NKINDS] = {
	[CMD_SUBSCRIBE] = do_join_leave,
	[CMD_UNSUBSCRIBE] = do_join_leave,
	[CMD_CONFIRM] = do_confirm,
	[CMD_HELP] = do_help,
	[CMD_LISTS] = do_lists,
	[CMD_WHO] = do_who,
	[CMD_SET] = do_set,
	[CMD_INFO] = do_info,
};

/*
 * say_as - one command's result in the reply: the command, then the
 * text.  Unless some result is news (more than the sender will hear
 * anyway, in a confirmation of their own), no reply goes.
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

/* say - a result that is news, unless it says a confirmation went to
 * the sender */
static void
say(struct job *j, const struct command *c, const char *key,
    const struct tmpl_slot *slots, size_t nslots)
{
	say_as(j, c, key, slots, nslots, strcmp(key, "r-asked-you") != 0);
}

/*
 * target_of - the canonical address a command is about, or NULL after
 * saying why it cannot be used.  An address moot cannot use is not
 * repeated: it may be anybody's words, or a link, and the reply goes to
 * the From, which may be forged (threat E1).
 */
static char *
target_of(struct job *j, const struct command *c)
{
	int		 eight = 0;
	char		*t;

	if (c->arg[0] == '\0')
		return (xstrdup(j->sender));
	for (const char *p = c->arg; *p != '\0'; p++)
		eight |= (unsigned char)*p >= 0x80;
	if (eight) {			/* threat E6 */
		say(j, c, "r-utf8-address", NULL, 0);
		return (NULL);
	}
	if (c->arg_too_long || addr_check(c->arg, NULL) == -1) {
		say(j, c, "r-bad-address", NULL, 0);
		return (NULL);
	}
	t = addr_canon_new(c->arg);
	if (strcmp(t, j->sender) == 0)
		return (t);
	/* One other address a message: one forged message cannot make
	 * moot write to many people (threats B7, C4). */
	if (j->other == NULL)
		j->other = xstrdup(t);
	else if (strcmp(j->other, t) != 0) {
		say(j, c, "r-one-other", NULL, 0);
		free(t);
		return (NULL);
	}
	return (t);
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
	case CONFIRM_DONE:
		/* The person was told themselves: a welcome, or why not. */
		say_as(j, c, "r-confirmed", NULL, 0, 0);
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
	case CONFIRM_ASKER_TOO_MANY:
		say(j, c, "r-too-many-others", NULL, 0);
		return (0);
	default:
		return (-1);
	}
}

/* do_join_leave - subscribe or unsubscribe: ask for a confirmation */
static int
do_join_leave(struct job *j, const struct command *c)
{
	int	 join = c->kind == CMD_SUBSCRIBE;
	char	*target;
	int	 rc;

	if (join && j->l->ends_at > 0 && clock_now() >= j->l->ends_at) {
		struct tmpl_slot slots[] = { { "list", j->l->name } };

		say(j, c, "r-ended", slots, nitems(slots));
		return (0);
	}
	if (join && list_joins(j->l) == JOINS_CLOSED) {
		struct tmpl_slot slots[] = { { "list", j->l->name } };

		say(j, c, "r-closed", slots, nitems(slots));
		return (0);
	}
	if ((target = target_of(j, c)) == NULL)
		return (0);
	/* A join is in the language of the command words, if they are
	 * the sender's own. */
	rc = asked_result(j, c, target, confirm_ask(j->x, j->l, j->sender,
	    join ? REQUEST_SUBSCRIBE : REQUEST_UNSUBSCRIBE, target,
	    join ? (c->mode[0] != '\0' ? c->mode : "mail") : NULL,
	    join && strcmp(target, j->sender) == 0 ? j->cmd_lang : NULL));
	free(target);
	return (rc);
}

/* do_set - the sender's own settings, after a confirmation; every set
 * of a message makes one request */
static int
do_set(struct job *j, const struct command *c)
{
	const char	*lang = j->set_lang;

	if (c->bad) {
		say(j, c, "r-set-bad", NULL, 0);
		return (0);
	}
	if (j->set_asked)
		return (0);
	j->set_asked = 1;
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
	    j->sender, REQUEST_SET, j->sender, j->set_mode, lang)));
}

/* do_confirm - confirm TOKEN, the same as a reply to the confirmation */
static int
do_confirm(struct job *j, const struct command *c)
{
	char	who[ADDR_MAX + 1];

	switch (confirm_token(j->x, j->l, c->arg, who, sizeof(who))) {
	case 1:
		/* The person it was for is told; if that is the sender,
		 * that is the answer. */
		say_as(j, c, "r-confirmed", NULL, 0,
		    strcmp(who, j->sender) != 0);
		return (0);
	case 0:
		say(j, c, "r-bad-token", NULL, 0);
		return (0);
	default:
		return (-1);
	}
}

/* Lines of an answer from the database. */
struct lines {
	struct job	*j;
	struct vbuf	 text;
	int		 n;
};

/* lists_line - a list that is not hidden, for lists */
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

/* who_line - a member, for who */
static int
who_line(const struct member *m, void *arg)
{
	struct lines	*ln = arg;

	vbuf_printf(&ln->text, "  %s%s%s\n", m->addr, *m->name != '\0' ?
	    "  " : "", m->name);
	ln->n++;
	return (0);
}

/* do_lists - the lists that are not hidden */
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

/* do_who - the members, to a member where the list allows it */
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

/* rule - one of the list's rules, a line of info's answer */
static void
rule(struct job *j, const char *key, const struct tmpl_slot *slots,
    size_t nslots, struct vbuf *out)
{
	notice_phrase(j->x, j->lang, j->l, key, slots, nslots, out);
	vbuf_putc(out, '\n');
}

/* rules_text - the list's rules, for info */
static void
rules_text(struct job *j, struct vbuf *out)
{
	const struct list	*l = j->l;
	char			 date[32];

	rule(j, l->members_only ? "rule-members-only" : "rule-open", NULL, 0,
	    out);
	if (l->moderated)
		rule(j, "rule-moderated", NULL, 0, out);
	if (l->requires_name != NULL) {
		struct tmpl_slot s[] = { { "required", l->requires_name } };

		rule(j, "rule-requires", s, nitems(s), out);
	}
	if (list_joins(l) == JOINS_APPROVE)
		rule(j, "rule-approve-joins", NULL, 0, out);
	if (list_joins(l) == JOINS_CLOSED) {
		struct tmpl_slot s[] = { { "list", l->name } };

		rule(j, "r-closed", s, nitems(s), out);
	}
	if (l->ends_at > 0) {
		struct tmpl_slot s[] = { { "date", date } };

		answer_date(l->ends_at, date, sizeof(date));
		rule(j, clock_now() >= l->ends_at ? "rule-ended" :
		    "rule-ends", s, nitems(s), out);
	}
	if (l->digest_at != NULL) {
		struct tmpl_slot s[] = { { "when", l->digest_at } };

		rule(j, "rule-digest", s, nitems(s), out);
	}
	if (l->newsletter_at != NULL) {
		struct tmpl_slot s[] = { { "when", l->newsletter_at } };

		rule(j, "rule-newsletter", s, nitems(s), out);
	}
}

/* do_info - what the list is, its addresses and its rules */
static int
do_info(struct job *j, const struct command *c)
{
	struct vbuf	rules;

	vbuf_init(&rules, VBUF_NOMAX);
	rules_text(j, &rules);
	{
		struct tmpl_slot slots[] = {
			{ "list", j->l->name },
			{ "description", j->l->description },
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

/* do_help - the commands, and the list's addresses */
static int
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
	return (0);
}

/* run - every command of the message, in order; -1 on trouble */
static int
run(struct job *j, const struct command_read *r)
{
	int	rc = 0;

	j->cmd_lang = r->lang[0] != '\0' ? r->lang : NULL;
	for (size_t i = 0; i < r->n; i++)
		if (r->cmd[i].kind == CMD_SET && !r->cmd[i].bad) {
			if (r->cmd[i].mode[0] != '\0')
				j->set_mode = r->cmd[i].mode;
			if (r->cmd[i].lang[0] != '\0')
				j->set_lang = r->cmd[i].lang;
		}
	for (size_t i = 0; i < r->n && rc == 0; i++)
		rc = runs[r->cmd[i].kind](j, &r->cmd[i]);
	if (rc == 0 && r->n == 0) {
		say(j, NULL, "r-none", NULL, 0);
		(void)do_help(j, NULL);
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
	if ((capped = answer_capped(j->x, ANSWER_REPLIES, j->sender,
	    NULL)) != 0) {
		if (capped > 0)
			vbuf_puts(&j->summary, "; not answered (daily limit)");
		return (capped > 0 ? 0 : -1);
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

/*
 * sender_of - whom to answer: the From, else a usable envelope sender;
 * NULL after finishing s if there is nobody moot may answer
 */
static char *
sender_of(struct ctx *x, const struct spool_item *s, const struct mail *m)
{
	char	*who;

	who = m->from_addr != NULL ? xstrdup(m->from_addr) :
	    s->env_from != NULL && *s->env_from != '\0' &&
	    addr_check(s->env_from, NULL) == 0 ? addr_canon_new(s->env_from) :
	    NULL;
	if (who == NULL)
		answer_finish(x, s, "no sender address: not answered");
	else if (listaddr_is_ours(x->conf, who)) {
		answer_finish(x, s, "from one of moot's own addresses: not "
		    "answered");
		free(who);
		who = NULL;
	}
	return (who);
}

/* carry_out - the commands reader finds in m, then the reply, in one
 * transaction */
static void
carry_out(struct ctx *x, struct spool_item *s, const struct mail *m,
    read_fn reader)
{
	struct job		j;
	struct command_read	r;

	memset(&j, 0, sizeof(j));
	if (answer_list_load(x, s, &j.l) == -1)
		return;
	if (answer_automated(x, s, m) ||
	    (j.sender = sender_of(x, s, m)) == NULL) {
		list_free(&j.l);
		return;
	}
	reader(x->conf, m, &r);
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
		;			/* stays spooled */
	else if (run(&j, &r) == -1 || reply(&j) == -1) {
		db_rollback(x->db);
		log_warnx("database trouble; the message is tried again");
	} else {
		answer_finish(x, s, vbuf_str(&j.summary));
		if (db_commit(x->db) != DB_OK)
			log_warnx("cannot commit; the message is tried again");
	}
	free(j.sender);
	free(j.other);
	free(j.lang);
	list_free(&j.l);
	notice_list_addrs_release(&j.a);
	vbuf_release(&j.results);
	vbuf_release(&j.summary);
}

/* one_command - r holds the one command kind, as if written */
static void
one_command(struct command_read *r, enum cmd_kind kind)
{
	memset(r, 0, sizeof(*r));
	r->n = 1;
	r->cmd[0].kind = kind;
	(void)snprintf(r->cmd[0].line, sizeof(r->cmd[0].line), "%s",
	    command_name(kind));
}

/* read_join - mail to LIST-join asks to subscribe */
static void
read_join(const struct conf *conf, const struct mail *m,
    struct command_read *r)
{
	(void)conf;
	(void)m;
	one_command(r, CMD_SUBSCRIBE);
}

/* read_leave - mail to LIST-leave (without a token) asks to unsubscribe */
static void
read_leave(const struct conf *conf, const struct mail *m,
    struct command_read *r)
{
	(void)conf;
	(void)m;
	one_command(r, CMD_UNSUBSCRIBE);
}

/* commands_by_mail_request - see commands_by_mail.h */
void
commands_by_mail_request(struct ctx *x, struct spool_item *s,
    const struct mail *m)
{
	carry_out(x, s, m, command_read);
}

/* commands_by_mail_join - see commands_by_mail.h */
void
commands_by_mail_join(struct ctx *x, struct spool_item *s,
    const struct mail *m)
{
	carry_out(x, s, m, read_join);
}

/* commands_by_mail_leave - see commands_by_mail.h */
void
commands_by_mail_leave(struct ctx *x, struct spool_item *s,
    const struct mail *m)
{
	/* Software may act on List-Unsubscribe for the member (RFC 2369):
	 * there the token is the permission, not the From. */
	if (s->token != NULL && *s->token != '\0')
		leave_by_token(x, s);
	else
		carry_out(x, s, m, read_leave);
}

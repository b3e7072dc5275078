/*
 * command.c - commands in a message; see command.h
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "list/command.h"
#include "global/conf.h"
#include "mail/mail.h"
#include "mail/text_part.h"
#include "mail/reply_lines.h"
#include "util/vbuf.h"
#include "global/words.h"
#include "util/sys_defs.h"

static const struct {
	const char	*key;		/* words.c's key */
	enum cmd_kind	 kind;
} commands[] = {
	{ "subscribe", CMD_SUBSCRIBE },
	{ "unsubscribe", CMD_UNSUBSCRIBE },
	{ "confirm", CMD_CONFIRM },
	{ "help", CMD_HELP },
	{ "lists", CMD_LISTS },
	{ "who", CMD_WHO },
	{ "set", CMD_SET },
	{ "info", CMD_INFO },
};

#define COMMAND_KEYS	"subscribe,unsubscribe,confirm,help,lists,who,set,info"

const char *
command_name(enum cmd_kind k)
{
	for (size_t i = 0; i < nitems(commands); i++)
		if (commands[i].kind == k)
			return (commands[i].key);
	return ("?");
}

/* next_word - the next space-separated word of s[*i..n) into w */
static int
next_word(const char *s, size_t n, size_t *i, char *w, size_t size,
    int *cut)
{
	size_t	j = 0;

	while (*i < n && isspace((unsigned char)s[*i]))
		(*i)++;
	if (*i >= n)
		return (0);
	for (; *i < n && !isspace((unsigned char)s[*i]); (*i)++) {
		if (j + 1 < size)
			w[j++] = s[*i];
		else if (cut != NULL)
			*cut = 1;
	}
	w[j] = '\0';
	return (1);
}

/*
 * is_mode - a word of a delivery mode (any case) into mode.  A word
 * after "digest" says which kind: "plain" is the RFC 1153 text digest
 * (the mode word "plain"), "mime" the MIME one; "nodigest" is "mail".
 */
static int
is_mode(const char *w, char *mode, size_t size)
{
	static const struct {
		const char	*word, *mode, *after;	/* after: only then */
	} modes[] = {
		{ "mail", "mail", NULL },
		{ "digest", "digest", NULL },
		{ "nomail", "nomail", NULL },
		{ "nodigest", "mail", NULL },
		{ "plain", "plain", "digest" },
		{ "mime", "digest", "digest" },
		{ "update", "update", NULL },	/* a newsletter's alone */
	};

	for (size_t i = 0; i < nitems(modes); i++)
		if (strcasecmp(w, modes[i].word) == 0 &&
		    (modes[i].after == NULL || strcmp(mode,
		    modes[i].after) == 0)) {
			(void)snprintf(mode, size, "%s", modes[i].mode);
			return (1);
		}
	return (0);
}

/* address_arg - "<a@b>", "mailto:a@b", "address=a@b" as a@b */
static void
address_arg(const char *w, struct command *c)
{
	size_t	n;

	if (strncasecmp(w, "address=", 8) == 0)
		w += 8;
	if (strncasecmp(w, "mailto:", 7) == 0)
		w += 7;
	if (*w == '<')
		w++;
	n = strlen(w);
	if (n > 0 && w[n - 1] == '>')
		n--;
	if (n >= sizeof(c->arg)) {
		c->arg_too_long = 1;
		n = sizeof(c->arg) - 1;
	}
	memcpy(c->arg, w, n);
	c->arg[n] = '\0';
}

/* token_arg - a token, or the token of a LIST-confirm+TOKEN@ address */
static void
token_arg(const char *w, struct command *c)
{
	const char	*plus = strchr(w, '+'), *at = strchr(w, '@');
	size_t		 n = strlen(w);

	if (strncasecmp(w, "mailto:", 7) == 0)
		w += 7;
	if (plus != NULL && at != NULL && at > plus) {
		w = plus + 1;
		n = (size_t)(at - w);
	}
	if (n >= sizeof(c->arg))
		n = sizeof(c->arg) - 1;
	memcpy(c->arg, w, n);
	c->arg[n] = '\0';
}

/*
 * lang_arg - a language code (letters, '-' and '_') into c, lower case;
 * anything else is no language: the reply quotes the code, and may go
 * to a forged From, so it carries no link or words of the sender's (E1)
 */
static void
lang_arg(const char *w, struct command *c)
{
	size_t	n = strspn(w, "abcdefghijklmnopqrstuvwxyz"
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZ-_");

	if (n == 0 || w[n] != '\0' || n >= sizeof(c->lang))
		return;
	for (size_t i = 0; i <= n; i++)
		c->lang[i] = (char)tolower((unsigned char)w[i]);
}

/* put - append s to the string dst of size bytes, cut to fit */
static void
put(char *dst, size_t size, const char *s)
{
	size_t	d = strlen(dst), n = strlen(s);

	if (d + 1 >= size)
		return;
	if (n > size - d - 1)
		n = size - d - 1;
	memcpy(dst + d, s, n);
	dst[d + n] = '\0';
}

/*
 * parse - line s (n bytes) as a command into c; 0 if it is not one.
 * lang gets the language of the command word.
 */
static int
parse(const struct conf *conf, const char *s, size_t n, struct command *c,
    char *lang, size_t lsize)
{
	char		 w[ADDR_MAX + 2];
	const char	*key;
	size_t		 i, k;
	int		 cut = 0;

	memset(c, 0, sizeof(*c));
	i = reply_first_word(s, n, w, sizeof(w));
	if (w[0] == '\0' ||
	    (key = words_match_any(conf, w, COMMAND_KEYS, lang, lsize)) == NULL)
		return (0);
	for (k = 0; k < nitems(commands); k++)
		if (strcmp(commands[k].key, key) == 0)
			c->kind = commands[k].kind;
	/* "subscribe: me" reads like "subscribe me". */
	while (i < n && (s[i] == ':' || s[i] == ','))
		i++;
	while (next_word(s, n, &i, w, sizeof(w), &cut)) {
		switch (c->kind) {
		case CMD_SUBSCRIBE:
		case CMD_UNSUBSCRIBE:
			if (c->kind == CMD_SUBSCRIBE && is_mode(w, c->mode,
			    sizeof(c->mode)))
				break;
			/* A word too long to keep is an address too long
			 * to use, never the sender's own by default. */
			if ((strchr(w, '@') != NULL || cut) &&
			    c->arg[0] == '\0') {
				address_arg(w, c);
				c->arg_too_long |= cut;
			}
			break;
		case CMD_CONFIRM:
			if (c->arg[0] == '\0')
				token_arg(w, c);
			break;
		case CMD_SET:
			if (is_mode(w, c->mode, sizeof(c->mode)))
				break;
			if ((strcasecmp(w, "language") == 0 ||
			    strcasecmp(w, "lang") == 0) &&
			    next_word(s, n, &i, w, sizeof(w), NULL)) {
				lang_arg(w, c);
			}
			break;
		default:
			break;
		}
		cut = 0;
	}
	if (c->kind == CMD_SET && c->mode[0] == '\0' && c->lang[0] == '\0')
		c->bad = 1;
	/*
	 * The command as the reply quotes it, rebuilt from what was read:
	 * the rest of the line may be anybody's words, and the reply may
	 * go to someone whose address was forged (B7).
	 */
	c->line[0] = '\0';
	put(c->line, sizeof(c->line), command_name(c->kind));
	if (c->mode[0] != '\0') {
		put(c->line, sizeof(c->line), " ");
		put(c->line, sizeof(c->line), strcmp(c->mode, "plain") == 0 ?
		    "digest plain" : c->mode);
	}
	if (c->lang[0] != '\0') {
		put(c->line, sizeof(c->line), " language ");
		put(c->line, sizeof(c->line), c->lang);
	}
	/* Only an address moot could use is quoted back: anything else
	 * may be a link or words meant for whoever the From names (E1). */
	if (c->arg[0] != '\0' && c->kind != CMD_CONFIRM) {
		put(c->line, sizeof(c->line), " ");
		put(c->line, sizeof(c->line), c->arg_too_long ||
		    addr_check(c->arg, NULL) == -1 ? "..." : c->arg);
	}
	return (1);
}

/* same - a and b ask for the same thing */
static int
same(const struct command *a, const struct command *b)
{
	return (a->kind == b->kind && strcasecmp(a->arg, b->arg) == 0 &&
	    strcmp(a->mode, b->mode) == 0 && strcmp(a->lang, b->lang) == 0);
}

/* add - c into r, unless it is there already or r is full */
static void
add(struct command_read *r, const struct command *c, const char *lang)
{
	for (size_t i = 0; i < r->n; i++)
		if (same(&r->cmd[i], c))
			return;
	if (r->n == CMD_MAX) {
		r->more++;
		return;
	}
	r->cmd[r->n++] = *c;
	if (r->lang[0] == '\0' && strcmp(lang, "en") != 0)
		(void)snprintf(r->lang, sizeof(r->lang), "%s", lang);
}

/* command_read - see command.h */
void
command_read(const struct conf *conf, const struct mail *m,
    struct command_read *r)
{
	struct command	 c;
	struct vbuf	 text;
	const char	*p, *l;
	char		 lang[16];
	size_t		 n;

	memset(r, 0, sizeof(*r));
	if (m->subject != NULL) {
		const char	*s = reply_unprefix(m->subject);

		if (parse(conf, s, strlen(s), &c, lang, sizeof(lang)))
			add(r, &c, lang);
	}
	vbuf_init(&text, VBUF_NOMAX);
	(void)text_part_get(m, (size_t)conf->lim.text_bytes, &text);
	p = vbuf_str(&text);
	/* Each line costs a look in every words file: read a bounded
	 * number of them, however many the flood has (threat D3). */
	for (size_t seen = 0; seen < CMD_MAX * 10 &&
	    (l = reply_next_line(&p, &n)) != NULL; ) {
		enum reply_line	cl = reply_line_class(l, n);

		if (cl == RL_BLANK)
			continue;
		seen++;
		if (cl != RL_TEXT || reply_is_attribution(l, n, p) ||
		    !parse(conf, l, n, &c, lang, sizeof(lang)))
			break;
		add(r, &c, lang);
	}
	vbuf_release(&text);
}

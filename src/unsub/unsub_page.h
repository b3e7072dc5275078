/*
 * unsub_page.h - the answer of moot-unsubscribe to the web server
 *
 * Owns: the CGI answer (Status, Content-Type, a short body), a small
 * HTML page for a browser's GET, short plain text for a POST (what a
 * mail provider's one-click request reads), with the words from
 * templates/<lang>/phrases ([web-*]) and, should those not load, the
 * same words in English.  Everything written into HTML is escaped.
 */
#ifndef UNSUB_PAGE_H
#define UNSUB_PAGE_H

#include <stdio.h>

struct conf;

enum unsub_page {
	UNSUB_PAGE_ASK,		/* GET with a good token: the form */
	UNSUB_PAGE_LEFT,	/* POST: the member left */
	UNSUB_PAGE_REFUSED,	/* a token that does not work: 404 */
	UNSUB_PAGE_BAD,		/* a request that is not one: 400 */
	UNSUB_PAGE_METHOD,	/* neither GET, HEAD nor POST: 405 */
	UNSUB_PAGE_TROUBLE,	/* no configuration or database: 503 */
};

struct unsub_answer {
	enum unsub_page	 page;
	int		 html;		/* a page for a browser */
	const struct conf *conf;	/* NULL: not loaded, English */
	const char	*lang;		/* NULL or "": the site's */
	const char	*list;		/* ASK, LEFT: the list's name */
	const char	*token;		/* ASK: for the form's action */
};

/* unsub_page - write answer a to out; 0, or -1 on a write error */
int	unsub_page(FILE *out, const struct unsub_answer *a);

/* unsub_html_escape - s with & < > " ' as character references to out */
void	unsub_html_escape(FILE *out, const char *s);

#endif /* UNSUB_PAGE_H */

/*
 * unsub_page.c - the answer of moot-unsubscribe; see unsub_page.h
 */
#include <stdio.h>
#include <string.h>

#include "global/conf.h"
#include "unsub/unsub_page.h"
#include "global/tmpl.h"
#include "util/vbuf.h"
#include "util/sys_defs.h"

/* Each page: its status, its phrase and the phrase's English, which is
 * what templates/en/phrases says (used when the templates cannot be
 * read: an answer is owed even then). */
static const struct page {
	const char	*status;
	const char	*extra;		/* another header line, or NULL */
	const char	*phrase;
	const char	*english;
} pages[] = {
	[UNSUB_PAGE_ASK] = { "200 OK", NULL, "web-ask",
	    "Leave the list {list}? Nothing changes until you press the "
	    "button." },
	[UNSUB_PAGE_LEFT] = { "200 OK", NULL, "web-left",
	    "You have left the list {list}." },
	[UNSUB_PAGE_REFUSED] = { "404 Not Found", NULL, "web-refused",
	    "This link does not work: it was used already, is out of date "
	    "or is not one of ours. Nothing has changed." },
	[UNSUB_PAGE_BAD] = { "400 Bad Request", NULL, "web-bad",
	    "This is not a request to leave a list. Nothing has changed." },
	[UNSUB_PAGE_METHOD] = { "405 Method Not Allowed",
	    "Allow: GET, HEAD, POST", "web-bad",
	    "This is not a request to leave a list. Nothing has changed." },
	[UNSUB_PAGE_TROUBLE] = { "503 Service Unavailable",
	    "Retry-After: 300", "web-trouble",
	    "The list server cannot answer just now. Nothing has changed; "
	    "try again later." },
};

/* unsub_html_escape - see unsub_page.h */
void
unsub_html_escape(FILE *out, const char *s)
{
	static const char *const refs[] = {
		['&'] = "&amp;", ['<'] = "&lt;", ['>'] = "&gt;",
		['"'] = "&quot;", ['\''] = "&#39;",
	};

	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (c < nitems(refs) && refs[c] != NULL)
			fputs(refs[c], out);
		else
			putc(c, out);
	}
}

/*
 * words - phrase key filled with the list's name, in a's language, into
 * out; english (filled the same way) if the templates fail
 */
static void
words(const struct unsub_answer *a, const char *key, const char *english,
    struct vbuf *out)
{
	const char		*langs[] = { a->lang, NULL };
	struct tmpl_slot	 slot = { "list", a->list };
	struct vbuf		 err;
	const char		*p;

	vbuf_init(&err, 1024);
	if (a->conf != NULL && tmpl_phrase(a->conf, langs, key, &slot, 1,
	    out, &err) == 0) {
		vbuf_release(&err);
		/* A phrase ends with its line break; a page wants none. */
		while (out->len > 0 && out->data[out->len - 1] == '\n')
			vbuf_truncate(out, out->len - 1);
		return;
	}
	vbuf_release(&err);
	vbuf_reset(out);
	for (; (p = strstr(english, "{list}")) != NULL; english = p + 6) {
		vbuf_cat(out, english, (size_t)(p - english));
		vbuf_puts(out, a->list != NULL ? a->list : "");
	}
	vbuf_puts(out, english);
}

/* html_lang - the language the page says it is in */
static const char *
html_lang(const struct unsub_answer *a)
{
	if (a->conf == NULL)
		return ("en");
	if (a->lang != NULL && *a->lang != '\0' &&
	    tmpl_has_language(a->conf, a->lang))
		return (a->lang);
	return (a->conf->language);
}

/* form - the ASK page's form: a POST of RFC 8058's body to the link */
static void
form(FILE *out, const struct unsub_answer *a)
{
	struct vbuf	button;

	vbuf_init(&button, 4096);
	words(a, "web-button", "Leave {list}", &button);
	fputs("<form method=\"post\" action=\"?l=", out);
	unsub_html_escape(out, a->list);
	fputs("&amp;t=", out);
	unsub_html_escape(out, a->token);
	fputs("\" enctype=\"application/x-www-form-urlencoded\">\n"
	    "<input type=\"hidden\" name=\"List-Unsubscribe\" "
	    "value=\"One-Click\">\n<p><button type=\"submit\" dir=\"auto\">",
	    out);
	unsub_html_escape(out, vbuf_str(&button));
	fputs("</button></p>\n</form>\n", out);
	vbuf_release(&button);
}

/* html - the body as a small page */
static void
html(FILE *out, const struct unsub_answer *a, const char *text)
{
	struct vbuf	title;

	vbuf_init(&title, 4096);
	words(a, "web-title", "Leaving a list", &title);
	fputs("<!DOCTYPE html>\n<html lang=\"", out);
	unsub_html_escape(out, html_lang(a));
	fputs("\">\n<head>\n<meta charset=\"utf-8\">\n"
	    "<meta name=\"robots\" content=\"noindex\">\n<title>", out);
	unsub_html_escape(out, vbuf_str(&title));
	fputs("</title>\n</head>\n<body>\n<p dir=\"auto\">", out);
	unsub_html_escape(out, text);
	fputs("</p>\n", out);
	if (a->page == UNSUB_PAGE_ASK)
		form(out, a);
	fputs("</body>\n</html>\n", out);
	vbuf_release(&title);
}

/* unsub_page - see unsub_page.h */
int
unsub_page(FILE *out, const struct unsub_answer *a)
{
	const struct page	*p = &pages[a->page];
	struct vbuf		 text;

	vbuf_init(&text, 4096);
	words(a, p->phrase, p->english, &text);
	fprintf(out, "Status: %s\r\n", p->status);
	if (p->extra != NULL)
		fprintf(out, "%s\r\n", p->extra);
	/* Never cached: the answer depends on the database. */
	fprintf(out, "Cache-Control: no-store\r\nContent-Type: %s; "
	    "charset=utf-8\r\n\r\n", a->html ? "text/html" : "text/plain");
	if (a->html)
		html(out, a, vbuf_str(&text));
	else
		fprintf(out, "%s\n", vbuf_str(&text));
	vbuf_release(&text);
	return (fflush(out) == EOF || ferror(out) ? -1 : 0);
}

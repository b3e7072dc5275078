/*
 * unsub_req.h - the CGI request of a one-click unsubscribe (RFC 8058)
 *
 * Owns: reading what the web server passes (REQUEST_METHOD, QUERY_STRING,
 * CONTENT_TYPE, CONTENT_LENGTH and a body of at most UNSUB_BODY_MAX
 * bytes): the list and token of the link's query, and whether a POST's
 * body is the one RFC 8058 asks for, List-Unsubscribe=One-Click, as
 * application/x-www-form-urlencoded or multipart/form-data.  Nothing
 * here looks at the database, and nothing here logs a token.
 */
#ifndef UNSUB_REQ_H
#define UNSUB_REQ_H

#include <stdio.h>

#define UNSUB_BODY_MAX	4096	/* RFC 8058's body is 26 bytes */
#define UNSUB_ARG_MAX	128	/* a list name or a token, decoded */

enum unsub_method {
	UNSUB_GET,		/* also HEAD: show the form, change nothing */
	UNSUB_POST,
	UNSUB_OTHER,
};

/* What is wrong with a request, if anything. */
enum unsub_flaw {
	UNSUB_FINE,
	UNSUB_METHOD,		/* neither GET, HEAD nor POST */
	UNSUB_ARGS,		/* no l= or t=, or one too long */
	UNSUB_BODY,		/* a POST without List-Unsubscribe=One-Click */
};

struct unsub_req {
	enum unsub_method method;
	char	list[UNSUB_ARG_MAX];
	char	token[UNSUB_ARG_MAX];
};

/*
 * unsub_read - the request from getenv() and, for a POST, from in; what
 * is wrong with it, if anything
 */
enum unsub_flaw unsub_read(struct unsub_req *, FILE *in);

/* unsub_query - l= and t= of query (percent-decoded) into r; -1 if
 * either is missing, empty or too long */
int	unsub_query(struct unsub_req *r, const char *query);

/* unsub_one_click - 1 if body (len bytes, of content type ctype) says
 * List-Unsubscribe=One-Click */
int	unsub_one_click(const char *ctype, const char *body, size_t len);

#endif /* UNSUB_REQ_H */

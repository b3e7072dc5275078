/* unsub_req_test - the CGI request of moot-unsubscribe (issue 15, item
 * 5): the link's query decoded and bounded, RFC 8058's body as a form
 * and as multipart/form-data and nothing else, the body's length
 * bounded, and the page's escaping */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unsub/unsub_page.h"
#include "unsub/unsub_req.h"
#include "../tap.h"
#include "util/sys_defs.h"

#define FORM	"application/x-www-form-urlencoded"
#define MULTI	"multipart/form-data; boundary=XyZ"

static void
query(void)
{
	struct unsub_req	r;
	char			long_arg[400];

	ok(unsub_query(&r, "l=info&t=abc") == 0, "l= and t= read");
	is_str(r.list, "info", "  the list");
	is_str(r.token, "abc", "  the token");
	ok(unsub_query(&r, "t=a%62c&l=in%66o&x=1") == 0,
	    "in any order, percent-decoded, other keys passed by");
	is_str(r.list, "info", "  the list decoded");
	is_str(r.token, "abc", "  the token decoded");
	ok(unsub_query(&r, "l=info") == -1, "no token: refused");
	ok(unsub_query(&r, "l=&t=abc") == -1, "an empty list: refused");
	ok(unsub_query(&r, "l=in%00fo&t=abc") == -1, "a NUL: refused");
	ok(unsub_query(&r, "l=in%zzfo&t=abc") == -1, "a bad escape: refused");
	ok(unsub_query(&r, "l=info&t=ab%6") == -1, "a cut escape: refused");
	memset(long_arg, 'a', sizeof(long_arg) - 1);
	long_arg[sizeof(long_arg) - 1] = '\0';
	memcpy(long_arg, "l=x&t=", 6);
	ok(unsub_query(&r, long_arg) == -1, "a token too long: refused");
}

static void
body(void)
{
	static const char mp[] = "--XyZ\r\nContent-Disposition: form-data; "
	    "name=\"List-Unsubscribe\"\r\n\r\nOne-Click\r\n--XyZ--\r\n";
	static const char mp_no[] = "--XyZ\r\nContent-Disposition: form-data; "
	    "name=\"List-Unsubscribe\"\r\n\r\nOne-Clickety\r\n--XyZ--\r\n";
	static const char mp_other[] = "--XyZ\r\nContent-Disposition: "
	    "form-data; name=\"Other\"\r\n\r\nOne-Click\r\n--XyZ--\r\n";

#define ONE(t, b) unsub_one_click(t, b, strlen(b))
	ok(ONE(FORM, "List-Unsubscribe=One-Click"), "RFC 8058's body");
	ok(ONE(FORM "; charset=utf-8", "List-Unsubscribe=One-Click"),
	    "  with a charset");
	ok(ONE(FORM, "List-Unsubscribe=One%2DClick"), "  percent-encoded");
	ok(!ONE(FORM, "List-Unsubscribe=Yes"), "another value: no");
	ok(!ONE(FORM, "List-Unsubscribe"), "no value: no");
	ok(!ONE(FORM, ""), "empty: no");
	ok(!ONE("text/plain", "List-Unsubscribe=One-Click"),
	    "another content type: no");
	ok(!ONE(NULL, "List-Unsubscribe=One-Click"), "no content type: no");
	ok(ONE(MULTI, mp), "multipart/form-data (RFC 7578)");
	ok(ONE("multipart/form-data; boundary=\"XyZ\"", mp),
	    "  with the boundary quoted");
	ok(!ONE(MULTI, mp_no), "  another value: no");
	ok(!ONE(MULTI, mp_other), "  another name: no");
	ok(!ONE("multipart/form-data", mp), "  no boundary: no");
	ok(!ONE("multipart/form-data; boundary=Abc", mp),
	    "  another boundary: no");
#undef ONE
}

/* request - unsub_read() with these variables and body */
static enum unsub_flaw
request(const char *method, const char *len, const char *text)
{
	struct unsub_req	 r;
	enum unsub_flaw		 f;
	FILE			*in;
	char			 buf[UNSUB_BODY_MAX + 64];

	setenv("REQUEST_METHOD", method, 1);
	setenv("QUERY_STRING", "l=info&t=abc", 1);
	setenv("CONTENT_TYPE", FORM, 1);
	setenv("CONTENT_LENGTH", len, 1);
	snprintf(buf, sizeof(buf), "%s", text);
	if ((in = fmemopen(buf, strlen(buf) + 1, "r")) == NULL)
		return (UNSUB_METHOD);
	f = unsub_read(&r, in);
	fclose(in);
	return (f);
}

static void
read_env(void)
{
	static const char b[] = "List-Unsubscribe=One-Click";
	char	big[UNSUB_BODY_MAX + 10];

	is_int(request("GET", "", ""), UNSUB_FINE, "GET: fine, no body read");
	is_int(request("HEAD", "", ""), UNSUB_FINE, "HEAD: as GET");
	is_int(request("POST", "26", b), UNSUB_FINE, "POST with the body");
	is_int(request("POST", "27", b), UNSUB_BODY,
	    "  with a NUL after it: refused");
	is_int(request("POST", "10", b), UNSUB_BODY, "  cut short: refused");
	is_int(request("POST", "", b), UNSUB_BODY, "  no length: refused");
	is_int(request("POST", "-1", b), UNSUB_BODY, "  a negative one");
	is_int(request("POST", "26x", b), UNSUB_BODY, "  a length not a number");
	snprintf(big, sizeof(big), "%d", UNSUB_BODY_MAX + 1);
	is_int(request("POST", big, b), UNSUB_BODY,
	    "  longer than UNSUB_BODY_MAX: refused unread");
	is_int(request("PUT", "26", b), UNSUB_METHOD, "PUT: not served");
	is_int(request("get", "", ""), UNSUB_METHOD, "  nor a lower-case get");
	unsetenv("REQUEST_METHOD");
	{
		struct unsub_req r;

		is_int(unsub_read(&r, stdin), UNSUB_METHOD,
		    "no method at all: not served");
	}
}

static void
escape(void)
{
	char	*s = NULL;
	size_t	 n = 0;
	FILE	*f = open_memstream(&s, &n);

	if (f == NULL) {
		ok(0, "open_memstream");
		return;
	}
	unsub_html_escape(f, "<a href=\"x\">Tom & Jerry's</a>");
	fclose(f);
	is_str(s, "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;",
	    "every character HTML gives a meaning to is escaped");
	free(s);
}

int
main(void)
{
	query();
	body();
	read_env();
	escape();
	return (done_testing());
}

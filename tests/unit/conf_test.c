/* conf_test - moot.conf: values, defaults, and errors naming file:line:key */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "global/conf.h"
#include "util/vbuf.h"
#include "../tap.h"

static char	dir[] = "/tmp/moot-conf-test.XXXXXX";
static char	path[256];

/* load - write text to the test file and load it; the error, or "" */
static const char *
load(const char *text, struct conf *c)
{
	static struct vbuf	err;
	FILE			*f = fopen(path, "w");

	fputs(text, f);
	fclose(f);
	vbuf_release(&err);
	vbuf_init(&err, 4096);
	if (conf_load(c, path, &err) == 0)
		return ("");
	return (vbuf_str(&err));
}

static const struct {
	const char	*text;
	const char	*want;		/* in the error message */
} bad[] = {
	{ "[moot]\ndomain = x.example\nfoo = 1\n", "moot.conf:3: [moot] foo: unknown key" },
	{ "[moot]\ndomain = x.example\n[nope]\na = 1\n", "moot.conf:4: [nope]: unknown section" },
	{ "domain = x.example\n", "moot.conf:1: []: unknown section" },
	{ "[moot]\ndomain = x.example\n[relay]\nport = 70000\n", "moot.conf:4: [relay] port: 70000 is above the maximum 65535" },
	{ "[moot]\ndomain = x.example\n[relay]\nport = ten\n", "moot.conf:4: [relay] port: \"ten\" is not a whole number" },
	{ "[moot]\ndomain = x.example\ndomain = y.example\n", "moot.conf:3: [moot] domain: set twice" },
	{ "[moot]\nlanguage = en\n", "[moot] domain: missing; it is required" },
	{ "[moot]\ndomain = not a domain\n", "moot.conf:2: [moot] domain: \"not a domain\" is not a domain name" },
	{ "[moot]\ndomain = x.example\ntimezone = Mars/Olympus\n", "moot.conf:3: [moot] timezone: \"Mars/Olympus\" is not a time zone" },
	{ "[moot]\ndomain = x.example\nlanguage = english\n", "moot.conf:3: [moot] language: \"english\" is not a language code" },
	{ "[moot]\ndomain = x.example\n[delivery]\ngive_up = 5 days\n", "moot.conf:4: [delivery] give_up: \"5 days\" is not a duration" },
	{ "[moot]\ndomain = x.example\n[limits]\nmessage_bytes = 10\n", "moot.conf:4: [limits] message_bytes: 10 is below the minimum 1024" },
	{ "[moot]\ndomain = x.example\n[relay]\nstarttls = maybe\n", "moot.conf:4: [relay] starttls: \"maybe\" is not one of no|try|require" },
	{ "[moot]\ndomain = x.example\n  continued\n", "moot.conf:3: not a [section], a key = value line or a comment" },
	{ "[moot]\ndomain = x.example\ndelimiter = ++\n", "moot.conf:3: [moot] delimiter: must be one character" },
	{ "[moot]\ndomain = x.example\njunk\n", "moot.conf:3:" },
	{ "[moot]\ndomain = x.example\nadmin = nobody\n", "moot.conf:3: [moot] admin: \"nobody\" is not a mail address" },
	{ "[moot]\nadmin = info-owner@X.example\ndomain = x.example\n", "[moot] admin: info-owner@x.example is at the list domain" },
};

int
main(void)
{
	struct conf	 c;
	char		 longline[1200];
	const char	*e;

	if (mkdtemp(dir) == NULL)
		return (1);
	(void)snprintf(path, sizeof(path), "%s/moot.conf", dir);

	e = load("; a comment\n# another\n[moot]\n"
	    "domain = Lists.Example.ORG ; inline comment\n"
	    "database = state/m.db\n[relay]\nport = 2525\ntimeout = 2m\n"
	    "[limits]\nmessage_bytes = 2M\n[delivery]\ngive_up = 1w\n", &c);
	is_str(e, "", "a good file loads");
	is_str(c.domain, "lists.example.org", "domain is lower-cased, "
	    "inline comment dropped");
	has_str(c.database, "/state/m.db", "relative path is made absolute");
	ok(strncmp(c.database, dir, strlen(dir)) == 0, "against the file's "
	    "folder");
	is_int(c.relay_port, 2525, "port");
	is_int(c.relay_timeout, 120, "duration in minutes");
	is_int(c.lim.message_bytes, 2 * 1024 * 1024, "size in M");
	is_int(c.give_up, 7 * 86400, "duration in weeks");
	is_str(c.relay_host, "127.0.0.1", "default relay host");
	is_int(c.relay_max_rcpts, 100, "default max_recipients");
	is_int(c.lim.mime_depth, 20, "default mime_depth (threat D2)");
	is_str(c.relay_helo, "lists.example.org", "helo defaults to domain");
	is_int(c.delimiter, '+', "default delimiter");
	ok(c.user == NULL, "no user by default");
	ok(c.admin == NULL, "no admin by default");
	ok(c.relay_starttls == RELAY_TLS_NO, "starttls is no by default");
	conf_free(&c);

	e = load("[moot]\ndomain = x.example\n[relay]\nstarttls = require\n",
	    &c);
	is_str(e, "", "starttls = require loads");
	ok(c.relay_starttls == RELAY_TLS_REQUIRE, "  as RELAY_TLS_REQUIRE");
	conf_free(&c);
	e = load("[moot]\ndomain = x.example\n[relay]\nstarttls = try\n", &c);
	ok(c.relay_starttls == RELAY_TLS_TRY, "starttls = try: RELAY_TLS_TRY");
	conf_free(&c);

	e = load("[moot]\ndomain = x.example\nadmin = Root@Example.ORG\n",
	    &c);
	is_str(e, "", "an admin address loads");
	is_str(c.admin, "root@example.org", "and is kept canonical");
	conf_free(&c);
	{
		static const struct { int64_t s; const char *want; } d[] = {
			{ 86400, "1d" }, { 5400, "90m" }, { 90, "90s" },
			{ 7 * 86400, "1w" }, { 36 * 3600, "36h" }, { 0, "0s" },
		};
		struct vbuf	v;

		vbuf_init(&v, 64);
		for (size_t i = 0; i < sizeof(d) / sizeof(d[0]); i++) {
			vbuf_reset(&v);
			conf_format_duration(d[i].s, &v);
			is_str(vbuf_str(&v), d[i].want, "duration %lld shown "
			    "in its largest exact unit", (long long)d[i].s);
			ok(conf_parse_duration(vbuf_str(&v)) == d[i].s,
			    "and read back the same");
		}
		vbuf_release(&v);
	}

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		e = load(bad[i].text, &c);
		has_str(e, bad[i].want, "bad file %zu: error names what is "
		    "wrong", i);
		conf_free(&c);
	}

	memset(longline, 'x', sizeof(longline));
	memcpy(longline, "[moot]\ndomain = x.example\nuser = ", 33);
	longline[sizeof(longline) - 2] = '\n';
	longline[sizeof(longline) - 1] = '\0';
	e = load(longline, &c);
	has_str(e, "moot.conf:3: line longer than 1000 bytes", "a long line is "
	    "refused on its own line number");
	conf_free(&c);

	{
		FILE	*f = fopen(path, "w");

		fwrite("[moot]\ndomain = x.ex\0ample\n", 1, 27, f);
		fclose(f);
		struct vbuf err;
		vbuf_init(&err, 4096);
		ok(conf_load(&c, path, &err) == -1 &&
		    strstr(vbuf_str(&err), ":2: NUL byte") != NULL,
		    "a NUL byte is refused with its line");
		vbuf_release(&err);
		conf_free(&c);
	}
	{
		struct vbuf err;
		vbuf_init(&err, 4096);
		ok(conf_load(&c, "/nonexistent/moot.conf", &err) == -1 &&
		    strstr(vbuf_str(&err), "No such file") != NULL,
		    "a missing file says so");
		vbuf_release(&err);
		conf_free(&c);
	}

	is_int(conf_parse_duration("90"), 90, "duration: bare seconds");
	is_int(conf_parse_duration("15m"), 900, "duration: minutes");
	is_int(conf_parse_duration("24h"), 86400, "duration: hours");
	is_int(conf_parse_duration("1w"), 604800, "duration: week");
	is_int(conf_parse_duration("1x"), -1, "duration: bad unit");
	is_int(conf_parse_duration("-5"), -1, "duration: negative");
	is_int(conf_parse_duration("5mm"), -1, "duration: trailing junk");
	is_int(conf_parse_size("64k"), 65536, "size: k");
	is_int(conf_parse_size("10M"), 10485760, "size: M");
	is_int(conf_parse_size("k"), -1, "size: no number");
	ok(conf_valid_lang("en") && conf_valid_lang("fa") &&
	    conf_valid_lang("pt-br") && !conf_valid_lang("EN") &&
	    !conf_valid_lang("e") && !conf_valid_lang("../x"),
	    "language codes");

	unlink(path);
	rmdir(dir);
	return (done_testing());
}

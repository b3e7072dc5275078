/*
 * log_test - what reaches a log line from mail cannot drive a terminal
 * (threat F3): log.c escapes every line itself, whatever its arguments.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/log.h"
#include "../tap.h"
#include "util/sys_defs.h"

/* logged - the standard error written since the last call, as a string */
static const char *
logged(FILE *f)
{
	static char	buf[8192];
	size_t		n;

	fflush(stderr);
	rewind(f);
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	if (ftruncate(fileno(f), 0) == -1)
		buf[0] = '\0';
	rewind(f);
	return (buf);
}

int
main(void)
{
	FILE		*f;
	char		 big[3000];
	const char	*s;

	if ((f = tmpfile()) == NULL || dup2(fileno(f), STDERR_FILENO) == -1) {
		printf("Bail out! no file for standard error\n");
		return (1);
	}
	setvbuf(stderr, NULL, _IONBF, 0);
	log_init("t", LOG_TO_STDERR);

	log_info("subject %s", "\x1b[2J\x07hi");
	is_str(logged(f), "t: subject \\x1b[2J\\x07hi\n",
	    "ESC and BEL in an argument are escaped (F3)");

	log_warnx("id <%s>", "a@b\r\nt: forged line");
	is_str(logged(f), "t: warning: id <a@b\\x0d\\x0at: forged line>\n",
	    "a line break cannot forge a second log line");

	log_info("%s", "caf\xc3\xa9 \xd9\x85\xd8\xb1 \xc2\x9b" "2J \xe9");
	is_str(logged(f), "t: caf\xc3\xa9 \xd9\x85\xd8\xb1 \\xc2\\x9b2J "
	    "\\xe9\n", "UTF-8 text passes; C1 CSI and Latin-1 are escaped");

	log_set_id("4XyZ");
	errno = ENOENT;
	log_warn("open %s", "a\\b");
	is_str(logged(f), "t: 4XyZ: warning: open a\\\\b: "
	    "No such file or directory\n",
	    "the queue id first, a backslash doubled, errno last");
	log_set_id(NULL);

	/* A line about another message carries that message's id; the
	 * one in hand comes back after it. */
	{
		char	saved[LOG_ID_MAX];

		log_set_id("REPLY1");
		log_swap_id("POST7", saved);
		log_info("post 7 approved");
		is_str(logged(f), "t: POST7: post 7 approved\n",
		    "log_swap_id: the other message's id");
		log_set_id(saved);
		log_info("reply read");
		is_str(logged(f), "t: REPLY1: reply read\n",
		    "  and the one in hand after it");
		log_set_id(NULL);
		log_swap_id("POST8", saved);
		log_set_id(saved);
		log_info("x");
		is_str(logged(f), "t: x\n", "  none in hand: none after");
	}

	/* A bidi override from a subject is shown, not obeyed (F3). */
	log_info("subject %s", "a\xe2\x80\xae" "gpj.exe");
	is_str(logged(f), "t: subject a\\u{202E}gpj.exe\n",
	    "U+202E in a log line is escaped");

	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	log_info("%s", big);
	s = logged(f);
	is_int((long long)strlen(s), 2048 + 3, "a long line is cut to the "
	    "line's size (with \"t: \" and the newline)");
	ok(strstr(s, "aaa...\n") != NULL, "  and ends with \"...\"");

	memset(big, '\x1b', sizeof(big) - 1);
	log_info("%s", big);
	s = logged(f);
	ok(strlen(s) <= 2048 + 3 && strstr(s, "\\x1b...\n") != NULL &&
	    strstr(s, "\\x1\\") == NULL, "escapes that grow past the line are "
	    "cut between escapes, marked \"...\"");
	return (done_testing());
}

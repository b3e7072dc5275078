/* token_test - tokens in reply addresses (threat B1, B2) */
#include <sys/mman.h>
#include <sys/wait.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "global/token.h"
#include "util/vbuf.h"
#include "../tap.h"

static void
on_segv(int sig)
{
	(void)sig;
	_exit(42);
}

/*
 * reads_every_byte - whether token_equal() reads the last byte of b even
 * when the first bytes differ: b ends on a page that may not be read, so
 * a compare that looks at every byte faults (the child exits 42), and one
 * that stops at the first difference returns (exit 0).
 */
static int
reads_every_byte(const char *a, const char *bad_first)
{
	long	 pg = sysconf(_SC_PAGESIZE);
	char	*map, *b;
	pid_t	 pid;
	int	 status;

	map = mmap(NULL, (size_t)pg * 2, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (map == MAP_FAILED)
		return (-1);
	b = map + pg - (TOKEN_CHARS - 1);	/* the last byte on page two */
	memcpy(b, bad_first, TOKEN_CHARS);
	if (mprotect(map + pg, (size_t)pg, PROT_NONE) == -1)
		return (-1);
	if ((pid = fork()) == 0) {
		struct sigaction sa;

		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = on_segv;
		sigaction(SIGSEGV, &sa, NULL);
		sigaction(SIGBUS, &sa, NULL);
		_exit(token_equal(a, b) ? 1 : 0);
	}
	waitpid(pid, &status, 0);
	munmap(map, (size_t)pg * 2);
	return (WIFEXITED(status) && WEXITSTATUS(status) == 42);
}

int
main(void)
{
	char			 dir[] = "/tmp/moot-token-test.XXXXXX", path[256];
	char			 tok[TOKEN_CHARS + 1], t2[TOKEN_CHARS + 2], up[32];
	struct token_mac	 c, d;
	struct vbuf		 err;
	FILE			*f;
	int			 refused = 0;

	vbuf_init(&err, 1024);
	if (mkdtemp(dir) == NULL)
		return (1);
	(void)snprintf(path, sizeof(path), "%s/secret", dir);
	memset(&c, 0, sizeof(c));
	c.purpose = "moderate";
	c.list_id = 3;
	c.object_id = 77;
	c.addr = "mod@one.example";
	c.expires_at = 1800000000;
	ok(token_make(&c, tok) == -1, "no token without a key");
	f = fopen(path, "w");
	fputs("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n",
	    f);
	fclose(f);
	ok(token_load_key(path, &err) == 0, "the key loads");
	ok(token_new_nonce(&c) == 0, "a random nonce");
	ok(token_make(&c, tok) == 0 && strlen(tok) == TOKEN_CHARS,
	    "a token of %d characters", TOKEN_CHARS);
	ok(strspn(tok, "abcdefghijklmnopqrstuvwxyz234567") == TOKEN_CHARS,
	    "lower-case base32");
	ok(token_verify(&c, tok) == 0, "it verifies");

	/* Threat B1: every one-character change is refused. */
	for (int i = 0; i < TOKEN_CHARS; i++) {
		memcpy(t2, tok, sizeof(tok));
		t2[i] = t2[i] == 'a' ? 'b' : 'a';
		refused += token_verify(&c, t2) == -1;
	}
	is_int(refused, TOKEN_CHARS, "each of the %d flipped characters is "
	    "refused", TOKEN_CHARS);
	for (int i = 0; i <= TOKEN_CHARS; i++)
		up[i] = (char)(tok[i] >= 'a' && tok[i] <= 'z' ? tok[i] - 32 :
		    tok[i]);
	ok(token_verify(&c, up) == 0, "upper case is accepted (Gmail "
	    "lower-cases reply addresses; some clients upper-case)");
	memcpy(t2, tok, sizeof(tok));
	t2[TOKEN_CHARS - 1] = '\0';
	ok(token_verify(&c, t2) == -1, "a truncated token is refused");
	memcpy(t2, tok, TOKEN_CHARS);
	t2[TOKEN_CHARS] = 'a';
	t2[TOKEN_CHARS + 1] = '\0';
	ok(token_verify(&c, t2) == -1, "an extended token is refused");
	ok(token_verify(&c, "") == -1, "an empty token is refused");

	/* Property: a change to any field of the claim fails it (B2). */
	d = c; d.purpose = "confirm";
	ok(token_verify(&d, tok) == -1, "another purpose");
	d = c; d.list_id = 4;
	ok(token_verify(&d, tok) == -1, "another list");
	d = c; d.object_id = 78;
	ok(token_verify(&d, tok) == -1, "another object");
	d = c; d.addr = "other@one.example";
	ok(token_verify(&d, tok) == -1, "another address");
	d = c; d.expires_at++;
	ok(token_verify(&d, tok) == -1, "another expiry");
	d = c; d.nonce[0] ^= 1;
	ok(token_verify(&d, tok) == -1, "another nonce");
	d = c; d.list_id = 33; d.object_id = 7;
	ok(token_verify(&d, tok) == -1, "fields cannot slide into each other "
	    "(3,77 vs 33,7)");

	/* The comparison does not stop at the first difference. */
	memcpy(t2, tok, sizeof(tok));
	t2[0] = t2[0] == 'a' ? 'b' : 'a';
	is_int(reads_every_byte(tok, t2), 1, "token_equal reads every byte "
	    "even when the first differs (constant time)");

	f = fopen(path, "w");
	fputs("not a key\n", f);
	fclose(f);
	vbuf_reset(&err);
	ok(token_load_key(path, &err) == -1 && strstr(vbuf_str(&err),
	    "not a key made by moot init") != NULL, "a bad secret file is "
	    "refused");
	unlink(path);
	rmdir(dir);
	vbuf_release(&err);
	return (done_testing());
}

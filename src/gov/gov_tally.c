/*
 * gov_tally.c - counting ballots; see gov_tally.h
 */
#include <string.h>

#include "db/db.h"
#include "db/db_decision.h"
#include "gov/gov_tally.h"
#include "util/vbuf.h"
#include "util/sys_defs.h"

/* gov_options_parse - see gov_tally.h */
int
gov_options_parse(const char *csv, struct gov_tally *t, struct vbuf *why)
{
	const char	*p = csv, *e;
	size_t		 len;

	memset(t, 0, sizeof(*t));
	t->winner = -1;
	for (; *p != '\0'; p = *e == ',' ? e + 1 : e) {
		if ((e = strchr(p, ',')) == NULL)
			e = p + strlen(p);
		len = (size_t)(e - p);
		if (len == 0 || len > DECISION_OPTION_MAX ||
		    t->n == DECISION_OPTIONS_MAX) {
			vbuf_printf(why, "options are 2 to %d names of 1 to %d "
			    "bytes, separated by commas", DECISION_OPTIONS_MAX,
			    DECISION_OPTION_MAX);
			return (-1);
		}
		memcpy(t->opt[t->n], p, len);
		t->opt[t->n][len] = '\0';
		for (size_t i = 0; i < len; i++)
			if ((unsigned char)p[i] < 0x20 || p[i] == '=' ||
			    p[i] == '\x7f') {
				vbuf_puts(why, "an option's name has a "
				    "control character or =");
				return (-1);
			}
		if (gov_tally_option(t, t->opt[t->n]) != -1) {
			vbuf_printf(why, "option \"%s\" is given twice",
			    t->opt[t->n]);
			return (-1);
		}
		t->n++;
	}
	if (t->n < 2) {
		vbuf_puts(why, "a vote has at least two options");
		return (-1);
	}
	return (0);
}

/* gov_tally_option - see gov_tally.h */
int
gov_tally_option(const struct gov_tally *t, const char *name)
{
	for (size_t i = 0; i < t->n; i++)
		if (strcmp(t->opt[i], name) == 0)
			return ((int)i);
	return (-1);
}

/* add - one stored choice and how many chose it */
static int
add(const char *choice, int64_t n, void *arg)
{
	struct gov_tally	*t = arg;
	int			 i = gov_tally_option(t, choice);

	/* A choice that is no option cannot be stored (gov_ballot reads
	 * only options); were one there, it is counted as cast, not for
	 * any option, and the audit shows the difference. */
	if (i >= 0)
		t->votes[i] += n;
	t->cast += n;
	return (0);
}

/* decide - the winner among the options but "abstain", or -1 */
static void
decide(struct gov_tally *t)
{
	int64_t	best = -1;
	int	ties = 0;

	t->winner = -1;
	for (size_t i = 0; i < t->n; i++) {
		if (strcmp(t->opt[i], "abstain") == 0)
			continue;
		if (t->votes[i] > best) {
			best = t->votes[i];
			t->winner = (int)i;
			ties = 0;
		} else if (t->votes[i] == best)
			ties++;
	}
	if (ties > 0)
		t->winner = -1;
}

/* gov_tally_count - see gov_tally.h */
int
gov_tally_count(struct db *db, const struct decision_row *d,
    struct gov_tally *t)
{
	struct vbuf	why;
	int		rc;

	vbuf_init(&why, 256);
	rc = gov_options_parse(d->options, t, &why);
	vbuf_release(&why);
	if (rc == -1)
		return (-1);
	if (ballot_count(db, d->id, add, t) != DB_OK)
		return (-1);
	decide(t);
	return (0);
}

/* gov_tally_format - see gov_tally.h */
void
gov_tally_format(const struct gov_tally *t, struct vbuf *out)
{
	for (size_t i = 0; i < t->n; i++)
		vbuf_printf(out, "%s%s=%lld", i > 0 ? "," : "", t->opt[i],
		    (long long)t->votes[i]);
}

/* gov_decided_each - see gov_tally.h */
int
gov_decided_each(struct db *db, int64_t since, int64_t until,
    int (*cb)(const struct decision_row *, void *), void *arg)
{
	return (decision_decided_each(db, since, until, cb, arg));
}

/* The longest line of amendments and votes followed to its proposal. */
#define OWNER_DEPTH	32

/* gov_effect_owner - see gov_tally.h */
int64_t
gov_effect_owner(struct db *db, const struct decision_row *d)
{
	struct decision_row	*p = NULL;
	int64_t			 id = d->id, parent = d->parent_id;

	for (int i = 0; parent != 0 && i < OWNER_DEPTH; i++) {
		if (decision_load(db, parent, &p) != DB_OK)
			return (0);
		id = p->id;
		parent = p->parent_id;
		decision_free(&p);
	}
	return (id);
}

/* gov_effect_due - see gov_tally.h */
int
gov_effect_due(const struct decision_row *d)
{
	if (d->state != DS_PASSED)
		return (0);
	if (d->kind == DK_CONSENSUS)
		return (1);
	return (d->parent_id != 0 && d->outcome != NULL &&
	    strcmp(d->outcome, "for") == 0);
}

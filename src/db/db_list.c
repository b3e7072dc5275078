/*
 * db_list.c - list and member records; see db_list.h
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "util/clock.h"
#include "db/db.h"
#include "db/db_list.h"
#include "util/sys_defs.h"

static const char *const roles[] = {
	"member", "moderator", "owner", "organiser", "chair",
};
/* "plain" is digest mode with the digest as RFC 1153 plain text: the
 * member table keeps it as mode 'digest' and digest_form 'plain'
 * (schema 13), so that fan-out and digests read one mode. */
/* "update" is a newsletter list's default: mode 'mail' with news_each 0
 * (schema 14); "mail" there is the update and each post (news_each 1). */
static const char *const modes[] = { "mail", "digest", "plain", "nomail",
    "update" };

int
member_role_ok(const char *s)
{
	for (size_t i = 0; i < nitems(roles); i++)
		if (strcmp(s, roles[i]) == 0)
			return (1);
	return (0);
}

int
member_mode_ok(const char *s)
{
	for (size_t i = 0; i < nitems(modes); i++)
		if (strcmp(s, modes[i]) == 0)
			return (1);
	return (0);
}

#define LIST_COLS							\
	"l.id, l.name, l.description, l.moderated, l.members_only, "	\
	"l.subject_prefix, l.max_bytes, l.language, l.requires_id, "	\
	"r.name, l.digest_at, l.ends_at, l.created_at, l.nonmember, "	\
	"l.hold_bytes, l.max_recipients, l.automated, l.notify_held, "	\
	"l.turn_days, l.escalate_after, l.who, l.joins, "		\
	"l.hidden, l.bulk, l.escalate_given, l.turn_given, "		\
	"l.from_check, l.hold_days, l.meeting_reminders, l.notes_to, "	\
	"l.newsletter_at, l.agenda_days, l.digest_empty, l.dmarc, "	\
	"l.dmarc_author, l.footer_off, l.bounce_threshold, "		\
	"l.bounce_period, l.bounce_period_given "			\
	"FROM list l LEFT JOIN list r ON r.id = l.requires_id "

/* The words of enum list_joins, in its order. */
static const char *const joins_words[] = {
	[JOINS_OPEN] = "open", [JOINS_CONFIRM] = "confirm",
	[JOINS_APPROVE] = "approve", [JOINS_CLOSED] = "closed",
};

/* list_joins - see db_list.h */
enum list_joins
list_joins(const struct list *l)
{
	for (size_t i = 0; l->joins != NULL && i < nitems(joins_words); i++)
		if (strcmp(l->joins, joins_words[i]) == 0)
			return ((enum list_joins)i);
	return (JOINS_CONFIRM);
}

/* The words of enum list_dmarc and enum list_dmarc_author, in order. */
static const char *const dmarc_words[] = {
	[LIST_DMARC_ALWAYS] = "always", [LIST_DMARC_AUTO] = "auto",
	[LIST_DMARC_NEVER] = "never",
};
static const char *const dmarc_author_words[] = {
	[LIST_AUTHOR_REPLY_TO] = "reply-to", [LIST_AUTHOR_CC] = "cc",
};

/* word_index - the index of s among words, or def if s is NULL or none */
static size_t
word_index(const char *s, const char *const *words, size_t n, size_t def)
{
	for (size_t i = 0; s != NULL && i < n; i++)
		if (strcmp(s, words[i]) == 0)
			return (i);
	return (def);
}

/* list_dmarc - see db_list.h */
enum list_dmarc
list_dmarc(const struct list *l)
{
	return ((enum list_dmarc)word_index(l->dmarc, dmarc_words,
	    nitems(dmarc_words), LIST_DMARC_AUTO));
}

/* list_dmarc_author - see db_list.h */
enum list_dmarc_author
list_dmarc_author(const struct list *l)
{
	return ((enum list_dmarc_author)word_index(l->dmarc_author,
	    dmarc_author_words, nitems(dmarc_author_words),
	    LIST_AUTHOR_REPLY_TO));
}

/* list_bounce_threshold - see db_list.h */
int64_t
list_bounce_threshold(const struct list *l, int64_t site_threshold)
{
	return (l->bounce_threshold > 0 ? l->bounce_threshold :
	    site_threshold);
}

/* list_bounce_period - see db_list.h */
int64_t
list_bounce_period(const struct list *l, int64_t site_period)
{
	return (l->bounce_period > 0 ? l->bounce_period : site_period);
}

/* list_from_check - see db_list.h */
enum list_from_check
list_from_check(const struct list *l)
{
	return (l->from_check != NULL && strcmp(l->from_check,
	    "authenticated") == 0 ? FROM_CHECK_AUTHENTICATED :
	    FROM_CHECK_ANY);
}

static const char SQL_LIST_BY_NAME[] = "SELECT " LIST_COLS
    "WHERE l.name = ?1";
static const char SQL_LIST_BY_ID[] = "SELECT " LIST_COLS "WHERE l.id = ?1";
static const char SQL_LIST_ALL[] = "SELECT " LIST_COLS "ORDER BY l.name";

/* list_row - a struct list from a row of LIST_COLS */
static void *
list_row(sqlite3_stmt *st)
{
	struct list	*l = xcalloc(1, sizeof(*l));

	l->id = sqlite3_column_int64(st, 0);
	l->name = db_col_dup(st, 1);
	l->description = xstrdup(db_col_text(st, 2));
	l->moderated = sqlite3_column_int(st, 3);
	l->members_only = sqlite3_column_int(st, 4);
	l->subject_prefix = db_col_dup(st, 5);
	l->max_bytes = sqlite3_column_int64(st, 6);
	l->language = db_col_dup(st, 7);
	l->requires_id = sqlite3_column_int64(st, 8);
	l->requires_name = db_col_dup(st, 9);
	l->digest_at = db_col_dup(st, 10);
	l->ends_at = sqlite3_column_int64(st, 11);
	l->created_at = sqlite3_column_int64(st, 12);
	l->nonmember = db_col_dup(st, 13);
	l->hold_bytes = sqlite3_column_int64(st, 14);
	l->max_recipients = sqlite3_column_int64(st, 15);
	l->automated = db_col_dup(st, 16);
	l->notify_held = sqlite3_column_int(st, 17);
	l->turn_days = sqlite3_column_int64(st, 18);
	l->escalate_after = sqlite3_column_int64(st, 19);
	l->who = db_col_dup(st, 20);
	l->joins = db_col_dup(st, 21);
	l->hidden = sqlite3_column_int(st, 22);
	l->bulk = sqlite3_column_int(st, 23);
	l->escalate_given = db_col_dup(st, 24);
	l->turn_given = db_col_dup(st, 25);
	l->from_check = db_col_dup(st, 26);
	l->hold_days = sqlite3_column_int64(st, 27);
	l->meeting_reminders = db_col_dup(st, 28);
	l->notes_to = db_col_dup(st, 29);
	l->newsletter_at = db_col_dup(st, 30);
	l->agenda_days = sqlite3_column_int64(st, 31);
	l->digest_empty = sqlite3_column_int(st, 32);
	l->dmarc = db_col_dup(st, 33);
	l->dmarc_author = db_col_dup(st, 34);
	l->footer_off = sqlite3_column_int(st, 35);
	l->bounce_threshold = sqlite3_column_int64(st, 36);
	l->bounce_period = sqlite3_column_int64(st, 37);
	l->bounce_period_given = db_col_dup(st, 38);
	return (l);
}

/* list_load_by - run one of the single-list queries */
static int
list_load_by(struct db *db, sqlite3_stmt *st, struct list **out)
{
	void	*p;
	int	 rc = db_fetch(db, st, list_row, &p);

	*out = p;
	return (rc);
}

int
list_load(struct db *db, const char *name, struct list **out)
{
	return (list_load_by(db, db_query(db, SQL_LIST_BY_NAME, "t", name),
	    out));
}

int
list_load_id(struct db *db, int64_t id, struct list **out)
{
	return (list_load_by(db, db_query(db, SQL_LIST_BY_ID, "i", id), out));
}

/* list_each - see db_list.h */
int
list_each(struct db *db, int (*cb)(const struct list *, void *), void *arg)
{
	sqlite3_stmt	*st;
	struct list	*l;
	int		 rc, stop = 0;

	if ((st = db_query(db, SQL_LIST_ALL, "")) == NULL)
		return (DB_ERR);
	while (!stop && (rc = db_step(db, st)) == DB_ROW) {
		l = list_row(st);
		stop = cb(l, arg);
		list_free(&l);
	}
	db_reset(st);
	return (stop ? DB_OK : rc);
}

/*
 * list_with_defaults - *d is l, with the schema's defaults for the
 * settings l leaves unset.  d's strings are l's or constants: d is not
 * freed, and l is not changed.
 */
static void
list_with_defaults(struct list *d, const struct list *l)
{
	*d = *l;
	d->description = l->description != NULL ? l->description : "";
	d->nonmember = l->nonmember != NULL ? l->nonmember : "hold";
	d->automated = l->automated != NULL ? l->automated : "hold";
	d->turn_days = l->turn_days > 0 ? l->turn_days : 7;
	d->escalate_after = l->escalate_after > 0 ? l->escalate_after : 86400;
	d->who = l->who != NULL ? l->who : "nobody";
	d->joins = l->joins != NULL ? l->joins : "confirm";
	d->from_check = l->from_check != NULL ? l->from_check : "any";
	d->hold_days = l->hold_days > 0 ? l->hold_days :
	    LIST_DEFAULT_HOLD_DAYS;
	d->agenda_days = l->agenda_days > 0 ? l->agenda_days :
	    LIST_DEFAULT_AGENDA_DAYS;
	d->dmarc = l->dmarc != NULL ? l->dmarc : "auto";
	d->dmarc_author = l->dmarc_author != NULL ? l->dmarc_author :
	    "reply-to";
}

/* When the digest schedule ?9 was set: now if it is new (schema 13:
 * only its times after that count). */
#define DIGEST_SINCE_NEW						\
    "CASE WHEN ?9 IS NULL THEN NULL ELSE moot_now() END"
#define DIGEST_SINCE							\
    "CASE WHEN ?9 IS NULL THEN NULL WHEN ?9 IS digest_at THEN "	\
    "digest_since ELSE moot_now() END"
/* When the weekly update's schedule was set (schema 15), likewise; ?29
 * when a list is made, ?28 when it changes. */
#define NEWS_SINCE_NEW							\
    "CASE WHEN ?29 IS NULL THEN NULL ELSE moot_now() END"
#define NEWS_SINCE							\
    "CASE WHEN ?28 IS NULL THEN NULL WHEN ?28 IS newsletter_at THEN "	\
    "newsletter_since ELSE moot_now() END"

static const char SQL_LIST_INSERT[] =
    "INSERT INTO list (name, description, moderated, members_only, "
    "subject_prefix, max_bytes, language, requires_id, digest_at, ends_at, "
    "created_at, nonmember, hold_bytes, max_recipients, automated, "
    "notify_held, turn_days, escalate_after, who, joins, hidden, "
    "bulk, escalate_given, turn_given, from_check, hold_days, "
    "meeting_reminders, notes_to, digest_since, newsletter_at, "
    "newsletter_since, agenda_days, digest_empty, dmarc, dmarc_author, "
    "footer_off, bounce_threshold, bounce_period, bounce_period_given) "
    "VALUES (?1, "
    "?2, ?3, ?4, ?5, NULLIF(?6, 0), ?7, NULLIF(?8, 0), ?9, NULLIF(?10, 0), "
    "?11, ?12, NULLIF(?13, 0), NULLIF(?14, 0), ?15, ?16, ?17, ?18, ?19, "
    "?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, " DIGEST_SINCE_NEW ", ?29, "
    NEWS_SINCE_NEW ", ?30, ?31, ?32, ?33, ?34, NULLIF(?35, 0), "
    "NULLIF(?36, 0), ?37)";

int
list_insert(struct db *db, struct list *l)
{
	struct list	d;
	int		rc;

	l->created_at = clock_now();
	list_with_defaults(&d, l);
	rc = db_exec(db, SQL_LIST_INSERT,
	    "ttiitititiitiitiiittiitttitttiittiiit",
	    d.name,
	    d.description, (int64_t)d.moderated, (int64_t)d.members_only,
	    d.subject_prefix, d.max_bytes, d.language, d.requires_id,
	    d.digest_at, d.ends_at, d.created_at, d.nonmember,
	    d.hold_bytes, d.max_recipients, d.automated,
	    (int64_t)d.notify_held, d.turn_days, d.escalate_after,
	    d.who, d.joins, (int64_t)d.hidden,
	    (int64_t)d.bulk, d.escalate_given, d.turn_given, d.from_check,
	    d.hold_days, d.meeting_reminders, d.notes_to, d.newsletter_at,
	    d.agenda_days, (int64_t)d.digest_empty, d.dmarc, d.dmarc_author,
	    (int64_t)d.footer_off, d.bounce_threshold, d.bounce_period,
	    d.bounce_period_given);
	if (rc == DB_OK)
		l->id = db_last_id(db);
	return (rc);
}

static const char SQL_LIST_UPDATE[] =
    "UPDATE list SET description = ?2, moderated = ?3, members_only = ?4, "
    "subject_prefix = ?5, max_bytes = NULLIF(?6, 0), language = ?7, "
    "requires_id = NULLIF(?8, 0), digest_at = ?9, ends_at = NULLIF(?10, 0), "
    "digest_since = " DIGEST_SINCE ", "
    "nonmember = ?11, hold_bytes = NULLIF(?12, 0), "
    "max_recipients = NULLIF(?13, 0), automated = ?14, notify_held = ?15, "
    "turn_days = ?16, escalate_after = ?17, who = ?18, "
    "joins = ?19, hidden = ?20, bulk = ?21, escalate_given = ?22, "
    "turn_given = ?23, from_check = ?24, hold_days = ?25, "
    "meeting_reminders = ?26, notes_to = ?27, newsletter_at = ?28, "
    "newsletter_since = " NEWS_SINCE ", agenda_days = ?29, "
    "digest_empty = ?30, dmarc = ?31, dmarc_author = ?32, footer_off = ?33, "
    "bounce_threshold = NULLIF(?34, 0), bounce_period = NULLIF(?35, 0), "
    "bounce_period_given = ?36 WHERE id = ?1";

int
list_update(struct db *db, const struct list *l)
{
	struct list	d;

	list_with_defaults(&d, l);
	return (db_exec(db, SQL_LIST_UPDATE,
	    "itiititititiitiiittiitttitttiittiiit",
	    d.id,
	    d.description, (int64_t)d.moderated, (int64_t)d.members_only,
	    d.subject_prefix, d.max_bytes, d.language, d.requires_id,
	    d.digest_at, d.ends_at, d.nonmember, d.hold_bytes,
	    d.max_recipients, d.automated, (int64_t)d.notify_held,
	    d.turn_days, d.escalate_after, d.who, d.joins,
	    (int64_t)d.hidden, (int64_t)d.bulk, d.escalate_given,
	    d.turn_given, d.from_check, d.hold_days, d.meeting_reminders,
	    d.notes_to, d.newsletter_at, d.agenda_days,
	    (int64_t)d.digest_empty, d.dmarc, d.dmarc_author,
	    (int64_t)d.footer_off, d.bounce_threshold, d.bounce_period,
	    d.bounce_period_given));
}

static const char SQL_LIST_DELETE[] = "DELETE FROM list WHERE id = ?1";

int
list_delete(struct db *db, int64_t id)
{
	return (db_exec(db, SQL_LIST_DELETE, "i", id));
}

static const char SQL_LIST_GATE[] =
    "SELECT id, members_only, coalesce(max_bytes, 0), coalesce(ends_at, 0), "
    "nonmember = 'reject' FROM list WHERE name = ?1";

int
list_gate_load(struct db *db, const char *name, struct list_gate *g)
{
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = db_query(db, SQL_LIST_GATE, "t", name)) == NULL)
		return (DB_ERR);
	if ((rc = db_step(db, st)) != DB_ROW)
		return (rc == DB_OK ? DB_NOTFOUND : rc);
	g->id = sqlite3_column_int64(st, 0);
	g->members_only = sqlite3_column_int(st, 1);
	g->max_bytes = sqlite3_column_int64(st, 2);
	g->ends_at = sqlite3_column_int64(st, 3);
	g->reject_nonmembers = sqlite3_column_int(st, 4);
	db_reset(st);
	return (DB_OK);
}

static const char SQL_MEMBER_EXISTS[] =
    "SELECT 1 FROM member WHERE list_id = ?1 AND addr = ?2";

int
member_exists(struct db *db, int64_t list_id, const char *addr, int *yes)
{
	int64_t	one;
	int	rc = db_one_int(db, &one, SQL_MEMBER_EXISTS, "it", list_id,
		    addr);

	*yes = rc == DB_OK;
	return (rc == DB_NOTFOUND ? DB_OK : rc);
}

/* The strings a struct list owns: list_release() frees each. */
static const size_t list_strings[] = {
	offsetof(struct list, name),
	offsetof(struct list, description),
	offsetof(struct list, subject_prefix),
	offsetof(struct list, language),
	offsetof(struct list, requires_name),
	offsetof(struct list, digest_at),
	offsetof(struct list, nonmember),
	offsetof(struct list, automated),
	offsetof(struct list, who),
	offsetof(struct list, joins),
	offsetof(struct list, escalate_given),
	offsetof(struct list, turn_given),
	offsetof(struct list, from_check),
	offsetof(struct list, meeting_reminders),
	offsetof(struct list, notes_to),
	offsetof(struct list, newsletter_at),
	offsetof(struct list, dmarc),
	offsetof(struct list, dmarc_author),
	offsetof(struct list, bounce_period_given),
};

/* list_release - see db_list.h */
void
list_release(struct list *l)
{
	for (size_t i = 0; i < nitems(list_strings); i++)
		free(*(char **)(void *)((char *)l + list_strings[i]));
	memset(l, 0, sizeof(*l));
}

void
list_free(struct list **lp)
{
	if (*lp == NULL)
		return;
	list_release(*lp);
	free(*lp);
	*lp = NULL;
}

/* On a newsletter list, mode 'mail' without news_each reads "update". */
#define MEMBER_COLS							\
	"id, list_id, addr, name, role, language, CASE WHEN mode = "	\
	"'digest' AND digest_form = 'plain' THEN 'plain' WHEN mode = "	\
	"'mail' AND news_each = 0 AND (SELECT newsletter_at FROM list "	\
	"WHERE list.id = member.list_id) IS NOT NULL THEN 'update' "	\
	"ELSE mode END, "						\
	"term_start, term_end, created_at, leave_token_id, term_told, "	\
	"org FROM member "

static const char SQL_MEMBER_ONE[] = "SELECT " MEMBER_COLS
    "WHERE list_id = ?1 AND addr = ?2";
static const char SQL_MEMBER_ALL[] = "SELECT " MEMBER_COLS
    "WHERE list_id = ?1 ORDER BY addr";
static const char SQL_MEMBER_ROLES[] = "SELECT " MEMBER_COLS
    "WHERE list_id = ?1 AND instr(',' || ?2 || ',', ',' || role || ',') > 0 "
    "ORDER BY id";

static void *
member_row(sqlite3_stmt *st)
{
	struct member	*m = xcalloc(1, sizeof(*m));

	m->id = sqlite3_column_int64(st, 0);
	m->list_id = sqlite3_column_int64(st, 1);
	m->addr = db_col_dup(st, 2);
	m->name = xstrdup(db_col_text(st, 3));
	m->role = db_col_dup(st, 4);
	m->language = db_col_dup(st, 5);
	m->mode = db_col_dup(st, 6);
	m->term_start = sqlite3_column_int64(st, 7);
	m->term_end = sqlite3_column_int64(st, 8);
	m->created_at = sqlite3_column_int64(st, 9);
	m->leave_token_id = sqlite3_column_int64(st, 10);
	m->term_told = sqlite3_column_int64(st, 11);
	m->org = db_col_dup(st, 12);
	return (m);
}

int
member_load(struct db *db, int64_t list_id, const char *addr,
    struct member **out)
{
	void	*p;
	int	 rc = db_fetch(db, db_query(db, SQL_MEMBER_ONE, "it", list_id,
		    addr), member_row, &p);

	*out = p;
	return (rc);
}

/* member_iterate - cb for each row of st; stops when cb says so */
static int
member_iterate(struct db *db, sqlite3_stmt *st,
    int (*cb)(const struct member *, void *), void *arg)
{
	struct member	*m;
	int		 rc, stop = 0;

	if (st == NULL)
		return (DB_ERR);
	while (!stop && (rc = db_step(db, st)) == DB_ROW) {
		m = member_row(st);
		stop = cb(m, arg);
		member_free(&m);
	}
	db_reset(st);
	return (stop ? DB_OK : rc);
}

int
member_each(struct db *db, int64_t list_id,
    int (*cb)(const struct member *, void *), void *arg)
{
	return (member_iterate(db, db_query(db, SQL_MEMBER_ALL, "i", list_id),
	    cb, arg));
}

int
member_each_role(struct db *db, int64_t list_id, const char *roles_csv,
    int (*cb)(const struct member *, void *), void *arg)
{
	return (member_iterate(db, db_query(db, SQL_MEMBER_ROLES, "it",
	    list_id, roles_csv), cb, arg));
}

/* The member table's mode for a mode word: "plain" is 'digest'. */
#define MODE_OF(p)	"CASE " p " WHEN 'plain' THEN 'digest' WHEN 'update' " \
			"THEN 'mail' ELSE " p " END"
/* news_each (schema 15): "mail" on a newsletter list is each post as
 * well as the update; "update" is the update alone; on another list
 * "mail" leaves it be, so that a list made a newsletter later starts
 * its members on the update alone unless they asked there. */
#define NEWS_EACH(p)							\
    "CASE " p " WHEN 'update' THEN 0 WHEN 'mail' THEN CASE WHEN (SELECT " \
    "newsletter_at FROM list WHERE list.id = member.list_id) IS NOT " \
    "NULL THEN 1 ELSE news_each END ELSE 0 END"
/* A member entering digest mode starts from now: from the next time of
 * the schedule, with the posts from now on (schema 13). */
#define INTO_DIGEST(p)	"(mode <> 'digest' AND " MODE_OF(p) " = 'digest')"
#define DIGEST_UPTO_NOW	"(SELECT coalesce(max(seq), 0) FROM digest_post)"

static const char SQL_MEMBER_INSERT[] =
    "INSERT INTO member (list_id, addr, name, role, language, mode, "
    "term_start, term_end, created_at, digest_form, digest_slot, "
    "digest_upto, news_slot, news_upto, org) VALUES (?1, ?2, ?3, "
    "?4, ?5, " MODE_OF("?6") ", NULLIF(?7, 0), NULLIF(?8, 0), ?9, "
    "CASE ?6 WHEN 'plain' THEN 'plain' ELSE 'mime' END, moot_now(), "
    DIGEST_UPTO_NOW ", moot_now(), " DIGEST_UPTO_NOW ", ?10)";

int
member_insert(struct db *db, struct member *m)
{
	int	rc;

	m->created_at = clock_now();
	rc = db_exec(db, SQL_MEMBER_INSERT, "itttttiiit", m->list_id,
	    m->addr, m->name != NULL ? m->name : "", m->role != NULL ?
	    m->role : "member", m->language, m->mode != NULL ? m->mode :
	    "mail", m->term_start, m->term_end, m->created_at, m->org);
	if (rc == DB_OK)
		m->id = db_last_id(db);
	return (rc);
}

static const char SQL_MEMBER_UPDATE[] =
    "UPDATE member SET name = ?2, role = ?3, language = ?4, "
    "mode = " MODE_OF("?5") ", digest_form = CASE ?5 WHEN 'plain' THEN "
    "'plain' WHEN 'digest' THEN 'mime' ELSE digest_form END, "
    "digest_slot = CASE WHEN " INTO_DIGEST("?5") " THEN moot_now() "
    "ELSE digest_slot END, digest_upto = CASE WHEN " INTO_DIGEST("?5")
    " THEN " DIGEST_UPTO_NOW " ELSE digest_upto END, "
    "news_each = " NEWS_EACH("?5") ", "
    "term_start = NULLIF(?6, 0), term_end = NULLIF(?7, 0), org = ?8 "
    "WHERE id = ?1";

int
member_update(struct db *db, const struct member *m)
{
	return (db_exec(db, SQL_MEMBER_UPDATE, "ittttiit", m->id, m->name,
	    m->role, m->language, m->mode, m->term_start, m->term_end,
	    m->org));
}

static const char SQL_MEMBER_DELETE[] =
    "DELETE FROM member WHERE list_id = ?1 AND addr = ?2";
/* What the report counts of a member who leaves: no address. */
static const char SQL_MEMBER_LEFT[] =
    "INSERT INTO member_left (list_id, language, joined_at, left_at) "
    "SELECT list_id, language, created_at, ?3 FROM member "
    "WHERE list_id = ?1 AND addr = ?2";

int
member_delete(struct db *db, int64_t list_id, const char *addr)
{
	int	rc;

	/* In the caller's transaction, so a leave is counted once. */
	if ((rc = db_exec(db, SQL_MEMBER_LEFT, "iti", list_id, addr,
	    (int64_t)clock_now())) != DB_OK)
		return (rc);
	if ((rc = db_exec(db, SQL_MEMBER_DELETE, "it", list_id, addr)) !=
	    DB_OK)
		return (rc);
	return (db_changes(db) > 0 ? DB_OK : DB_NOTFOUND);
}

static const char SQL_MEMBER_SET_TOKEN[] =
    "UPDATE member SET leave_token_id = ?2 WHERE id = ?1";

int
member_set_leave_token(struct db *db, int64_t member_id, int64_t token_id)
{
	return (db_exec(db, SQL_MEMBER_SET_TOKEN, "ii", member_id, token_id));
}

static const char SQL_MEMBER_NO_TOKEN[] = "SELECT " MEMBER_COLS
    "WHERE list_id = ?1 AND leave_token_id IS NULL ORDER BY id LIMIT ?2";

int
member_without_token(struct db *db, int64_t list_id, int64_t limit,
    int (*cb)(const struct member *, void *), void *arg)
{
	return (member_iterate(db, db_query(db, SQL_MEMBER_NO_TOKEN, "ii",
	    list_id, limit), cb, arg));
}

static const char SQL_MEMBER_TERM_TOLD[] =
    "UPDATE member SET term_told = ?2 WHERE id = ?1";

int
member_set_term_told(struct db *db, int64_t member_id, int64_t term_end)
{
	return (db_exec(db, SQL_MEMBER_TERM_TOLD, "ii", member_id, term_end));
}

static const char SQL_MEMBER_TERMS_DUE[] = "SELECT " MEMBER_COLS
    "WHERE term_end IS NOT NULL AND term_end <= ?1 "
    "AND (term_told IS NULL OR term_told != term_end) ORDER BY id";

int
member_terms_due(struct db *db, int64_t until,
    int (*cb)(const struct member *, void *), void *arg)
{
	return (member_iterate(db, db_query(db, SQL_MEMBER_TERMS_DUE, "i",
	    until), cb, arg));
}

static const char SQL_MEMBER_REQUIRING[] = "SELECT " MEMBER_COLS
    "WHERE addr = ?2 AND list_id IN (SELECT id FROM list "
    "WHERE requires_id = ?1) ORDER BY id";

int
member_lists_requiring(struct db *db, int64_t list_id, const char *addr,
    int (*cb)(const struct member *, void *), void *arg)
{
	return (member_iterate(db, db_query(db, SQL_MEMBER_REQUIRING, "it",
	    list_id, addr), cb, arg));
}

static const char SQL_MEMBER_COUNT[] =
    "SELECT count(*) FROM member WHERE list_id = ?1";

int
member_count(struct db *db, int64_t list_id, int64_t *n)
{
	return (db_one_int(db, n, SQL_MEMBER_COUNT, "i", list_id));
}

static const char SQL_MEMBER_COUNT_ROLES[] =
    "SELECT count(*) FROM member WHERE list_id = ?1 AND "
    "instr(',' || ?2 || ',', ',' || role || ',') > 0";

/* member_count_role - see db_list.h */
int
member_count_role(struct db *db, int64_t list_id, const char *roles_csv,
    int64_t *n)
{
	return (db_one_int(db, n, SQL_MEMBER_COUNT_ROLES, "it", list_id,
	    roles_csv));
}

void
member_free(struct member **mp)
{
	if (*mp == NULL)
		return;
	member_release(*mp);
	free(*mp);
	*mp = NULL;
}

/* member_release - see db_list.h */
void
member_release(struct member *m)
{
	free(m->addr);
	free(m->name);
	free(m->role);
	free(m->language);
	free(m->mode);
	free(m->org);
	memset(m, 0, sizeof(*m));
}

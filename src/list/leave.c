/*
 * leave.c - the List-Unsubscribe address; see leave.h
 */
#include "list/answer.h"
#include "util/alloc.h"
#include "util/clock.h"
#include "list/ctx.h"
#include "db/db.h"
#include "db/db_list.h"
#include "db/db_spool.h"
#include "db/db_token.h"
#include "list/leave.h"
#include "util/log.h"
#include "list/membership.h"
#include "util/sys_defs.h"

/*
 * check - the leave token tok of l and the member it is for, new in *t
 * and *m (the caller frees both, whatever the outcome); NULL if good,
 * else why not (with *trouble set on database trouble)
 */
static const char *
check(struct ctx *x, const char *tok, const struct list *l,
    struct token_row **t, struct member **m, int *trouble)
{
	static const char *const purposes[] = { "leave", NULL };
	const char	*why = NULL;
	enum claim	 cl;
	int		 rc;

	*trouble = 0;
	cl = token_claim(x->db, tok, purposes, l->id, clock_now(), t);
	if (cl == CLAIM_ERROR) {
		*trouble = 1;
		return ("database trouble");
	}
	if (cl == CLAIM_UNKNOWN)
		why = "unknown or forged leave token";
	else if (cl != CLAIM_OK)
		why = token_claim_why(cl);
	else if ((rc = member_load(x->db, l->id, (*t)->addr, m)) != DB_OK) {
		*trouble = rc != DB_NOTFOUND;
		why = *trouble ? "database trouble" : "not a member any more";
	} else if ((*m)->id != (*t)->object_id ||
	    (*m)->leave_token_id != (*t)->id)
		why = "a leave token of an earlier membership";
	return (why);
}

/*
 * claim - the leave token of s and the member it is for, as check();
 * -1 when s is done with (a token that does not work, said why) or on
 * database trouble
 */
static int
claim(struct ctx *x, const struct spool_item *s, const struct list *l,
    struct token_row **t, struct member **m)
{
	int		 trouble;
	const char	*why = check(x, s->token, l, t, m, &trouble);

	if (why != NULL && !trouble)
		answer_finish(x, s, why);
	return (why == NULL ? 0 : -1);
}

/* leave - the member of token t leaves l, and is told in lang; 0 or -1 */
static int
leave(struct ctx *x, const struct list *l, const struct token_row *t,
    const char *lang)
{
	if (token_use(x->db, t->id, clock_now()) == DB_ERR ||
	    membership_remove(x, l, t->addr, t->addr, NULL) != DB_OK)
		return (-1);
	return (answer_tell(x, l, "goodbye", t->addr, lang, NULL, NULL));
}

/* leave_by_token - see leave.h */
void
leave_by_token(struct ctx *x, struct spool_item *s)
{
	struct list		*l;
	struct token_row	*t = NULL;
	struct member		*m = NULL;

	if (answer_list_load(x, s, &l) == -1)
		return;
	if (claim(x, s, l, &t, &m) == 0 && db_begin(x->db) == DB_OK) {
		if (leave(x, l, t, m->language) == -1)
			db_rollback(x->db);
		else {
			answer_finish(x, s, "left at once through "
			    "List-Unsubscribe");
			if (db_commit(x->db) != DB_OK)
				log_warnx("cannot commit the leave; it is "
				    "tried again");
		}
	}
	token_row_free(&t);
	member_free(&m);
	list_free(&l);
}

/* leave_by_link - see leave.h */
enum leave_link
leave_by_link(struct ctx *x, const char *name, const char *tok, int act,
    char **lang)
{
	struct list		*l = NULL;
	struct token_row	*t = NULL;
	struct member		*m = NULL;
	const char		*why = NULL;
	enum leave_link		 res = LEAVE_LINK_TROUBLE;
	int			 trouble = 0, rc;

	*lang = NULL;
	if ((rc = list_load(x->db, name, &l)) != DB_OK) {
		if (rc == DB_NOTFOUND) {
			log_info("one-click leave: no list %s", name);
			res = LEAVE_LINK_REFUSED;
		}
		return (res);
	}
	if ((why = check(x, tok, l, &t, &m, &trouble)) != NULL) {
		if (!trouble)
			res = LEAVE_LINK_REFUSED;
		log_info("list=%s one-click leave refused: %s", l->name, why);
	} else if (!act)
		res = LEAVE_LINK_GOOD;
	else if (db_begin(x->db) == DB_OK) {
		if (leave(x, l, t, m->language) == -1)
			db_rollback(x->db);
		else if (db_commit(x->db) == DB_OK) {
			log_info("list=%s left at once through the one-click "
			    "link", l->name);
			res = LEAVE_LINK_LEFT;
		}
	}
	if (res == LEAVE_LINK_GOOD || res == LEAVE_LINK_LEFT)
		*lang = xstrdup(m->language != NULL ? m->language :
		    l->language != NULL ? l->language : "");
	token_row_free(&t);
	member_free(&m);
	list_free(&l);
	return (res);
}

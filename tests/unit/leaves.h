/*
 * leaves.h - the MIME leaves of a message, as libetpan finds them: the
 * byte-for-byte comparison of threat E4 ("original leaves survive")
 */
#ifndef LEAVES_H
#define LEAVES_H

#include <string.h>

#include <libetpan/libetpan.h>

#define LEAVES_MAX	64

struct leaves {
	const char	*p[LEAVES_MAX];
	size_t		 len[LEAVES_MAX];
	size_t		 n;
};

static void
leaves_walk(struct mailmime *mm, struct leaves *l)
{
	clistiter	*it;

	switch (mm->mm_type) {
	case MAILMIME_SINGLE:
		if (l->n < LEAVES_MAX && mm->mm_data.mm_single != NULL &&
		    mm->mm_data.mm_single->dt_type == MAILMIME_DATA_TEXT) {
			l->p[l->n] = mm->mm_data.mm_single->dt_data.dt_text.dt_data;
			l->len[l->n] =
			    mm->mm_data.mm_single->dt_data.dt_text.dt_length;
			l->n++;
		}
		break;
	case MAILMIME_MULTIPLE:
		for (it = clist_begin(mm->mm_data.mm_multipart.mm_mp_list);
		    it != NULL; it = clist_next(it))
			leaves_walk(clist_content(it), l);
		break;
	case MAILMIME_MESSAGE:
		if (mm->mm_data.mm_message.mm_msg_mime != NULL)
			leaves_walk(mm->mm_data.mm_message.mm_msg_mime, l);
		break;
	}
}

/* leaves_of - parse buf; the caller mailmime_free()s *tree afterwards */
static int __attribute__((unused))
leaves_of(const char *buf, size_t len, struct leaves *l,
    struct mailmime **tree)
{
	size_t	idx = 0;

	memset(l, 0, sizeof(*l));
	if (mailmime_parse(buf, len, &idx, tree) != MAILIMF_NO_ERROR)
		return (-1);
	leaves_walk(*tree, l);
	return (0);
}

#endif /* LEAVES_H */

/*
 * listaddr_id.c - a list's List-Id field (RFC 2919); see listaddr.h
 *
 * Apart from listaddr.c because the field's phrase is encoded by
 * hdr_encode.c, which links libetpan: moot inject routes addresses
 * without loading it.
 */
#include "global/conf.h"
#include "global/listaddr.h"
#include "mail/hdr_encode.h"
#include "util/vbuf.h"
#include "util/sys_defs.h"

/* listaddr_list_id - see listaddr.h */
void
listaddr_list_id(struct vbuf *out, const struct conf *c, const char *name,
    const char *description)
{
	struct vbuf	clean;

	vbuf_init(&clean, VBUF_NOMAX);
	hdr_encode_clean(&clean, description != NULL ? description : "");
	if (clean.len > 0) {
		hdr_encode_phrase(out, vbuf_str(&clean));
		vbuf_putc(out, ' ');
	}
	vbuf_printf(out, "<%s.%s>", name, c->domain);
	vbuf_release(&clean);
}

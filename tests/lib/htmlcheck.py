#!/usr/bin/python3
"""htmlcheck.py FILE [TAG...] - exit 0 if FILE is well-formed HTML5 as
moot writes it, read by Python's html.parser with strict rules on top:
a <!DOCTYPE html> first, UTF-8, every element closed in order (void
elements excepted; SVG's may close themselves), no stray end tag, no
duplicate id.  Prints the text (entities
decoded), then a line "count TAG N" for each TAG asked for."""
import html.parser
import sys

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input",
        "link", "meta", "source", "track", "wbr"}


class Strict(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.errors, self.text = [], [], []
        self.ids, self.counts, self.doctype = set(), {}, None

    def handle_decl(self, decl):
        if self.doctype is None and self.getpos() == (1, 0):
            self.doctype = decl
        else:
            self.errors.append("a declaration not first: %s" % decl)

    def note(self, tag, attrs):
        self.counts[tag] = self.counts.get(tag, 0) + 1
        for k, v in attrs:
            if k == "id":
                if v in self.ids:
                    self.errors.append("duplicate id %s" % v)
                self.ids.add(v)

    def handle_starttag(self, tag, attrs):
        self.note(tag, attrs)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.note(tag, attrs)
        if tag not in VOID and "svg" not in self.stack and tag != "svg":
            self.errors.append("<%s/> closes itself outside SVG" % tag)

    def handle_endtag(self, tag):
        if tag in VOID:
            self.errors.append("end tag of void element %s" % tag)
        elif not self.stack or self.stack[-1] != tag:
            self.errors.append("</%s> but open: %s" % (tag, self.stack[-3:]))
        else:
            self.stack.pop()

    def handle_data(self, data):
        if self.stack and self.stack[-1] in ("style", "script"):
            return
        self.text.append(data)


def main():
    raw = open(sys.argv[1], "rb").read()
    try:
        src = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        print("not UTF-8: %s" % e, file=sys.stderr)
        return 1
    p = Strict()
    p.feed(src)
    p.close()
    if p.doctype is None or p.doctype.lower() != "doctype html":
        p.errors.append("no <!DOCTYPE html> first")
    if p.stack:
        p.errors.append("unclosed at the end: %s" % p.stack)
    if p.rawdata:
        p.errors.append("left unparsed: %r" % p.rawdata[:40])
    for e in p.errors:
        print("htmlcheck: %s" % e, file=sys.stderr)
    print("".join(p.text))
    for tag in sys.argv[2:]:
        print("count %s %d" % (tag, p.counts.get(tag, 0)))
    return 1 if p.errors else 0


sys.exit(main())

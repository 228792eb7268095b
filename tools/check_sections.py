#!/usr/bin/env python3
"""Checks that the implementation of llm.h reads down only.

The implementation is cut into sections, each opened by a line
`// >>name: purpose`. A section may use what the sections above it define,
never what a section below defines; the wire-format vtable (a call through
a function pointer, which names nothing) is the one way down-to-up.
Private names (`llm__…`, `LLM__…`) of a section are its own: another
section may use them only when they belong to the base or the wire kit
(EXPORTERS), which serve every section below them, or when the section
gives them by name in the index.

The index (a comment that starts "INDEX OF THE IMPLEMENTATION", before the
first section) lists every section in order with the purpose its marker
line gives, and under a section the privates it gives:
    json           a strict RFC 8259 reader (DOM) and writer
                   gives: llm__json_check, llm__json_write_fail
The index must match the markers, and every name a section gives must be
defined there and used below it (a list that only grows is no interface).

What counts as a definition, at the file's top level: a function with a
body, a variable or table, a typedef, a struct/union/enum tag, an enum
constant, and a macro (#define). What counts as a use: the identifier
anywhere in a section's code (comments, strings and character literals are
blanked first). A forward declaration of a function defined in a later
section is itself a use of it, so the forward declarations go too.

Usage: python3 tools/check_sections.py [llm.h] [--list] [--graph] [--self-test]
  --list       print each section with its line count and purpose
  --graph      print which section uses which (a line each)
  --self-test  run the checker on small made-up files, each with one fault
               it must name, and on one without a fault
Exit status: 0 when the file reads down only, 1 otherwise (each violation
named with the symbol, both sections and the line of the use), 2 on a file
that cannot be read as sections.
"""
import re
import sys

EXPORTERS = {"base", "wirekit"}
IMPL_START = "#if defined(LLM_IMPLEMENTATION) && !defined(LLM_IMPLEMENTATION_INCLUDED)"
SECTION = re.compile(r"^// >>([A-Za-z0-9_]+)(?::\s*(.*))?$")
IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
KEYWORDS = {"static", "const", "inline", "extern", "struct", "union", "enum", "typedef", "unsigned", "signed",
            "LLM_API", "LLM__INLINE", "volatile", "register"}


def blank_comments_and_strings(text):
    """The text with every comment, string and character literal replaced by
    spaces (newlines kept, so line numbers stay)."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            j = min(j + 1, n)
            out.append(c + re.sub(r"[^\n]", " ", text[i + 1:j - 1]) + c)
            i = j
        else:
            out.append(c)
            i += 1
    return "".join(out)


def read_sections(path):
    lines = open(path, encoding="utf-8").read().split("\n")
    try:
        start = next(i for i, l in enumerate(lines) if l.startswith(IMPL_START))
    except StopIteration:
        sys.exit("check_sections: %s has no implementation part" % path)
    sections = []  # (name, purpose, first line index, last line index exclusive)
    for i in range(start, len(lines)):
        m = SECTION.match(lines[i])
        if m:
            if sections:
                sections[-1][3] = i
            sections.append([m.group(1), m.group(2) or "", i, len(lines)])
    if not sections:
        print("check_sections: no `// >>name` sections in %s" % path)
        sys.exit(2)
    names = [s[0] for s in sections]
    dup = {n for n in names if names.count(n) > 1}
    if dup:
        print("check_sections: sections opened twice: %s" % ", ".join(sorted(dup)))
        sys.exit(2)
    return lines, sections


def top_level_definitions(code):
    """Names defined at brace depth 0 of `code` (comments and strings blanked)."""
    names = set()
    for m in re.finditer(r"^[ \t]*#[ \t]*define[ \t]+([A-Za-z_][A-Za-z0-9_]*)", code, re.M):
        names.add(m.group(1))
    depth = 0
    stmt = []  # the tokens of the current top-level statement
    enum_depth = None
    text = re.sub(r"^[ \t]*#.*(?:\\\n.*)*$", lambda m: re.sub(r"[^\n]", " ", m.group(0)), code, flags=re.M)
    for tok in re.finditer(r"[A-Za-z_][A-Za-z0-9_]*|[{}();=,\[]", text):
        t = tok.group(0)
        if t == "{":
            if depth == 0:
                names.update(definition_names(stmt, body=True))
                if "enum" in stmt:
                    enum_depth = 1
            depth += 1
            stmt.append(t)
        elif t == "}":
            depth -= 1
            if depth == 0 and enum_depth:
                enum_depth = None
            stmt.append(t)
            if depth == 0 and not stmt_is_aggregate(stmt):
                stmt = []  # a function body ends its statement; a struct or an initializer goes on to its ';' 
        elif depth == 0 and t == ";":
            names.update(definition_names(stmt, body=False))
            stmt = []
        elif enum_depth and depth == 1 and IDENT.match(t):
            prev = stmt[-1] if stmt else ""
            if prev in ("{", ","):
                names.add(t)
            stmt.append(t)
        else:
            stmt.append(t)
    return names


def stmt_is_aggregate(stmt):
    head = stmt[:stmt.index("{")] if "{" in stmt else stmt
    return any(t in ("struct", "union", "enum", "typedef", "=") for t in head)


def definition_names(stmt, body):
    """The names a top-level statement defines."""
    names = set()
    if not stmt:
        return names
    head = stmt[:stmt.index("{")] if "{" in stmt else stmt
    # struct/union/enum tags
    for i, t in enumerate(head[:-1]):
        if t in ("struct", "union", "enum") and IDENT.match(head[i + 1]) and head[i + 1] not in KEYWORDS:
            if body or "typedef" in head:
                names.add(head[i + 1])
    if "typedef" in stmt:
        # the last identifier before ';' outside braces (function pointer typedefs: the name inside the first parens)
        depth = 0
        tail = []
        for t in stmt:
            if t == "{":
                depth += 1
            elif t == "}":
                depth -= 1
            elif depth == 0:
                tail.append(t)
        m = [t for t in tail if IDENT.match(t) and t not in KEYWORDS]
        if "(" in tail:
            i = tail.index("(")
            inner = [t for t in tail[i + 1:] if IDENT.match(t)]
            if inner and not m[:1] == inner[:1]:
                names.add(inner[0])
                return names
        if m:
            names.add(m[-1])
        return names
    if "(" in head and (body and not stmt_is_aggregate(stmt)):
        i = head.index("(")
        if i > 0 and IDENT.match(head[i - 1]):
            names.add(head[i - 1])  # a function definition
        return names
    if "(" in head and not body and "=" not in head:
        return names  # a prototype: a use, not a definition
    # variables: identifiers directly before '=', '[', ',' or the end
    depth = 0
    for i, t in enumerate(stmt):
        if t == "{":
            depth += 1
        elif t == "}":
            depth -= 1
        elif depth == 0 and IDENT.match(t) and t not in KEYWORDS:
            nxt = stmt[i + 1] if i + 1 < len(stmt) else ";"
            if nxt in ("=", "[", ",", ";") and "=" not in stmt[:i]:
                names.add(t)
    return names


INDEX_START = "INDEX OF THE IMPLEMENTATION"
INDEX_LINE = re.compile(r"^   ([a-z0-9_]+)\s{2,}(\S.*)$")
GIVES_LINE = re.compile(r"^\s+gives:\s*(.*)$")
MORE_LINE = re.compile(r"^\s{6,}((?:llm|LLM)__\w+.*)$")


def read_index(lines, first_section):
    """[(name, purpose)] and {name: set of given privates} from the index
    comment before the first section; None when there is no index."""
    try:
        start = next(i for i in range(first_section - 1, -1, -1) if INDEX_START in lines[i])
    except StopIteration:
        return None, None
    order, gives, last = [], {}, None
    for line in lines[start + 1:first_section]:
        if line.strip().startswith("*/"):
            break
        m = INDEX_LINE.match(line)
        g = GIVES_LINE.match(line) or (MORE_LINE.match(line) if last and gives.get(last) else None)
        if m and not line.strip().startswith("gives:"):
            last = m.group(1)
            order.append((m.group(1), m.group(2).strip()))
        elif g and last:
            gives.setdefault(last, set()).update(x.strip() for x in g.group(1).split(",") if x.strip())
    return order, gives


def check(path, want_list=False, want_graph=False):
    """The violations of the file at `path`, as lines (empty: it reads down)."""
    lines, sections = read_sections(path)
    order = {s[0]: k for k, s in enumerate(sections)}
    problems = []
    index, gives = read_index(lines, sections[0][2])
    if index is None:
        problems.append("%s: no index (a comment with %r before the first section)" % (path, INDEX_START))
        gives = {}
    else:
        marked = [(s[0], s[1]) for s in sections]
        for k in range(max(len(index), len(marked))):
            a = index[k] if k < len(index) else ("(nothing)", "")
            b = marked[k] if k < len(marked) else ("(nothing)", "")
            if a != b:
                problems.append("%s: the index's entry %d is >>%s: %s, the markers' is >>%s: %s"
                                % (path, k + 1, a[0], a[1], b[0], b[1]))
                break
    code = {}
    owner = {}
    for name, purpose, a, b in sections:
        code[name] = blank_comments_and_strings("\n".join(lines[a:b]))
        for d in top_level_definitions(code[name]):
            owner.setdefault(d, name)  # defined in two sections (#if/#else): the first one owns it
    if want_list:
        for name, purpose, a, b in sections:
            print("%-16s %6d lines  %s" % (name, b - a, purpose))
    for home, names in sorted(gives.items()):
        for ident in sorted(names):
            if owner.get(ident) != home:
                problems.append("%s: the index says >>%s gives %s, which it does not define" % (path, home, ident))
    uses = {}
    used_given = set()
    for name, purpose, a, b in sections:
        for lineno, line in enumerate(code[name].split("\n"), start=a + 1):
            for m in IDENT.finditer(line):
                ident = m.group(0)
                home = owner.get(ident)
                if home is None or home == name:
                    continue
                uses.setdefault((name, home), set()).add(ident)
                if order[home] > order[name]:
                    problems.append("%s:%d: >>%s uses %s of >>%s, a later section" % (path, lineno, name, ident, home))
                elif ident.lower().startswith("llm__") and home not in EXPORTERS:
                    if ident in gives.get(home, ()):
                        used_given.add(ident)
                    else:
                        problems.append("%s:%d: >>%s uses %s, a private of >>%s that it does not give"
                                        % (path, lineno, name, ident, home))
    for home, names in sorted(gives.items()):
        for ident in sorted(names - used_given):
            if owner.get(ident) == home:
                problems.append("%s: the index says >>%s gives %s, which no section below uses" % (path, home, ident))
    if want_graph:
        for (user, home), idents in sorted(uses.items(), key=lambda kv: (order[kv[0][0]], order[kv[0][1]])):
            print(">>%s -> >>%s: %d names (%s)" % (user, home, len(idents), ", ".join(sorted(idents)[:6])))
    seen, out = set(), []
    for p in problems:
        key = p.split(": ", 1)[1]
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out, len(sections)


SELF_TEST_HEAD = """/* INDEX OF THE IMPLEMENTATION
   base   utilities
   low    a lower layer
          gives: llm__low_given
   high   a higher layer
*/
#if defined(LLM_IMPLEMENTATION) && !defined(LLM_IMPLEMENTATION_INCLUDED)
// >>base: utilities
static int llm__util(int x) { return x + 1; }
// >>low: a lower layer
static int llm__low_own(int x) { return llm__util(x); }
static int llm__low_given(int x) { return llm__low_own(x); }
int llm_low(int x) { return llm__low_given(x); }
// >>high: a higher layer
int llm_high(int x) { return llm_low(x) + llm__low_given(x) + llm__util(x); }
"""

def self_test():
    import os
    import tempfile
    failures = 0
    cases = [(SELF_TEST_HEAD, None, "a file that reads down"),
             (SELF_TEST_HEAD.replace("static int llm__util(int x) { return x + 1; }",
                                     "static int llm__util(int x) { return llm_high(x); }"),
              "uses llm_high of >>high, a later section", "an upward call"),
             (SELF_TEST_HEAD + "int llm_high2(int x) { return llm__low_own(x); }\n",
              "uses llm__low_own, a private of >>low that it does not give", "a private taken"),
             (SELF_TEST_HEAD.replace("int llm_low(int x) { return llm__low_given(x); }",
                                     "int llm_high3(int x);\nint llm_low(int x) { return llm_high3(x); }")
              + "int llm_high3(int x) { return x; }\n",
              "uses llm_high3 of >>high, a later section", "a forward declaration"),
             (SELF_TEST_HEAD.replace("   low    a lower layer", "   low    another purpose"),
              "the index's entry 2", "an index out of date"),
             (SELF_TEST_HEAD.replace("+ llm__low_given(x) ", ""),
              "gives llm__low_given, which no section below uses", "a given name nobody uses")]
    for text, want, what in cases:
        fd, path = tempfile.mkstemp(suffix=".h")
        with os.fdopen(fd, "w") as f:
            f.write(text)
        found, _ = check(path)
        os.unlink(path)
        ok = (not found) if want is None else any(want in p for p in found)
        print("%s self-test: %s%s" % ("ok  " if ok else "FAIL", what, "" if ok else ": " + "; ".join(found) or "nothing found"))
        failures += not ok
    return failures


def main():
    if "--self-test" in sys.argv:
        return 1 if self_test() else 0
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    path = args[0] if args else "llm.h"
    problems, count = check(path, "--list" in sys.argv, "--graph" in sys.argv)
    for p in problems:
        print(p)
    if problems:
        print("check_sections: %d problems in %d sections" % (len(problems), count))
        return 1
    print("check_sections: %d sections read down only" % count)
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Line and branch coverage of llm.h and its companion headers, per section.

Reads the JSON that `gcov -b --json-format --stdout` writes for each program
of `make coverage` (one file per .gcda, all in one folder), adds up the
counts of every program, and prints, per section, the share of lines and of
branches that ran. The sections of llm.h are its `// >>name:` markers, read
by tools/check_sections.py; a companion header (llm_*.h beside llm.h) is one
section named after it, or its own sections when it has `// >>` markers.
Lines of llm.h before its first section (inline code of the public half)
are the section "public".

A line counts when any program compiled code for it (gcc -O0 with
-fkeep-static-functions, so that a function no program calls still counts,
as lines never run); it is hit when it ran in any program. A branch is one
outcome of a conditional jump gcov reports on a line; it is taken when any
program took it. Nothing is excluded.

Usage: python3 tools/coverage.py JSON_DIR [--uncovered SECTION...]
  --uncovered  after the table, the lines of these sections that never ran
Ends with the line `coverage: lowest section N% (NAME)` (lines); exit 0
when it measured, 2 when there was nothing to read.
"""
import glob
import gzip
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import check_sections  # noqa: E402  (its reading of the `// >>` markers)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def load(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        text = f.read()
    # gcov --stdout writes one JSON document per data file; a folder file may hold several
    dec = json.JSONDecoder()
    i, docs = 0, []
    while i < len(text):
        while i < len(text) and text[i].isspace():
            i += 1
        if i >= len(text):
            break
        doc, i = dec.raw_decode(text, i)
        docs.append(doc)
    return docs


def headers():
    """The measured headers: llm.h and every llm_*.h beside it, by file name."""
    names = ["llm.h"] + sorted(os.path.basename(p) for p in glob.glob(os.path.join(ROOT, "llm_*.h")))
    return names


def sections_of(name):
    """[(section, first line, last line)] (1-based, inclusive) of a header."""
    path = os.path.join(ROOT, name)
    if name == "llm.h":
        lines, secs = check_sections.read_sections(path)
        out = [("public", 1, secs[0][2])]
        out += [(s[0], s[2] + 1, s[3]) for s in secs]
        return out
    lines = open(path, encoding="utf-8").read().split("\n")
    marks = [(i, check_sections.SECTION.match(l).group(1)) for i, l in enumerate(lines)
             if check_sections.SECTION.match(l)]
    stem = name[len("llm_"):-len(".h")]
    if not marks:
        return [(stem, 1, len(lines))]
    out = [(stem, 1, marks[0][0])] if marks[0][0] > 0 else []
    for k, (i, sec) in enumerate(marks):
        end = marks[k + 1][0] if k + 1 < len(marks) else len(lines)
        out.append((sec, i + 1, end))
    return out


def gather(json_dir, wanted):
    """{header: {line: [count, {branch index: count}]}} summed over every program."""
    cov = {h: {} for h in wanted}
    files = sorted(glob.glob(os.path.join(json_dir, "*.json")) + glob.glob(os.path.join(json_dir, "*.json.gz")))
    for path in files:
        for doc in load(path):
            cwd = doc.get("current_working_directory", ROOT)
            for f in doc.get("files", []):
                src = os.path.normpath(os.path.join(cwd, f["file"]))
                if os.path.dirname(src) != ROOT or os.path.basename(src) not in cov:
                    continue
                per = cov[os.path.basename(src)]
                # a line may come once per function on it (and once per program): sum the counts;
                # its branches are numbered in the order gcov lists them within one program
                seen = {}
                for ln in f["lines"]:
                    n = ln["line_number"]
                    entry = per.setdefault(n, [0, {}])
                    entry[0] += ln["count"]
                    base = seen.get(n, 0)
                    for k, br in enumerate(ln.get("branches", [])):
                        entry[1][base + k] = entry[1].get(base + k, 0) + br["count"]
                    seen[n] = base + len(ln.get("branches", []))
    return cov, len(files)


def pct(a, b):
    return 100.0 * a / b if b else 100.0


def main(argv):
    if len(argv) < 2:
        print(__doc__)
        return 2
    json_dir = argv[1]
    uncovered = argv[argv.index("--uncovered") + 1:] if "--uncovered" in argv else []
    wanted = headers()
    cov, nfiles = gather(json_dir, wanted)
    if nfiles == 0 or not any(cov.values()):
        print("coverage: no gcov data in %s" % json_dir)
        return 2
    rows = []
    for h in wanted:
        for sec, first, last in sections_of(h):
            lines = [n for n in cov[h] if first <= n <= last]
            if not lines and sec == "public":
                continue  # no code in the public half
            hit = sum(1 for n in lines if cov[h][n][0] > 0)
            brs = [c for n in lines for c in cov[h][n][1].values()]
            taken = sum(1 for c in brs if c > 0)
            rows.append((sec, h, hit, len(lines), taken, len(brs), sorted(n for n in lines if cov[h][n][0] == 0)))
    print("%-15s %-19s %8s %9s %13s %15s" % ("section", "file", "lines", "branches", "lines hit", "branches taken"))
    tl = th = tb = tt = 0
    for sec, h, hit, n, taken, nb, _ in rows:
        if not n:  # a header no measured program compiles: nothing to count, which is no 100%
            print("%-15s %-19s %8s %9s %13s %15s  (no measured program compiles it)" % (sec, h, "-", "-", "0/0", "0/0"))
            continue
        print("%-15s %-19s %7.1f%% %8.1f%% %6d/%-6d %7d/%-7d" % (sec, h, pct(hit, n), pct(taken, nb), hit, n, taken, nb))
        tl += n; th += hit; tb += nb; tt += taken
    print("%-15s %-19s %7.1f%% %8.1f%% %6d/%-6d %7d/%-7d" % ("all", "", pct(th, tl), pct(tt, tb), th, tl, tt, tb))
    for sec, h, hit, n, taken, nb, miss in rows:
        if sec in uncovered:
            print("\nlines of %s (%s) that never ran:" % (sec, h))
            src = open(os.path.join(ROOT, h), encoding="utf-8").read().split("\n")
            for m in miss:
                print("%s:%d: %s" % (h, m, src[m - 1].strip()))
    # a header no measured program compiles is 0% covered, not left out
    low = min(rows, key=lambda r: pct(r[2], r[3]) if r[3] else 0.0)
    print("coverage: lowest section %.1f%% (%s)" % (pct(low[2], low[3]) if low[3] else 0.0, low[0]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

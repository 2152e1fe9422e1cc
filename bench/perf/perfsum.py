#!/usr/bin/python3
"""Summarises `perf script` output (stacks recorded with --call-graph dwarf) of legate index:
where the time goes by pipeline stage (the innermost known stage function on the stack),
by library (the leaf's DSO), the heaviest Legate functions counting
their callees, and the top leaf functions with the stage they ran for.

  perf script -F ip,sym,dso -i perf.data | perfsum.py
"""
import collections, re, sys

# Innermost first wins: a stack is charged to the first of these found walking up from the leaf.
STAGES = [
    ("lg_extract_speakers", "speakers (extract)"), ("lg_extract_quotes", "quotations (extract)"),
    ("lg_minhash_of", "MinHash"), ("lg_dupes", "duplicate lookup"),
    ("lg_clean", "page cleaning"), ("lg_page_from_text", "page split"),
    ("lg_extract_title", "title/date/outlet"), ("lg_extract_date", "title/date/outlet"),
    ("lg_extract_outlet", "title/date/outlet"),
    ("lg_docbuild", "Xapian document build (tokenize, stem)"),
    ("xs_db_replace", "Xapian replace_document"), ("xs_db_commit", "Xapian commit"),
    ("xs_db_delete_term", "Xapian delete"),
    ("lg_store_put", "SQLite store (insert article, quotes, minhash)"),
    ("lg_store_commit", "SQLite commit"), ("lg_store_outbox", "sync (other)"),
    ("lg_sync", "sync (other)"), ("lg_derive", "derive (other)"),
    ("lg_jsonl_record", "JSONL parse"), ("lg_store_find", "SQLite lookup"),
    ("lg_index_run", "index (other)"),
]
STAGE = dict(STAGES)


def samples(lines):
    stack = []
    for line in lines:
        line = line.rstrip("\n")
        if not line.strip():
            if stack:
                yield stack
            stack = []
            continue
        m = re.match(r"\s*[0-9a-f]+ (.*) \((.*)\)$", line)
        if m:
            name = re.split(r"[<(+]", m.group(1))[0] or m.group(1)   # drop C++ template noise
            stack.append((name, m.group(2).rsplit("/", 1)[-1]))
    if stack:
        yield stack


def with_dsos(stacks):
    """An inlined frame belongs to the library of the next real frame up the stack."""
    for st in stacks:
        dso = None
        for i in range(len(st) - 1, -1, -1):
            if st[i][1] == "inlined":
                st[i] = (st[i][0], dso or "?")
            else:
                dso = st[i][1]
        yield st


def main():
    by_stage, by_dso, by_leaf = collections.Counter(), collections.Counter(), collections.Counter()
    incl = collections.Counter()
    n = 0
    for st in with_dsos(samples(sys.stdin)):
        n += 1
        incl.update({f for f, d in st if d == "legate"})
        stage = next((STAGE[f] for f, _ in st if f in STAGE), "start-up / other")
        leaf, dso = st[0]
        dso = "kernel" if "kernel" in dso else dso
        by_stage[stage] += 1
        by_dso[dso] += 1
        by_leaf[(leaf, dso, stage)] += 1
    print("%d samples\n\n| stage | share |\n|---|---|" % n)
    for s, c in by_stage.most_common():
        print("| %s | %.1f%% |" % (s, 100 * c / n))
    print("\n| library (leaf) | share |\n|---|---|")
    for s, c in by_dso.most_common(8):
        print("| %s | %.1f%% |" % (s, 100 * c / n))
    print("\n| Legate function (inclusive) | share |\n|---|---|")
    for f, c in incl.most_common(40):
        if f not in STAGE and c < 0.9 * n:
            print("| %s | %.1f%% |" % (f, 100 * c / n))
    print("\n| leaf function | library | for stage | share |\n|---|---|---|---|")
    for (f, d, s), c in by_leaf.most_common(15):
        print("| %s | %s | %s | %.1f%% |" % (f, d, s, 100 * c / n))


if __name__ == "__main__":
    main()

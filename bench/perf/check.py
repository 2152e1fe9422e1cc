#!/usr/bin/python3
"""Checks that the query set asks every system the same thing: runs each query once per
system and compares the number of matches and the top-10 ids with Legate's.

  check.py SIZE    (needs the indexes of `bench run SIZE --keep` in BENCH_DIR/runs/SIZE)

Prints per query kind: median matches per system, and how many queries' match counts are
within 10% of Legate's (--no-collapse, so syndicated copies count) and the mean overlap of
the top-10 sets. Differences expected: Porter (FTS5) and Snowball (Xapian, Legate) stem
differently, Legate's phrases are unstemmed, and tokenizers split differently.
"""
import collections, json, os, re, statistics, subprocess, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import runner


def legate(q, work, bin_):
    out = subprocess.run([bin_, "search", "--db", os.path.join(work, "legate"), "--no-collapse",
                          "--format", "json", "--limit", "10"] + q["legate"],
                         capture_output=True, text=True).stdout
    j = json.loads(out) if out else {"total": 0, "results": []}
    return j["total"], {r["source"].rsplit("#", 1)[1] for r in j["results"]}


def fts5(q, work):
    where = " AND " + q["where"] if q["where"] else ""
    sql = ("SELECT count(*) FROM t WHERE t MATCH '{m}'{w}; SELECT id FROM t WHERE t MATCH '{m}'{w}"
           " ORDER BY bm25(t) LIMIT 10;").format(m=q["match"], w=where)
    lines = subprocess.run(["sqlite3", os.path.join(work, "fts5.db"), sql], capture_output=True,
                           text=True).stdout.split()
    return int(lines[0]), set(lines[1:])


def quest(q, work, db):
    out = subprocess.run(["quest", "-d", os.path.join(work, db), "-m", "10", "-c", "100000000"]
                         + runner.QUEST_B + [q["quest"]], capture_output=True, text=True).stdout
    m = re.search(r"(\d+) matches", out)
    return int(m.group(1)) if m else 0, set(re.findall(r"url=/[^/]*/(.*)\.html", out))


def main():
    size = sys.argv[1]
    bin_ = os.environ.get("LEGATE", os.path.join(runner.HERE, "../../build/cli/legate"))
    work = os.path.join(runner.BENCH, "runs", size)
    qs = [json.loads(l) for l in open(os.path.join(runner.BENCH, "queries", size + ".jsonl"))]
    peers = {"fts5": lambda q: fts5(q, work)}
    for db in ("omindex", "xapian"):
        if os.path.isdir(os.path.join(work, db)):
            peers[db] = lambda q, db=db: quest(q, work, db)
    stats = collections.defaultdict(lambda: collections.defaultdict(list))
    for q in qs:
        n, ids = legate(q, work, bin_)
        stats[q["kind"]]["legate"].append(n)
        for name, f in peers.items():
            m, pids = f(q)
            s = stats[q["kind"]]
            s[name].append(m)
            s[name + " ~"].append(abs(m - n) <= 0.1 * max(n, 1))
            s[name + " top10"].append(len(ids & pids) / max(1, len(ids | pids)))
    head = ["kind", "legate"] + [c for p in peers for c in
                                 (p, p + " within 10%", p + " top-10 overlap")]
    print("| " + " | ".join(head) + " |\n" + "|---" * len(head) + "|")
    for kind, s in stats.items():
        row = [kind, "%g" % statistics.median(s["legate"])]
        for p in peers:
            row += ["%g" % statistics.median(s[p]), "%d/%d" % (sum(s[p + " ~"]), len(s[p + " ~"])),
                    "%.2f" % statistics.mean(s[p + " top10"])]
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()

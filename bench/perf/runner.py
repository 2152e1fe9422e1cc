#!/usr/bin/python3
"""Builds every system's index of one corpus and times its query set; prints the table.

  runner.py [--legate BIN] [--runs 3] [--skip SYSTEMS] SIZE...   (SIZE: 21k 200k 1m un)
  runner.py --table SIZE...                                     (only print saved results)

Per size, in BENCH_DIR/runs/<size>/ (rebuilt from scratch each time):
  fts5      sqlite3 CLI: .import of docs.csv into a temp table, then one transaction creating
            an FTS5 table (porter) and inserting every row
  xapian    xbuild.py (Python TermGenerator, positions, English stems)
  shards    two xbuild.py --shard I/2 at once, then xapian-compact -m (the two-core ceiling)
  omindex   omindex over html/ (not for 1m: no html tree)
  legate    legate index --quiet docs.jsonl; then legate export --format ndjson > /dev/null
Builds are timed with /usr/bin/time (elapsed, peak RSS); size is du of the index. Queries:
qtime runs the set once to warm up, then RUNS times, one process per query; p50 and p99 are
taken over the set in each run, and the median of the runs is reported. Results go to
results.json next to the indexes; the table is printed to stdout.
"""
import argparse, json, os, re, shutil, statistics, subprocess, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))
BENCH = os.environ.get("BENCH_DIR", "/tmp/legate-bench")
SYSTEMS = ["fts5", "legate", "xapian", "omindex", "shards"]   # the order they run in
QUEST_B = ["-b", "month:M", "-b", "year:Y", "-b", "outlet:P/"]
FTS5_SQL = """.import --csv --schema temp {csv} staging
BEGIN;
CREATE VIRTUAL TABLE t USING fts5(id UNINDEXED, date UNINDEXED, outlet UNINDEXED, title, text,
                                  tokenize='porter');
INSERT INTO t SELECT id, date, outlet, title, text FROM temp.staging;
COMMIT;
"""


def timed(cmd, tag, work, **kw):
    """Runs cmd under /usr/bin/time; returns (elapsed s, peak RSS MB, user + system CPU s)."""
    tf = os.path.join(work, tag + ".time")
    subprocess.run(["/usr/bin/time", "-f", "%e %M %U %S", "-o", tf] + cmd, check=True, **kw)
    secs, kb, user, sys_ = open(tf).read().split()[-4:]
    return float(secs), int(kb) / 1024, float(user) + float(sys_)


def du(path):
    return int(subprocess.run(["du", "-sb", path], capture_output=True, text=True,
                              check=True).stdout.split()[0]) / 1e6


def build(system, corpus, work, legate, ndocs):
    db = os.path.join(work, system)
    shutil.rmtree(db, ignore_errors=True)
    for f in (db + ".db",):
        if os.path.exists(f):
            os.remove(f)
    docs = os.path.join(corpus, "docs.jsonl")
    if system == "fts5":
        sql = os.path.join(work, "fts5.sql")
        open(sql, "w").write(FTS5_SQL.format(csv=os.path.join(corpus, "docs.csv")))
        secs, rss, cpu = timed(["sqlite3", db + ".db"], system, work, stdin=open(sql))
        return dict(secs=secs, rss=rss, cpu=cpu, mb=du(db + ".db"))
    if system == "xapian":
        secs, rss, cpu = timed(["/usr/bin/python3", HERE + "/xbuild.py", docs, db], system, work)
        return dict(secs=secs, rss=rss, cpu=cpu, mb=du(db))
    if system == "shards":
        t0 = time.monotonic()
        ps = [subprocess.Popen(["/usr/bin/time", "-f", "%e %M", "-o", "%s/shard%d.time" % (work, i),
                                "/usr/bin/python3", HERE + "/xbuild.py", docs,
                                "%s.%d" % (db, i), "--shard", "%d/2" % i]) for i in (0, 1)]
        if any(p.wait() for p in ps):
            raise RuntimeError("shard build failed")
        rss = max(int(open("%s/shard%d.time" % (work, i)).read().split()[-1]) / 1024 for i in (0, 1))
        subprocess.run(["xapian-compact", "-m", "-q", db + ".0", db + ".1", db], check=True,
                       stdout=subprocess.DEVNULL)
        secs = time.monotonic() - t0
        for i in (0, 1):
            shutil.rmtree("%s.%d" % (db, i))
        return dict(secs=secs, rss=rss, mb=du(db))
    if system == "omindex":
        html = os.path.join(corpus, "html")
        if not os.path.isdir(html):
            return None
        secs, rss, cpu = timed(["omindex", "--db", db, "--url", "/", html], system, work,
                               stdout=subprocess.DEVNULL)
        return dict(secs=secs, rss=rss, cpu=cpu, mb=du(db))
    if system == "legate":
        secs, rss, cpu = timed([legate, "--db", db, "index", "--quiet", docs], system, work)
        out = dict(secs=secs, rss=rss, cpu=cpu, mb=du(db),
                   mb_sqlite=du(os.path.join(db, "legate.sqlite")),
                   mb_xapian=du(os.path.join(db, "xapian")))
        err = os.path.join(work, "export.err")
        esecs, erss, _ = timed([legate, "--db", db, "export", "--format", "ndjson"], "export",
                            work, stdout=subprocess.DEVNULL, stderr=open(err, "w"))
        rows = int(re.search(r"exported (\d+)", open(err).read()).group(1))
        out.update(export_secs=esecs, export_rss=erss, export_rows=rows,
                   export_rows_s=rows / esecs)
        return out
    raise ValueError(system)


def commands(system, queries, work, legate):
    """The command lines (argv lists) of the query set for one system."""
    db = os.path.join(work, system)
    out = []
    for q in queries:
        if system == "legate":
            out.append([legate, "search", "--db", db, "--limit", "10"] + q["legate"])
        elif system in ("omindex", "xapian"):
            out.append(["quest", "-d", db, "-m", "10"] + QUEST_B + [q["quest"]])
        elif system == "fts5":
            where = " AND " + q["where"] if q["where"] else ""
            out.append(["sqlite3", db + ".db",
                        "SELECT id, date, outlet, title, snippet(t, 4, '[', ']', '…', 12) "
                        "FROM t WHERE t MATCH '%s'%s ORDER BY bm25(t) LIMIT 10;"
                        % (q["match"], where)])
    return out


def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


def time_queries(system, queries, work, legate, runs):
    cmds = commands(system, queries, work, legate)
    tsv = os.path.join(work, system + ".queries.tsv")
    with open(tsv, "w") as f:
        for c in cmds:
            f.write("\t".join(c) + "\n")
    out = subprocess.run([os.path.join(BENCH, "qtime"), str(runs), tsv], capture_output=True,
                         text=True, check=True).stdout
    per, cpu = {}, {}
    fails, empty = set(), set()
    for line in out.splitlines():
        p, i, ms, st, nbytes, cms = line.split()
        per.setdefault(int(p), []).append(float(ms))
        cpu.setdefault(int(p), []).append(float(cms))
        if int(st) >= 2:                      # legate exits 1 when nothing matched
            fails.add(int(i))
        if nbytes == "0" or st == "1":
            empty.add(int(i))
    return dict(p50=statistics.median(pct(v, 50) for v in per.values()),
                p99=statistics.median(pct(v, 99) for v in per.values()),
                mean=statistics.median(statistics.mean(v) for v in per.values()),
                cpu_p50=statistics.median(pct(v, 50) for v in cpu.values()),
                cpu_p99=statistics.median(pct(v, 99) for v in cpu.values()),
                failed=len(fails), empty=len(empty),
                failed_examples=[cmds[i][-1] for i in sorted(fails)[:3]])


def bench(size, a):
    corpus = os.path.join(BENCH, "corpus", size)
    work = os.path.join(BENCH, "runs", size)
    os.makedirs(work, exist_ok=True)
    ndocs = sum(1 for _ in open(os.path.join(corpus, "docs.jsonl")))
    queries = [json.loads(l) for l in open(os.path.join(BENCH, "queries", size + ".jsonl"))]
    resf = os.path.join(work, "results.json")
    res = json.load(open(resf)) if os.path.exists(resf) else {}
    res["docs"] = ndocs
    for s in SYSTEMS:
        if s in a.skip:
            continue
        print("[%s] %s: building" % (size, s), file=sys.stderr, flush=True)
        r = build(s, corpus, work, a.legate, ndocs)
        if r is None:
            res.pop(s, None)
            continue
        r["docs_s"] = ndocs / r["secs"]
        if "cpu" in r:
            r["docs_cpu_s"] = ndocs / r["cpu"]
        if s != "shards":
            print("[%s] %s: %d queries x (1 + %d)" % (size, s, len(queries), a.runs),
                  file=sys.stderr, flush=True)
            r.update(time_queries(s, queries, work, a.legate, a.runs))
        res[s] = r
        json.dump(res, open(resf, "w"), indent=1)
    if not a.keep:
        for s in ("xapian", "shards", "omindex"):
            shutil.rmtree(os.path.join(work, s), ignore_errors=True)
    return res


def fmt(x, unit=""):
    if x is None:
        return "—"
    return ("{:,.0f}" if x >= 100 else "{:.1f}" if x >= 10 else "{:.2f}").format(x) + unit


def table(results):
    """One markdown table: a row per system and size, then Legate's ratios."""
    rows = ["| size | system | build docs/s | docs per CPU-s | peak RSS MB | index MB | "
            "query p50 ms | p99 ms | CPU p50 / p99 ms | failed/empty |", "|---" * 10 + "|"]
    names = {"fts5": "SQLite FTS5 (sqlite3 CLI)", "xapian": "Xapian Python TermGenerator (quest)",
             "shards": "Xapian Python, 2 shards + compact", "omindex": "omindex (quest)",
             "legate": "legate index / search"}
    for size, r in results.items():
        for s in SYSTEMS:
            x = r.get(s)
            if not x:
                continue
            q = "p50" in x
            rows.append("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
                "%s (%s docs)" % (size, "{:,}".format(r["docs"])), names[s], fmt(x["docs_s"]),
                fmt(x.get("docs_cpu_s")), fmt(x["rss"]), fmt(x["mb"]),
                fmt(x.get("p50")) if q else "—", fmt(x.get("p99")) if q else "—",
                "%s / %s" % (fmt(x.get("cpu_p50")), fmt(x.get("cpu_p99"))) if q else "—",
                "%d/%d" % (x["failed"], x["empty"]) if q else "—"))
    rows += ["", "| size | legate build ÷ python-xapian | ÷ omindex | ÷ 2-shard ceiling | "
             "legate index ÷ FTS5 size | p50 ÷ quest (omindex) | p99 ÷ quest (omindex) | "
             "p50 ÷ quest (python idx) | p99 ÷ quest (python idx) | p50 ÷ sqlite3 | p99 ÷ sqlite3 | "
             "export rows/s (RSS MB) | CPU: build ÷ python-xapian | CPU p50 ÷ quest (omindex) | "
             "CPU p50 ÷ sqlite3 |", "|---" * 15 + "|"]
    for size, r in results.items():
        L = r.get("legate")
        if not L:
            continue
        def ratio(s, key, inv=False):
            x = r.get(s)
            if not x or key not in x:
                return "—"
            return "%.2f" % ((x[key] / L[key]) if inv else (L[key] / x[key]))
        rows.append("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s (%s) | %s | %s | %s |" % (
            size, ratio("xapian", "docs_s"), ratio("omindex", "docs_s"), ratio("shards", "docs_s"),
            ratio("fts5", "mb"), ratio("omindex", "p50"), ratio("omindex", "p99"),
            ratio("xapian", "p50"), ratio("xapian", "p99"), ratio("fts5", "p50"),
            ratio("fts5", "p99"), fmt(L.get("export_rows_s")), fmt(L.get("export_rss")),
            ratio("xapian", "docs_cpu_s"), ratio("omindex", "cpu_p50"), ratio("fts5", "cpu_p50")))
    return "\n".join(rows)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("sizes", nargs="+")
    ap.add_argument("--legate", default=os.path.join(HERE, "../../build/cli/legate"))
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--skip", default="", help="comma-separated systems not to rerun")
    ap.add_argument("--keep", action="store_true", help="keep the peers' indexes")
    ap.add_argument("--table", action="store_true", help="only print the saved results")
    a = ap.parse_args()
    a.legate = os.path.abspath(a.legate)
    a.skip = a.skip.split(",")
    results = {}
    for size in a.sizes:
        if a.table:
            results[size] = json.load(open(os.path.join(BENCH, "runs", size, "results.json")))
        else:
            results[size] = bench(size, a)
    print(table(results))


if __name__ == "__main__":
    main()

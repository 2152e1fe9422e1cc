#!/usr/bin/python3
"""Generates the fixed query set of one corpus: BENCH_DIR/queries/<size>.jsonl.

The words come from the corpus' own vocabulary (tokens of 3+ letters, apostrophes joining
as in Legate, a short stop list removed), chosen with a fixed seed:
  30 common (df >= 3% of articles), 30 mid (0.1%-1%), 30 rare (df 2 .. max(4, N/5000)),
  25 AND and 25 OR of two words (AND: two words of one article, common or mid; OR: mid or rare),
  25 two-word phrases taken from a random article, 20 date ranges and 20 outlet filters
  (a common or mid word; ranges of 1-3 months, or 1-3 years when the corpus has one date a
  year; outlets among the 20 largest).
Each line holds the query in every system's syntax:
  legate   argv after `legate search` (query, then --since/--until/--outlet)
  quest    the quest query string; booleans month:/year:/outlet: map to omindex's M, Y and P/
           terms (quest -b month:M -b year:Y -b outlet:P/), which xbuild.py writes too
  match    the FTS5 MATCH expression, and where: extra SQL conditions on date and outlet
"""
import argparse, collections, json, os, random, re

SEED = "legate-bench-queries-1"
STOP = set("""the and for that with was were are has have had this from its will not but which
said also been would could their they than more other into after before over about there these
those such only some what when where while who whom whose why how all any both each few most
may might must can shall should our out own same too very just now then once here under again
further off per upon within without his her him she you your yours it's mln pct""".split())
TOKEN = re.compile(r"[a-z0-9]+(?:['’][a-z0-9]+)*")    # o'donnell is one token, as in Legate
WORD = re.compile(r"[a-z]{3,}")
PAIR = re.compile(r"(?<![\w'’-])([a-z]{3,}) ([a-z]{3,})(?![\w'’-])")


def words(text):
    return {t for t in TOKEN.findall(text.lower()) if WORD.fullmatch(t)} - STOP
MIX = [("common", 30), ("mid", 30), ("rare", 30), ("and", 25), ("or", 25), ("phrase", 25),
       ("date", 20), ("outlet", 15)]


def load(path):
    docs, df = [], collections.Counter()
    with open(path, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            df.update(words(d["title"] + " " + d["text"]))
            docs.append((d["date"], d["outlet"], d["text"]))
    return docs, df


def months(a, b):
    """YYYY-MM strings from a to b inclusive."""
    y, m = map(int, a.split("-"))
    out = []
    while "%04d-%02d" % (y, m) <= b:
        out.append("%04d-%02d" % (y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


class Gen:
    def __init__(self, docs, df, rng):
        self.docs, self.df, self.rng, n = docs, df, rng, len(docs)
        self.band = {
            "common": sorted(w for w, c in df.items() if c >= 0.03 * n),
            "mid": sorted(w for w, c in df.items() if 0.001 * n <= c < 0.01 * n),
            "rare": sorted(w for w, c in df.items() if 2 <= c <= max(4, n // 5000)),
        }
        self.by_year = len({d[0][:7] for d in docs}) <= len({d[0][:4] for d in docs})
        self.outlets = [o for o, _ in collections.Counter(d[1] for d in docs).most_common(20)]

    def word(self, *bands):
        return self.rng.choice([w for b in bands for w in self.band[b]])

    def doc_words(self, bands, pred=lambda d: True):
        """Two distinct words of one random article (satisfying pred), in the given bands."""
        ok = set().union(*(self.band[b] for b in bands))
        while True:
            d = self.rng.choice(self.docs)
            if not pred(d):
                continue
            ws = sorted(words(d[2]) & ok)
            if len(ws) >= 2:
                return self.rng.sample(ws, 2), d

    def phrase(self):
        while True:
            d = self.rng.choice(self.docs)
            pairs = [p for p in PAIR.findall(d[2].lower()) if not (set(p) & STOP)]
            if pairs:
                return self.rng.choice(pairs)

    def one(self, kind):
        r = self.rng
        if kind in self.band:
            w = self.word(kind)
            return dict(legate=[w], quest=w, match=w)
        if kind == "and":
            (a, b), _ = self.doc_words(["common", "mid"])
            return dict(legate=["%s AND %s" % (a, b)], quest="%s AND %s" % (a, b),
                        match="%s AND %s" % (a, b))
        if kind == "or":
            a, b = self.word("mid", "rare"), self.word("mid", "rare")
            return dict(legate=["%s OR %s" % (a, b)], quest="%s OR %s" % (a, b),
                        match="%s OR %s" % (a, b))
        if kind == "phrase":
            a, b = self.phrase()
            q = '"%s %s"' % (a, b)
            return dict(legate=[q], quest=q, match=q)
        if kind == "date":
            (w, _), d = self.doc_words(["common", "mid"])
            span = r.randint(1, 3)
            if self.by_year:
                y0 = int(d[0][:4]) - r.randint(0, span - 1)
                lo, hi = str(y0), str(y0 + span - 1)
                quest = " ".join("year:%d" % y for y in range(y0, y0 + span))
                end = str(y0 + span)
            else:
                lo = d[0][:7]
                ms = months(lo, "9999-12")[:span + 1]
                hi, end = ms[span - 1], ms[span]
                quest = " ".join("month:" + m.replace("-", "") for m in ms[:span])
            return dict(legate=[w, "--since", lo, "--until", hi], quest="%s %s" % (w, quest),
                        match=w, where="date >= '%s' AND date < '%s'" % (lo, end))
        if kind == "outlet":
            o = r.choice(self.outlets)
            (w, _), _ = self.doc_words(["common", "mid"], lambda d: d[1] == o)
            return dict(legate=[w, "--outlet", o], quest="%s outlet:%s" % (w, o),
                        match=w, where="outlet = '%s'" % o)
        raise ValueError(kind)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("sizes", nargs="+")
    ap.add_argument("--dir", default=os.environ.get("BENCH_DIR", "/tmp/legate-bench"))
    a = ap.parse_args()
    os.makedirs(os.path.join(a.dir, "queries"), exist_ok=True)
    for size in a.sizes:
        docs, df = load(os.path.join(a.dir, "corpus", size, "docs.jsonl"))
        g = Gen(docs, df, random.Random("%s:%s" % (SEED, size)))
        out = os.path.join(a.dir, "queries", size + ".jsonl")
        with open(out, "w", encoding="utf-8") as f:
            for kind, n in MIX:
                for _ in range(n):
                    q = dict(kind=kind, where="")
                    q.update(g.one(kind))
                    q.update(df=[df.get(w, 0) for w in WORD.findall(q["match"])])
                    f.write(json.dumps(q) + "\n")
        print("%s: %d queries in %s (bands: %s)" % (size, sum(n for _, n in MIX), out,
              ", ".join("%s %d words" % (b, len(v)) for b, v in g.band.items())))


if __name__ == "__main__":
    main()

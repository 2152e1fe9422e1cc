#!/usr/bin/python3
"""Builds the benchmark corpora from ../shared/corpus into BENCH_DIR/corpus/<size>/.

Sizes: 21k (Reuters-21578 as it is), 200k and 1m (Reuters followed by varied copies: the
200k corpus is the first 200,000 articles of the 1m one), un (UN General Debate 2001-2024).
Each corpus directory gets, for the same articles in the same order:
  docs.jsonl  Legate's JSON Lines feed (text, id, date, title, outlet[, speaker]);
              also read by xbuild.py (Python Xapian) and queries.py
  docs.csv    id,date,outlet,title,text for sqlite3 .import (FTS5)
  html/       one HTML file per article for omindex: html/<outlet>/<id>.html, title in
              <title> and <h1>, mtime = the article's date (omindex makes its D/M/Y terms
              from it); not written for 1m (a million files; omindex is measured to 200k)
Output is deterministic: every random choice comes from random.Random seeded by a string.
"""
import argparse, calendar, csv, gzip, html, json, os, random, re, subprocess, sys, tarfile

SEED = "legate-bench-1"
SIZES = {"21k": None, "200k": 200_000, "1m": 1_000_000}
WORD = re.compile(r"[A-Za-z]+")
TOKEN = re.compile(r"[A-Za-z0-9]+")          # what a copy may have replaced (tables too)
SENT_SPLIT = re.compile(r"(?<=[.!?])\s+")


def reuters(src):
    """Yields dicts id,date,outlet,title,text in NEWID order from the 22 SGML files."""
    rec = re.compile(r"<REUTERS[^>]*NEWID=\"(\d+)\">(.*?)</REUTERS>", re.S)
    for n in range(22):
        raw = gzip.open(os.path.join(src, "reut2-%03d.sgm.gz" % n)).read().decode("latin-1")
        for m in rec.finditer(raw):
            d = reuters_record(m.group(1), m.group(2))
            if d["text"]:                        # one record (NEWID 12793) has no text at all
                yield d


def tag(body, name):
    m = re.search(r"<%s(?: [^>]*)?>(.*?)</%s>" % (name, name), body, re.S)
    return m.group(1) if m else None


def unsgml(s):
    s = re.sub(r"&#\d+;", " ", s)
    s = html.unescape(s)
    return re.sub(r"[\x00-\x08\x0b-\x1f\x7f]", " ", s)


MONTHS = {m.upper(): i for i, m in enumerate(calendar.month_abbr) if m}


def reuters_record(newid, body):
    d = tag(body, "DATE").strip()               # 26-FEB-1987 15:01:01.79
    day, mon, year = d.split()[0].split("-")
    date = "%s-%02d-%02d" % (year, MONTHS[mon], int(day))
    places = re.findall(r"<D>(.*?)</D>", tag(body, "PLACES") or "")
    title = unsgml(tag(body, "TITLE") or "").strip()
    text = tag(body, "BODY")
    if text is None:                             # BRIEF/UNPROC: text directly in <TEXT>
        text = re.sub(r"<[^>]+>", " ", tag(body, "TEXT") or "")
    text = unsgml(text).strip()
    text = re.sub(r"\s*Reuter\s*$", "", text)
    if not text.strip():
        text = title
    lines = [re.sub(r"\s+", " ", p).strip() for p in re.split(r"\n\s{3,}", text)]
    return {"id": "r" + newid, "date": date, "title": title,
            "outlet": places[0] if places else "world",
            "text": "\n\n".join(p for p in lines if p)}


def ungdc(src):
    """Yields the 2001-2024 General Debate speeches, outlet = ISO3 code, date YYYY-09-15."""
    speakers = {}
    with open(os.path.join(src, "speakers_by_session.csv"), encoding="utf-8") as f:
        for row in csv.DictReader(f):
            speakers[(row["ISO Code"], row["Session"])] = row["Name of Person Speaking"]
    with tarfile.open(os.path.join(src, "ungdc_2001-2024.tar.xz")) as tf:
        files = {os.path.basename(m.name)[:-4]: tf.extractfile(m).read()
                 for m in tf if m.isfile() and m.name.endswith(".txt")}
    for base in sorted(files):                            # RUS_77_2022
        iso, session, year = base.split("_")
        text = files[base].decode("utf-8", "replace").replace("\ufeff", "").replace("**", "")
        paras = [re.sub(r"\s+", " ", p).strip() for p in re.split(r"\n\s*\n|\n(?=\s)", text)]
        d = {"id": base, "date": "%s-09-15" % year, "outlet": iso,
             "title": "%s General Debate statement %s" % (iso, year),
             "text": "\n\n".join(p for p in paras if p)}
        sp = speakers.get((iso, session))
        if sp:
            d["speaker"] = sp
        yield d


class Varier:
    """Makes varied copies: sentences shuffled, 15% of words replaced by corpus words drawn by
    frequency (at least four in a short text), three invented words inserted (one new, two from the invented lexicon, biased to
    its older words so they recur), year shifted by the copy number. Enough change that MinHash
    over 5-shingles puts copies well under Legate's 0.5 duplicate threshold."""

    SYL = ["ka", "lo", "mi", "ren", "ta", "vo", "shu", "pel", "dar", "ni", "gor", "bex",
           "zu", "tal", "qui", "mor", "fen", "sa", "ul", "tri"]

    def __init__(self, docs):
        self.tokens = [w.lower() for d in docs for w in WORD.findall(d["text"]) if len(w) > 2]
        self.invented = []
        self.seen = set(self.tokens)

    def new_word(self, rng):
        """A word not in the corpus nor invented before (3-6 syllables: 68M words, enough
        for one per copy at any size here)."""
        while True:
            w = "".join(rng.choice(self.SYL) for _ in range(rng.randint(3, 6)))
            if w not in self.seen:
                self.seen.add(w)
                return w

    def vary_words(self, sents, rng, rate):
        """Replaces max(4, rate x words) words, at distinct random positions."""
        n = sum(len(TOKEN.findall(x)) for x in sents)
        pick = set(rng.sample(range(n), min(n, max(4, round(rate * n)))))
        i = -1
        def sub(m):
            nonlocal i
            i += 1
            return rng.choice(self.tokens) if i in pick else m.group(0)
        return [TOKEN.sub(sub, x) for x in sents]

    def copy(self, d, k):
        rng = random.Random("%s:%s:%d" % (SEED, d["id"], k))
        sents = [s for p in d["text"].split("\n\n") for s in SENT_SPLIT.split(p) if s]
        rng.shuffle(sents)
        sents = self.vary_words(sents, rng, 0.15)
        self.invented.append(self.new_word(rng))
        extra = [self.invented[-1]] + [self.invented[int(len(self.invented) * rng.random() ** 3)]
                                       for _ in range(2)]
        for w in extra:
            i = rng.randrange(len(sents))
            words = sents[i].split(" ")
            words.insert(rng.randrange(len(words) + 1), w)
            sents[i] = " ".join(words)
        paras, i = [], 0
        while i < len(sents):                       # regroup into paragraphs of 1-3 sentences
            n = rng.randint(1, 3)
            paras.append(" ".join(sents[i:i + n]))
            i += n
        y, rest = d["date"].split("-", 1)
        out = dict(d, id="%sc%d" % (d["id"], k), text="\n\n".join(paras),
                   title=self.vary_words([d["title"]], rng, 0.15)[0],
                   date="%d-%s" % (1987 + k % 38, rest))
        return out


def scaled(docs, n):
    v = Varier(docs)
    yield from docs
    count, k = len(docs), 1
    while count < n:
        for d in docs:
            if count >= n:
                return
            yield v.copy(d, k)
            count += 1
        k += 1


def write(docs, out, with_html):
    os.makedirs(out, exist_ok=True)
    n = 0
    with open(os.path.join(out, "docs.jsonl"), "w", encoding="utf-8") as j, \
         open(os.path.join(out, "docs.csv"), "w", encoding="utf-8", newline="") as c:
        w = csv.writer(c)
        w.writerow(["id", "date", "outlet", "title", "text"])
        for d in docs:
            j.write(json.dumps(d, ensure_ascii=False) + "\n")
            w.writerow([d["id"], d["date"], d["outlet"], d["title"], d["text"]])
            if with_html:
                write_html(out, d)
            n += 1
    return n


def write_html(out, d):
    path = os.path.join(out, "html", d["outlet"], d["id"] + ".html")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    paras = "".join("<p>%s</p>\n" % html.escape(p) for p in d["text"].split("\n\n"))
    with open(path, "w", encoding="utf-8") as f:
        f.write("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>%s</title></head>\n"
                "<body><h1>%s</h1>\n%s</body></html>\n"
                % (html.escape(d["title"]), html.escape(d["title"]), paras))
    t = calendar.timegm(tuple(map(int, d["date"].split("-"))) + (12, 0, 0))
    os.utime(path, (t, t))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("sizes", nargs="*", default=["21k", "200k", "un"],
                    help="21k 200k 1m un (default: 21k 200k un)")
    ap.add_argument("--shared", default=os.path.join(os.path.dirname(__file__), "../../../shared/corpus"))
    ap.add_argument("--out", default=os.environ.get("BENCH_DIR", "/tmp/legate-bench"))
    a = ap.parse_args()
    base = None
    for size in a.sizes:
        out = os.path.join(a.out, "corpus", size)
        if os.path.exists(os.path.join(out, "docs.jsonl")):
            print("%s: exists, kept (%s)" % (size, out), file=sys.stderr)
            continue
        if size == "un":
            docs = ungdc(os.path.join(a.shared, "ungdc"))
        elif size in SIZES:
            base = base or list(reuters(os.path.join(a.shared, "reuters21578")))
            docs = base if SIZES[size] is None else scaled(base, SIZES[size])
        else:
            sys.exit("unknown size %s" % size)
        subprocess.run(["rm", "-rf", out, out + ".tmp"], check=True)
        n = write(docs, out + ".tmp", size != "1m")
        os.rename(out + ".tmp", out)
        print("%s: %d articles in %s" % (size, n, out), file=sys.stderr)


if __name__ == "__main__":
    main()

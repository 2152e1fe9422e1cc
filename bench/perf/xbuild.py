#!/usr/bin/python3
"""Builds a Xapian index of docs.jsonl the way a Python user would: TermGenerator with the
English stemmer (unstemmed terms with positions plus Z stems, Xapian's default), the title
also under S, omindex's boolean terms (P/<outlet>, D<yyyymmdd>, M<yyyymm>, Y<yyyy>, Q<id>) so
the same quest command line searches both indexes, and a small document data record.

  xbuild.py DOCS.jsonl DB [--shard I/N]   (--shard: only every N-th article from the I-th)
"""
import argparse, json, xapian


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("docs")
    ap.add_argument("db")
    ap.add_argument("--shard", default="0/1")
    a = ap.parse_args()
    i, n = map(int, a.shard.split("/"))
    db = xapian.WritableDatabase(a.db, xapian.DB_CREATE_OR_OVERWRITE)
    tg = xapian.TermGenerator()
    tg.set_stemmer(xapian.Stem("english"))
    with open(a.docs, encoding="utf-8") as f:
        for k, line in enumerate(f):
            if k % n != i:
                continue
            d = json.loads(line)
            doc = xapian.Document()
            tg.set_document(doc)
            tg.index_text(d["title"], 1, "S")
            tg.index_text(d["title"])
            tg.increase_termpos()
            tg.index_text(d["text"])
            ymd = d["date"].replace("-", "")
            for t in ("P/" + d["outlet"], "D" + ymd, "M" + ymd[:6], "Y" + ymd[:4], "Q" + d["id"]):
                doc.add_boolean_term(t)
            doc.set_data("url=/%s/%s.html\ncaption=%s\nsample=%s\n"
                         % (d["outlet"], d["id"], d["title"], d["text"][:300]))
            db.add_document(doc)
    db.commit()


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""relevance_eval.py: trec_eval's measures, computed the way trec_eval 9.x
computes them with `-c -m map -m P.10,30 -m recall.100 -m ndcg_cut.10`.

- A run is, per query, a list of (docno, score). As trec_eval does, it is
  re-sorted by score descending, ties by docno descending (strcmp), and only
  the first 1000 count; a docno listed twice counts once (the first).
- Qrels map query -> {docno: gain}. Binary measures (MAP, P@k, recall@k)
  count a document relevant when its gain >= 1 (trec_eval's default
  relevance level); nDCG@10 uses the gain itself, discount log2(rank + 1),
  and the ideal ordering of every judged gain.
- `-c`: the mean is over every query of the qrels; a query without results
  scores 0. Queries without any relevant document are kept (they score 0).

Standalone: relevance_eval.py QRELS RUN (TREC formats: "qid 0 docno gain" and
"qid Q0 docno rank score tag") prints the measures.
"""
import math
import sys

MEASURES = ("MAP", "nDCG@10", "P@10", "P@30", "R@100")
DEPTH = 1000


def trec_order(results):
    """results [(docno, score)] in trec_eval's order, deduplicated, cut."""
    by_docno = sorted(results, key=lambda r: r[0], reverse=True)
    seen, out = set(), []
    for docno, _ in sorted(by_docno, key=lambda r: -r[1]):  # stable: ties keep docno order
        if docno not in seen:
            seen.add(docno)
            out.append(docno)
    return out[:DEPTH]


def query_measures(ranked, judged):
    """The measures of one query: ranked docnos, judged {docno: gain}."""
    nrel = sum(1 for g in judged.values() if g >= 1)
    hits, ap = 0, 0.0
    rel_at = []
    for i, d in enumerate(ranked, 1):
        rel = judged.get(d, 0) >= 1
        if rel:
            hits += 1
            ap += hits / i
        rel_at.append(hits)

    def found(k):
        return rel_at[min(k, len(rel_at)) - 1] if rel_at else 0

    dcg = sum(judged.get(d, 0) / math.log2(i + 2) for i, d in enumerate(ranked[:10])
              if judged.get(d, 0) > 0)
    ideal = sorted((g for g in judged.values() if g > 0), reverse=True)[:10]
    idcg = sum(g / math.log2(i + 2) for i, g in enumerate(ideal))
    return {
        "MAP": ap / nrel if nrel else 0.0,
        "nDCG@10": dcg / idcg if idcg else 0.0,
        "P@10": found(10) / 10,
        "P@30": found(30) / 30,
        "R@100": found(100) / nrel if nrel else 0.0,
    }


def evaluate(qrels, run):
    """Mean of each measure over the qrels' queries (trec_eval -c)."""
    totals = dict.fromkeys(MEASURES, 0.0)
    for qid, judged in qrels.items():
        m = query_measures(trec_order(run.get(qid, [])), judged)
        for k in MEASURES:
            totals[k] += m[k]
    return {k: v / len(qrels) for k, v in totals.items()}


def read_qrels(path):
    qrels = {}
    with open(path) as f:
        for line in f:
            qid, _, docno, gain = line.split()
            qrels.setdefault(qid, {})[docno] = int(gain)
    return qrels


def read_run(path):
    run = {}
    with open(path) as f:
        for line in f:
            qid, _, docno, _, score = line.split()[:5]
            run.setdefault(qid, []).append((docno, float(score)))
    return run


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: relevance_eval.py QRELS RUN")
    for k, v in evaluate(read_qrels(sys.argv[1]), read_run(sys.argv[2])).items():
        print(f"{k}\t{v:.4f}")

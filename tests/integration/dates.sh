# Date ranges against the dates themselves: every --since/--until and
# date:A..B over articles dated to the day, the month, the year or not at
# all, compared with the ids Python picks from the feed. A new index
# answers them with its year and month terms; the same index with its
# terms' key removed answers them with the value range, and must agree.
. "$(dirname "$0")/lib.sh"

python3 - "$WORK" <<'PY'
import json, random, sys
work = sys.argv[1]
rng = random.Random(11)

def slot(d):
    """The slot value of a date: YYYYMMDD, unknown parts 00."""
    parts = d.split("-") + ["00", "00"]
    return "".join(parts[:3])

def period(d, last):
    """The first (last) slot value of the period d names."""
    p = d.split("-")
    pad = "99" if last else "00"
    return "".join(p + [pad] * (3 - len(p)))

def rand_date():
    y = rng.randint(2021, 2025)
    m, day = rng.randint(1, 12), rng.randint(1, 28)
    return rng.choice(["%d-%02d-%02d" % (y, m, day)] * 4 + ["%d-%02d" % (y, m), "%d" % y])

with open(work + "/feed.jsonl", "w") as f:
    dates = {}
    for i in range(240):
        a = {"id": "d%d" % i, "title": "t%d" % i, "outlet": "O%d" % (i % 3),
             "text": "Report %d on the talks; item number %d of the series." % (i, i)}
        if i % 11 != 5:
            a["date"] = rand_date()
            dates[a["id"]] = a["date"]
        f.write(json.dumps(a) + "\n")

cases = [("2021-01-01", "2025-12-31"), ("2023", "2023"), ("2023-02", "2023-02"),
         ("2022-12-31", "2023-01-01"), ("2024-02-10", "2024-02-20"), ("2022-06", "2024"),
         ("1900", "2100"), ("2024", "2023"), ("2022-03-15", "2022-03-14")]
for _ in range(40):
    a, b = sorted([rand_date(), rand_date()], key=lambda d: period(d, 0))
    cases.append((a, b))
with open(work + "/cases.tsv", "w") as f:
    for a, b in cases:
        lo, hi = period(a, 0), period(b, 1)
        want = sorted(int(k[1:]) for k, d in dates.items() if lo <= slot(d) <= hi)
        f.write("%s\t%s\t%s\n" % (a, b, ",".join(map(str, want))))
PY
lg index --quiet "$WORK/feed.jsonl" || { echo "indexing failed"; exit 1; }

# The feed ids (d17 -> 17) of the records matching ARGS: a feed record's
# source is FILE#ID.
feed_ids() {
  lg export --format ndjson --no-collapse --fields source "$@" 2>/dev/null |
    jq -r '.source | capture("#d(?<n>[0-9]+)$").n' | sort -n | paste -sd, -
}

expect_eq "0" "$(xapian-metadata get "$LEGATE_DB/xapian" legate.date_terms_from)" "a new index has the date terms from the start"

run_cases() {
  while IFS=$'\t' read -r a b want; do
    expect_eq "$want" "$(feed_ids --since "$a" --until "$b")" "$1: --since $a --until $b"
    expect_eq "$want" "$(feed_ids "date:$a..$b")" "$1: date:$a..$b"
  done <"$WORK/cases.tsv"
}
run_cases "terms"
# Open ends stay value ranges either way; checked here against each other.
expect_eq "$(feed_ids --since 2023-05-05 --until 2100)" "$(feed_ids --since 2023-05-05)" "open end"

# An index without the key (one written before date terms) keeps the
# value range; so does one whose queue of rewrites is not applied yet.
xapian-metadata set "$LEGATE_DB/xapian" legate.date_terms_from ""
run_cases "value range"
xapian-metadata set "$LEGATE_DB/xapian" legate.date_terms_from 999999
run_cases "rewrites pending"

# An upgrade from schema 7 (no key; every article queued by migration 8):
# the next index run says it rewrites them first, and takes the terms
# from the generation that holds the last of them.
sqlite3 "$LEGATE_DB/legate.sqlite" "PRAGMA user_version = 7"
xapian-metadata set "$LEGATE_DB/xapian" legate.date_terms_from ""
expect_exit 0 lg index "$WORK/feed.jsonl"
expect_grep "first writing 240 earlier changes to the search index" "$WORK/err" "the upgrade's rewrite is announced"
from=$(xapian-metadata get "$LEGATE_DB/xapian" legate.date_terms_from)
applied=$(xapian-metadata get "$LEGATE_DB/xapian" legate.applied_seq)
expect_eq "1 1" "$([ "$from" -gt 240 ] && echo 1) $([ "$applied" -ge "$from" ] && echo 1)" "date terms from the rewrite's generation ($from, applied $applied)"
run_cases "upgraded"
expect_exit 0 lg index "$WORK/feed.jsonl"
expect_eq "" "$(grep 'earlier changes' "$WORK/err")" "nothing to rewrite on the next run"
finish

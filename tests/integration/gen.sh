# Generated inputs for the fault and concurrency tests (sourced after lib.sh).

# gen_feed FILE TAG N: N JSON Lines records, urls https://t.example/TAG/1..N,
# words varied by TAG so no two records are copies; each has a quotation.
gen_feed() {
  awk -v tag="$2" -v n="$3" 'BEGIN {
    split("talks ceasefire sanctions summit grain treaty border envoy dialogue security " \
          "energy trade delegation minister council resolution corridor nuclear visit aid", w, " ")
    srand(length(tag) * 7919 + n)
    for (i = 1; i <= n; i++) {
      text = ""
      for (j = 0; j < 40; j++) text = text w[int(rand() * 20) + 1] " "
      printf "{\"url\": \"https://t.example/%s/%d\", \"date\": \"2024-%02d-%02d\", " \
             "\"outlet\": \"Outlet %d\", \"speaker\": \"Sergei Lavrov\", " \
             "\"title\": \"Record %s %d\", \"text\": \"%s %s. Lavrov said: \\\"We will discuss %s %d %s.\\\" " \
             "%s\"}\n", tag, i, i % 12 + 1, i % 28 + 1, i % 7, tag, i, tag, text,
             tag, i, w[i % 20 + 1], text
    }
  }' > "$1"
}

# sqlite_q SQL: a value from the database's SQLite file (read-only).
sqlite_q() {
  sqlite3 -readonly -cmd ".timeout 10000" "$LEGATE_DB/legate.sqlite" "$1"
}

# xapian_articles: how many articles search sees (Xapian), copies not collapsed.
xapian_articles() {
  lg search --format json --limit 1 --no-collapse | jq -r .total
}

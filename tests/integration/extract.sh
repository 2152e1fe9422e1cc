# Messy pages in, clean articles out (issue 3): cleaning, title, date,
# outlet, speakers, provenance, HTML input, aliases, undated articles.
. "$(dirname "$0")/lib.sh"
A=$FIX/articles
expect_exit 0 lg index "$A" "$FIX/pages"
show() { lg show --format json "$(id_of "$1")"; }
field() { show "$1" | jq -r ".$2 | if type == \"array\" then join(\"|\") else (. // \"null\") end"; }

# Cleaning: furniture is gone, a repeated paragraph appears once, content stays.
for junk in telegram night_theme "Views:" "Ссылка скопирована" "Liked the story"; do
  CHECKS=$((CHECKS + 1))
  show caliber-lavrov-dialogue.txt | jq -e --arg j "$junk" '.text | contains($j) | not' >/dev/null ||
    fail "caliber page still shows '$junk'"
done
for junk in "Legal Disclaimer" "Most popular stories" "Crypto Exchange" "Sorry!!" "doesn't exist"; do
  CHECKS=$((CHECKS + 1))
  show menafn-balance.txt | jq -e --arg j "$junk" '.text | contains($j) | not' >/dev/null ||
    fail "menafn page still shows '$junk'"
done
expect_eq 1 "$(show menafn-balance.txt | jq '.text | [match("contacts with Washington over Ukraine"; "g")] | length')" "repeated paragraph kept once"
expect_eq 1 "$(show zakharova-sanctions.txt | jq '[(.text | contains("Sanctions have never worked against us")), (.text | contains("Leave a Reply") | not)] | all | if . then 1 else 0 end')" "zakharova content kept, furniture dropped"
expect_exit 0 lg show --raw "$(id_of caliber-lavrov-dialogue.txt)"
expect_grep "night_theme" "$WORK/out" "the raw input is kept"
expect_eq "true" "$(lg show --format json "$(id_of menafn-balance.txt)" | jq '.format == "text"')" "format"

# Titles are the headlines, not labels or menus.
expect_eq "Lavrov says Moscow is open to negotiations on the root causes of the conflict" "$(field caliber-lavrov-dialogue.txt title)" "title after menus"
expect_eq "Lavrov: Moscow seeks a balance of interests with Washington" "$(field menafn-balance.txt title)" "title after error debris"
expect_eq "China calls for a ceasefire and peace talks" "$(field wang-yi-ceasefire.txt title)" "title after a breadcrumb"
expect_eq "Zakharova: new sanctions will not change Moscow's course" "$(field zakharova-sanctions.txt title)" "title after a section label"

# Dates: stated ones with their precision and source; none is never guessed.
expect_eq "2024-12-26 minute dateline" "$(show caliber-lavrov-dialogue.txt | jq -r '"\(.date) \(.date_precision) \(.date_source)"')" "dateline with time"
expect_eq "2025-05-14 day header" "$(show menafn-balance.txt | jq -r '"\(.date) \(.date_precision) \(.date_source)"')" "scraper header date"
expect_eq "2024-07-16 day dateline" "$(show wang-yi-ceasefire.txt | jq -r '"\(.date) \(.date_precision) \(.date_source)"')" "weekday dateline"
expect_eq "null unknown" "$(show zakharova-sanctions.txt | jq -r '"\(.date) \(.date_precision)"')" "no date stated: unknown"
expect_eq "$(id_of zakharova-sanctions.txt)" "$(ids date:none)" "date:none finds the undated article"
expect_eq "$(id_of zakharova-sanctions.txt)" "$(ids --undated)" "--undated"

# Outlets from signatures; speakers from speech.
expect_eq "MENAFN dateline" "$(show menafn-balance.txt | jq -r '"\(.outlet) \(.outlet_source)"')" "(MENAFN) signature"
expect_eq "Sergei Lavrov" "$(field caliber-lavrov-dialogue.txt speaker)" "speaker with title"
expect_eq "Sergei Lavrov" "$(field menafn-balance.txt speaker)" "one speaker across spellings, shown as first seen"
expect_eq "Wang Yi" "$(field wang-yi-ceasefire.txt speaker)" "Chinese name"
expect_eq "Maria Zakharova" "$(field zakharova-sanctions.txt speaker)" "spokeswoman"
expect_eq "body" "$(field zakharova-sanctions.txt speaker_source)" "speaker source"

# HTML: markup metadata wins, furniture markup is dropped.
expect_eq "Kuleba: security guarantees must come first" "$(field kuleba-briefing.html title)" "og:title without the site name"
expect_eq "2023-09-14 meta" "$(show kuleba-briefing.html | jq -r '"\(.date) \(.date_source)"')" "published_time"
expect_eq "Kyiv Ledger meta" "$(show kuleba-briefing.html | jq -r '"\(.outlet) \(.outlet_source)"')" "og:site_name"
expect_eq "Dmytro Kuleba" "$(field kuleba-briefing.html speaker)" "HTML speaker"
expect_eq "html" "$(field kuleba-briefing.html format)" "HTML format"
for junk in "Parliament passes budget" "Copy link" "All rights reserved" "analytics" "color: red"; do
  CHECKS=$((CHECKS + 1))
  show kuleba-briefing.html | jq -e --arg j "$junk" '.text | contains($j) | not' >/dev/null ||
    fail "HTML page still shows '$junk'"
done

# Snippets show the article, never the furniture around it.
CHECKS=$((CHECKS + 1))
lg search --format json --limit 0 lavrov | jq -e '[.results[].snippet | test("night_theme|telegram|Disclaimer|Views:")] | any | not' >/dev/null ||
  fail "a snippet shows furniture"

# Speakers across spellings, scripts and aliases.
expect_eq "$(ids speaker:lavrov)" "$(ids speaker:sergei)" "speaker:sergei = speaker:lavrov"
expect_eq "$(ids speaker:lavrov)" "$(ids speaker:лавров)" "speaker:лавров = speaker:lavrov"
expect_exit 0 lg alias add speaker "Maria Zakharova" "M. V. Zakharova"
expect_eq "$(id_of zakharova-sanctions.txt)" "$(ids 'speaker:"M. V. Zakharova"')" "an alias finds the speaker"
printf 'Spokeswoman Masha Zakharova said the talks were over.\n' >"$WORK/masha.txt"
lg index --quiet "$WORK/masha.txt"
masha=$(id_of masha.txt)
expect_eq "Masha Zakharova" "$(lg show --format json "$masha" | jq -r .speaker)" "a new spelling is a new speaker"
expect_exit 0 lg alias add speaker "Maria Zakharova" "Masha Zakharova"
expect_grep "1 articles merged" "$WORK/err" "merge reported"
expect_eq "Maria Zakharova" "$(lg show --format json "$masha" | jq -r .speaker)" "merged into the canonical speaker"
expect_eq "$(echo "$(id_of zakharova-sanctions.txt) $masha" | tr ' ' '\n' | sort -n | paste -sd, -)" "$(ids speaker:maria)" "merged articles found under the canonical name"
expect_exit 0 lg alias list speaker
expect_grep "Maria Zakharova	masha zakharova" "$WORK/out" "alias list"
printf '# kind, canonical, aliases\noutlet\tMENAFN\tMiddle East North Africa Financial Network\n' >"$WORK/aliases.tsv"
expect_exit 0 lg alias add --file "$WORK/aliases.tsv"
expect_eq "$(id_of menafn-balance.txt)" "$(ids 'outlet:"Middle East North Africa Financial Network"')" "alias file"
printf 'bogus line\n' >"$WORK/bad.tsv"
expect_exit 2 lg alias add --file "$WORK/bad.tsv"
expect_grep "bad.tsv:1:" "$WORK/err" "alias file error names the line"
finish

# shellcheck shell=bash
# The manual pages doc/legate.1 and doc/legate-query.7: they render without
# warnings, and they cannot drift from the binary. Every command of
# `legate --help` has a .SS under COMMANDS, every option any `legate CMD
# --help` prints is on legate.1, every option a command's section lists is
# one that command prints, every output field and JSON key the binary writes
# is under OUTPUT FORMATS, every query field is under FIELDS of
# legate-query.7, and the environment variables and exit codes of the help
# are under ENVIRONMENT and EXIT STATUS.
#
# Rendering needs groff (through man-db's `man` when it is there); nothing is
# installed: without groff the drift checks still run, then the script says
# "no man/groff: page not rendered" and exits 77 (meson's skip code).
. "$(dirname "$0")/lib.sh"

PAGE1=$SRC/doc/legate.1
PAGE7=$SRC/doc/legate-query.7

check() {  # check CONDITION-STATUS MESSAGE: counts one check
  CHECKS=$((CHECKS + 1))
  [ "$1" -eq 0 ] || fail "$2"
}

for p in "$PAGE1" "$PAGE7"; do
  CHECKS=$((CHECKS + 1))
  [ -r "$p" ] || { fail "$p: missing"; finish; exit 1; }
done

# The page as plain words: \- is -, font escapes and quotes dropped.
plain() {
  sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' -e 's/\\f(CR//g' -e 's/\\(dq/"/g' -e 's/\\(aq/'"'"'/g' "$@"
}

# section FILE NAME: the lines of `.SH NAME` up to the next .SH, plain.
section() {
  plain "$1" | awk -v want="$2" '
    /^\.SH / { s = substr($0, 5); gsub(/"/, "", s); on = (s == want); next }
    on { print }'
}

# has_word WORD: standard input holds WORD, not as part of a longer name.
has_word() {
  grep -qE -- "(^|[^A-Za-z0-9_-])$(printf '%s' "$1" | sed 's/[.[\*^$]/\\&/g')([^A-Za-z0-9_-]|$)"
}

# ---- sections ----------------------------------------------------------
for s in NAME SYNOPSIS DESCRIPTION COMMANDS "OUTPUT FORMATS" ENVIRONMENT FILES \
         "EXIT STATUS" EXAMPLES "SEE ALSO"; do
  grep -qE "^\.SH \"?$s\"?\$" "$PAGE1"
  check $? "legate.1 has no .SH $s"
done
grep -q 'legate-query (7)\|legate\\-query (7)' "$PAGE1"
check $? "legate.1 does not refer to legate-query(7)"
for s in NAME DESCRIPTION FIELDS DATES ERRORS LIMITS "SEE ALSO"; do
  grep -qE "^\.SH \"?$s\"?\$" "$PAGE7"
  check $? "legate-query.7 has no .SH $s"
done

# ---- commands and options ------------------------------------------------
lg --help >"$WORK/help" 2>&1
check $? "legate --help failed"
COMMANDS=$(awk '/^commands:/ { on = 1; next } on && /^$/ { on = 0 } on && /^  [a-z]/ { print $1 }' "$WORK/help")
[ -n "$COMMANDS" ]
check $? "no commands found in legate --help"

# The .SS titles under COMMANDS, and the options of each one's .TP/.TQ heads.
section "$PAGE1" COMMANDS | awk '
  /^\.SS / { cmd = $2; gsub(/"/, "", cmd); print "SS " cmd; next }
  /^\.T[PQ]/ { head = 1; next }
  head { head = 0; n = split($0, w, /[^A-Za-z0-9-]+/)
         for (i = 1; i <= n; i++) if (w[i] ~ /^--?[a-z0-9]/) print "OPT " cmd " " w[i] }' \
  >"$WORK/page-commands"
plain "$PAGE1" >"$WORK/page1"

for cmd in $COMMANDS; do
  grep -qx "SS $cmd" "$WORK/page-commands"
  check $? "legate.1: no .SS $cmd under COMMANDS"
  lg "$cmd" --help >"$WORK/help-$cmd" 2>&1
  check $? "legate $cmd --help failed"
  # Long options anywhere in the help, and short forms heading an option line.
  { grep -oE -- '--[a-z][a-z0-9-]*' "$WORK/help-$cmd"
    grep -oE -- '^ +-[A-Za-z0-9],' "$WORK/help-$cmd" | tr -d ' ,'
  } | sort -u >"$WORK/opts-$cmd"
  while read -r opt; do
    has_word "$opt" <"$WORK/page1"
    check $? "legate.1 does not document $opt (legate $cmd --help prints it)"
  done <"$WORK/opts-$cmd"
done

# Nothing on the page that the binary lacks.
while read -r kind cmd opt; do
  case $kind in
    SS)
      grep -qx -- "$cmd" <<<"$COMMANDS"
      check $? "legate.1 documents a command '$cmd' that legate --help does not list" ;;
    OPT)
      [ -f "$WORK/opts-$cmd" ] && grep -qx -- "$opt" "$WORK/opts-$cmd"
      check $? "legate.1 lists $opt under '$cmd', which legate $cmd --help does not print" ;;
  esac
done <"$WORK/page-commands"

# Environment variables and exit codes the help names.
section "$PAGE1" ENVIRONMENT >"$WORK/page-env"
cat "$WORK"/help* | grep -oE '\$[A-Z][A-Z_]+|NO_COLOR' | tr -d '$' | sort -u >"$WORK/env"
while read -r var; do
  has_word "$var" <"$WORK/page-env"
  check $? "legate.1: $var (named by --help) is not under ENVIRONMENT"
done <"$WORK/env"
section "$PAGE1" "EXIT STATUS" >"$WORK/page-exit"
sed -n '/^Exit codes:/,$p' "$WORK/help" | grep -oE '(^|[ :,])[0-9]+ [a-z]' | grep -oE '[0-9]+' |
  sort -u >"$WORK/codes"
[ -s "$WORK/codes" ]
check $? "no exit codes found in legate --help"
while read -r code; do
  grep -qx "\.B $code" "$WORK/page-exit"
  check $? "legate.1: exit status $code is not under EXIT STATUS"
done <"$WORK/codes"

# ---- output fields ---------------------------------------------------------
# A one-article database, so every command has something to print.
printf 'Lavrov said: "We are open to talks," in Moscow.\n' >"$WORK/a.txt"
lg index --quiet --outlet TASS --speaker "Sergey Lavrov" --date 2024-05-01 "$WORK/a.txt" \
  >/dev/null 2>&1
check $? "legate index of a one-line article failed"
{
  lg search --format csv --limit 1 | head -n 1 | tr -d '\r' | tr ',' '\n'
  lg quotes --format csv --limit 1 | head -n 1 | tr -d '\r' | tr ',' '\n'
  for c in "show 1" "stats" "count --by outlet" "timeline"; do
    # shellcheck disable=SC2086
    lg $c --format json | grep -oE '"[a-z_]+":' | tr -d '":'
  done
} 2>/dev/null | sort -u >"$WORK/fields"
[ "$(wc -l <"$WORK/fields")" -gt 20 ]
check $? "too few output fields found ($(wc -l <"$WORK/fields"))"
section "$PAGE1" "OUTPUT FORMATS" >"$WORK/page-out"
while read -r field; do
  has_word "$field" <"$WORK/page-out"
  check $? "legate.1: output field '$field' is not under OUTPUT FORMATS"
done <"$WORK/fields"

# The query fields, as the parser lists them in its error.
lg search 'zz_no_such_field:x' >/dev/null 2>"$WORK/qerr"
sed -n 's/.*(fields: \(.*\)).*/\1/p' "$WORK/qerr" | tr -d ' ' | tr ',' '\n' >"$WORK/qfields"
[ -s "$WORK/qfields" ]
check $? "no query fields in: $(cat "$WORK/qerr")"
# Each heads an entry (.TP) under FIELDS.
section "$PAGE7" FIELDS | awk '/^\.TP/ { head = 1; next } head { head = 0; print }' \
  >"$WORK/page-fields"
while read -r f; do
  grep -qE -- "^\.B[IR]? $f:" "$WORK/page-fields"
  check $? "legate-query.7: no entry for the field $f: under FIELDS"
done <"$WORK/qfields"

# ---- rendering -------------------------------------------------------------
# Any warning (of groff, tbl, man) fails; the page width is fixed so line
# breaking is the same everywhere.
# C.UTF-8 is built into glibc 2.35 and later; elsewhere C avoids man's
# "can't set the locale" (the pages then render without their Cyrillic).
LOC=C.UTF-8
locale -a 2>/dev/null | grep -qix 'c\.utf-\?8' || LOC=C
render() {
  if command -v man >/dev/null 2>&1; then
    # shellcheck disable=SC2069  # the warnings (stderr) are the output
    LC_ALL=$LOC MANWIDTH=80 man --warnings -l -E UTF-8 "$1" 2>&1 >/dev/null
  fi
  groff -k -man -Tutf8 -ww -z "$1" 2>&1
}

if ! command -v groff >/dev/null 2>&1; then
  echo "no man/groff: page not rendered"
  finish || exit 1
  exit 77
fi
for p in "$PAGE1" "$PAGE7"; do
  render "$p" >"$WORK/warnings"
  [ ! -s "$WORK/warnings" ]
  check $? "$(basename "$p") renders with warnings: $(head -n 5 "$WORK/warnings")"
done
finish

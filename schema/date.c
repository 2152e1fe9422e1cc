#include "date.h"

#include <string.h>
#include <utf8proc.h>

/*
 * A cursor over the text being parsed. On failure `at` is left on the
 * offending byte: the first non-digit where digits were due, or the start
 * of a number that is out of range (in "2024-13" the month as a whole is
 * wrong, not its second digit).
 */
typedef struct {
    const char *s;
    size_t len, at;
} cursor;

static int accept(cursor *c, char ch)
{
    if (c->at < c->len && c->s[c->at] == ch) {
        c->at++;
        return 1;
    }
    return 0;
}

static int digit_at(const cursor *c)
{
    return c->at < c->len && c->s[c->at] >= '0' && c->s[c->at] <= '9';
}

/* From min to max digits (as many as there are) forming a value in
 * [lo, hi]. */
static int number(cursor *c, int min, int max, int lo, int hi, int *out)
{
    size_t start = c->at;
    int v = 0, n = 0;
    for (; n < max && digit_at(c); n++, c->at++)
        v = v * 10 + (c->s[c->at] - '0');
    if (n < min)
        return 0;
    if (v < lo || v > hi) {
        c->at = start;
        return 0;
    }
    *out = v;
    return 1;
}

static int days_in_month(int year, int month)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return days[month - 1] + (month == 2 && leap);
}

/* At least one digit: the fraction of a second, of any precision. */
static int fraction(cursor *c)
{
    size_t start = c->at;
    while (c->at < c->len && c->s[c->at] >= '0' && c->s[c->at] <= '9')
        c->at++;
    return c->at > start;
}

/* Z, ±HH, ±HH:MM or ±HHMM, or nothing. Only checked: the local date is
 * what gets stored. */
static int zone(cursor *c)
{
    int hh, mm;
    if (accept(c, 'Z') || c->at == c->len)
        return 1;
    if (!accept(c, '+') && !accept(c, '-'))
        return 0;
    if (!number(c, 2, 2, 0, 23, &hh))
        return 0;
    if (c->at == c->len)
        return 1;
    accept(c, ':');
    return number(c, 2, 2, 0, 59, &mm);
}

/* HH:MM[:SS[.fff]] then the zone. */
static int time_of_day(cursor *c, lg_date *d)
{
    int ss;
    if (!number(c, 2, 2, 0, 23, &d->hour) || !accept(c, ':') || !number(c, 2, 2, 0, 59, &d->minute))
        return 0;
    if (accept(c, ':') && (!number(c, 2, 2, 0, 59, &ss) || (accept(c, '.') && !fraction(c))))
        return 0;
    return zone(c);
}

/* YYYY[-MM[-DD[(T| )time]]], filling d and its precision as far as it goes. */
static int date_parts(cursor *c, lg_date *d)
{
    if (!number(c, 4, 4, 1, 9999, &d->year))
        return 0;
    d->precision = LG_DATE_YEAR;
    if (!accept(c, '-'))
        return 1;
    if (!number(c, 2, 2, 1, 12, &d->month))
        return 0;
    d->precision = LG_DATE_MONTH;
    if (!accept(c, '-'))
        return 1;
    if (!number(c, 2, 2, 1, days_in_month(d->year, d->month), &d->day))
        return 0;
    d->precision = LG_DATE_DAY;
    if (!accept(c, 'T') && !accept(c, ' '))
        return 1;
    d->precision = LG_DATE_MINUTE;
    return time_of_day(c, d);
}

static const lg_date unknown = {0, 0, 0, -1, -1, LG_DATE_UNKNOWN};

int lg_date_parse_iso(const char *s, size_t len, lg_date *out, size_t *err_at)
{
    cursor c = {s, len, 0};
    lg_date d = unknown;
    if (date_parts(&c, &d) && c.at == len) {
        *out = d;
        return 0;
    }
    *out = unknown;
    if (err_at)
        *err_at = c.at;
    return -1;
}

/* ---- Dates in free text ---------------------------------------------
 *
 * Each form below reads from the cursor and returns 1 with the cursor
 * after what it read, or 0 leaving the cursor anywhere: the caller restarts
 * from where it began. Optional parts (a time, an ordinal suffix, "г.")
 * restore the cursor themselves when absent.
 */

/* Years a news page dates itself with; also keeps "may 5000 troops" out. */
#define TEXT_YEAR_MIN 1900
#define TEXT_YEAR_MAX 2099

/* The code point at the cursor (-1 at the end or on a stray byte) and its
 * length in bytes. */
static size_t peek_cp(const cursor *c, utf8proc_int32_t *cp)
{
    *cp = -1;
    if (c->at >= c->len)
        return 0;
    utf8proc_ssize_t n =
        utf8proc_iterate((const utf8proc_uint8_t *)c->s + c->at, (utf8proc_ssize_t)(c->len - c->at), cp);
    return n > 0 ? (size_t)n : 1;
}

static int is_letter(utf8proc_int32_t cp)
{
    if (cp < 0)
        return 0;
    utf8proc_category_t k = utf8proc_category(cp);
    return k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_LO;
}

/* Han, kana and full-width forms: scripts written without spaces, where a
 * date stands glued to the words around it ("于2020年7月15日发布"). */
static int is_unspaced_script(utf8proc_int32_t cp)
{
    return (cp >= 0x3000 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFF00 && cp <= 0xFFEF) ||
           (cp >= 0xAC00 && cp <= 0xD7AF);
}

static int is_word(utf8proc_int32_t cp)
{
    return (is_letter(cp) && !is_unspaced_script(cp)) || (cp >= '0' && cp <= '9');
}

/* A date ends where a word would: "2024" in "2024x" or "20245" is no year. */
static int at_word_end(const cursor *c)
{
    utf8proc_int32_t cp;
    peek_cp(c, &cp);
    return !is_word(cp);
}

/* Skips spaces, the no-break space included; returns whether any. */
static int spaces(cursor *c)
{
    size_t start = c->at;
    for (;;) {
        if (accept(c, ' ') || accept(c, '\t'))
            continue;
        if (c->at + 1 < c->len && (unsigned char)c->s[c->at] == 0xC2 && (unsigned char)c->s[c->at + 1] == 0xA0) {
            c->at += 2;
            continue;
        }
        return c->at > start;
    }
}

/* Consumes a run of letters; returns its length in bytes. */
static size_t letters(cursor *c)
{
    size_t start = c->at, n;
    utf8proc_int32_t cp;
    while ((n = peek_cp(c, &cp)) > 0 && is_letter(cp))
        c->at += n;
    return c->at - start;
}

/* Whether the n bytes at s spell `lower` in any case (UTF-8 aware). */
static int same_word(const char *s, size_t n, const char *lower)
{
    cursor a = {s, n, 0}, b = {lower, strlen(lower), 0};
    while (a.at < a.len && b.at < b.len) {
        utf8proc_int32_t x, y;
        a.at += peek_cp(&a, &x);
        b.at += peek_cp(&b, &y);
        if (x < 0 || utf8proc_tolower(x) != y)
            return 0;
    }
    return a.at == a.len && b.at == b.len;
}

typedef struct {
    const char *name;  /* lower case */
    int value;
    int abbr;          /* may take a dot: "Dec.", "Tue." */
} named;

/* Month names of the languages news pages date themselves in; one entry
 * per spelling (a name two languages share is listed once). */
static const named months[] = {
    /* English, in full or three letters ("Sept" too). */
    {"january", 1, 0}, {"jan", 1, 1}, {"february", 2, 0}, {"feb", 2, 1}, {"march", 3, 0}, {"mar", 3, 1},
    {"april", 4, 0}, {"apr", 4, 1}, {"may", 5, 0}, {"june", 6, 0}, {"jun", 6, 1}, {"july", 7, 0},
    {"jul", 7, 1}, {"august", 8, 0}, {"aug", 8, 1}, {"september", 9, 0}, {"sept", 9, 1}, {"sep", 9, 1},
    {"october", 10, 0}, {"oct", 10, 1}, {"november", 11, 0}, {"nov", 11, 1}, {"december", 12, 0},
    {"dec", 12, 1},
    /* Russian: genitive after a day ("26 декабря 2024"), nominative
     * before a lone year ("декабрь 2024"). */
    {"января", 1, 0}, {"январь", 1, 0}, {"февраля", 2, 0}, {"февраль", 2, 0}, {"марта", 3, 0},
    {"март", 3, 0}, {"апреля", 4, 0}, {"апрель", 4, 0}, {"мая", 5, 0}, {"май", 5, 0}, {"июня", 6, 0},
    {"июнь", 6, 0}, {"июля", 7, 0}, {"июль", 7, 0}, {"августа", 8, 0}, {"август", 8, 0},
    {"сентября", 9, 0}, {"сентябрь", 9, 0}, {"октября", 10, 0}, {"октябрь", 10, 0}, {"ноября", 11, 0},
    {"ноябрь", 11, 0}, {"декабря", 12, 0}, {"декабрь", 12, 0},
    /* German, in full and as abbreviated ("Mär", "Okt.", "Dez"). */
    {"januar", 1, 0}, {"jänner", 1, 0}, {"jän", 1, 1}, {"februar", 2, 0}, {"märz", 3, 0}, {"mär", 3, 1},
    {"mai", 5, 0}, {"juni", 6, 0}, {"juli", 7, 0}, {"oktober", 10, 0}, {"okt", 10, 1},
    {"dezember", 12, 0}, {"dez", 12, 1},
    /* French ("1er mai", "févr."). */
    {"janvier", 1, 0}, {"janv", 1, 1}, {"février", 2, 0}, {"févr", 2, 1}, {"mars", 3, 0}, {"avril", 4, 0},
    {"avr", 4, 1}, {"juin", 6, 0}, {"juillet", 7, 0}, {"juil", 7, 1}, {"août", 8, 0}, {"septembre", 9, 0},
    {"octobre", 10, 0}, {"novembre", 11, 0}, {"décembre", 12, 0}, {"déc", 12, 1},
    /* Spanish and Portuguese ("16 de mayo de 2020"). */
    {"enero", 1, 0}, {"febrero", 2, 0}, {"marzo", 3, 0}, {"abril", 4, 0}, {"mayo", 5, 0}, {"junio", 6, 0},
    {"julio", 7, 0}, {"agosto", 8, 0}, {"septiembre", 9, 0}, {"setiembre", 9, 0}, {"octubre", 10, 0},
    {"noviembre", 11, 0}, {"diciembre", 12, 0}, {"janeiro", 1, 0}, {"fevereiro", 2, 0}, {"março", 3, 0},
    {"maio", 5, 0}, {"junho", 6, 0}, {"julho", 7, 0}, {"setembro", 9, 0}, {"outubro", 10, 0},
    {"dezembro", 12, 0},
    /* Italian. */
    {"gennaio", 1, 0}, {"febbraio", 2, 0}, {"aprile", 4, 0}, {"maggio", 5, 0}, {"giugno", 6, 0},
    {"luglio", 7, 0}, {"settembre", 9, 0}, {"ottobre", 10, 0}, {"dicembre", 12, 0},
    /* Dutch and Swedish. */
    {"januari", 1, 0}, {"februari", 2, 0}, {"maart", 3, 0}, {"mei", 5, 0}, {"augustus", 8, 0},
    {"maj", 5, 0}, {"augusti", 8, 0},
    /* Romanian. */
    {"ianuarie", 1, 0}, {"februarie", 2, 0}, {"martie", 3, 0}, {"aprilie", 4, 0}, {"iunie", 6, 0},
    {"iulie", 7, 0}, {"septembrie", 9, 0}, {"octombrie", 10, 0}, {"noiembrie", 11, 0},
    {"decembrie", 12, 0},
};

static const named weekdays[] = {
    {"monday", 1, 0}, {"mon", 1, 1}, {"tuesday", 2, 0}, {"tue", 2, 1}, {"tues", 2, 1},
    {"wednesday", 3, 0}, {"wed", 3, 1}, {"thursday", 4, 0}, {"thu", 4, 1}, {"thur", 4, 1},
    {"thurs", 4, 1}, {"friday", 5, 0}, {"fri", 5, 1}, {"saturday", 6, 0}, {"sat", 6, 1},
    {"sunday", 7, 0}, {"sun", 7, 1}, {"понедельник", 1, 0}, {"вторник", 2, 0}, {"среда", 3, 0},
    {"четверг", 4, 0}, {"пятница", 5, 0}, {"суббота", 6, 0}, {"воскресенье", 7, 0},
    {"montag", 1, 0}, {"dienstag", 2, 0}, {"mittwoch", 3, 0}, {"donnerstag", 4, 0}, {"freitag", 5, 0},
    {"samstag", 6, 0}, {"sonnabend", 6, 0}, {"sonntag", 7, 0},
    {"lundi", 1, 0}, {"mardi", 2, 0}, {"mercredi", 3, 0}, {"jeudi", 4, 0}, {"vendredi", 5, 0},
    {"samedi", 6, 0}, {"dimanche", 7, 0},
    {"lunes", 1, 0}, {"martes", 2, 0}, {"miércoles", 3, 0}, {"jueves", 4, 0}, {"viernes", 5, 0},
    {"sábado", 6, 0}, {"domingo", 7, 0},
    {"lunedì", 1, 0}, {"martedì", 2, 0}, {"mercoledì", 3, 0}, {"giovedì", 4, 0}, {"venerdì", 5, 0},
    {"sabato", 6, 0}, {"domenica", 7, 0},
    {"maandag", 1, 0}, {"dinsdag", 2, 0}, {"woensdag", 3, 0}, {"donderdag", 4, 0}, {"vrijdag", 5, 0},
    {"zaterdag", 6, 0}, {"zondag", 7, 0},
    {"luni", 1, 0}, {"marți", 2, 0}, {"miercuri", 3, 0}, {"joi", 4, 0}, {"vineri", 5, 0},
    {"sâmbătă", 6, 0}, {"duminică", 7, 0},
};

/* English ordinal suffixes, French "1er". */
static const named ordinals[] = {{"st", 1, 0}, {"nd", 1, 0}, {"rd", 1, 0}, {"th", 1, 0}, {"er", 1, 0}};

/* "16 de mayo de 2020", "10 de dezembro de 2020", "1 del 2020". */
static const named links[] = {{"de", 1, 0}, {"del", 1, 0}};

/* "г." or "года" after a Russian year. */
static const named year_words[] = {{"г", 1, 1}, {"года", 1, 0}};

#define TABLE(t) (t), sizeof(t) / sizeof *(t)

/* The value of the word at the cursor if `table` names it (the cursor then
 * after it and its dot), else 0 with the cursor unmoved. */
static int name_in(cursor *c, const named *table, size_t count)
{
    size_t start = c->at, n = letters(c);
    for (size_t i = 0; n && i < count; i++) {
        if (same_word(c->s + start, n, table[i].name)) {
            if (table[i].abbr)
                accept(c, '.');
            return table[i].value;
        }
    }
    c->at = start;
    return 0;
}

/* A day or month: one or two digits, not the start of a longer number. */
static int small_number(cursor *c, int lo, int hi, int *out)
{
    return number(c, 1, 2, lo, hi, out) && !digit_at(c);
}

static int year4(cursor *c, int *out)
{
    return number(c, 4, 4, TEXT_YEAR_MIN, TEXT_YEAR_MAX, out) && !digit_at(c);
}

static int set_day(lg_date *d, int year, int month, int day)
{
    if (month < 1 || month > 12 || day < 1 || day > days_in_month(year, month))
        return 0;
    d->year = year;
    d->month = month;
    d->day = day;
    d->precision = LG_DATE_DAY;
    return 1;
}

/* " PM", "am", " p.m.": 12 to add to the hour for pm, 0 for am, -1 (the
 * cursor unmoved) for neither. */
static int meridiem(cursor *c)
{
    size_t start = c->at;
    spaces(c);
    char ch = c->at < c->len ? (char)(c->s[c->at] | 0x20) : 0;
    if (ch == 'a' || ch == 'p') {
        c->at++;
        int dotted = accept(c, '.');
        if (accept(c, 'm') || accept(c, 'M')) {
            if (dotted)
                accept(c, '.');
            if (at_word_end(c))
                return ch == 'p' ? 12 : 0;
        }
    }
    c->at = start;
    return -1;
}

/* 17:40, 17:40:00.5, 5:40 PM, then a zone if any (Z, +03:00, only
 * checked). Sets the time on d; the cursor unmoved when there is none. */
static int clock_time(cursor *c, lg_date *d)
{
    size_t start = c->at;
    int h, m, ss;
    if (!number(c, 1, 2, 0, 23, &h) || !accept(c, ':') || !number(c, 2, 2, 0, 59, &m) || digit_at(c)) {
        c->at = start;
        return 0;
    }
    size_t before = c->at;
    if (!accept(c, ':') || !number(c, 2, 2, 0, 59, &ss) || digit_at(c) || (accept(c, '.') && !fraction(c)))
        c->at = before;
    int add = h >= 1 && h <= 12 ? meridiem(c) : -1;
    if (add >= 0)
        h = h % 12 + add;
    before = c->at;
    if (!(c->at < c->len && memchr("Z+-", c->s[c->at], 3)) || !zone(c) || !at_word_end(c))
        c->at = before;
    d->hour = h;
    d->minute = m;
    d->precision = LG_DATE_MINUTE;
    return 1;
}

/* What may stand between a date and its time, a space after it. */
static const char *const time_links[] = {"at", "в", "-", "\u2013", "\u2014", "|", "\u2022", "\u00B7", "/"};

/* A time following a date: "2024 17:40", "2024, 5:40 PM", "2024 at
 * 17:40", "2024 | 17:40". Leaves the date as it is when none follows. */
static void attach_time(cursor *c, lg_date *d)
{
    size_t start = c->at;
    int sep = accept(c, ',');
    sep |= spaces(c);
    for (size_t i = 0; sep && i < sizeof time_links / sizeof *time_links; i++) {
        size_t n = strlen(time_links[i]), at = c->at;
        if (c->len - at > n && memcmp(c->s + at, time_links[i], n) == 0) {
            c->at += n;
            if (spaces(c))
                break;
            c->at = at;
        }
    }
    if (!sep || !clock_time(c, d))
        c->at = start;
}

/* 2024-05-21 (a time may follow a T), 2024/05/21, 2024.05.21. */
static int year_first(cursor *c, lg_date *d)
{
    int y, m, day;
    if (!number(c, 4, 4, TEXT_YEAR_MIN, TEXT_YEAR_MAX, &y) || c->at >= c->len)
        return 0;
    char sep = c->s[c->at];
    if (!memchr("-/.", sep, 3) || !accept(c, sep) || !small_number(c, 1, 12, &m) || !accept(c, sep) ||
        !small_number(c, 1, 31, &day) || !set_day(d, y, m, day))
        return 0;
    if (sep == '-' && (accept(c, 'T') || accept(c, 't')))
        return clock_time(c, d);
    return 1;
}

/* 21.05.2024 is always day first, as Europe and Russia write it. With
 * slashes, a number above 12 is the day (21/05/2024, 05/21/2024); when both
 * could be months the day comes first: most outlets quoting diplomats are
 * not American. */
static int day_first(cursor *c, lg_date *d)
{
    int a, b, y;
    if (!small_number(c, 1, 31, &a) || c->at >= c->len)
        return 0;
    char sep = c->s[c->at];
    if ((sep != '.' && sep != '/') || !accept(c, sep) || !small_number(c, 1, 31, &b) || !accept(c, sep) ||
        !year4(c, &y))
        return 0;
    if (sep == '/' && b > 12)
        return set_day(d, y, a, b);
    return set_day(d, y, b, a);
}

/* An optional word after a number ("26th", "2024 г."): consumed when
 * `table` names it, the cursor otherwise unmoved. */
static void optional_word(cursor *c, const named *table, size_t count, int spaced)
{
    size_t start = c->at;
    if (spaced)
        spaces(c);
    if (!name_in(c, table, count))
        c->at = start;
}

/* Spaces, then a linking word and its spaces if one stands there ("de"
 * in "16 de mayo de 2020"). Returns whether there were spaces. */
static int gap(cursor *c)
{
    if (!spaces(c))
        return 0;
    size_t at = c->at;
    if (!name_in(c, TABLE(links)) || !spaces(c))
        c->at = at;
    return 1;
}

/* 26 December 2024, 26th Dec. 2024, 26. December 2024 and 26.Dezember
 * 2024 (an ordinal as German writes it), 1er mai 2019, 16 de mayo de 2020,
 * 26 декабря 2024 г. */
static int day_month_year(cursor *c, lg_date *d)
{
    int day, m, y;
    if (!small_number(c, 1, 31, &day))
        return 0;
    int dotted = accept(c, '.');
    if (!dotted)
        optional_word(c, TABLE(ordinals), 0);
    if ((!gap(c) && !dotted) || !(m = name_in(c, TABLE(months))))
        return 0;
    accept(c, ',');
    if (!gap(c) || !year4(c, &y) || !set_day(d, y, m, day))
        return 0;
    optional_word(c, TABLE(year_words), 1);
    return 1;
}

/* December 26, 2024; Dec. 26 2024; May 21st, 2024. */
static int month_day_year(cursor *c, lg_date *d)
{
    int m = name_in(c, TABLE(months)), day, y;
    if (!m || !spaces(c) || !small_number(c, 1, 31, &day))
        return 0;
    optional_word(c, TABLE(ordinals), 0);
    accept(c, ',');
    return spaces(c) && year4(c, &y) && set_day(d, y, m, day);
}

/* Whether a number, maybe with an ordinal suffix, stands just before the
 * cursor: in "30 Feb 2024" the month belongs to an impossible day, and
 * "Feb 2024" alone must not be taken from it. */
static int after_day(const cursor *c)
{
    size_t i = c->at, suffix = 0;
    while (i > 0 && c->s[i - 1] == ' ')
        i--;
    for (; i > 0 && suffix < 2 && (c->s[i - 1] | 0x20) >= 'a' && (c->s[i - 1] | 0x20) <= 'z'; suffix++)
        i--;
    return i > 0 && c->s[i - 1] >= '0' && c->s[i - 1] <= '9';
}

/* May 2024, декабрь 2024 г.: month precision. */
static int month_year(cursor *c, lg_date *d)
{
    if (after_day(c))
        return 0;
    int m = name_in(c, TABLE(months)), y;
    if (!m)
        return 0;
    accept(c, ',');
    if (!spaces(c) || !year4(c, &y))
        return 0;
    optional_word(c, TABLE(year_words), 1);
    d->year = y;
    d->month = m;
    d->precision = LG_DATE_MONTH;
    return 1;
}

/* Whether the cursor is on `mark` (UTF-8); moves past it if so. */
static int accept_str(cursor *c, const char *mark)
{
    size_t n = strlen(mark);
    if (c->len - c->at < n || memcmp(c->s + c->at, mark, n) != 0)
        return 0;
    c->at += n;
    return 1;
}

/* 2020年7月15日 (Chinese, Japanese), 2020년 7월 15일 (Korean). */
static int year_month_day_marked(cursor *c, lg_date *d)
{
    static const char *const marks[][3] = {{"\u5E74", "\u6708", "\u65E5"}, {"\uB144", "\uC6D4", "\uC77C"}};
    int y, m, day;
    if (!year4(c, &y))
        return 0;
    size_t at = c->at;
    for (size_t k = 0; k < 2; k++) {
        c->at = at;
        if (!accept_str(c, marks[k][0]))
            continue;
        spaces(c);
        if (!small_number(c, 1, 12, &m) || !accept_str(c, marks[k][1]))
            continue;
        spaces(c);
        if (small_number(c, 1, 31, &day) && accept_str(c, marks[k][2]))
            return set_day(d, y, m, day);
    }
    return 0;
}

typedef int (*date_form)(cursor *, lg_date *);

static const date_form day_forms[] = {year_first, day_first, day_month_year, month_day_year,
                                      year_month_day_marked};

/* A date to the day at the cursor, with its time if one follows. */
static int day_date(cursor *c, lg_date *d)
{
    size_t start = c->at;
    for (size_t i = 0; i < sizeof day_forms / sizeof *day_forms; i++) {
        c->at = start;
        *d = unknown;
        if (day_forms[i](c, d) && at_word_end(c)) {
            if (d->precision == LG_DATE_DAY)
                attach_time(c, d);
            return 1;
        }
    }
    return 0;
}

/* "Tuesday, May 21, 2024": the weekday belongs to the span (a dateline is
 * then the date alone) but is not checked against the date. */
static int weekday_date(cursor *c, lg_date *d)
{
    if (!name_in(c, TABLE(weekdays)))
        return 0;
    accept(c, ',');
    return spaces(c) && day_date(c, d);
}

/* "14:05, 3 марта 2025", "08:22 24.11.2020": the time first, as many
 * Russian and Ukrainian sites print it. */
static int time_then_date(cursor *c, lg_date *d)
{
    lg_date t = unknown;
    if (!clock_time(c, &t))
        return 0;
    accept(c, ',');
    spaces(c);
    if (!day_date(c, d) || d->precision != LG_DATE_DAY)
        return 0;
    d->hour = t.hour;
    d->minute = t.minute;
    d->precision = LG_DATE_MINUTE;
    return 1;
}

static int date_at(cursor *c, lg_date *d)
{
    size_t start = c->at;
    if (weekday_date(c, d))
        return 1;
    c->at = start;
    if (time_then_date(c, d))
        return 1;
    c->at = start;
    if (day_date(c, d))
        return 1;
    c->at = start;
    *d = unknown;
    return month_year(c, d) && at_word_end(c);
}

/* Whether a date may start at c->at, after `prev`: not inside a word, nor
 * inside a file name, a URL or a slug ("Screenshot-2019-07-29-at-12.png",
 * "/2018/02/11/"). */
static int may_start(utf8proc_int32_t prev)
{
    return !is_word(prev) && (prev < 0 || prev > 127 || !memchr("-_/.", prev, 4));
}

int lg_date_parse_text(const char *s, size_t len, lg_date *out, size_t *start, size_t *end)
{
    cursor c = {s, len, 0};
    utf8proc_int32_t prev = -1;
    while (c.at < len) {
        size_t at = c.at;
        if (may_start(prev) && date_at(&c, out)) {
            if (start)
                *start = at;
            if (end)
                *end = c.at;
            return 0;
        }
        c.at = at;
        c.at += peek_cp(&c, &prev);
    }
    *out = unknown;
    return -1;
}

int lg_date_zone(const char *s, size_t len, int *minutes)
{
    while (len && s[len - 1] == ' ')
        len--;
    const char *colon = memchr(s, ':', len);
    if (!colon || len < 2)
        return 0;
    if (s[len - 1] == 'Z' || s[len - 1] == 'z') {
        *minutes = 0;
        return s[len - 2] >= '0' && s[len - 2] <= '9';
    }
    /* Back over the offset's digits (and its colon) to its sign. */
    size_t i = len, digits = 0;
    while (i > 0 && ((s[i - 1] >= '0' && s[i - 1] <= '9') || (s[i - 1] == ':' && digits == 2)))
        digits += s[--i] != ':';
    if (i == 0 || (s[i - 1] != '+' && s[i - 1] != '-') || (digits != 2 && digits != 4) ||
        s + i - 1 <= colon)
        return 0;
    cursor c = {s, len, i};
    int hh, mm = 0;
    if (!number(&c, 2, 2, 0, 23, &hh))
        return 0;
    accept(&c, ':');
    if (digits == 4 && !number(&c, 2, 2, 0, 59, &mm))
        return 0;
    *minutes = (s[i - 1] == '-' ? -1 : 1) * (hh * 60 + mm);
    return 1;
}

long lg_date_days(const lg_date *d)
{
    /* Days from civil (H. Hinnant's algorithm): years start in March. */
    long y = d->year - (d->month <= 2);
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (d->month + (d->month > 2 ? -3 : 9)) + 2) / 5 + d->day - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

const char *lg_date_precision_name(lg_date_precision p)
{
    switch (p) {
    case LG_DATE_MINUTE: return "minute";
    case LG_DATE_DAY: return "day";
    case LG_DATE_MONTH: return "month";
    case LG_DATE_YEAR: return "year";
    default: return "unknown";
    }
}

/* Writes v as n zero-padded digits and returns the end. */
static char *put_digits(char *p, int v, int n)
{
    for (int i = n - 1; i >= 0; i--, v /= 10)
        p[i] = (char)('0' + v % 10);
    return p + n;
}

void lg_date_format(const lg_date *d, char out[11])
{
    char *p = out;
    if (d->precision != LG_DATE_UNKNOWN)
        p = put_digits(p, d->year, 4);
    if (d->precision >= LG_DATE_MONTH) {
        *p++ = '-';
        p = put_digits(p, d->month, 2);
    }
    if (d->precision >= LG_DATE_DAY) {
        *p++ = '-';
        p = put_digits(p, d->day, 2);
    }
    *p = '\0';
}

/* The slot value with `fill` standing for the parts the date does not
 * know: 0 for the date itself and the start of its period, 99 for the end. */
static void put_slot(const lg_date *d, int fill, char out[9])
{
    if (d->precision == LG_DATE_UNKNOWN) {
        out[0] = '\0';
        return;
    }
    char *p = put_digits(out, d->year, 4);
    p = put_digits(p, d->precision >= LG_DATE_MONTH ? d->month : fill, 2);
    p = put_digits(p, d->precision >= LG_DATE_DAY ? d->day : fill, 2);
    *p = '\0';
}

void lg_date_slot(const lg_date *d, char out[9])
{
    put_slot(d, 0, out);
}

void lg_date_period(const lg_date *d, char lo[9], char hi[9])
{
    put_slot(d, 0, lo);
    put_slot(d, 99, hi);
}

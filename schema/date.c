#include "date.h"

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

/* Exactly n digits forming a value in [lo, hi]. */
static int number(cursor *c, int n, int lo, int hi, int *out)
{
    size_t start = c->at;
    int v = 0;
    for (int i = 0; i < n; i++, c->at++) {
        if (c->at >= c->len || c->s[c->at] < '0' || c->s[c->at] > '9')
            return 0;
        v = v * 10 + (c->s[c->at] - '0');
    }
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
    if (!number(c, 2, 0, 23, &hh))
        return 0;
    if (c->at == c->len)
        return 1;
    accept(c, ':');
    return number(c, 2, 0, 59, &mm);
}

/* HH:MM[:SS[.fff]] then the zone. */
static int time_of_day(cursor *c, lg_date *d)
{
    int ss;
    if (!number(c, 2, 0, 23, &d->hour) || !accept(c, ':') || !number(c, 2, 0, 59, &d->minute))
        return 0;
    if (accept(c, ':') && (!number(c, 2, 0, 59, &ss) || (accept(c, '.') && !fraction(c))))
        return 0;
    return zone(c);
}

/* YYYY[-MM[-DD[(T| )time]]], filling d and its precision as far as it goes. */
static int date_parts(cursor *c, lg_date *d)
{
    if (!number(c, 4, 1, 9999, &d->year))
        return 0;
    d->precision = LG_DATE_YEAR;
    if (!accept(c, '-'))
        return 1;
    if (!number(c, 2, 1, 12, &d->month))
        return 0;
    d->precision = LG_DATE_MONTH;
    if (!accept(c, '-'))
        return 1;
    if (!number(c, 2, 1, days_in_month(d->year, d->month), &d->day))
        return 0;
    d->precision = LG_DATE_DAY;
    if (!accept(c, 'T') && !accept(c, ' '))
        return 1;
    d->precision = LG_DATE_MINUTE;
    return time_of_day(c, d);
}

int lg_date_parse_iso(const char *s, size_t len, lg_date *out, size_t *err_at)
{
    static const lg_date unknown = {0, 0, 0, -1, -1, LG_DATE_UNKNOWN};
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

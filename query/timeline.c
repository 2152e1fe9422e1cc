#include "timeline.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fields.h"
#include "strbuf.h"

int lg_period_parse(const char *name, lg_period *out)
{
    static const char *const names[] = {"week", "month", "year"};
    for (int i = 0; i < 3; i++)
        if (strcmp(name, names[i]) == 0) {
            *out = (lg_period)i;
            return 0;
        }
    return -1;
}

int lg_split_parse(const char *name, lg_split *out)
{
    if (strcmp(name, "speaker") == 0)
        *out = LG_SPLIT_SPEAKER;
    else if (strcmp(name, "outlet") == 0)
        *out = LG_SPLIT_OUTLET;
    else
        return -1;
    return 0;
}

/* ---- calendar: days since 1970-01-01 (Howard Hinnant's algorithms) ---- */

static long days_from_civil(long y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, int *y, int *m, int *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

/* The Monday starting the ISO week of day z (1970-01-01 was a Thursday). */
static long monday_of(long z)
{
    long wd = ((z % 7) + 10) % 7; /* 0 = Monday */
    return z - wd;
}

/* A period's index on a linear scale: weeks count Mondays, months y*12+m. */
static long period_index(lg_period p, int y, int m, int d)
{
    switch (p) {
    case LG_PERIOD_WEEK: return monday_of(days_from_civil(y, m, d)) / 7;
    case LG_PERIOD_MONTH: return (long)y * 12 + (m - 1);
    default: return y;
    }
}

/* The label of period index i: ISO week of its Thursday, "YYYY-MM", "YYYY". */
static char *period_label(lg_period p, long i)
{
    char buf[48];
    if (p == LG_PERIOD_WEEK) {
        int y, m, d;
        long thursday = i * 7 + 3;
        civil_from_days(thursday, &y, &m, &d);
        long week = (thursday - days_from_civil(y, 1, 1)) / 7 + 1;
        snprintf(buf, sizeof buf, "%04d-W%02ld", y, week);
    } else if (p == LG_PERIOD_MONTH) {
        snprintf(buf, sizeof buf, "%04ld-%02ld", i / 12, i % 12 + 1);
    } else {
        snprintf(buf, sizeof buf, "%04ld", i);
    }
    return strdup(buf);
}

/* ---- gathering ------------------------------------------------------ */

typedef struct {
    long period;
    char *series;  /* split key, NULL when not split */
} point;

typedef struct {
    lg_period period;
    int split;
    point *v;
    size_t n, cap;
    uint64_t undated;
    int failed;
} gather;

static int digits(const char *s, size_t n)
{
    int v = 0;
    for (size_t i = 0; i < n; i++)
        v = v * 10 + (s[i] - '0');
    return v;
}

static void add_point(void *ctx, const lg_value v[2])
{
    gather *g = ctx;
    if (v[0].len != 8) {
        g->undated++;
        return;
    }
    int y = digits(v[0].s, 4), m = digits(v[0].s + 4, 2), d = digits(v[0].s + 6, 2);
    if (g->failed || LG_GROW(g->v, g->n, g->cap) != 0) {
        g->failed = 1;
        return;
    }
    point *p = &g->v[g->n++];
    p->period = period_index(g->period, y, m ? m : 1, d ? d : 1);
    p->series = g->split && v[1].len ? strndup(v[1].s, v[1].len) : NULL;
}

/* ---- series --------------------------------------------------------- */

typedef struct {
    char *key;
    uint64_t count;
} tally;

static int by_key(const void *a, const void *b)
{
    const char *x = ((const tally *)a)->key, *y = ((const tally *)b)->key;
    return !x || !y ? !x - !y : strcmp(x, y);
}

/* Most frequent first; results without the value last, whatever their
 * count: they belong to "other", never to a named series. */
static int by_count(const void *a, const void *b)
{
    const tally *x = a, *y = b;
    if (!x->key || !y->key)
        return !x->key - !y->key;
    return x->count != y->count ? (x->count < y->count ? 1 : -1) : by_key(a, b);
}

/* Series keys by frequency (the unknown key last, as "other" is). */
static tally *rank_series(const gather *g, size_t *n)
{
    tally *t = calloc(g->n ? g->n : 1, sizeof *t);
    if (!t)
        return NULL;
    for (size_t i = 0; i < g->n; i++)
        t[i] = (tally){g->v[i].series, 1};
    qsort(t, g->n, sizeof *t, by_key);
    size_t out = 0;
    for (size_t i = 0; i < g->n; i++) {
        if (out && by_key(&t[out - 1], &t[i]) == 0)
            t[out - 1].count++;
        else
            t[out++] = t[i];
    }
    qsort(t, out, sizeof *t, by_count);
    *n = out;
    return t;
}

static char *display_name(sqlite3 *sql, lg_split split, const char *key)
{
    sqlite3_stmt *st;
    const char *q = split == LG_SPLIT_OUTLET ? "SELECT name FROM outlets WHERE key = ?"
                                             : "SELECT name FROM speakers WHERE key = ?";
    char *name = NULL;
    if (sqlite3_prepare_v2(sql, q, -1, &st, NULL) == SQLITE_OK) {
        sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
        if (sqlite3_step(st) == SQLITE_ROW)
            name = strdup((const char *)sqlite3_column_text(st, 0));
        sqlite3_finalize(st);
    }
    return name ? name : strdup(key);
}

/* The series a point belongs to: its rank among the top keys, else the
 * last series ("other"). */
static size_t series_of(const tally *top, size_t n_top, size_t n_series, const char *key)
{
    for (size_t i = 0; i < n_top; i++)
        if (key && top[i].key && strcmp(top[i].key, key) == 0)
            return i;
    return n_series - 1;
}

static int fill(lg_timeline *t, const gather *g, sqlite3 *sql, lg_split split)
{
    size_t n_keys = 0;
    tally *keys = split ? rank_series(g, &n_keys) : NULL;
    if (split && !keys)
        return -1;
    size_t n_top = 0;
    while (n_top < n_keys && n_top < LG_TIMELINE_SERIES && keys[n_top].key)
        n_top++;
    t->n_series = split ? n_top + (n_top < n_keys) : 1;
    t->series = calloc(t->n_series ? t->n_series : 1, sizeof *t->series);
    for (size_t i = 0; t->series && split && i < t->n_series; i++)
        t->series[i] = i < n_top ? display_name(sql, split, keys[i].key) : strdup("other");
    long lo = g->v[0].period, hi = lo;
    for (size_t i = 1; i < g->n; i++) {
        lo = g->v[i].period < lo ? g->v[i].period : lo;
        hi = g->v[i].period > hi ? g->v[i].period : hi;
    }
    t->n_periods = (size_t)(hi - lo + 1);
    t->periods = calloc(t->n_periods, sizeof *t->periods);
    t->counts = calloc(t->n_periods * t->n_series, sizeof *t->counts);
    int rc = t->series && t->periods && t->counts ? 0 : -1;
    for (size_t i = 0; rc == 0 && i < t->n_periods; i++)
        t->periods[i] = period_label(g->period, lo + (long)i);
    for (size_t i = 0; rc == 0 && i < g->n; i++) {
        size_t s = split ? series_of(keys, n_top, t->n_series, g->v[i].series) : 0;
        t->counts[s * t->n_periods + (size_t)(g->v[i].period - lo)]++;
    }
    free(keys);
    return rc;
}

int lg_timeline_build(sqlite3 *sql, xs_db *xdb, const lg_search_req *req, lg_period period,
                      lg_split split, lg_timeline *out, lg_err *e)
{
    memset(out, 0, sizeof *out);
    gather g = {.period = period, .split = split != LG_SPLIT_NONE};
    int slots[2] = {lg_field_get(LG_F_DATE)->slot,
                    split == LG_SPLIT_OUTLET    ? lg_field_get(LG_F_OUTLET)->slot
                    : split == LG_SPLIT_SPEAKER ? lg_field_get(LG_F_SPEAKER)->slot
                                                : -1};
    int rc = lg_search_each(sql, xdb, req, slots, add_point, &g, &out->total, e);
    if (rc == 0 && g.failed)
        rc = lg_err_set(e, LG_EXIT_DB, "out of memory");
    out->undated = g.undated;
    if (rc == 0 && g.n && fill(out, &g, sql, split) != 0)
        rc = lg_err_set(e, LG_EXIT_DB, "out of memory");
    for (size_t i = 0; i < g.n; i++)
        free(g.v[i].series);
    free(g.v);
    return rc;
}

void lg_timeline_free(lg_timeline *t)
{
    for (size_t i = 0; t->periods && i < t->n_periods; i++)
        free(t->periods[i]);
    for (size_t i = 0; t->series && i < t->n_series; i++)
        free(t->series[i]);
    free(t->periods);
    free(t->series);
    free(t->counts);
    memset(t, 0, sizeof *t);
}

lg_chart lg_timeline_chart(const lg_timeline *t, const char *title)
{
    lg_chart c = {title, (const char *const *)t->periods, t->n_periods,
                  (const char *const *)t->series, t->n_series, t->counts};
    return c;
}

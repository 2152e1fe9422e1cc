#include "timeline.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fields.h"
#include "names.h"
#include "strbuf.h"
#include "tally.h"

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

/* Running tallies as the results stream by: memory follows the distinct
 * (period, series) pairs, never the results. */
typedef struct {
    lg_period period;
    int split;
    lg_tally cells;     /* key: the period index's bytes, then the series key */
    lg_tally series;    /* key: the series key ("" none); count: its total */
    lg_sb key;
    long lo, hi;
    uint64_t dated, undated;
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
    long p = period_index(g->period, y, m ? m : 1, d ? d : 1);
    g->lo = g->dated && g->lo < p ? g->lo : p;
    g->hi = g->dated && g->hi > p ? g->hi : p;
    g->dated++;
    size_t slen = g->split ? v[1].len : 0;
    lg_sb_reset(&g->key);
    lg_sb_add(&g->key, (const char *)&p, sizeof p);
    lg_sb_add(&g->key, v[1].s, slen);
    if (g->failed || lg_tally_add(&g->cells, g->key.buf, g->key.len, 1) != 0 ||
        (g->split && lg_tally_add(&g->series, v[1].s, slen, 1) != 0))
        g->failed = 1;
}

/* ---- series --------------------------------------------------------- */

typedef struct {
    const char *key;  /* NULL: results without the value */
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
    tally *t = calloc(g->series.n ? g->series.n : 1, sizeof *t);
    if (!t)
        return NULL;
    *n = 0;
    for (size_t i = 0; i < g->series.cap; i++) {
        const lg_tally_entry *b = &g->series.v[i];
        if (b->key)
            t[(*n)++] = (tally){b->len ? b->key : NULL, b->count};
    }
    qsort(t, *n, sizeof *t, by_count);
    return t;
}

static char *display_name(sqlite3 *sql, xs_db *xdb, lg_split split, const char *key)
{
    char *name = lg_entity_name(sql, xdb, split == LG_SPLIT_OUTLET ? LG_F_OUTLET : LG_F_SPEAKER,
                                key);
    return name ? name : strdup(key);
}

/* The series a point belongs to: its rank among the top keys, else the
 * last series ("other"). */
static size_t series_of(const tally *top, size_t n_top, size_t n_series, const char *key)
{
    for (size_t i = 0; i < n_top; i++)
        if (*key && top[i].key && strcmp(top[i].key, key) == 0)
            return i;
    return n_series - 1;
}

static int fill(lg_timeline *t, const gather *g, sqlite3 *sql, xs_db *xdb, lg_split split)
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
        t->series[i] = i < n_top ? display_name(sql, xdb, split, keys[i].key) : strdup("other");
    t->n_periods = (size_t)(g->hi - g->lo + 1);
    t->periods = calloc(t->n_periods, sizeof *t->periods);
    t->counts = calloc(t->n_periods * t->n_series, sizeof *t->counts);
    int rc = t->series && t->periods && t->counts ? 0 : -1;
    for (size_t i = 0; rc == 0 && i < t->n_periods; i++)
        t->periods[i] = period_label(g->period, g->lo + (long)i);
    for (size_t i = 0; rc == 0 && i < g->cells.cap; i++) {
        const lg_tally_entry *b = &g->cells.v[i];
        if (!b->key)
            continue;
        long p;
        memcpy(&p, b->key, sizeof p);
        size_t s = split ? series_of(keys, n_top, t->n_series, b->key + sizeof p) : 0;
        t->counts[s * t->n_periods + (size_t)(p - g->lo)] += b->count;
    }
    free(keys);
    return rc;
}

int lg_timeline_build(sqlite3 *sql, xs_db *xdb, const lg_search_req *req, lg_period period,
                      lg_split split, lg_timeline *out, lg_err *e)
{
    memset(out, 0, sizeof *out);
    gather g = {.period = period, .split = split != LG_SPLIT_NONE, .cells = LG_TALLY_INIT,
                .series = LG_TALLY_INIT, .key = LG_SB_INIT};
    int slots[2] = {lg_field_get(LG_F_DATE)->slot,
                    split == LG_SPLIT_OUTLET    ? lg_field_get(LG_F_OUTLET)->slot
                    : split == LG_SPLIT_SPEAKER ? lg_field_get(LG_F_SPEAKER)->slot
                                                : -1};
    int rc = lg_search_each(sql, xdb, req, slots, add_point, &g, &out->total, e);
    if (rc == 0 && g.failed)
        rc = lg_err_set(e, LG_EXIT_DB, "out of memory");
    out->undated = g.undated;
    if (rc == 0 && g.dated && fill(out, &g, sql, xdb, split) != 0)
        rc = lg_err_set(e, LG_EXIT_DB, "out of memory");
    lg_tally_free(&g.cells);
    lg_tally_free(&g.series);
    lg_sb_release(&g.key);
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

/*
 * timeline.h — how often the matching statements occur over time, for
 * `legate timeline`: counts per period (week, month or year), optionally
 * split by speaker or outlet, over the same exact result set as search.
 *
 * Periods run without gaps from the first to the last dated result (a
 * quiet month shows as zero, so time is linear along the axis). With a
 * split, the LG_TIMELINE_SERIES most frequent values get a series each and
 * the rest share "other". Undated results cannot be placed: they are
 * counted in `undated`. Dates known only to the month fall in that month's
 * first week; only to the year, in its first month.
 */
#ifndef LEGATE_QUERY_TIMELINE_H
#define LEGATE_QUERY_TIMELINE_H

#include <sqlite3.h>
#include <stdint.h>

#include "chart.h"
#include "err.h"
#include "search.h"
#include "xs.h"

#define LG_TIMELINE_SERIES 8

typedef enum { LG_PERIOD_WEEK, LG_PERIOD_MONTH, LG_PERIOD_YEAR } lg_period;
typedef enum { LG_SPLIT_NONE, LG_SPLIT_SPEAKER, LG_SPLIT_OUTLET } lg_split;

int lg_period_parse(const char *name, lg_period *out);  /* week, month, year */
int lg_split_parse(const char *name, lg_split *out);    /* speaker, outlet */

typedef struct {
    char **periods;     /* "2024-W05", "2024-05", "2024" */
    size_t n_periods;
    char **series;      /* names; one NULL entry when not split */
    size_t n_series;
    uint64_t *counts;   /* n_series * n_periods */
    uint64_t total, undated;
} lg_timeline;

int lg_timeline_build(sqlite3 *sql, xs_db *xdb, const lg_search_req *req, lg_period period,
                      lg_split split, lg_timeline *out, lg_err *e);
void lg_timeline_free(lg_timeline *t);

/* A chart view of the timeline (borrows its arrays). */
lg_chart lg_timeline_chart(const lg_timeline *t, const char *title);

#endif

/*
 * chart.h — drawing a timeline: counts per period, optionally split into
 * series (per speaker or outlet), for `legate timeline`.
 *
 * A chart is a grid: n_periods labels in time order ("2024-06", "2024-W23",
 * "2024") and n_series named series (one unnamed series when not split);
 * counts[s * n_periods + p] is series s in period p. Everything is
 * borrowed. Periods with no statements are present with zeros (the caller
 * fills the gaps), so the x axis is linear in time.
 */
#ifndef LEGATE_QUERY_CHART_H
#define LEGATE_QUERY_CHART_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef struct {
    const char *title;              /* e.g. the query and filters; may be NULL */
    const char *const *periods;     /* labels, in order */
    size_t n_periods;
    const char *const *series;      /* names; NULL entries for an unnamed series */
    size_t n_series;
    const uint64_t *counts;         /* n_series * n_periods */
} lg_chart;

/* A bar chart for the terminal: one line per period, the label, a bar
 * scaled to `width` columns (UTF-8 block characters; stacked series use a
 * different character each, with a legend line), and the count. With
 * color, series get ANSI colors. Returns 0, or -1 on a write error. */
int lg_chart_text(const lg_chart *c, FILE *out, int width, int color);

/* A standalone SVG document a person would put in a report: title, x axis
 * with period labels (thinned so they never overlap, rotated if needed), y
 * axis with round tick values and grid lines, stacked bars (or lines when
 * there are more than 60 periods) with a distinct color per series, and a
 * legend when split. Size width x height pixels. Text is XML-escaped.
 * Returns 0, or -1 on a write error. */
int lg_chart_svg(const lg_chart *c, FILE *out, int width, int height);

#endif

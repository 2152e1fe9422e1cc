#include "count.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "fields.h"
#include "names.h"
#include "strbuf.h"
#include "tally.h"

static const char *const by_names[] = {
    [LG_BY_OUTLET] = "outlet", [LG_BY_SPEAKER] = "speaker", [LG_BY_LANG] = "lang",
    [LG_BY_YEAR] = "year",     [LG_BY_MONTH] = "month",
};

int lg_by_parse(const char *name, lg_by *out)
{
    for (size_t i = 0; i < sizeof by_names / sizeof *by_names; i++)
        if (strcmp(name, by_names[i]) == 0) {
            *out = (lg_by)i;
            return 0;
        }
    return -1;
}

const char *lg_by_name(lg_by by)
{
    return by_names[by];
}

static int slot_of(lg_by by)
{
    switch (by) {
    case LG_BY_OUTLET: return lg_field_get(LG_F_OUTLET)->slot;
    case LG_BY_SPEAKER: return lg_field_get(LG_F_SPEAKER)->slot;
    case LG_BY_LANG: return lg_field_get(LG_F_LANG)->slot;
    default: return lg_field_get(LG_F_DATE)->slot;
    }
}

typedef struct {
    lg_by by;
    lg_tally t;
    int failed;
} tally;

/* The group a slot value falls in: a period of a date, else the value. */
static size_t group_len(lg_by by, size_t len)
{
    size_t want = by == LG_BY_YEAR ? 4 : by == LG_BY_MONTH ? 6 : len;
    return len < want ? len : want;
}

/* A running count per group as the results stream by: memory follows
 * the distinct values, not the results. */
static void add_value(void *ctx, const lg_value v[2])
{
    tally *t = ctx;
    if (!t->failed && lg_tally_add(&t->t, v[0].s, group_len(t->by, v[0].len), 1) != 0)
        t->failed = 1;
}

static int by_value(const void *a, const void *b)
{
    const lg_count_row *x = a, *y = b;
    if (!x->value || !y->value)
        return !x->value - !y->value;
    return strcmp(x->value, y->value);
}

static int by_count(const void *a, const void *b)
{
    const lg_count_row *x = a, *y = b;
    if (!x->value || !y->value)
        return !x->value - !y->value;
    if (x->count != y->count)
        return x->count < y->count ? 1 : -1;
    return strcmp(x->value, y->value);
}

/* One row per group; the empty value is the NULL row. */
static int rows_of(const lg_tally *t, lg_counts *c)
{
    c->rows = calloc(t->n ? t->n : 1, sizeof *c->rows);
    if (!c->rows)
        return -1;
    for (size_t i = 0; i < t->cap; i++) {
        const lg_tally_entry *b = &t->v[i];
        if (!b->key)
            continue;
        lg_count_row *r = &c->rows[c->n++];
        r->count = b->count;
        if (b->len && !(r->value = strdup(b->key)))
            return -1;
    }
    c->cap = c->n;
    qsort(c->rows, c->n, sizeof *c->rows, by_value);
    return 0;
}

/* Keys to what users read: "20240500" -> "2024-05", outlet and speaker
 * keys -> names. */
static void display(sqlite3 *sql, xs_db *xdb, lg_by by, lg_count_row *row)
{
    if (!row->value)
        return;
    if (by == LG_BY_MONTH && strlen(row->value) == 6) {
        /* A date known only to the year has month "00": it is shown under
         * its year, in no month. */
        char m[8];
        if (strcmp(row->value + 4, "00") == 0)
            snprintf(m, sizeof m, "%.4s", row->value);
        else
            snprintf(m, sizeof m, "%.4s-%.2s", row->value, row->value + 4);
        free(row->value);
        row->value = strdup(m);
        return;
    }
    if (by != LG_BY_OUTLET && by != LG_BY_SPEAKER)
        return;
    char *name = lg_entity_name(sql, xdb, by == LG_BY_OUTLET ? LG_F_OUTLET : LG_F_SPEAKER,
                                row->value);
    if (name) {
        free(row->value);
        row->value = name;
    }
}

int lg_count(sqlite3 *sql, xs_db *xdb, const lg_search_req *req, lg_by by, lg_counts *out,
             lg_err *e)
{
    memset(out, 0, sizeof *out);
    tally t = {by, LG_TALLY_INIT, 0};
    int slots[2] = {slot_of(by), -1};
    int rc = lg_search_each(sql, xdb, req, slots, add_value, &t, &out->total, e);
    if (rc == 0 && (t.failed || rows_of(&t.t, out) != 0))
        rc = lg_err_set(e, LG_EXIT_DB, "out of memory");
    lg_tally_free(&t.t);
    if (rc != 0)
        return -1;
    for (size_t i = 0; i < out->n; i++)
        display(sql, xdb, by, &out->rows[i]);
    if (by != LG_BY_YEAR && by != LG_BY_MONTH)
        qsort(out->rows, out->n, sizeof *out->rows, by_count);
    return 0;
}

void lg_counts_free(lg_counts *c)
{
    for (size_t i = 0; i < c->n; i++)
        free(c->rows[i].value);
    free(c->rows);
    memset(c, 0, sizeof *c);
}

static json_t *row_json(const lg_count_row *r)
{
    return json_pack("{s:o, s:I}", "value", r->value ? json_string(r->value) : json_null(),
                     "count", (json_int_t)r->count);
}

static int write_json(const lg_counts *c, const char *query, lg_by by, int collapsed, FILE *out)
{
    json_t *rows = json_array();
    for (size_t i = 0; i < c->n; i++)
        json_array_append_new(rows, row_json(&c->rows[i]));
    json_t *doc = json_pack("{s:o, s:s, s:I, s:b, s:o}", "query",
                            query ? json_string(query) : json_null(), "by", lg_by_name(by),
                            "total", (json_int_t)c->total, "collapsed", collapsed, "counts", rows);
    int rc = json_dumpf(doc, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER) == 0 &&
             fputc('\n', out) != EOF ? 0 : -1;
    json_decref(doc);
    return rc;
}

/* One csv/tsv/ndjson/text line; a NULL value is an empty cell, null in
 * ndjson and "(none)" for people. */
static void write_row(lg_sb *sb, lg_format f, const lg_count_row *r)
{
    if (f == LG_FMT_NDJSON) {
        json_t *o = row_json(r);
        char *s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
        lg_sb_addf(sb, "%s\n", s ? s : "");
        free(s);
        json_decref(o);
    } else if (f == LG_FMT_TEXT) {
        lg_sb_addf(sb, "%10llu  %s\n", (unsigned long long)r->count, r->value ? r->value : "(none)");
    } else {
        int csv = f == LG_FMT_CSV;
        (csv ? lg_csv_cell : lg_tsv_cell)(sb, r->value ? r->value : "");
        lg_sb_addf(sb, "%c%llu%s", csv ? ',' : '\t', (unsigned long long)r->count,
                   csv ? "\r\n" : "\n");
    }
}

int lg_counts_write(const lg_counts *c, lg_format f, const char *query, lg_by by, int collapsed,
                    FILE *out)
{
    if (f == LG_FMT_JSON)
        return write_json(c, query, by, collapsed, out) == 0 && fflush(out) == 0 ? 0 : -1;
    lg_sb sb = LG_SB_INIT;
    if (f == LG_FMT_CSV || f == LG_FMT_TSV)
        lg_sb_addf(&sb, "%s%ccount%s", lg_by_name(by), f == LG_FMT_CSV ? ',' : '\t',
                   f == LG_FMT_CSV ? "\r\n" : "\n");
    for (size_t i = 0; i < c->n; i++)
        write_row(&sb, f, &c->rows[i]);
    int rc = fwrite(sb.buf, 1, sb.len, out) == sb.len && fflush(out) == 0 ? 0 : -1;
    lg_sb_release(&sb);
    return rc;
}

#include "carriers.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "jsonw.h"
#include "strbuf.h"

typedef struct {
    char *name;
    char *date;     /* the earliest */
    int64_t id;     /* the smallest */
} carrier;

typedef struct {
    carrier *v;
    size_t n, cap;
} carrier_list;

static int by_first(const void *a, const void *b)
{
    const carrier *x = a, *y = b;
    int c = strcmp(x->date, y->date);
    return c ? c : (x->id > y->id) - (x->id < y->id);
}

/* Folds one copy into its outlet's entry. -1 when out of memory. */
static int add_copy(carrier_list *l, const char *name, const char *date, int64_t id)
{
    for (size_t i = 0; i < l->n; i++) {
        carrier *c = &l->v[i];
        if (strcmp(c->name, name) != 0)
            continue;
        if (strcmp(date, c->date) < 0) {
            char *d = strdup(date);
            if (!d)
                return -1;
            free(c->date);
            c->date = d;
        }
        if (id < c->id)
            c->id = id;
        return 0;
    }
    if (LG_GROW(l->v, l->n, l->cap) != 0)
        return -1;
    carrier *c = &l->v[l->n];
    c->name = strdup(name);
    c->date = strdup(date);
    c->id = id;
    l->n++;
    return c->name && c->date ? 0 : -1;
}

static char *to_json(const carrier_list *l)
{
    lg_sb sb = LG_SB_INIT;
    lg_sb_addc(&sb, '[');
    for (size_t i = 0, any = 0; i < l->n; i++) {
        size_t at = sb.len;
        if (any)
            lg_sb_addc(&sb, ',');
        if (lg_jsonw_string(&sb, l->v[i].name) == 0)
            any = 1;
        else
            sb.len = at;
    }
    lg_sb_addc(&sb, ']');
    return lg_sb_detach(&sb, NULL);
}

char *lg_carriers_json(sqlite3_stmt *st)
{
    carrier_list l = {0};
    int ok = 1;
    while (ok && sqlite3_step(st) == SQLITE_ROW) {
        const char *name = (const char *)sqlite3_column_text(st, 0);
        const char *date = (const char *)sqlite3_column_text(st, 1);
        if (name)
            ok = add_copy(&l, name, date ? date : "", sqlite3_column_int64(st, 2)) == 0;
    }
    if (l.n > 1)
        qsort(l.v, l.n, sizeof *l.v, by_first);
    char *json = ok ? to_json(&l) : NULL;
    for (size_t i = 0; i < l.n; i++) {
        free(l.v[i].name);
        free(l.v[i].date);
    }
    free(l.v);
    return json;
}

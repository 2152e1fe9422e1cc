#include "docdata.h"

#include <stdlib.h>
#include <string.h>

#include "fields.h"
#include "strbuf.h"

static const struct {
    const char *view, *id, *extra;
    unsigned flag;
} kinds[] = {
    [LG_DATA_ARTICLE] = {"article_view", "id", "text, dup_group", LG_OUTPUT},
    [LG_DATA_QUOTE] = {"quote_view", "quote_id", "qkey, start, end", LG_QUOTE_OUTPUT},
};

static int wanted;

void lg_docdata_set_wanted(int w)
{
    wanted = w;
}

int lg_docdata_wanted(void)
{
    return wanted;
}

int lg_docdata_prepare(sqlite3 *sql, lg_data_kind kind, sqlite3_stmt **st, lg_err *e)
{
    lg_sb q = LG_SB_INIT;
    lg_sb_addf(&q, "SELECT %s", kinds[kind].id);
    for (int i = 0; i < LG_F__COUNT; i++) {
        const lg_field *f = lg_field_get((lg_field_id)i);
        if ((f->flags & kinds[kind].flag) && f->column && strcmp(f->column, kinds[kind].id) != 0)
            lg_sb_addf(&q, ", %s", f->column);
    }
    lg_sb_addf(&q, ", %s FROM %s WHERE %s = ?1", kinds[kind].extra, kinds[kind].view,
               kinds[kind].id);
    int rc = sqlite3_prepare_v2(sql, q.buf, -1, st, NULL) == SQLITE_OK
                 ? 0 : lg_err_set(e, LG_EXIT_DB, "database: %s", sqlite3_errmsg(sql));
    lg_sb_release(&q);
    return rc;
}

int lg_docdata_encode(sqlite3_stmt *st, int64_t id, char **out, lg_err *e)
{
    *out = NULL;
    sqlite3_reset(st);
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_DONE)
        return 0;
    if (rc != SQLITE_ROW)
        return lg_err_set(e, LG_EXIT_DB, "database: %s",
                          sqlite3_errmsg(sqlite3_db_handle(st)));
    json_t *o = json_object();
    for (int i = 0; o && i < sqlite3_column_count(st); i++) {
        const char *v = (const char *)sqlite3_column_text(st, i);
        json_object_set_new(o, sqlite3_column_name(st, i), v ? json_string(v) : json_null());
    }
    *out = o ? json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
    json_decref(o);
    sqlite3_reset(st);
    return *out ? 1 : lg_err_set(e, LG_EXIT_DB, "out of memory");
}

json_t *lg_docdata_parse(const char *data, size_t len)
{
    json_t *o = len ? json_loadb(data, len, 0, NULL) : NULL;
    if (o && !json_is_object(o)) {
        json_decref(o);
        o = NULL;
    }
    return o;
}

char *lg_docdata_dup(const json_t *o, const char *key)
{
    const char *v = json_string_value(json_object_get(o, key));
    return v ? strdup(v) : NULL;
}

int64_t lg_docdata_int(const json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    if (json_is_integer(v))
        return json_integer_value(v);
    const char *s = json_string_value(v);
    return s ? strtoll(s, NULL, 10) : 0;
}

#include "jsonl.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "analyze.h"
#include "strbuf.h"

/* A string field, copied; NULL when absent or null. -1 on a wrong type. */
static int get_string(json_t *obj, const char *key, char **out)
{
    json_t *v = json_object_get(obj, key);
    *out = NULL;
    if (!v || json_is_null(v))
        return 0;
    if (!json_is_string(v))
        return -1;
    *out = strndup(json_string_value(v), json_string_length(v));
    return 0;
}

/* The record id may be a string or an integer. */
static int get_id(json_t *obj, char **out)
{
    json_t *v = json_object_get(obj, "id");
    if (v && json_is_integer(v)) {
        lg_sb sb = LG_SB_INIT;
        lg_sb_addf(&sb, "%lld", (long long)json_integer_value(v));
        *out = lg_sb_detach(&sb, NULL);
        return 0;
    }
    return get_string(obj, "id", out);
}

static char *make_source(const char *path, size_t lineno, const char *url, const char *id)
{
    lg_sb sb = LG_SB_INIT;
    if (url && *url)
        lg_sb_adds(&sb, url);
    else if (id && *id)
        lg_sb_addf(&sb, "%s#%s", path, id);
    else
        lg_sb_addf(&sb, "%s#L%zu", path, lineno);
    return lg_sb_detach(&sb, NULL);
}

static int bad_field(lg_err *e, const char *path, size_t lineno, const char *field,
                     const char *why)
{
    return lg_err_set(e, LG_EXIT_NONE, "%s:%zu: field \"%s\" %s", path, lineno, field, why);
}

static int read_strings(json_t *obj, lg_article *a, const char *path, size_t lineno,
                        char **url, char **id, char **date, lg_err *e)
{
    static const char *names[] = {"text", "title", "outlet", "speaker", "lang", "url", "date"};
    char **slots[] = {&a->text, &a->title, &a->outlet, &a->speaker, &a->lang, url, date};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (get_string(obj, names[i], slots[i]) != 0)
            return bad_field(e, path, lineno, names[i], "must be a string");
    if (get_id(obj, id) != 0)
        return bad_field(e, path, lineno, "id", "must be a string or an integer");
    if (!a->text || !*a->text)
        return bad_field(e, path, lineno, "text", "is missing or empty");
    return 0;
}

static int parse_date(const char *date, lg_article *a, const char *path, size_t lineno,
                      lg_err *e)
{
    if (!date || !*date)
        return 0;
    size_t at;
    if (lg_date_parse_iso(date, strlen(date), &a->date, &at) != 0)
        return lg_err_set(e, LG_EXIT_NONE, "%s:%zu: field \"date\": bad date \"%s\" at character %zu",
                          path, lineno, date, at + 1);
    return 0;
}

int lg_jsonl_record(const char *line, size_t len, const char *path, size_t lineno,
                    lg_article *a, lg_err *e)
{
    memset(a, 0, sizeof *a);
    if (len > LG_MAX_RECORD_BYTES)
        return lg_err_set(e, LG_EXIT_NONE, "%s:%zu: line longer than %zu MiB, the limit for a record",
                          path, lineno, LG_MAX_RECORD_BYTES >> 20);
    if (lg_utf8_invalid_at(line, len) != (size_t)-1)
        return lg_err_set(e, LG_EXIT_NONE, "%s:%zu:%zu: invalid UTF-8", path, lineno,
                          lg_utf8_invalid_at(line, len) + 1);
    json_error_t jerr;
    json_t *obj = json_loadb(line, len, JSON_REJECT_DUPLICATES, &jerr);
    if (!obj)
        return lg_err_set(e, LG_EXIT_NONE, "%s:%zu:%d: invalid JSON: %s", path, lineno,
                          jerr.column, jerr.text);
    char *url = NULL, *id = NULL, *date = NULL;
    int rc = -1;
    if (!json_is_object(obj))
        lg_err_set(e, LG_EXIT_NONE, "%s:%zu: a record must be a JSON object", path, lineno);
    else if (read_strings(obj, a, path, lineno, &url, &id, &date, e) == 0 &&
             parse_date(date, a, path, lineno, e) == 0)
        rc = 0;
    if (rc == 0) {
        a->format = LG_FORMAT_JSONL;
        a->source = make_source(path, lineno, url, id);
        a->origin = strdup(path);
        a->text_len = strlen(a->text);
    } else {
        lg_article_clear(a);
    }
    free(url);
    free(id);
    free(date);
    json_decref(obj);
    return rc;
}

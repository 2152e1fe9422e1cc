#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alias.h"
#include "cli.h"
#include "dbdir.h"
#include "err.h"

static const char help[] =
    "usage: legate alias add speaker|outlet CANONICAL ALIAS...\n"
    "       legate alias add --file FILE\n"
    "       legate alias list speaker|outlet [--format text|json]\n"
    "\n"
    "Teaches Legate that ALIAS names the same speaker or outlet as CANONICAL.\n"
    "Articles already indexed under an alias are merged into CANONICAL at once,\n"
    "without reading any input again; searches for the alias find them.\n"
    "Spellings that differ only in case, accents or transliteration (Sergey,\n"
    "Sergei, Сергей) are one name already and need no alias.\n"
    "\n"
    "  --file FILE   lines of KIND<TAB>CANONICAL<TAB>ALIAS...; '#' comments\n"
    "  --format F    list as text (NAME<TAB>ALIAS-KEY lines) or json\n"
    "  --db DIR      database directory (default $LEGATE_DB or ./legate.db)\n"
    "\n"
    "Exit: 0 done, 2 usage error, 3 database error.\n";

typedef struct {
    const char *words[256];
    size_t n;
    const char *file;
    int json;
} alias_args;

static int on_opt(void *ctx, int id, const char *v)
{
    alias_args *a = ctx;
    if (id == 1) {
        a->file = v;
        return 0;
    }
    if (strcmp(v, "json") == 0 || strcmp(v, "text") == 0) {
        a->json = v[0] == 'j';
        return 0;
    }
    lg_cli_usage("alias", "--format: '%s' is not text or json", v);
    return -1;
}

static int on_word(void *ctx, const char *word)
{
    alias_args *a = ctx;
    if (a->n == sizeof a->words / sizeof a->words[0]) {
        lg_cli_usage("alias", "too many arguments");
        return -1;
    }
    a->words[a->n++] = word;
    return 0;
}

static int print_text(void *ctx, const char *name, const char *key)
{
    (void)ctx;
    return printf("%s\t%s\n", name, key) < 0 ? -1 : 0;
}

static int add_json(void *ctx, const char *name, const char *key)
{
    json_t *pair = json_pack("{s:s, s:s}", "name", name, "alias_key", key);
    return json_array_append_new(ctx, pair);
}

static int list(alias_args *a, lg_entity kind)
{
    lg_err e;
    json_t *arr = a->json ? json_array() : NULL;
    int rc = lg_alias_list(lg_dbdir_default(lg_cli_db), kind, a->json ? add_json : print_text,
                           a->json ? (void *)arr : NULL, &e);
    if (rc == 0 && arr)
        rc = json_dumpf(arr, stdout, JSON_INDENT(2)) == 0 && fputc('\n', stdout) != EOF ? 0 : -2;
    json_decref(arr);
    if (rc == -1) {
        lg_cli_error("%s", e.msg);
        return e.code;
    }
    return rc == 0 && fflush(stdout) == 0 ? LG_EXIT_OK : LG_EXIT_OUTPUT;
}

static int add(alias_args *a)
{
    lg_err e;
    lg_entity kind;
    unsigned long merged = 0;
    int rc;
    if (a->file && a->n == 1) {
        rc = lg_alias_add_file(lg_dbdir_default(lg_cli_db), a->file, &merged, &e);
    } else if (!a->file && a->n >= 4 && lg_entity_parse(a->words[1], &kind) == 0) {
        rc = lg_alias_add(lg_dbdir_default(lg_cli_db), kind, a->words[2], a->words + 3, a->n - 3,
                          &merged, &e);
    } else {
        return lg_cli_usage("alias", "add takes speaker|outlet CANONICAL ALIAS..., or --file FILE");
    }
    if (rc != 0) {
        lg_cli_error("%s", e.msg);
        return e.code;
    }
    fprintf(stderr, "legate: aliases added, %lu articles merged\n", merged);
    return LG_EXIT_OK;
}

int cmd_alias(int argc, char **argv)
{
    static const lg_cli_opt options[] = {{"file", 1, 1}, {"format", 1, 2}, {NULL, 0, 0}};
    alias_args a = {.n = 0};
    lg_cli_spec spec = {"alias", help, options, on_opt, on_word, &a, NULL};
    int rc = lg_cli_parse(&spec, argc, argv);
    if (rc != 0)
        return rc > 0 ? LG_EXIT_OK : LG_EXIT_USAGE;
    lg_entity kind;
    if (a.n >= 1 && strcmp(a.words[0], "add") == 0)
        return add(&a);
    if (a.n == 2 && strcmp(a.words[0], "list") == 0 && lg_entity_parse(a.words[1], &kind) == 0)
        return list(&a, kind);
    return lg_cli_usage("alias", "expected 'add' or 'list speaker|outlet'");
}

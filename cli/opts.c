#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <utf8proc.h>

#include "cli.h"
#include "err.h"
#include "strbuf.h"

const char *lg_cli_db;

/* Writes a formatted message on one line of stderr. Messages quote file
 * names, queries and feed values as they are: control characters (a
 * newline, an escape sequence) and bytes that are not UTF-8 are written as
 * \xNN, so no input can split the line or drive the terminal. */
static void put_message(const char *fmt, va_list ap)
{
    lg_sb sb = LG_SB_INIT;
    lg_sb_vaddf(&sb, fmt, ap);
    const unsigned char *p = (const unsigned char *)sb.buf;
    for (size_t i = 0; i < sb.len;) {
        utf8proc_int32_t cp = p[i];
        utf8proc_ssize_t n = 1;
        if (p[i] >= 0x80)
            n = utf8proc_iterate(p + i, (utf8proc_ssize_t)(sb.len - i), &cp);
        int plain = n > 0 && cp >= 0x20 && cp != 0x7f && !(cp >= 0x80 && cp < 0xa0);
        size_t bytes = n > 0 ? (size_t)n : 1;
        for (size_t k = 0; k < bytes; k++) {
            if (plain)
                fputc(p[i + k], stderr);
            else
                fprintf(stderr, "\\x%02x", p[i + k]);
        }
        i += bytes;
    }
    fputc('\n', stderr);
    lg_sb_release(&sb);
}

void lg_cli_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("legate: ", stderr);
    put_message(fmt, ap);
    va_end(ap);
}

int lg_cli_usage(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "legate %s: ", cmd);
    put_message(fmt, ap);
    fprintf(stderr, "Try 'legate %s --help'.\n", cmd);
    va_end(ap);
    return LG_EXIT_USAGE;
}

int lg_cli_date(const char *cmd, const char *opt, const char *value, lg_date *out)
{
    size_t at;
    if (lg_date_parse_iso(value, strlen(value), out, &at) == 0)
        return 0;
    lg_cli_usage(cmd, "%s: bad date '%s' at character %zu (use YYYY, YYYY-MM or YYYY-MM-DD)", opt,
                 value, at + 1);
    return -1;
}

int lg_cli_uint(const char *cmd, const char *opt, const char *value, uint64_t *out)
{
    char *end;
    if (*value >= '0' && *value <= '9') {
        errno = 0;
        *out = strtoumax(value, &end, 10);
        if (*end == '\0' && errno == ERANGE) {
            lg_cli_usage(cmd, "%s: '%s' is too large (at most %" PRIu64 ")", opt, value,
                         UINT64_MAX);
            return -1;
        }
        if (*end == '\0')
            return 0;
    }
    lg_cli_usage(cmd, "%s: '%s' is not a non-negative integer", opt, value);
    return -1;
}

void lg_cli_waiting(void *ctx, const char *dir, long holder)
{
    (void)ctx;
    lg_cli_error("%s: another legate process (pid %ld) is writing; waiting for it to finish "
                 "(--wait SECONDS to give up)", dir, holder);
}

void lg_cli_catching_up(void *ctx, const char *dir, int64_t pending)
{
    (void)ctx;
    lg_cli_error("%s: first writing %" PRId64 " earlier changes to the search index (after an "
                 "upgrade, a rebuild or an interrupted run)", dir, pending);
}

int lg_cli_wait(const char *cmd, const char *value, lg_wait *w)
{
    uint64_t s;
    if (lg_cli_uint(cmd, "--wait", value, &s) != 0)
        return -1;
    w->seconds = s > 1000000000 ? 1000000000 : (long)s;
    return 0;
}

int lg_cli_color(const char *cmd, const char *when)
{
    if (!when || strcmp(when, "auto") == 0) {
        const char *no = getenv("NO_COLOR");
        return isatty(STDOUT_FILENO) && !(no && *no);
    }
    if (strcmp(when, "always") == 0)
        return 1;
    if (strcmp(when, "never") == 0)
        return 0;
    lg_cli_usage(cmd, "--color: '%s' is not auto, always or never", when);
    return -1;
}

static const lg_cli_opt *find_opt(const lg_cli_opt *opts, const char *name, size_t len)
{
    for (; opts->name; opts++)
        if (strlen(opts->name) == len && strncmp(opts->name, name, len) == 0)
            return opts;
    return NULL;
}

/* The long option a short form stands for ("-0" -> "--null"), or NULL.
 * Short forms take no value. */
static const char *long_form(const lg_cli_spec *spec, const char *arg)
{
    for (const char *const *p = spec->shorts; p && *p; p += 2)
        if (strcmp(*p, arg) == 0)
            return p[1];
    return NULL;
}

static int parse_one(const lg_cli_spec *spec, int argc, char **argv, int *i);

/* A short form is its long option, which takes no value. */
static int parse_short(const lg_cli_spec *spec, const char *long_name)
{
    char *argv[] = {NULL, (char *)long_name};
    int i = 1;
    return parse_one(spec, 2, argv, &i);
}

static int parse_one(const lg_cli_spec *spec, int argc, char **argv, int *i)
{
    const char *name = argv[*i] + 2;
    const char *eq = strchr(name, '=');
    size_t len = eq ? (size_t)(eq - name) : strlen(name);
    if (len == 4 && strncmp(name, "help", 4) == 0) {
        fputs(spec->help, stdout);
        return 1;
    }
    static const lg_cli_opt db = {"db", 1, 0};
    const lg_cli_opt *o = len == 2 && strncmp(name, "db", 2) == 0 ? &db : find_opt(spec->opts, name, len);
    if (!o) {
        lg_cli_usage(spec->cmd, "unknown option '--%.*s'", (int)len, name);
        return -1;
    }
    const char *value = eq ? eq + 1 : NULL;
    if (o->has_arg && !eq && *i + 1 < argc)
        value = argv[++*i];
    if (o->has_arg != (value != NULL)) {
        lg_cli_usage(spec->cmd, o->has_arg ? "option '--%s' needs a value"
                                           : "option '--%s' takes no value", o->name);
        return -1;
    }
    if (o == &db) {
        lg_cli_db = value;
        return 0;
    }
    return spec->on_opt(spec->ctx, o->id, value);
}

int lg_cli_parse(const lg_cli_spec *spec, int argc, char **argv)
{
    int options_done = 0;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        int rc = 0;
        if (options_done)
            rc = spec->on_word(spec->ctx, arg);
        else if (strcmp(arg, "--") == 0)
            options_done = 1;
        else if (strcmp(arg, "-h") == 0)
            rc = fputs(spec->help, stdout) >= 0;
        else if (long_form(spec, arg))
            rc = parse_short(spec, long_form(spec, arg));
        else if (strncmp(arg, "--", 2) == 0)
            rc = parse_one(spec, argc, argv, &i);
        else
            rc = spec->on_word(spec->ctx, arg);
        if (rc != 0)
            return rc;
    }
    return 0;
}

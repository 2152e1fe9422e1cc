/*
 * cmd_serve.c — `legate serve-shard`: serves one database's Xapian index,
 * read-only, to `search --shards` on other machines, by exec()ing Xapian's
 * own server: xapian-tcpsrv --interface HOST --port PORT DIR/xapian.
 * SQLite is not served: hits are shown from the document data.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "dbdir.h"
#include "err.h"

static const char help[] =
    "usage: legate serve-shard --port PORT [--host HOST] [--db DIR]\n"
    "\n"
    "Serves the database's Xapian index read-only with Xapian's remote backend:\n"
    "runs xapian-tcpsrv on DIR/xapian, listening on HOST:PORT, in place of this\n"
    "process (until killed). Other machines search it through a shards file\n"
    "line `remote HOST:PORT`.\n"
    "\n"
    "  --port PORT       TCP port to listen on (required)\n"
    "  --host HOST       interface to listen on (default 127.0.0.1: loopback\n"
    "                    only; 0.0.0.0 for every interface)\n"
    "  --db DIR          database directory (default $LEGATE_DB or ./legate.db)\n"
    "\n"
    "Exit: only on failure: 2 usage error, 3 database missing or xapian-tcpsrv\n"
    "not installed (Debian: xapian-tools).\n";

enum { O_PORT = 1, O_HOST };

static const lg_cli_opt options[] = {{"port", 1, O_PORT}, {"host", 1, O_HOST}, {NULL, 0, 0}};

typedef struct {
    const char *port, *host;
} serve_args;

static int on_opt(void *ctx, int id, const char *v)
{
    serve_args *a = ctx;
    uint64_t port;
    if (id == O_HOST) {
        a->host = v;
        return 0;
    }
    if (lg_cli_uint("serve-shard", "--port", v, &port) != 0)
        return -1;
    if (port < 1 || port > 65535) {
        lg_cli_usage("serve-shard", "--port: %s is not between 1 and 65535", v);
        return -1;
    }
    a->port = v;
    return 0;
}

static int on_word(void *ctx, const char *word)
{
    (void)ctx;
    lg_cli_usage("serve-shard", "unexpected argument '%s'", word);
    return -1;
}

static int serve(const serve_args *a)
{
    lg_dbdir db;
    lg_err e;
    if (lg_dbdir_open(lg_dbdir_default(lg_cli_db), LG_DB_READ, &db, &e) != 0) {
        lg_cli_error("%s", e.msg);
        return LG_EXIT_DB;
    }
    char *argv[] = {"xapian-tcpsrv", "--interface", (char *)a->host, "--port", (char *)a->port,
                    db.xapian_path, NULL};
    fflush(NULL);
    execvp(argv[0], argv);
    lg_cli_error("cannot run xapian-tcpsrv: %s (install xapian-tools)", strerror(errno));
    lg_dbdir_close(&db);
    return LG_EXIT_DB;
}

int cmd_serve_shard(int argc, char **argv)
{
    serve_args a = {NULL, "127.0.0.1"};
    lg_cli_spec spec = {"serve-shard", help, options, on_opt, on_word, &a, NULL};
    int rc = lg_cli_parse(&spec, argc, argv);
    if (rc == 0 && !a.port)
        rc = -1, lg_cli_usage("serve-shard", "--port is required");
    return rc < 0 ? LG_EXIT_USAGE : rc > 0 ? LG_EXIT_OK : serve(&a);
}

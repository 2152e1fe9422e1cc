/*
 * xs_shards.cc — one database over the shards a stub file lists, each
 * opened on its own so that a shard that is down is named (and, when the
 * caller allows it, left out) instead of failing the whole open.
 *
 * Stub lines are Xapian's: "auto PATH" or "glass PATH" (relative paths
 * from the stub's folder), "remote HOST:PORT"; blank lines and lines
 * starting with '#' are skipped. Other backends are refused.
 */
#include "xs_internal.h"

#include <fstream>
#include <new>
#include <sstream>

namespace {

struct shard_line {
    std::string kind, where, name; /* name: the line as written, for messages */
};

std::string folder_of(const std::string &path)
{
    size_t slash = path.rfind('/');
    return slash == std::string::npos ? std::string(".") : path.substr(0, slash ? slash : 1);
}

std::vector<shard_line> read_stub(const std::string &stub)
{
    std::ifstream in(stub);
    if (!in)
        throw Xapian::DatabaseNotFoundError(stub + ": cannot read the shards file");
    std::vector<shard_line> lines;
    std::string line;
    for (unsigned n = 1; std::getline(in, line); n++) {
        std::istringstream words(line);
        shard_line s;
        if (!(words >> s.kind) || s.kind[0] == '#')
            continue;
        words >> s.where;
        std::string extra;
        if (s.where.empty() || (words >> extra) ||
            (s.kind != "auto" && s.kind != "glass" && s.kind != "remote"))
            throw Xapian::DatabaseOpeningError(stub + ":" + std::to_string(n) +
                                               ": expected 'auto PATH' or 'remote HOST:PORT'");
        if (s.kind != "remote" && s.where[0] != '/')
            s.where = folder_of(stub) + "/" + s.where;
        s.name = s.kind + " " + s.where;
        lines.push_back(s);
    }
    if (lines.empty())
        throw Xapian::DatabaseOpeningError(stub + ": lists no shard");
    return lines;
}

Xapian::Database open_shard(const shard_line &s, unsigned timeout_ms)
{
    if (s.kind != "remote")
        return Xapian::Database(s.where);
    size_t colon = s.where.rfind(':');
    unsigned long port = colon == std::string::npos ? 0 : std::strtoul(s.where.c_str() + colon + 1, nullptr, 10);
    if (!port || port > 65535)
        throw Xapian::DatabaseOpeningError(s.name + ": expected HOST:PORT");
    useconds_t t = static_cast<useconds_t>(timeout_ms) * 1000;
    Xapian::Database d = Xapian::Remote::open(s.where.substr(0, colon), static_cast<unsigned>(port), t, t);
    d.get_doccount(); /* a server that accepts but does not answer times out here */
    return d;
}

} // namespace

extern "C" xs_status xs_db_open_stub(const char *stub, unsigned timeout_ms, int allow_partial,
                                     xs_db **out, char **missing)
{
    xs_db *h = new (std::nothrow) xs_db;
    *out = h;
    *missing = nullptr;
    if (!h)
        return xs_fail(xs_thread_error(), XS_NOMEM, "out of memory");
    std::string skipped;
    xs_status st = xs_guard(h->last_error, [&] {
        auto all = std::make_unique<Xapian::Database>();
        for (const shard_line &s : read_stub(stub ? stub : "")) {
            try {
                all->add_database(open_shard(s, timeout_ms));
            } catch (const Xapian::Error &e) {
                std::string why = "shard " + s.name + " unavailable: " + e.get_msg();
                if (!allow_partial)
                    throw Xapian::DatabaseOpeningError(why);
                skipped += why + "\n";
            }
        }
        if (all->size() == 0)
            throw Xapian::DatabaseOpeningError("no shard of " + std::string(stub) +
                                               " is available:\n" + skipped);
        h->db = std::move(all);
        h->shards = true;
    });
    if (st == XS_OK && !skipped.empty())
        st = xs_guard(h->last_error, [&] { *missing = xs_strdup(skipped); });
    return st;
}

/*
 * xs_error.cc — the one exception mapper, status names, and the small
 * conversions every shim file needs.
 *
 * Mapping lives here alone so that "which Xapian failure is which status"
 * is decided once: the classifier rethrows the exception being handled and
 * catches from the most to the least specific class.
 */
#include "xs_internal.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <new>

/* Xapian subclass -> status. Subclasses before their bases: a
 * DatabaseLockError is also a DatabaseOpeningError. */
static xs_status xapian_status()
{
    try {
        throw;
    } catch (const Xapian::DatabaseLockError &) {
        return XS_LOCKED;
    } catch (const Xapian::DatabaseNotFoundError &) {
        return XS_NOT_FOUND;
    } catch (const Xapian::DocNotFoundError &) {
        return XS_NOT_FOUND;
    } catch (const Xapian::DatabaseModifiedError &) {
        return XS_MODIFIED;
    } catch (const Xapian::DatabaseCorruptError &) {
        return XS_CORRUPT;
    } catch (const Xapian::DatabaseVersionError &) {
        return XS_CORRUPT;
    } catch (const Xapian::DatabaseOpeningError &) {
        return XS_CORRUPT;
    } catch (const Xapian::QueryParserError &) {
        return XS_QUERY_ERROR;
    } catch (const Xapian::WildcardError &) {
        return XS_QUERY_ERROR;
    } catch (...) {
        return XS_INTERNAL;
    }
}

/* A write refused by a read-only filesystem, whatever class carried it. */
static bool is_read_only(const Xapian::Error &e)
{
    const char *err = e.get_error_string();
    return err && std::strcmp(err, std::strerror(EROFS)) == 0;
}

/* "Type: message (context) (errno text)". */
static std::string describe(const Xapian::Error &e)
{
    std::string text = std::string(e.get_type()) + ": " + e.get_msg();
    if (!e.get_context().empty())
        text += " (" + e.get_context() + ")";
    if (const char *err = e.get_error_string())
        text += std::string(" (") + err + ")";
    return text;
}

xs_status xs_map_error(std::string &msg) noexcept
{
    try {
        try {
            throw;
        } catch (const Xapian::Error &e) {
            msg = describe(e);
            return is_read_only(e) ? XS_READ_ONLY : xapian_status();
        } catch (const std::bad_alloc &) {
            msg = "out of memory";
            return XS_NOMEM;
        } catch (const std::exception &e) {
            msg = e.what();
            return XS_INTERNAL;
        } catch (...) {
            msg = "unknown C++ exception";
            return XS_INTERNAL;
        }
    } catch (...) {
        return XS_NOMEM; /* building the message itself failed */
    }
}

std::string &xs_thread_error() noexcept
{
    static thread_local std::string msg;
    return msg;
}

xs_status xs_fail(std::string &msg, xs_status st, const char *text) noexcept
{
    try {
        msg = text;
    } catch (...) {
        return XS_NOMEM;
    }
    return st;
}

char *xs_strdup(const std::string &s)
{
    char *p = static_cast<char *>(std::malloc(s.size() + 1));
    if (!p)
        throw std::bad_alloc();
    std::memcpy(p, s.c_str(), s.size() + 1);
    return p;
}

Xapian::valueno xs_slot(int slot)
{
    if (slot < 0)
        throw Xapian::InvalidArgumentError("negative value slot " + std::to_string(slot));
    return static_cast<Xapian::valueno>(slot);
}

Xapian::docid xs_docid(uint64_t docid)
{
    if (docid > std::numeric_limits<Xapian::docid>::max())
        throw Xapian::InvalidArgumentError("docid " + std::to_string(docid) +
                                           " exceeds Xapian's 32-bit docids");
    return static_cast<Xapian::docid>(docid);
}

extern "C" const char *xs_status_name(xs_status st)
{
    switch (st) {
    case XS_OK: return "ok";
    case XS_NOT_FOUND: return "not found";
    case XS_LOCKED: return "locked";
    case XS_CORRUPT: return "corrupt";
    case XS_MODIFIED: return "modified";
    case XS_QUERY_ERROR: return "query error";
    case XS_READ_ONLY: return "read-only";
    case XS_NOMEM: return "out of memory";
    case XS_INTERNAL: return "internal error";
    }
    return "unknown status";
}

extern "C" const char *xs_last_error(void)
{
    return xs_thread_error().c_str();
}

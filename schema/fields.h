/*
 * fields.h — Legate's field table (see fields.def for the columns).
 *
 * Contract: the table is static and immutable; every pointer returned here
 * points into it and lives for the whole program. Field ids are dense
 * (0 .. LG_F__COUNT-1) and in the order of fields.def, which is also the
 * column order of every tabular output.
 */
#ifndef LEGATE_FIELDS_H
#define LEGATE_FIELDS_H

#include <stddef.h>
#include <stdint.h>

typedef enum {
#define FIELD(id, name, kind, xprefix, slot, column, flags) LG_F_##id,
#include "fields.def"
#undef FIELD
    LG_F__COUNT
} lg_field_id;

typedef enum {
    LG_KIND_TEXT,
    LG_KIND_BOOLEAN,
    LG_KIND_DATE,
    LG_KIND_ID,
    LG_KIND_STORED,
    LG_KIND_RESULT
} lg_field_kind;

/* Xapian value slots. Never renumber: existing indexes depend on them. */
enum {
    LG_SLOT_NONE = -1,
    LG_SLOT_DATE = 0,    /* "YYYYMMDD", unknown parts "00" */
    LG_SLOT_OUTLET = 1,  /* outlet key */
    LG_SLOT_SPEAKER = 2, /* speaker key */
    LG_SLOT_LANG = 3,    /* ISO 639-1 code */
    LG_SLOT_QUOTE_KEY = 4, /* quotes: the words, normalised, for collapsing */
    LG_SLOT_DUP_GROUP = 5  /* articles: the group of syndicated copies */
};

/* Quote documents live beside articles in one Xapian index; their docids
 * are this base plus the quote id, so they never meet an article id. The
 * base is 2^31, lower in a shard (shard.h): opening a database directory
 * sets it for the process. */
#define LG_QUOTE_DOCID_BASE ((uint64_t)1 << 31)
uint64_t lg_quote_docid_base(void);
void lg_quote_docid_base_set(uint64_t base);

enum {
    LG_QUERYABLE = 1 << 0,
    LG_OUTPUT = 1 << 1,
    LG_FILTER_FLAG = 1 << 2,
    LG_SHOW = 1 << 3,
    LG_JSON_ARRAY = 1 << 4,
    LG_QUOTE_OUTPUT = 1 << 5,
    LG_JSON_INT = 1 << 6,
    LG_JSON_NUM = 1 << 7,
    LG_JSON_BOOL = 1 << 8
};

typedef struct {
    lg_field_id id;
    const char *name;
    lg_field_kind kind;
    const char *xprefix;
    int slot;
    const char *column;
    unsigned flags;
} lg_field;

/* The field with this id; never NULL for a valid id. */
const lg_field *lg_field_get(lg_field_id id);

/* The field called `name` (len bytes, exact, case-sensitive), or NULL. */
const lg_field *lg_field_by_name(const char *name, size_t len);

/* Comma-separated names of the fields having all of `flags`, for messages
 * ("outlet, speaker, lang"). Static storage, built once. */
const char *lg_field_names(unsigned flags);

#endif

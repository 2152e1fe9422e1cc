/*
 * date.h — calendar dates as Legate stores and filters them.
 *
 * A stored date is "YYYY-MM-DD", "YYYY-MM" or "YYYY" (its precision says
 * which) and goes into Xapian's date slot as 8 digits, "00" for unknown
 * parts (2024-05 -> "20240500"). A query endpoint names a whole period:
 * `date:2024-05` is [20240500, 20240599], so a month-precision article of
 * May 2024 and every day of May match; `--since 2024-06` starts at
 * 20240600, `--until 2024-12` ends at 20241299.
 */
#ifndef LEGATE_DATE_H
#define LEGATE_DATE_H

#include <stddef.h>

typedef enum {
    LG_DATE_UNKNOWN = 0,
    LG_DATE_YEAR,
    LG_DATE_MONTH,
    LG_DATE_DAY,
    LG_DATE_MINUTE
} lg_date_precision;

typedef struct {
    int year, month, day;   /* month/day 0 when unknown */
    int hour, minute;       /* -1 when unknown */
    lg_date_precision precision;
} lg_date;

/* Parses an ISO 8601 date as users and feeds write it: "2024", "2024-05",
 * "2024-05-21", "2024-05-21T17:40", "2024-05-21T17:40:00Z",
 * "2024-05-21 17:40:00+03:00" (the zone is accepted; the local date kept).
 * Checks ranges (month 1-12, day within the month, leap years). Returns 0,
 * or -1 with *err_at set to the byte offset of the first bad character. */
int lg_date_parse_iso(const char *s, size_t len, lg_date *out, size_t *err_at);

/* "precision" name as stored and output: "minute", "day", "month", "year",
 * "unknown". Static. */
const char *lg_date_precision_name(lg_date_precision p);

/* The stored text form: "YYYY-MM-DD", "YYYY-MM" or "YYYY" (minute
 * precision also stores the day form). out must hold 11 bytes. Empty for
 * an unknown date. */
void lg_date_format(const lg_date *d, char out[11]);

/* The 8-digit slot value ("20240500"); out must hold 9 bytes. Empty for an
 * unknown date. */
void lg_date_slot(const lg_date *d, char out[9]);

/* The slot values bounding the whole period the date names: first and last
 * ("20240500".."20240599" for 2024-05). Each out holds 9 bytes. */
void lg_date_period(const lg_date *d, char lo[9], char hi[9]);

#endif

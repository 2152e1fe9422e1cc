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

/*
 * Finds the first date written out in free text and reports its byte span
 * [*start, *end) (either pointer may be NULL). Returns 0, or -1 (*out
 * unknown) when the text states none. Forms, case-insensitive:
 *   2024-05-21, 2024-05-21T17:40:00+03:00, 2024/05/21, 2024.05.21
 *   21.05.2024 (always day first); 21/05/2024 and 05/21/2024: a number
 *     above 12 is the day, and when both could be months, day first
 *   26 December 2024, 26th Dec. 2024, 26. December 2024, 26 декабря 2024 г.,
 *     3. März 2021, 1er mai 2019, 16 de mayo de 2020
 *   December 26, 2024; Dec. 26 2024; Sept 5, 2024
 *   2020年7月15日, 2020년 9월 2일
 *   May 2024, декабрь 2024, Oktober 2015 (month precision)
 * Month names: English in full or three letters (optional dot, "Sept"),
 * Russian in the genitive or nominative, German (also "Mär", "Okt."),
 * French, Spanish, Portuguese, Italian, Dutch, Swedish, Romanian. A weekday
 * in these languages before a day-precise date belongs to the span
 * ("Tuesday, May 21, 2024", "Samstag, 19. Juli 2014"). A time after a date
 * ("17:40", "5:40 PM", "at 17:40", "| 17:40", a zone) or just before it
 * ("14:05, 3 марта 2025") makes it minute precise. Years run 1900-2099. Never a bare year ("in 2014"), never a day
 * without a year ("May 21"), never inside a word, a file name or a URL
 * ("IMG-2019-07-29.jpg", "/2018/02/11/"); impossible days (30 February)
 * are not dates.
 */
int lg_date_parse_text(const char *s, size_t len, lg_date *out, size_t *start, size_t *end);

/* The zone a timestamp states after its time of day ("…T22:04:00Z",
 * "…17:40+03:00", "…1740-0500"): 1 with its offset from UTC in *minutes,
 * or 0 when s ends in no zone after a time. */
int lg_date_zone(const char *s, size_t len, int *minutes);

/* Days from 1970-01-01 to a date of day precision or finer (proleptic
 * Gregorian), for comparing days. */
long lg_date_days(const lg_date *d);

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

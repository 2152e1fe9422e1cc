#include "chart.h"

#include <inttypes.h>
#include <string.h>
#include <utf8proc.h>

#include "strbuf.h"

/* ---- shared ------------------------------------------------------- */

/* One color per series, used by both outputs: Okabe–Ito, which stays
 * distinct for the common kinds of color blindness, then grey and Paul
 * Tol's wine, with the nearest xterm-256 color for the terminal (blue a
 * shade lighter, to show on dark backgrounds). Yellow comes late because
 * it is faint on white. Charts with more series than colors reuse them. */
static const struct {
    const char *rgb;
    int ansi;
} palette[] = {
    {"#0072B2", 32},  {"#E69F00", 214}, {"#009E73", 36},  {"#D55E00", 166},
    {"#56B4E9", 74},  {"#CC79A7", 175}, {"#F0E442", 227}, {"#000000", 245},
    {"#999999", 250}, {"#882255", 89},
};
#define N_PALETTE (sizeof palette / sizeof palette[0])

static uint64_t cell(const lg_chart *c, size_t s, size_t p)
{
    return c->counts[s * c->n_periods + p];
}

static uint64_t period_total(const lg_chart *c, size_t p)
{
    uint64_t t = 0;
    for (size_t s = 0; s < c->n_series; s++)
        t += cell(c, s, p);
    return t;
}

/* The largest stacked total, or with `single`, the largest single cell
 * (lines are not stacked). */
static uint64_t chart_max(const lg_chart *c, int single)
{
    uint64_t max = 0;
    for (size_t p = 0; p < c->n_periods; p++) {
        for (size_t s = 0; single && s < c->n_series; s++)
            max = cell(c, s, p) > max ? cell(c, s, p) : max;
        uint64_t t = single ? 0 : period_total(c, p);
        max = t > max ? t : max;
    }
    return max;
}

/* Decodes one character of s[0..len) into *cp; returns its length, or 0
 * for a byte that does not start valid UTF-8 (*cp is then -1). */
static size_t next_char(const char *s, size_t len, utf8proc_int32_t *cp)
{
    utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, cp);
    if (n <= 0)
        *cp = -1;
    return n > 0 ? (size_t)n : 0;
}

/* Display columns of one decoded character; an invalid byte is shown as
 * one replacement column, a control character as a space. */
static size_t char_cols(utf8proc_int32_t cp)
{
    if (cp < 0x20 || cp == 0x7f)
        return 1;
    return (size_t)utf8proc_charwidth(cp);
}

static size_t display_width(const char *s)
{
    size_t width = 0, len = strlen(s);
    for (size_t i = 0; i < len;) {
        utf8proc_int32_t cp;
        size_t n = next_char(s + i, len - i, &cp);
        width += char_cols(cp);
        i += n ? n : 1;
    }
    return width;
}

/* Writes the whole document at once so that a failure anywhere shows in
 * one place; releases sb. */
static int emit(lg_sb *sb, FILE *out)
{
    int ok = fwrite(sb->buf, 1, sb->len, out) == sb->len;
    lg_sb_release(sb);
    return ok && fflush(out) == 0 ? 0 : -1;
}

/* ---- terminal ----------------------------------------------------- */

/* Partial cells, in eighths: index 8 is a full block. */
static const char *const eighths[] = {"", "▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"};
static const char *const fills[] = {"█", "▓", "▒", "░"};
#define N_FILLS (sizeof fills / sizeof fills[0])
#define N_LETTERS 26

/* The character that fills series s: shades first, then letters. */
static void add_fill(lg_sb *sb, size_t s, int color)
{
    if (color || s < N_FILLS)
        lg_sb_adds(sb, color ? fills[0] : fills[s]);
    else
        lg_sb_addc(sb, (char)('A' + (s - N_FILLS) % N_LETTERS));
}

static void color_on(lg_sb *sb, size_t s, int color)
{
    if (color)
        lg_sb_addf(sb, "\033[38;5;%dm", palette[s % N_PALETTE].ansi);
}

static void color_off(lg_sb *sb, int color)
{
    if (color)
        lg_sb_adds(sb, "\033[0m");
}

/* Names come from scraped pages: control bytes (ESC above all) are shown
 * as spaces so they can never drive the terminal. */
static void add_clean(lg_sb *sb, const char *s)
{
    for (; *s; s++) {
        unsigned char ch = (unsigned char)*s;
        lg_sb_addc(sb, ch < 0x20 || ch == 0x7f ? ' ' : (char)ch);
    }
}

static void add_spaces(lg_sb *sb, size_t n)
{
    while (n--)
        lg_sb_addc(sb, ' ');
}

static const char *series_name(const lg_chart *c, size_t s)
{
    return c->series[s] ? c->series[s] : "(unnamed)";
}

static void text_legend(lg_sb *sb, const lg_chart *c, int color)
{
    for (size_t s = 0; s < c->n_series; s++) {
        if (s)
            lg_sb_adds(sb, "  ");
        color_on(sb, s, color);
        add_fill(sb, s, color);
        color_off(sb, color);
        lg_sb_addc(sb, ' ');
        add_clean(sb, series_name(c, s));
    }
    lg_sb_addc(sb, '\n');
}

/* v scaled from [0, max] to [0, units], rounded; a non-zero value never
 * vanishes. */
static size_t scale(uint64_t v, uint64_t max, size_t units)
{
    if (!max || !v)
        return 0;
    size_t r = (size_t)((double)v * (double)units / (double)max + 0.5);
    return r ? r : 1;
}

/* A segment `units` long, in eighths of a cell or in whole cells. */
static void add_segment(lg_sb *sb, size_t s, size_t units, size_t per_cell, int color)
{
    color_on(sb, s, color);
    for (size_t i = 0; i < units / per_cell; i++)
        add_fill(sb, s, color);
    lg_sb_adds(sb, eighths[units % per_cell]);
    color_off(sb, color);
}

/* The stacked bar of period p; returns the columns it takes. A single
 * series is drawn in eighths of a cell; stacked series in whole cells,
 * since one cell cannot show two fills. Segment ends are scaled from the
 * running total, so rounding never makes a bar longer than its total. */
static size_t text_bar(lg_sb *sb, const lg_chart *c, size_t p, uint64_t max, size_t width,
                       int color)
{
    size_t per_cell = c->n_series > 1 ? 1 : 8, done = 0;
    uint64_t sum = 0;
    for (size_t s = 0; s < c->n_series; s++) {
        sum += cell(c, s, p);
        size_t end = scale(sum, max, width * per_cell);
        if (end > done)
            add_segment(sb, s, end - done, per_cell, color);
        done = end > done ? end : done;
    }
    return (done + per_cell - 1) / per_cell;
}

static size_t digits(uint64_t v)
{
    size_t n = 1;
    while (v >= 10) {
        v /= 10;
        n++;
    }
    return n;
}

int lg_chart_text(const lg_chart *c, FILE *out, int width, int color)
{
    size_t bar_cols = width > 0 ? (size_t)width : 1;
    uint64_t max = chart_max(c, 0);
    size_t label_cols = 0;
    for (size_t p = 0; p < c->n_periods; p++) {
        size_t w = display_width(c->periods[p]);
        label_cols = w > label_cols ? w : label_cols;
    }
    lg_sb sb = LG_SB_INIT;
    if (c->n_series > 1)
        text_legend(&sb, c, color);
    for (size_t p = 0; p < c->n_periods; p++) {
        add_clean(&sb, c->periods[p]);
        add_spaces(&sb, label_cols - display_width(c->periods[p]) + 2);
        add_spaces(&sb, bar_cols - text_bar(&sb, c, p, max, bar_cols, color) + 1);
        uint64_t total = period_total(c, p);
        add_spaces(&sb, digits(max) - digits(total));
        lg_sb_addf(&sb, "%" PRIu64 "\n", total);
    }
    return emit(&sb, out);
}

/* ---- SVG: text and numbers ---------------------------------------- */

#define FONT_TITLE 16.0
#define FONT_LABEL 11.0
#define FONT_AXIS 12.0
#define CHAR_EM 0.6     /* average glyph advance of sans-serif, in ems */
#define BOLD_EM 0.7     /* the same for bold text, Cyrillic included */
#define SIN45 0.7071
#define PAD 12.0        /* space around the whole figure */
#define LINES_ABOVE 60  /* more periods than this are drawn as lines */

/* Pixel width of `cols` display columns of text at `font` px. */
static double text_px(size_t cols, double font)
{
    return (double)cols * CHAR_EM * font;
}

/* A coordinate with at most one decimal, built from integers so that a
 * locale with a decimal comma (the CLI calls setlocale) cannot break the
 * document. */
static void add_num(lg_sb *sb, double v)
{
    long t = (long)(v * 10 + (v < 0 ? -0.5 : 0.5));
    if (t < 0) {
        lg_sb_addc(sb, '-');
        t = -t;
    }
    lg_sb_addf(sb, "%ld", t / 10);
    if (t % 10)
        lg_sb_addf(sb, ".%ld", t % 10);
}

/* ` name="v"` */
static void add_attr(lg_sb *sb, const char *name, double v)
{
    lg_sb_addf(sb, " %s=\"", name);
    add_num(sb, v);
    lg_sb_addc(sb, '"');
}

/* One character as XML text: markup characters escaped; bytes that are
 * not UTF-8 and characters XML 1.0 forbids become U+FFFD, since either
 * would make the whole document unreadable. */
static void add_xml_char(lg_sb *sb, const char *s, size_t n, utf8proc_int32_t cp)
{
    switch (cp) {
    case '&': lg_sb_adds(sb, "&amp;"); return;
    case '<': lg_sb_adds(sb, "&lt;"); return;
    case '>': lg_sb_adds(sb, "&gt;"); return;
    case '"': lg_sb_adds(sb, "&quot;"); return;
    case '\'': lg_sb_adds(sb, "&apos;"); return;
    default: break;
    }
    if (cp < 0x20 || cp == 0xFFFE || cp == 0xFFFF)
        lg_sb_adds(sb, cp == '\t' || cp == '\n' ? " " : "\xEF\xBF\xBD");
    else
        lg_sb_add(sb, s, n);
}

/* s escaped, cut with "…" to at most max_cols display columns. */
static void add_xml_fit(lg_sb *sb, const char *s, size_t max_cols)
{
    size_t len = strlen(s), cols = 0;
    int fits = display_width(s) <= max_cols;
    for (size_t i = 0; i < len;) {
        utf8proc_int32_t cp;
        size_t n = next_char(s + i, len - i, &cp);
        cols += char_cols(cp);
        if (!fits && cols + 1 > max_cols) {
            lg_sb_adds(sb, "…");
            return;
        }
        add_xml_char(sb, s + i, n ? n : 1, cp);
        i += n ? n : 1;
    }
}

/* <text x y font-size [extra]>s</text>; extra is trusted markup. */
static void svg_text(lg_sb *sb, double x, double y, double font, const char *extra, const char *s,
                     size_t max_cols)
{
    lg_sb_adds(sb, "<text");
    add_attr(sb, "x", x);
    add_attr(sb, "y", y);
    add_attr(sb, "font-size", font);
    lg_sb_addf(sb, " %s>", extra);
    add_xml_fit(sb, s, max_cols);
    lg_sb_adds(sb, "</text>\n");
}

/* svg_text turned by `angle` degrees about (x, pivot_y). */
static void svg_text_turned(lg_sb *sb, double x, double y, double font, const char *extra,
                            const char *s, size_t max_cols, int angle, double pivot_y)
{
    lg_sb attrs = LG_SB_INIT;
    lg_sb_addf(&attrs, "%s transform=\"rotate(%d ", extra, angle);
    add_num(&attrs, x);
    lg_sb_addc(&attrs, ' ');
    add_num(&attrs, pivot_y);
    lg_sb_adds(&attrs, ")\"");
    svg_text(sb, x, y, font, attrs.buf, s, max_cols);
    lg_sb_release(&attrs);
}

/* <rect x y width height fill="color"> with a tooltip when `tip` is set,
 * else closed at once. */
static void svg_rect(lg_sb *sb, double x, double y, double w, double h, const char *fill,
                     int tip)
{
    lg_sb_adds(sb, "<rect");
    add_attr(sb, "x", x);
    add_attr(sb, "y", y);
    add_attr(sb, "width", w);
    add_attr(sb, "height", h);
    lg_sb_addf(sb, " fill=\"%s\"%s", fill, tip ? "><title>" : "/>\n");
}

static void svg_line(lg_sb *sb, double x1, double y1, double x2, double y2, const char *stroke)
{
    lg_sb_adds(sb, "<line");
    add_attr(sb, "x1", x1);
    add_attr(sb, "y1", y1);
    add_attr(sb, "x2", x2);
    add_attr(sb, "y2", y2);
    lg_sb_addf(sb, " stroke=\"%s\"/>\n", stroke);
}

/* ---- SVG: layout -------------------------------------------------- */

typedef struct {
    const lg_chart *c;
    double w, h;
    double x0, x1, y0, y1;  /* the plot area: x0 left, y1 bottom */
    uint64_t step, ymax;    /* y ticks at multiples of step up to ymax */
    size_t every;           /* a label on every n-th period */
    int rotate;             /* x labels at -45 degrees */
    int lines;
    size_t label_cols;      /* the longest period label, cut to MAX_LABEL */
} svg_layout;

#define MAX_LABEL 16     /* columns of a period label */
#define MAX_NAME 32      /* columns of a series name in the legend */
#define SWATCH 11.0
#define LEGEND_GAP 18.0  /* between legend entries */
#define ROW 18.0         /* legend row height */
#define TICK 4.0

/* The smallest 1, 2 or 5 × 10^k at least max / target, so that about
 * `target` ticks cover [0, max]. Counts are whole: the step is too. */
static uint64_t nice_step(uint64_t max, uint64_t target)
{
    uint64_t raw = (max + target - 1) / target;
    for (uint64_t mag = 1; mag <= UINT64_MAX / 10; mag *= 10) {
        static const uint64_t mult[] = {1, 2, 5};
        for (size_t i = 0; i < 3; i++)
            if (mult[i] * mag >= raw)
                return mult[i] * mag;
    }
    return raw;
}

/* A tick value, shortened when every tick is a round thousand. */
static void tick_text(char out[32], uint64_t v, uint64_t step)
{
    if (v == 0)
        snprintf(out, 32, "0");
    else if (step % 1000000 == 0)
        snprintf(out, 32, "%" PRIu64 "M", v / 1000000);
    else if (step % 1000 == 0)
        snprintf(out, 32, "%" PRIu64 "k", v / 1000);
    else
        snprintf(out, 32, "%" PRIu64, v);
}

static double entry_width(const lg_chart *c, size_t s)
{
    size_t cols = display_width(series_name(c, s));
    return SWATCH + 5 + text_px(cols < MAX_NAME ? cols : MAX_NAME, FONT_LABEL);
}

typedef struct {
    double w, h;
} box_size;

/* Lays the legend entries out in rows across the figure, drawing them
 * when sb is set; returns the size of the box around them. One function
 * both measures and draws so the two can never disagree. */
static box_size svg_legend(lg_sb *sb, const lg_chart *c, double w, double top)
{
    double left = PAD + 8, right = w - PAD - 8, x = left, y = top + 6, widest = left;
    for (size_t s = 0; s < c->n_series; s++) {
        double ew = entry_width(c, s);
        if (x > left && x + ew > right) {
            x = left;
            y += ROW;
        }
        if (sb) {
            svg_rect(sb, x, y + (ROW - SWATCH) / 2, SWATCH, SWATCH, palette[s % N_PALETTE].rgb, 0);
            svg_text(sb, x + SWATCH + 5, y + ROW / 2 + FONT_LABEL * 0.35, FONT_LABEL,
                     "fill=\"#333\"", series_name(c, s), MAX_NAME);
        }
        x += ew;
        widest = x > widest ? x : widest;
        x += LEGEND_GAP;
    }
    return (box_size){widest + 8 - PAD, y + ROW + 6 - top};
}

static double title_height(const lg_chart *c)
{
    return c->title ? FONT_TITLE + 14 : 0;
}

static double legend_height(const lg_chart *c, double w)
{
    return c->n_series > 1 ? svg_legend(NULL, c, w, 0).h + 10 : 0;
}

/* Picks label rotation and thinning for the plot width: labels stay
 * level while each fits its own slot, and otherwise turn to -45 degrees,
 * where neighbours need about a line height between them (two, so that a
 * dense axis stays easy to read). */
static void layout_x_labels(svg_layout *L)
{
    size_t n = L->c->n_periods ? L->c->n_periods : 1;
    double slot = (L->x1 - L->x0) / (double)n;
    double level = text_px(L->label_cols, FONT_LABEL) + 8;
    L->rotate = level > slot;
    double need = L->rotate ? FONT_LABEL * 2 / SIN45 : level;
    L->every = (size_t)(need / slot);
    L->every += (double)L->every * slot < need;
}

static double x_labels_height(const svg_layout *L)
{
    if (!L->rotate)
        return FONT_LABEL + 8;
    return (text_px(L->label_cols, FONT_LABEL) + FONT_LABEL) * SIN45 + 8;
}

/* The x axis title, guessed from the shape of the labels the timeline
 * command makes ("2024", "2024-06", "2024-W23", "2024-06-01"). */
static const char *x_title(const lg_chart *c)
{
    if (!c->n_periods)
        return NULL;
    const char *p = c->periods[0];
    if (strstr(p, "-W"))
        return "week";
    switch (strlen(p)) {
    case 4: return "year";
    case 7: return "month";
    case 10: return "day";
    default: return NULL;
    }
}

static void layout(svg_layout *L, const lg_chart *c, int width, int height)
{
    memset(L, 0, sizeof *L);
    L->c = c;
    /* Below this the margins leave no room to plot anything. */
    L->w = width > 240 ? width : 240;
    L->h = height > 180 ? height : 180;
    L->lines = c->n_periods > LINES_ABOVE;
    for (size_t p = 0; p < c->n_periods; p++) {
        size_t cols = display_width(c->periods[p]);
        L->label_cols = cols > L->label_cols ? cols : L->label_cols;
    }
    L->label_cols = L->label_cols < MAX_LABEL ? L->label_cols : MAX_LABEL;
    L->y0 = PAD + title_height(c) + legend_height(c, L->w) + FONT_LABEL / 2;

    /* About one tick per 45px of the height the plot will roughly have. */
    uint64_t max = chart_max(c, L->lines);
    uint64_t target = (uint64_t)((L->h - L->y0 - 70) / 45);
    L->step = nice_step(max ? max : 1, target > 2 ? target : 2);
    L->ymax = ((max ? max : 1) + L->step - 1) / L->step * L->step;

    char top[32];
    tick_text(top, L->ymax, L->step);
    L->x0 = PAD + FONT_AXIS + 8 + text_px(strlen(top), FONT_LABEL) + TICK + 4;
    L->x1 = L->w - PAD - 8;
    layout_x_labels(L);
    /* A rotated first label hangs left of its tick. */
    if (L->rotate) {
        double hang = text_px(L->label_cols, FONT_LABEL) * SIN45 + PAD;
        L->x0 = hang > L->x0 ? hang : L->x0;
        layout_x_labels(L);
    }
    L->y1 = L->h - PAD - x_labels_height(L) - (x_title(c) ? FONT_AXIS + 6 : 0);
}

static double x_center(const svg_layout *L, size_t p)
{
    return L->x0 + (L->x1 - L->x0) * ((double)p + 0.5) / (double)L->c->n_periods;
}

static double y_of(const svg_layout *L, uint64_t v)
{
    return L->y1 - (L->y1 - L->y0) * (double)v / (double)L->ymax;
}

/* ---- SVG: drawing ------------------------------------------------- */

static void svg_head(lg_sb *sb, const svg_layout *L)
{
    lg_sb_adds(sb, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                   "<svg xmlns=\"http://www.w3.org/2000/svg\"");
    add_attr(sb, "width", L->w);
    add_attr(sb, "height", L->h);
    lg_sb_adds(sb, " viewBox=\"0 0 ");
    add_num(sb, L->w);
    lg_sb_addc(sb, ' ');
    add_num(sb, L->h);
    lg_sb_adds(sb, "\" font-family=\"sans-serif\">\n");
    const char *title = L->c->title;
    if (title) {
        lg_sb_adds(sb, "<title>");
        add_xml_fit(sb, title, SIZE_MAX);
        lg_sb_adds(sb, "</title>\n");
    }
    svg_rect(sb, 0, 0, L->w, L->h, "#ffffff", 0);
    if (title)
        svg_text(sb, PAD, PAD + FONT_TITLE, FONT_TITLE, "font-weight=\"bold\" fill=\"#222\"", title,
                 (size_t)((L->w - 2 * PAD) / (BOLD_EM * FONT_TITLE)));
}

/* Grid lines and tick values, then the y axis title. The axis lines
 * themselves come after the data, over the bars' bottom edges. */
static void svg_y_axis(lg_sb *sb, const svg_layout *L)
{
    lg_sb_adds(sb, "<g class=\"y-axis\">\n");
    for (uint64_t v = 0; v <= L->ymax; v += L->step) {
        double y = y_of(L, v);
        char t[32];
        tick_text(t, v, L->step);
        if (v)
            svg_line(sb, L->x0, y, L->x1, y, "#e6e6e6");
        svg_text(sb, L->x0 - TICK - 2, y + FONT_LABEL * 0.35, FONT_LABEL,
                 "text-anchor=\"end\" fill=\"#555\"", t, SIZE_MAX);
    }
    double y = (L->y0 + L->y1) / 2;
    svg_text_turned(sb, PAD + FONT_AXIS, y, FONT_AXIS, "text-anchor=\"middle\" fill=\"#333\"",
                    "statements", SIZE_MAX, -90, y);
    lg_sb_adds(sb, "</g>\n");
}

static void svg_x_label(lg_sb *sb, const svg_layout *L, size_t p)
{
    double x = x_center(L, p), y = L->y1 + TICK + FONT_LABEL + 1;
    svg_line(sb, x, L->y1, x, L->y1 + TICK, "#333");
    if (!L->rotate) {
        svg_text(sb, x, y, FONT_LABEL, "text-anchor=\"middle\" fill=\"#555\"", L->c->periods[p],
                 MAX_LABEL);
        return;
    }
    /* Anchored at its end, so the text hangs down-left from the tick. */
    svg_text_turned(sb, x, y, FONT_LABEL, "text-anchor=\"end\" fill=\"#555\"", L->c->periods[p],
                    MAX_LABEL, -45, y - FONT_LABEL * 0.35);
}

static void svg_x_axis(lg_sb *sb, const svg_layout *L)
{
    lg_sb_adds(sb, "<g class=\"x-axis\">\n");
    svg_line(sb, L->x0, L->y0, L->x0, L->y1, "#333");
    svg_line(sb, L->x0, L->y1, L->x1, L->y1, "#333");
    for (size_t p = 0; p < L->c->n_periods; p += L->every)
        svg_x_label(sb, L, p);
    const char *title = x_title(L->c);
    if (title)
        svg_text(sb, (L->x0 + L->x1) / 2, L->h - PAD, FONT_AXIS,
                 "text-anchor=\"middle\" fill=\"#333\"", title, SIZE_MAX);
    lg_sb_adds(sb, "</g>\n");
}

/* One bar segment, with a tooltip naming its period, series and count. */
static void svg_segment(lg_sb *sb, const svg_layout *L, size_t s, size_t p, uint64_t below)
{
    const lg_chart *c = L->c;
    double slot = (L->x1 - L->x0) / (double)c->n_periods;
    /* A gap between bars, so that neighbours read as separate periods. */
    double gap = slot > 10 ? slot * 0.15 : 1;
    double top = y_of(L, below + cell(c, s, p));
    svg_rect(sb, x_center(L, p) - (slot - gap) / 2, top, slot - gap, y_of(L, below) - top,
             palette[s % N_PALETTE].rgb, 1);
    add_xml_fit(sb, c->periods[p], SIZE_MAX);
    if (c->n_series > 1 || c->series[s]) {
        lg_sb_adds(sb, " · ");
        add_xml_fit(sb, series_name(c, s), SIZE_MAX);
    }
    lg_sb_addf(sb, ": %" PRIu64 "</title></rect>\n", cell(c, s, p));
}

static void svg_bars(lg_sb *sb, const svg_layout *L)
{
    lg_sb_adds(sb, "<g class=\"bars\">\n");
    for (size_t p = 0; p < L->c->n_periods; p++) {
        uint64_t below = 0;
        for (size_t s = 0; s < L->c->n_series; s++) {
            if (cell(L->c, s, p))
                svg_segment(sb, L, s, p, below);
            below += cell(L->c, s, p);
        }
    }
    lg_sb_adds(sb, "</g>\n");
}

static void svg_lines(lg_sb *sb, const svg_layout *L)
{
    lg_sb_adds(sb, "<g class=\"lines\" fill=\"none\" stroke-width=\"1.5\" "
                   "stroke-linejoin=\"round\">\n");
    for (size_t s = 0; s < L->c->n_series; s++) {
        lg_sb_addf(sb, "<polyline stroke=\"%s\" points=\"", palette[s % N_PALETTE].rgb);
        for (size_t p = 0; p < L->c->n_periods; p++) {
            if (p)
                lg_sb_addc(sb, ' ');
            add_num(sb, x_center(L, p));
            lg_sb_addc(sb, ',');
            add_num(sb, y_of(L, cell(L->c, s, p)));
        }
        lg_sb_adds(sb, "\"/>\n");
    }
    lg_sb_adds(sb, "</g>\n");
}

static void svg_legend_box(lg_sb *sb, const svg_layout *L)
{
    double top = PAD + title_height(L->c);
    box_size box = svg_legend(NULL, L->c, L->w, top);
    lg_sb_adds(sb, "<g class=\"legend\">\n<rect");
    add_attr(sb, "x", PAD);
    add_attr(sb, "y", top);
    add_attr(sb, "width", box.w);
    add_attr(sb, "height", box.h);
    lg_sb_adds(sb, " rx=\"3\" fill=\"#fafafa\" stroke=\"#d0d0d0\"/>\n");
    svg_legend(sb, L->c, L->w, top);
    lg_sb_adds(sb, "</g>\n");
}

int lg_chart_svg(const lg_chart *c, FILE *out, int width, int height)
{
    svg_layout L;
    layout(&L, c, width, height);
    lg_sb sb = LG_SB_INIT;
    svg_head(&sb, &L);
    if (c->n_series > 1)
        svg_legend_box(&sb, &L);
    svg_y_axis(&sb, &L);
    if (L.lines)
        svg_lines(&sb, &L);
    else
        svg_bars(&sb, &L);
    svg_x_axis(&sb, &L);
    if (!chart_max(c, 0))
        svg_text(&sb, (L.x0 + L.x1) / 2, (L.y0 + L.y1) / 2, 14,
                 "text-anchor=\"middle\" fill=\"#888\"", "no statements", SIZE_MAX);
    lg_sb_adds(&sb, "</svg>\n");
    return emit(&sb, out);
}

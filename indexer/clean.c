/*
 * clean.c — which blocks of a page are the article.
 *
 * Four passes, each measured on the trafilatura evaluation set
 * (bench/README.md, "Cleaning"):
 *  1. Block rules: what the markup says (furniture, links) and what the
 *     words say (menu and share words, legal notices, counters, bylines,
 *     error pages, date lines, other scripts), over folded tokens.
 *  2. Context rules: a "Related" or "Most popular" heading takes the
 *     headline list under it, and ends the article when it comes late; a
 *     "Legal Disclaimer:" takes its paragraph.
 *  3. The main text: the best-scoring run of blocks, where prose adds its
 *     length and short lines cost; in HTML the article container weighs in.
 *  4. Repeats of kept paragraphs, and lines seen on other pages of the site.
 */
#include "clean.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#include "analyze.h"
#include "strbuf.h"

uint64_t lg_block_hash(const char *text, size_t len)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c == ' ' || (c >= '\t' && c <= '\r'))
            continue;
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c + 32);
        h = (h ^ c) * 0x100000001b3ULL;
    }
    return h;
}

/* ---- what a block is made of ------------------------------------------ */

typedef struct {
    char *key;          /* folded tokens joined by one space: what phrases match */
    size_t key_len;
    size_t chars;       /* code points */
    size_t words, lower, stop, numeric;
    size_t script[3];   /* tokens per lg_script */
    int sentence;       /* ends like a sentence */
} block_info;

typedef struct {
    block_info *info;
    lg_sb key;
} info_ctx;

/*
 * The commonest function words of the languages news comes in (English,
 * German, French, Spanish, Italian, Polish, Portuguese, Dutch, Russian),
 * folded as the tokenizer folds them, in strcmp order. Prose is full of
 * them; menus, headlines and captions have few (jusText's main signal).
 */
static const char *const stopwords[] = {
    "a", "aan", "aber", "about", "after", "al", "ale", "all", "alla", "alle", "als", "also", "am",
    "an", "anche", "and", "ao", "are", "as", "at", "au", "auch", "auf", "aus", "aussi", "aux",
    "avec", "be", "been", "bei", "bij", "bis", "but", "by", "byl", "byla", "can", "ce", "ces",
    "cette", "che", "com", "come", "comme", "como", "con", "could", "czy", "da", "dans", "das",
    "dass", "dat", "de", "dei", "del", "della", "delle", "dem", "den", "denn", "der", "des", "di",
    "did", "die", "diese", "dieser", "dieses", "dla", "do", "doch", "does", "door", "dort", "dos",
    "du", "durch", "e", "een", "ein", "eine", "einem", "einen", "einer", "eines", "el", "elle",
    "em", "en", "entre", "er", "es", "est", "esta", "este", "et", "ete", "etre", "foi", "for",
    "fra", "from", "fue", "fur", "gegen", "gli", "ha", "haben", "had", "han", "has", "hat", "hatte",
    "have", "he", "her", "het", "hier", "his", "i", "ich", "if", "ihr", "ihre", "il", "ils", "im",
    "in", "into", "is", "ist", "it", "its", "jak", "jest", "juz", "kann", "ktora", "ktore", "ktory",
    "la", "las", "le", "les", "leur", "lo", "los", "mais", "man", "mas", "mehr", "met", "mit",
    "more", "muss", "na", "naar", "nach", "nao", "nas", "ne", "nel", "nella", "nicht", "nie",
    "niet", "no", "noch", "non", "nos", "not", "nous", "nur", "o", "od", "oder", "of", "ohne", "on",
    "one", "ont", "ook", "op", "or", "oraz", "os", "ou", "our", "out", "over", "par", "para", "pas",
    "per", "pero", "piu", "plus", "po", "por", "pour", "przez", "que", "qui", "sa", "sao", "schon",
    "se", "sehr", "sein", "seine", "ses", "she", "si", "sich", "sie", "sind", "so", "son", "sono",
    "sont", "su", "sur", "sus", "tak", "te", "tez", "than", "that", "the", "their", "then", "there",
    "these", "they", "this", "those", "to", "tra", "uber", "um", "uma", "un", "una", "und", "une",
    "unos", "unter", "up", "van", "von", "voor", "vor", "vous", "w", "war", "waren", "was", "we",
    "wenn", "werden", "were", "what", "when", "which", "who", "wie", "will", "wir", "wird", "with",
    "would", "wurde", "wurden", "y", "you", "z", "za", "ze", "zijn", "zu", "zum", "zur", "а", "бы",
    "был", "была", "были", "в", "вы", "для", "до", "его", "ее", "же", "за", "и", "из", "к", "как",
    "мы", "на", "не", "но", "о", "он", "она", "они", "от", "по", "при", "с", "так", "у", "что",
    "это",
};

static int by_string(const void *key, const void *item)
{
    return strcmp(key, *(const char *const *)item);
}

static int is_stopword(const char *term)
{
    return bsearch(term, stopwords, sizeof stopwords / sizeof stopwords[0], sizeof stopwords[0], by_string) != NULL;
}

static int on_token(void *ctx, const lg_token *tok)
{
    info_ctx *c = ctx;
    block_info *in = c->info;
    if (c->key.len)
        lg_sb_addc(&c->key, ' ');
    lg_sb_add(&c->key, tok->term, tok->len);
    in->words++;
    in->stop += is_stopword(tok->term);
    in->numeric += tok->numeric;
    in->script[tok->script]++;
    return 0;
}

/* Words written lower-case: prose has many, menus and headlines few. */
static size_t lower_words(const char *s, size_t len)
{
    size_t n = 0, i = 0;
    int at_start = 1;
    while (i < len) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), &cp);
        if (k <= 0) {
            i++;
            continue;
        }
        utf8proc_category_t cat = utf8proc_category(cp);
        if (at_start && cat == UTF8PROC_CATEGORY_LL)
            n++;
        at_start = cp == ' ';
        i += (size_t)k;
    }
    return n;
}

static int ends_sentence(const char *s, size_t len)
{
    static const char *const ends[] = {".", "!", "?", ":", ";", "\u2026", ".\"", ".\u201D", ".\u201C",
                                       ".\u00BB", ".)", "!\u201D", "?\u201D", "\u3002", "\uFF01", "\uFF1F"};
    for (size_t i = 0; i < sizeof ends / sizeof ends[0]; i++) {
        size_t n = strlen(ends[i]);
        if (len >= n && memcmp(s + len - n, ends[i], n) == 0)
            return 1;
    }
    return 0;
}

static int analyze(const lg_block *b, block_info *in)
{
    memset(in, 0, sizeof *in);
    info_ctx c = {in, LG_SB_INIT};
    if (lg_tokenize(b->text, b->len, on_token, &c) < 0) {
        lg_sb_release(&c.key);
        return -1;
    }
    in->key = lg_sb_detach(&c.key, &in->key_len);
    for (size_t i = 0; i < b->len; i++)
        in->chars += ((unsigned char)b->text[i] & 0xC0) != 0x80;
    in->lower = lower_words(b->text, b->len);
    in->sentence = ends_sentence(b->text, b->len);
    return 0;
}

/* ---- phrases ------------------------------------------------------------ */

/*
 * Phrases over the folded key (lower case, Latin diacritics dropped,
 * punctuation gone): '=' the whole block, '^' how it starts, '~' anywhere,
 * always at word boundaries; only in blocks up to `max` characters, so an
 * article paragraph that quotes one stays.
 */
typedef struct {
    char how;
    unsigned max;
    const char *phrase;
    const char *why;
} phrase;

/* Reasons that later passes look for. */
static const char HEADLINE_LIST[] = "headline list";
static const char COMMENTS[] = "comments";
static const char BIO[] = "byline";
/* A "Related" line this short heads a list; longer, it is one link. */
#define LIST_HEAD_MAX_CHARS 60

static const phrase phrases[] = {
    /* Menus, page controls and language switches. */
    {'=', 40, "twitter", "menu"}, {'=', 40, "youtube", "menu"}, {'=', 40, "facebook", "menu"},
    {'=', 40, "telegram", "menu"}, {'=', 40, "instagram", "menu"}, {'=', 40, "linkedin", "menu"},
    {'=', 40, "whatsapp", "menu"}, {'=', 40, "pinterest", "menu"}, {'=', 40, "xing", "menu"},
    {'=', 40, "reddit", "menu"}, {'=', 40, "tiktok", "menu"}, {'=', 40, "vk", "menu"},
    {'=', 40, "rss", "menu"}, {'=', 40, "rss feed", "menu"}, {'=', 40, "email", "menu"},
    {'=', 40, "e mail", "menu"}, {'=', 40, "mail", "menu"}, {'=', 40, "apple store", "menu"},
    {'=', 40, "play market", "menu"}, {'=', 40, "google play", "menu"}, {'=', 40, "app store", "menu"},
    {'=', 40, "night theme", "menu"}, {'=', 40, "search", "menu"}, {'=', 40, "suche", "menu"},
    {'=', 40, "suchen", "menu"}, {'=', 40, "menu", "menu"}, {'=', 40, "menue", "menu"},
    {'=', 40, "home", "menu"}, {'=', 40, "startseite", "menu"}, {'=', 40, "login", "menu"},
    {'=', 40, "log in", "menu"}, {'=', 40, "sign in", "menu"}, {'=', 40, "anmelden", "menu"},
    {'=', 40, "registrieren", "menu"}, {'=', 40, "logout", "menu"}, {'=', 40, "close", "menu"},
    {'=', 40, "schliessen", "menu"}, {'=', 40, "ok", "menu"}, {'=', 40, "ru", "menu"},
    {'=', 40, "en", "menu"}, {'=', 40, "de", "menu"}, {'=', 40, "fr", "menu"}, {'=', 40, "es", "menu"},
    {'=', 40, "arm", "menu"}, {'=', 40, "az", "menu"}, {'=', 40, "a a", "menu"}, {'=', 40, "a", "menu"},
    {'=', 40, "english", "menu"}, {'=', 40, "deutsch", "menu"}, {'=', 40, "sitemap", "menu"},
    {'=', 40, "kontakt", "menu"}, {'=', 40, "contact", "menu"}, {'=', 40, "contact us", "menu"},
    {'=', 40, "about", "menu"}, {'=', 40, "about us", "menu"}, {'=', 40, "uber uns", "menu"},
    {'=', 40, "faq", "menu"}, {'=', 40, "navigation", "menu"}, {'=', 40, "hauptnavigation", "menu"},
    {'=', 40, "zuruck", "menu"}, {'=', 40, "weiter", "menu"}, {'=', 40, "mehr", "menu"},
    {'=', 40, "more", "menu"}, {'=', 40, "toggle navigation", "menu"},
    {'^', 60, "what are you looking for", "menu"}, {'^', 60, "skip to", "menu"},
    {'^', 60, "zum inhalt", "menu"}, {'^', 60, "direkt zum inhalt", "menu"},
    {'^', 40, "back to top", "menu"}, {'^', 40, "nach oben", "menu"}, {'^', 40, "zum seitenanfang", "menu"},
    {'^', 60, "sie sind hier", "menu"}, {'^', 60, "you are here", "menu"},
    {'^', 120, "previous article", "menu"}, {'^', 120, "next article", "menu"},
    {'^', 120, "previous post", "menu"}, {'^', 120, "next post", "menu"},
    {'^', 120, "vorheriger beitrag", "menu"}, {'^', 120, "nachster beitrag", "menu"},
    {'=', 40, "beitrags navigation", "menu"}, {'=', 40, "beitragsnavigation", "menu"},
    {'=', 40, "inhaltsverzeichnis", "menu"}, {'=', 40, "table of contents", "menu"},
    {'=', 40, "inhalt", "menu"},
    /* Sharing, following, printing, rating. */
    {'=', 40, "print", "share"}, {'=', 40, "drucken", "share"}, {'=', 40, "copy link", "share"},
    {'=', 40, "link kopieren", "share"}, {'=', 40, "share", "share"}, {'=', 40, "teilen", "share"},
    {'=', 40, "tweet", "share"}, {'=', 40, "twittern", "share"}, {'=', 40, "pin it", "share"},
    {'^', 100, "share this", "share"}, {'^', 100, "share on", "share"}, {'^', 100, "share it", "share"},
    {'~', 100, "liked the story", "share"}, {'~', 100, "share it on", "share"},
    {'^', 120, "follow us", "share"}, {'~', 160, "follow us on", "share"},
    {'^', 100, "folgen sie uns", "share"}, {'^', 100, "folge uns", "share"},
    {'^', 100, "artikel teilen", "share"}, {'^', 100, "beitrag teilen", "share"},
    {'^', 100, "teilen sie", "share"}, {'^', 100, "click to share", "share"},
    {'^', 100, "click to print", "share"}, {'^', 100, "click to email", "share"},
    {'^', 60, "gefallt mir", "share"}, {'^', 60, "like this", "share"},
    {'~', 60, "bloggern gefallt das", "share"}, {'^', 60, "rezept drucken", "share"},
    {'^', 60, "artikel drucken", "share"}, {'^', 60, "seite drucken", "share"},
    {'^', 60, "print this page", "share"}, {'^', 80, "war der artikel", "share"},
    {'^', 80, "war dieser artikel", "share"}, {'^', 80, "was this article helpful", "share"},
    {'=', 40, "bewerten", "share"}, {'^', 60, "rate this", "share"},
    /* Asking the reader to subscribe, sign up or pay. */
    {'=', 40, "newsletter", "subscribe"}, {'^', 100, "subscribe", "subscribe"},
    {'^', 100, "sign up", "subscribe"}, {'^', 100, "newsletter abonnieren", "subscribe"},
    {'^', 100, "discover more from", "subscribe"},
    {'=', 40, "continue reading", "subscribe"}, {'~', 200, "to keep reading", "subscribe"},
    {'~', 200, "get access to the full archive", "subscribe"}, {'^', 200, "melden sie sich", "subscribe"},
    {'~', 300, "already a subscriber", "subscribe"}, {'~', 300, "to view the full story", "subscribe"},
    {'~', 200, "our newsletter", "subscribe"}, {'~', 200, "unseren newsletter", "subscribe"},
    {'~', 200, "download the app", "subscribe"}, {'~', 200, "jetzt abonnieren", "subscribe"},
    {'^', 200, "unterstutzen sie", "subscribe"}, {'^', 200, "support our journalism", "subscribe"},
    {'^', 200, "support independent journalism", "subscribe"},
    {'~', 300, "funded by its readers", "subscribe"}, {'~', 300, "to continue reading", "subscribe"},
    {'^', 100, "support us", "subscribe"}, {'=', 40, "spenden", "subscribe"},
    /* Comments. */
    {'^', 80, "leave a reply", COMMENTS}, {'^', 80, "leave a comment", COMMENTS},
    {'^', 80, "comments no comment", COMMENTS}, {'=', 40, "commentsno comment", COMMENTS},
    {'^', 80, "no comments", COMMENTS}, {'^', 80, "schreibe einen kommentar", COMMENTS},
    {'^', 80, "kommentar schreiben", COMMENTS}, {'^', 80, "kommentare schreiben", COMMENTS},
    {'^', 80, "kommentar verfassen", COMMENTS}, {'^', 80, "hinterlasse einen kommentar", COMMENTS},
    {'=', 40, "kommentare", COMMENTS}, {'=', 40, "comments", COMMENTS}, {'=', 40, "kommentar", COMMENTS},
    {'=', 40, "antworten", COMMENTS}, {'=', 40, "reply", COMMENTS},
    {'~', 200, "email address will not be published", COMMENTS},
    {'~', 200, "e mail adresse wird nicht veroffentlicht", COMMENTS},
    {'~', 200, "required fields are marked", COMMENTS}, {'~', 200, "save my name email", COMMENTS},
    {'^', 120, "notify me of", COMMENTS}, {'~', 200, "erforderliche felder sind", COMMENTS},
    {'~', 200, "meinen namen meine e mail adresse", COMMENTS}, {'^', 60, "view comments", COMMENTS},
    {'^', 60, "keine kommentare", COMMENTS}, {'^', 60, "kommentare anzeigen", COMMENTS},
    /* Lists of other stories: the heading (context rules take the list). */
    {'^', 200, "related", HEADLINE_LIST}, {'^', 200, "also read", HEADLINE_LIST},
    {'^', 200, "recent posts", HEADLINE_LIST}, {'^', 200, "most popular", HEADLINE_LIST},
    {'^', 200, "most read", HEADLINE_LIST}, {'^', 200, "latest news", HEADLINE_LIST},
    {'^', 200, "latest stories", HEADLINE_LIST}, {'^', 200, "you may also like", HEADLINE_LIST},
    {'^', 200, "you might also like", HEADLINE_LIST}, {'^', 200, "read more", HEADLINE_LIST},
    {'^', 200, "read also", HEADLINE_LIST}, {'^', 200, "see also", HEADLINE_LIST},
    {'^', 200, "more from", HEADLINE_LIST}, {'^', 200, "more stories", HEADLINE_LIST},
    {'^', 200, "similar articles", HEADLINE_LIST}, {'^', 200, "weitere artikel", HEADLINE_LIST},
    {'^', 200, "weitere beitrage", HEADLINE_LIST}, {'^', 200, "weitere meldungen", HEADLINE_LIST},
    {'^', 200, "weitere nachrichten", HEADLINE_LIST}, {'^', 200, "mehr zum thema", HEADLINE_LIST},
    {'^', 200, "mehr zu", HEADLINE_LIST}, {'^', 200, "mehr aus", HEADLINE_LIST},
    {'^', 200, "auch interessant", HEADLINE_LIST},
    {'^', 200, "das konnte sie auch interessieren", HEADLINE_LIST},
    {'^', 200, "das konnte dich auch interessieren", HEADLINE_LIST},
    {'^', 200, "ahnliche beitrage", HEADLINE_LIST}, {'^', 200, "ahnliche artikel", HEADLINE_LIST},
    {'^', 200, "neueste beitrage", HEADLINE_LIST}, {'^', 200, "aktuelle beitrage", HEADLINE_LIST},
    {'^', 200, "meistgelesen", HEADLINE_LIST}, {'^', 200, "meist gelesen", HEADLINE_LIST},
    {'^', 200, "top themen", HEADLINE_LIST}, {'^', 200, "lesen sie auch", HEADLINE_LIST},
    {'^', 200, "auch lesen", HEADLINE_LIST}, {'^', 200, "zum thema", HEADLINE_LIST},
    {'^', 200, "weiterlesen", HEADLINE_LIST}, {'^', 200, "lire aussi", HEADLINE_LIST},
    {'^', 200, "a lire aussi", HEADLINE_LIST}, {'^', 200, "noticias relacionadas", HEADLINE_LIST},
    {'^', 200, "temas relacionados", HEADLINE_LIST}, {'^', 200, "lee tambien", HEADLINE_LIST},
    {'^', 200, "czytaj tez", HEADLINE_LIST}, {'^', 200, "czytaj wiecej", HEADLINE_LIST},
    {'^', 200, "zobacz takze", HEADLINE_LIST}, {'^', 200, "przeczytaj takze", HEADLINE_LIST},
    {'^', 200, "czytaj takze", HEADLINE_LIST}, {'^', 200, "lo mas visto", HEADLINE_LIST},
    {'^', 200, "lo mas leido", HEADLINE_LIST}, {'^', 200, "mas leidas", HEADLINE_LIST},
    {'^', 200, "por si no lo viste", HEADLINE_LIST}, {'^', 200, "te puede interesar", HEADLINE_LIST},
    {'^', 200, "tambien te puede interesar", HEADLINE_LIST}, {'^', 200, "vea tambien", HEADLINE_LIST},
    {'^', 200, "ver tambien", HEADLINE_LIST}, {'^', 200, "more on this story", HEADLINE_LIST},
    {'^', 200, "more on this topic", HEADLINE_LIST}, {'^', 200, "trending now", HEADLINE_LIST},
    {'^', 200, "editor's picks", HEADLINE_LIST}, {'^', 200, "top stories", HEADLINE_LIST},
    {'^', 200, "popular posts", HEADLINE_LIST}, {'^', 200, "recommended for you", HEADLINE_LIST},
    {'^', 200, "empfohlene artikel", HEADLINE_LIST}, {'^', 200, "beliebte artikel", HEADLINE_LIST},
    {'^', 200, "beliebte beitrage", HEADLINE_LIST}, {'^', 200, "verwandte artikel", HEADLINE_LIST},
    {'^', 200, "passend zum thema", HEADLINE_LIST}, {'^', 200, "weitere themen", HEADLINE_LIST},
    {'^', 200, "derniers articles", HEADLINE_LIST}, {'^', 200, "articles similaires", HEADLINE_LIST},
    {'^', 200, "sur le meme sujet", HEADLINE_LIST}, {'^', 200, "a voir aussi", HEADLINE_LIST},
    {'^', 200, "le plus lu", HEADLINE_LIST}, {'^', 200, "les plus lus", HEADLINE_LIST},
    {'^', 200, "explore further", HEADLINE_LIST}, {'^', 200, "die meistgelesenen artikel", HEADLINE_LIST},
    {'^', 200, "zobacz tez", HEADLINE_LIST}, {'^', 200, "leggi anche", HEADLINE_LIST},
    {'^', 200, "notas relacionadas", HEADLINE_LIST}, {'^', 200, "contenido relacionado", HEADLINE_LIST},
    {'^', 200, "articulos relacionados", HEADLINE_LIST}, {'^', 200, "lea tambien", HEADLINE_LIST},
    {'^', 200, "lea mas", HEADLINE_LIST}, {'^', 200, "le puede interesar", HEADLINE_LIST},
    {'^', 200, "veja tambem", HEADLINE_LIST}, {'^', 200, "leia tambem", HEADLINE_LIST},
    {'^', 200, "zum weiterlesen", HEADLINE_LIST}, {'^', 200, "sie konnten auch", HEADLINE_LIST},
    {'^', 200, "entdecke weitere", HEADLINE_LIST}, {'^', 200, "entdecken sie weitere", HEADLINE_LIST},
    {'^', 200, "meist gesucht", HEADLINE_LIST}, {'^', 200, "upcoming events", HEADLINE_LIST},
    {'~', 80, "auch interessieren", HEADLINE_LIST}, {'^', 200, "kommende events", HEADLINE_LIST},
    /* Legal, privacy and cookie notices. */
    {'=', 40, "impressum", "legal"}, {'~', 400, "all rights reserved", "legal"},
    {'~', 400, "alle rechte vorbehalten", "legal"}, {'~', 400, "todos los derechos reservados", "legal"},
    {'~', 400, "tous droits reserves", "legal"},
    {'~', 400, "any use of materials is allowed only if", "legal"},
    {'~', 600, "provides the information as is", "legal"}, {'^', 60, "legal disclaimer", "legal"},
    {'^', 300, "disclaimer", "legal"}, {'^', 300, "haftungsausschluss", "legal"},
    {'=', 40, "datenschutz", "legal"}, {'=', 40, "datenschutzerklarung", "legal"},
    {'=', 40, "privacy policy", "legal"}, {'=', 40, "privacy", "legal"}, {'=', 40, "agb", "legal"},
    {'=', 40, "nutzungsbedingungen", "legal"}, {'=', 40, "terms of use", "legal"},
    {'=', 40, "terms of service", "legal"}, {'=', 40, "cookie policy", "legal"},
    {'=', 40, "cookie einstellungen", "legal"}, {'=', 40, "cookies", "legal"},
    {'~', 400, "используем файлы cookie", "legal"}, {'~', 400, "файлы cookie", "legal"},
    {'~', 400, "wir verwenden cookies", "legal"}, {'~', 400, "uses cookies", "legal"},
    {'~', 400, "use cookies", "legal"}, {'~', 400, "verwendet cookies", "legal"},
    {'~', 400, "nutzt cookies", "legal"}, {'~', 400, "setzt cookies", "legal"},
    {'=', 40, "mediadaten", "legal"}, {'=', 40, "barrierefreiheit", "legal"},
    /* Error pages. */
    {'=', 20, "sorry", "error page"}, {'^', 200, "error we're sorry", "error page"},
    {'~', 200, "page you were looking for", "error page"},
    {'~', 200, "page you are looking for", "error page"}, {'^', 100, "page not found", "error page"},
    {'^', 100, "seite nicht gefunden", "error page"}, {'^', 200, "error 404", "error page"},
    {'~', 200, "page you requested", "error page"}, {'~', 200, "no longer exists", "error page"},
    {'^', 60, "404 not found", "error page"}, {'^', 60, "403 forbidden", "error page"},
    /* Bylines, author boxes (the heading takes the biography), credits. */
    {'^', 60, "by", "byline"}, {'^', 60, "von", "byline"}, {'^', 60, "written by", "byline"},
    {'^', 60, "interview by", "byline"}, {'^', 200, "reporting by", "credit"},
    {'~', 200, "contributed to this report", "credit"}, {'^', 60, "posted by", "byline"},
    {'^', 60, "autor", "byline"}, {'^', 60, "author", "byline"}, {'^', 80, "foto", "credit"},
    {'^', 80, "fotos", "credit"}, {'^', 80, "bild", "credit"}, {'^', 80, "photo", "credit"},
    {'^', 80, "image", "credit"}, {'^', 80, "quelle", "credit"}, {'^', 80, "credit", "credit"},
    {'^', 80, "credits", "credit"},     {'^', 120, "source of information", "credit"}, {'^', 80, "symbolbild", "credit"},
    {'^', 40, "uber den autor", BIO}, {'^', 40, "uber die autorin", BIO},
    {'^', 40, "about the author", BIO}, {'^', 40, "o autorze", BIO}, {'^', 40, "sobre el autor", BIO},
    {'^', 40, "a propos de l'auteur", BIO}, {'^', 80, "zrodlo", "credit"}, {'^', 80, "fuente", "credit"},
    {'^', 60, "source", "credit"}, {'^', 80, "bildquelle", "credit"}, {'^', 80, "fotocredit", "credit"},
    /* Date labels, tags and categories, advertising, counters. */
    {'^', 60, "published", "date"}, {'^', 60, "updated", "date"}, {'^', 60, "posted on", "date"},
    {'^', 60, "опубликовано", "date"}, {'^', 60, "обновлено", "date"}, {'^', 80, "tags", "tags"},
    {'^', 80, "tagged", "tags"}, {'^', 80, "schlagworte", "tags"}, {'^', 80, "schlagworter", "tags"},
    {'^', 80, "kategorie", "tags"}, {'^', 80, "kategorien", "tags"}, {'^', 80, "category", "tags"},
    {'^', 80, "categories", "tags"}, {'^', 80, "filed under", "tags"},
    {'^', 80, "veroffentlicht in", "tags"}, {'^', 40, "anzeige", "advert"}, {'=', 40, "werbung", "advert"},
    {'=', 40, "advertisement", "advert"}, {'=', 40, "sponsored", "advert"}, {'=', 40, "реклама", "advert"},
    {'^', 40, "views", "counter"}, {'^', 40, "aufrufe", "counter"}, {'^', 40, "просмотров", "counter"},
    {'^', 40, "lesezeit", "counter"}, {'^', 40, "reading time", "counter"},
    {'^', 40, "read time", "counter"}, {'^', 120, "posted in", "tags"},
    {'^', 200, "this entry was posted", "tags"}, {'^', 200, "dieser eintrag wurde veroffentlicht", "tags"},
};

/* Whether `p` occurs in key at word boundaries, as `how` asks. */
static int phrase_in(const char *key, size_t len, const char *p, char how)
{
    size_t n = strlen(p);
    if (n > len)
        return 0;
    if (how == '=')
        return n == len && memcmp(key, p, n) == 0;
    for (size_t at = 0; at + n <= len; at++) {
        if ((at == 0 || key[at - 1] == ' ') && (at + n == len || key[at + n] == ' ') && memcmp(key + at, p, n) == 0)
            return 1;
        if (how == '^')
            return 0;
    }
    return 0;
}

static const char *phrase_rule(const block_info *in)
{
    for (size_t i = 0; i < sizeof phrases / sizeof phrases[0]; i++) {
        const phrase *p = &phrases[i];
        if (in->chars <= p->max && phrase_in(in->key, in->key_len, p->phrase, p->how))
            return p->why;
    }
    return NULL;
}

/* ---- block rules ----------------------------------------------------------- */

typedef struct {
    lg_page *page;
    block_info *info;
    lg_script script;   /* the page's main script */
    int container;      /* HTML named the article's container */
    int html;           /* the blocks carry markup signals */
} cleaner;

/* Copyright lines: "©" or "(c) 2024" in a short block. */
static const char *copyright_rule(const lg_block *b, const block_info *in)
{
    if (in->chars > 300)
        return NULL;
    return strstr(b->text, "\u00A9") || strstr(b->text, "(c) ") || strstr(b->text, "(C) ") ? "legal" : NULL;
}

/* Whether a folded key has a year, 1900-2099, as a word of its own. */
static int has_year(const char *key)
{
    for (const char *t = key; *t; t += strcspn(t, " "), t += *t == ' ') {
        size_t n = strcspn(t, " ");
        if (n == 4 && strspn(t, "0123456789") == 4 && (strncmp(t, "19", 2) == 0 || strncmp(t, "20", 2) == 0))
            return 1;
    }
    return 0;
}

/* A line of counts and dates only: "26 December 2024 17:40", "1 Comment",
 * "March 30, 2025 at 8:15 p.m. EDT", or a scraper's header " date
 * 2025-05-14 403" whose HTTP status says the page was an error. A lone
 * number is left alone: it numbers a step or counts an ingredient. */
static const char *numbers_rule(const block_info *in)
{
    if (in->words < 2 || in->sentence)
        return NULL;
    int counts = in->words <= 6 && 2 * in->numeric >= in->words;
    int dated = in->words <= 10 && in->chars <= 60 && 3 * in->numeric >= in->words && has_year(in->key);
    if (!counts && !dated)
        return NULL;
    const char *last = strrchr(in->key, ' ') + 1;
    int status = strlen(last) == 3 && (last[0] == '4' || last[0] == '5') && strspn(last, "0123456789") == 3;
    return strncmp(in->key, "date ", 5) == 0 && status ? "error page" : "date";
}

/* "Politics | World | Economy": menu items on one line. */
static const char *separator_rule(const lg_block *b, const block_info *in)
{
    if (in->chars > 150)
        return NULL;
    size_t items = 1, words = 0, longest = 0;
    for (const char *s = b->text; *s; s++) {
        if (*s == '|') {
            items++;
            words = 0;
        } else if (*s != ' ' && (s == b->text || s[-1] == ' ' || s[-1] == '|')) {
            words++;
            longest = words > longest ? words : longest;
        }
    }
    return items >= 3 && longest <= 3 ? "menu" : NULL;
}

/* Short lines in a script other than the page's (a Russian "link copied"
 * on an English page). */
static const char *script_rule(const cleaner *c, const block_info *in)
{
    size_t words = in->script[0] + in->script[1] + in->script[2] - in->numeric;
    /* A line with any word in the page's script is the page's, even when
     * it mostly quotes another language ("She told reporters: «…»"). */
    if (in->chars > 80 || !words || in->script[c->script] > 0)
        return NULL;
    return "other script";
}

/* "HomeGlobalRussia sees…": menu words glued by a scraper, or a trail of
 * "Home > News > ..." separators. */
static const char *breadcrumb_rule(const lg_block *b, const block_info *in)
{
    static const char *const homes[] = {"Home", "Startseite", "Inicio", "Accueil", "Главная"};
    if (in->chars > 200)
        return NULL;
    for (size_t i = 0; i < sizeof homes / sizeof homes[0]; i++) {
        size_t n = strlen(homes[i]);
        if (strncmp(b->text, homes[i], n) != 0)
            continue;
        const char *rest = b->text + n;
        while (*rest == ' ')
            rest++;
        if ((*rest >= 'A' && *rest <= 'Z') || strncmp(rest, ">", 1) == 0 || strncmp(rest, "\u00BB", 2) == 0 ||
            strncmp(rest, "\u203A", 3) == 0 || strncmp(rest, "/", 1) == 0)
            return "menu";
    }
    return NULL;
}

/* Form fields and image placeholders a text browser prints: "[ ]",
 * "[SUBMIT]", "[logo]". */
static const char *debris_rule(const lg_block *b, const block_info *in)
{
    if (b->text[0] != '[' || in->chars > 120)
        return NULL;
    int depth = 0;
    size_t outside = 0;
    for (const char *s = b->text; *s; s++) {
        depth += *s == '[' ? 1 : *s == ']' ? -1 : 0;
        outside += depth == 0 && *s != ']' && *s != ' ';
    }
    return outside <= 2 ? "markup" : NULL;
}

/* The label word just before text[colon] (skipping a figure number):
 * whether it is one of `labels`, and where it starts. */
static int label_before(const char *text, size_t colon, const char *const *labels, size_t *start)
{
    size_t end = colon;
    while (end > 0 && (text[end - 1] == ' ' || (text[end - 1] >= '0' && text[end - 1] <= '9') || text[end - 1] == '.'))
        end--;
    size_t a = end;
    while (a > 0 && ((text[a - 1] | 32) >= 'a' && (text[a - 1] | 32) <= 'z'))
        a--;
    *start = a;
    for (; *labels; labels++)
        if (strlen(*labels) == end - a && strncasecmp(text + a, *labels, end - a) == 0)
            return 1;
    return 0;
}

/* Photo captions outside <figcaption>: a block that opens with a figure
 * label ("Abbildung 4:", "Figure:") or closes with a credit that is no
 * sentence ("… im Überblick. (Foto: Getty)", "… el año escolar. Foto:
 * Andina"; not "… named his source: the ambassador."). */
#define CAPTION_MAX_CHARS 300
#define CREDIT_MAX_BYTES 40
static const char *caption_rule(const lg_block *b, const block_info *in)
{
    static const char *const figures[] = {"abbildung", "abb", "figure", "fig", "grafik", "titelbild",
                                          "beitragsbild", "aufmacherbild", "illustration", NULL};
    static const char *const credits[] = {"foto", "fotos", "photo", "photos", "bild", "image", "imagen",
                                          "kuva", "quelle", "source", "credit", "fuente", NULL};
    if (in->chars > CAPTION_MAX_CHARS)
        return NULL;
    const char *colon = strchr(b->text, ':');
    size_t start;
    if (colon && label_before(b->text, (size_t)(colon - b->text), figures, &start) && start == 0)
        return "credit";
    colon = strrchr(b->text, ':');
    size_t credit = colon ? b->len - (size_t)(colon - b->text) - 1 : 0;
    if (credit < 2 || credit > CREDIT_MAX_BYTES || strstr(colon, ". ") || ends_sentence(b->text, b->len))
        return NULL;
    if (!label_before(b->text, (size_t)(colon - b->text), credits, &start) || start == 0)
        return NULL;
    return start >= 2 && (b->text[start - 1] == ' ' || b->text[start - 1] == '(') ? "credit" : NULL;
}

static const char *markup_rule(const lg_block *b, const block_info *in)
{
    if (b->furniture_markup)
        return "markup";
    if (b->link_density >= 0.5 && (in->chars < 300 || b->link_density > 0.8))
        return "link list";
    return NULL;
}

static const char *block_rule(const cleaner *c, size_t i)
{
    const lg_block *b = &c->page->blocks[i];
    const block_info *in = &c->info[i];
    const char *why = markup_rule(b, in);
    if (!why)
        why = phrase_rule(in);
    if (!why)
        why = copyright_rule(b, in);
    if (!why)
        why = numbers_rule(in);
    if (!why)
        why = script_rule(c, in);
    if (!why)
        why = breadcrumb_rule(b, in);
    if (!why)
        why = separator_rule(b, in);
    if (!why)
        why = debris_rule(b, in);
    if (!why)
        why = caption_rule(b, in);
    return why;
}

/* ---- context rules ------------------------------------------------------- */

static void drop(lg_block *b, const char *why)
{
    b->keep = 0;
    b->why = why;
}

/* A headline or teaser line: short, or a list item, and not prose. */
static int headline_like(const lg_block *b, const block_info *in)
{
    return b->kind == LG_BLOCK_LIST_ITEM || b->kind == LG_BLOCK_HEADING || in->chars < 120 ||
           (in->chars < 250 && !in->sentence);
}

static int list_head(const lg_block *b, const block_info *in)
{
    return b->why == HEADLINE_LIST && in->chars <= LIST_HEAD_MAX_CHARS;
}

/* The lines under a "Most popular" heading, up to the next prose. */
static void headline_lists(cleaner *c)
{
    lg_page *p = c->page;
    for (size_t i = 0; i < p->n; i++) {
        if (!list_head(&p->blocks[i], &c->info[i]))
            continue;
        size_t j = i + 1;
        for (; j < p->n && headline_like(&p->blocks[j], &c->info[j]); j++)
            if (p->blocks[j].keep)
                drop(&p->blocks[j], HEADLINE_LIST);
        i = j - 1;
    }
}

/*
 * A "Related" or "Comments" heading with less text after it than before
 * ends the article: what follows is teasers with their summaries, or
 * readers' comments, however long.
 */
static void tail_cut(cleaner *c)
{
    lg_page *p = c->page;
    size_t total = 0, before = 0;
    for (size_t i = 0; i < p->n; i++)
        total += p->blocks[i].keep ? c->info[i].chars : 0;
    for (size_t i = 0; i < p->n; i++) {
        const lg_block *b = &p->blocks[i];
        before += b->keep ? c->info[i].chars : 0;
        int end = list_head(b, &c->info[i]) || (b->why == COMMENTS && c->info[i].chars <= LIST_HEAD_MAX_CHARS);
        if (!end || total - before > before)
            continue;
        for (size_t j = i + 1; j < p->n; j++)
            if (p->blocks[j].keep)
                drop(&p->blocks[j], b->why);
        return;
    }
}

/* "Legal Disclaimer:" heads the paragraph that is the disclaimer; "About
 * the author" the biography. */
static void notice_paragraphs(cleaner *c)
{
    lg_page *p = c->page;
    for (size_t i = 0; i + 1 < p->n; i++) {
        const lg_block *b = &p->blocks[i];
        int legal = b->why && strcmp(b->why, "legal") == 0 && b->text[b->len - 1] == ':';
        if ((legal || b->why == BIO) && c->info[i].chars < 40)
            drop(&p->blocks[++i], b->why);
    }
}

/* ---- the main text ------------------------------------------------------- */

/*
 * The weights of the search for the main text, measured on the
 * trafilatura set (bench/README.md). A block adds its length less an
 * offset: the characters a line needs before it counts as text. Inside a
 * named container the offset is smaller, and list items, table cells and
 * lines a <br> breaks count a little however short (ingredients, steps,
 * specifications, prices, addresses), so that a list at the article's edge
 * joins it rather than being indifferent to it; outside it every block
 * costs more. A block a rule dropped costs a little: in HTML,
 * share bars and captions sit inside articles; in a text dump, dropped
 * lines are mostly menus.
 */
enum {
    OFFSET_PLAIN = 60,
    OFFSET_CONTAINER = 20,
    OUTSIDE_CONTAINER = 100,
    DROPPED_HTML = 10,
    DROPPED_TEXT = 40,
    SHORT_LINE = 30, /* the most a short line costs unless it reads like a menu */
    LIST_ITEM = 5,   /* the least a list item, cell or line counts in a container */
    MENU_WORDS = 5,
};
/* Share of function words that makes a block prose; the characters of
 * other blocks count for NON_PROSE. */
#define PROSE_STOPWORDS 0.3
#define NON_PROSE 0.3
/* A run apart from the best one is kept if it scores this share of it
 * (an article split by a gallery or an advert). */
#define SECOND_RUN 0.05

/* A few capitalised words and no sentence: "Politics", "Log In". */
static int menu_like(const block_info *in)
{
    return !in->sentence && in->words <= MENU_WORDS && 2 * in->lower < in->words + (in->words == 1);
}

static double weight(const cleaner *c, const lg_block *b, const block_info *in)
{
    double bias = c->container && !b->in_article ? -OUTSIDE_CONTAINER : 0;
    if (!b->keep)
        return bias - (c->html ? DROPPED_HTML : DROPPED_TEXT);
    int prose = in->sentence || (in->words && (double)in->stop > PROSE_STOPWORDS * (double)in->words);
    double w = (double)in->chars * (prose ? 1 : NON_PROSE) - (c->container ? OFFSET_CONTAINER : OFFSET_PLAIN);
    if (!menu_like(in) && w < -SHORT_LINE)
        w = -SHORT_LINE;
    if (c->container && (b->kind == LG_BLOCK_LIST_ITEM || b->kind == LG_BLOCK_CELL || b->line) && w < LIST_ITEM)
        w = LIST_ITEM;
    return w + bias;
}

/* The best-scoring run of blocks in [from, to): Kadane's maximum subarray. */
static double best_run(const double *w, size_t from, size_t to, size_t *a, size_t *b)
{
    double best = 0, sum = 0;
    size_t start = from;
    *a = *b = from;
    for (size_t i = from; i < to; i++) {
        if (sum <= 0) {
            sum = 0;
            start = i;
        }
        sum += w[i];
        if (sum > best) {
            best = sum;
            *a = start;
            *b = i + 1;
        }
    }
    return best;
}

/* Marks in `in` the runs of [from, to) worth at least `floor`. */
static void mark_runs(const double *w, size_t from, size_t to, double floor, char *in)
{
    size_t a, b;
    if (from >= to || best_run(w, from, to, &a, &b) < floor || a == b)
        return;
    memset(in + a, 1, b - a);
    mark_runs(w, from, a, floor, in);
    mark_runs(w, b, to, floor, in);
}

/* How far above a run of text its headline may be: past a date line and
 * a byline. */
#define HEADLINE_REACH 2

static int title_like(const lg_block *b, const block_info *in)
{
    if (b->kind == LG_BLOCK_HEADING)
        return 1;
    return in->words >= 3 && in->chars <= 150 && !in->sentence;
}

/* The headline sits just above the article's first paragraph, often with
 * a date line or a byline between: it belongs to the article. */
static void headlines(const cleaner *c, char *in)
{
    const lg_page *p = c->page;
    for (size_t a = 0; a < p->n; a++) {
        if (!in[a] || (a > 0 && in[a - 1]))
            continue;
        for (size_t j = a; j-- > 0 && a - j <= HEADLINE_REACH && !in[j];) {
            if (!p->blocks[j].keep)
                continue;
            in[j] = title_like(&p->blocks[j], &c->info[j]);
            break;
        }
    }
}

static int main_text(cleaner *c)
{
    lg_page *p = c->page;
    double *w = malloc((p->n ? p->n : 1) * sizeof *w);
    char *in = calloc(p->n ? p->n : 1, 1);
    if (!w || !in) {
        free(w);
        free(in);
        return -1;
    }
    for (size_t i = 0; i < p->n; i++)
        w[i] = weight(c, &p->blocks[i], &c->info[i]);
    size_t a, b;
    double best = best_run(w, 0, p->n, &a, &b);
    mark_runs(w, 0, p->n, best * SECOND_RUN, in);
    headlines(c, in);
    for (size_t i = 0; i < p->n; i++)
        if (!in[i] && p->blocks[i].keep)
            drop(&p->blocks[i], "outside text");
    free(w);
    free(in);
    return 0;
}

/* ---- repeats ---------------------------------------------------------------- */

/* Paragraphs shorter than this are labels, which may repeat. */
#define REPEAT_MIN_CHARS 40
/* Blocks this long are never taken for site furniture. */
#define FURNITURE_MAX_CHARS 200

static int by_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

typedef struct {
    uint64_t *h;
    size_t n;
} shingles;

/* Hashes of the word 3-shingles of a folded key, sorted, duplicates out. */
static int make_shingles(const char *key, size_t len, shingles *s)
{
    size_t words = 1;
    for (size_t i = 0; i < len; i++)
        words += key[i] == ' ';
    s->h = malloc(words * sizeof *s->h);
    s->n = 0;
    if (!s->h)
        return -1;
    size_t starts[4] = {0}, seen = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i < len && key[i] != ' ')
            continue;
        seen++;
        if (seen >= 3)
            s->h[s->n++] = lg_block_hash(key + starts[(seen - 3) % 4], i - starts[(seen - 3) % 4]);
        starts[seen % 4] = i + 1;
    }
    if (!s->n)
        s->h[s->n++] = lg_block_hash(key, len);
    qsort(s->h, s->n, sizeof *s->h, by_u64);
    size_t k = 0;
    for (size_t i = 0; i < s->n; i++)
        if (!k || s->h[k - 1] != s->h[i])
            s->h[k++] = s->h[i];
    s->n = k;
    return 0;
}

/* Near-equal: Jaccard >= 0.9, or the smaller is >= 90% inside the larger
 * and at least 90% of its size. */
static int near_equal(const shingles *x, const shingles *y)
{
    size_t common = 0, i = 0, j = 0;
    while (i < x->n && j < y->n) {
        if (x->h[i] == y->h[j]) {
            common++;
            i++;
            j++;
        } else if (x->h[i] < y->h[j]) {
            i++;
        } else {
            j++;
        }
    }
    size_t small = x->n < y->n ? x->n : y->n, large = x->n < y->n ? y->n : x->n;
    double jaccard = (double)common / (double)(x->n + y->n - common);
    return jaccard >= 0.9 || (common * 10 >= small * 9 && small * 10 >= large * 9);
}

/* Near repeats are looked for among this many kept paragraphs before a
 * block, exact ones among all: a page pasted twice repeats within the
 * window, and a book-length page stays linear. */
#define NEAR_WINDOW 256

/* The hashes of the kept paragraphs so far (open addressing, 0 = empty). */
typedef struct {
    uint64_t *slot;
    size_t mask;
} hash_set;

/* Adds h; returns 1 if it was there already. */
static int set_add(hash_set *s, uint64_t h)
{
    h = h ? h : 1;
    size_t i = (size_t)h & s->mask;
    for (; s->slot[i]; i = (i + 1) & s->mask)
        if (s->slot[i] == h)
            return 1;
    s->slot[i] = h;
    return 0;
}

static int near_recent(const shingles *recent, size_t n, const shingles *x)
{
    for (size_t k = 0; k < n && k < NEAR_WINDOW; k++)
        if (near_equal(&recent[k], x))
            return 1;
    return 0;
}

static int repeats(cleaner *c)
{
    lg_page *p = c->page;
    size_t cap = 16;
    while (cap < 2 * p->n)
        cap *= 2;
    hash_set seen = {calloc(cap, sizeof(uint64_t)), cap - 1};
    shingles *recent = calloc(NEAR_WINDOW, sizeof *recent);
    int rc = seen.slot && recent ? 0 : -1;
    for (size_t i = 0, n = 0; i < p->n && rc == 0; i++) {
        const block_info *in = &c->info[i];
        if (!p->blocks[i].keep || in->chars < REPEAT_MIN_CHARS)
            continue;
        if (set_add(&seen, lg_block_hash(in->key, in->key_len))) {
            drop(&p->blocks[i], "repeat");
            continue;
        }
        shingles x;
        if ((rc = make_shingles(in->key, in->key_len, &x)) != 0)
            break;
        if (near_recent(recent, n, &x)) {
            drop(&p->blocks[i], "repeat");
            free(x.h);
            continue;
        }
        free(recent[n % NEAR_WINDOW].h);
        recent[n++ % NEAR_WINDOW] = x;
    }
    for (size_t k = 0; recent && k < NEAR_WINDOW; k++)
        free(recent[k].h);
    free(recent);
    free(seen.slot);
    return rc;
}

static void site_furniture(cleaner *c, lg_seen_fn seen, void *ctx)
{
    if (!seen)
        return;
    for (size_t i = 0; i < c->page->n; i++) {
        lg_block *b = &c->page->blocks[i];
        if (b->keep && c->info[i].chars < FURNITURE_MAX_CHARS && seen(ctx, lg_block_hash(b->text, b->len)) >= 3)
            drop(b, "site furniture");
    }
}

/* ---- the whole page ---------------------------------------------------------- */

static lg_script main_script(const cleaner *c)
{
    size_t count[3] = {0};
    for (size_t i = 0; i < c->page->n; i++)
        for (int s = 0; s < 3; s++)
            count[s] += c->info[i].script[s];
    lg_script best = LG_SCRIPT_LATIN;
    for (int s = 0; s < 3; s++)
        if (count[s] > count[best])
            best = (lg_script)s;
    return best;
}

/* HTML named a container with a fair share of the page's text. */
static int has_container(const lg_page *p)
{
    for (size_t i = 0; i < p->n; i++)
        if (p->blocks[i].in_article)
            return 1;
    return 0;
}

static void free_info(block_info *info, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(info[i].key);
    free(info);
}

void lg_clean(lg_page *page, lg_seen_fn seen, void *ctx)
{
    cleaner c = {page, calloc(page->n ? page->n : 1, sizeof(block_info)), LG_SCRIPT_LATIN, has_container(page), 0};
    int rc = c.info ? 0 : -1;
    for (size_t i = 0; i < page->n && rc == 0; i++)
        rc = analyze(&page->blocks[i], &c.info[i]);
    c.script = c.info ? main_script(&c) : LG_SCRIPT_LATIN;
    for (size_t i = 0; i < page->n; i++)
        c.html |= page->blocks[i].link_density > 0 || page->blocks[i].furniture_markup || page->blocks[i].in_article;
    for (size_t i = 0; i < page->n; i++) {
        lg_block *b = &page->blocks[i];
        b->why = rc == 0 ? block_rule(&c, i) : NULL;
        b->keep = b->why == NULL;
    }
    if (rc == 0) {
        notice_paragraphs(&c);
        headline_lists(&c);
        rc = main_text(&c);
        tail_cut(&c);
    }
    if (rc == 0)
        rc = repeats(&c);
    if (rc == 0)
        site_furniture(&c, seen, ctx);
    if (c.info)
        free_info(c.info, page->n);
}

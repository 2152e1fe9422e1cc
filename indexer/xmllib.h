/*
 * xmllib.h — the few libxml2 functions htmlpage.c calls, found in
 * libxml2.so.2 when first needed rather than linked: only HTML indexing
 * uses libxml2, and linking it made every `legate search` process load it
 * and ICU (bench/README.md, "Where indexing time goes").
 *
 * lg_xml_load must have succeeded before any other function here is
 * called; the library stays loaded for the life of the process.
 */
#ifndef LEGATE_XMLLIB_H
#define LEGATE_XMLLIB_H

#include <libxml/HTMLparser.h>

/* 0, or -1 with the loader's message in err (cap bytes). Thread-safe. */
int lg_xml_load(char *err, size_t cap);

htmlDocPtr lg_xml_read_memory(const char *buf, int size, const char *url, const char *encoding,
                              int options);
void lg_xml_free_doc(xmlDocPtr doc);
xmlNodePtr lg_xml_root(const xmlDoc *doc);
xmlChar *lg_xml_get_prop(const xmlNode *n, const xmlChar *name);
int lg_xml_has_prop(const xmlNode *n, const xmlChar *name);
xmlChar *lg_xml_content(const xmlNode *n);
/* Frees what lg_xml_get_prop and lg_xml_content return (NULL is fine). */
void lg_xml_free(void *p);

#endif

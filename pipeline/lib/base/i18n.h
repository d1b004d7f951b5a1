/*
 * i18n.h: the language of parx's messages (GNU gettext, domain "parx").
 *
 * English is the source language; pipeline/po/vi.po is the Vietnamese. Every
 * message a person reads is marked: _("…") where it is used, N_("…") in a
 * table translated later, P_(one, many, n) for plurals. The functions that
 * take a message format (diag_error, diag_warn, load_error, error, warning,
 * die, and pdfdoc_fail for a document's failure) translate it themselves, so
 * their call sites need no mark: xgettext knows them as keywords (Makefile,
 * `make pot`).
 *
 * The diagnostic keywords "error:" and "warning:" stay English in every
 * language, as "path:line:" does: editors, CI and grep recognise them (the
 * GNU convention gcc's own output keeps in its English form when parsed);
 * the message after them is translated.
 */
#ifndef PARX_I18N_H
#define PARX_I18N_H

#include <libintl.h>

#define _(s) gettext(s)
#define N_(s) (s)
#define P_(one, many, n) ngettext(one, many, n)

/*
 * Chooses the language by the usual rules (LANGUAGE, LC_ALL, LC_MESSAGES,
 * LANG) and finds the catalogues beside the running program. Works on a
 * fresh Debian, where only C.UTF-8 exists: LANG=vi_VN.UTF-8 or LANGUAGE=vi
 * alone give Vietnamese even when no vi_VN locale was generated. Numbers are
 * never formatted by the C locale (LC_NUMERIC stays "C"). Call once, first
 * thing in main().
 */
void i18n_init(void);

/* The language of the messages: "vi" or "en". */
const char *i18n_language(void);

/*
 * The decimal mark of numbers a message reports (computed totals, the points
 * a rule gives): ',' in Vietnamese, '.' in English. A value the user is told
 * to write in a file keeps the file's own mark ('.' in XML).
 */
char i18n_decimal_mark(void);

#endif

/*
 * text.h: every free text of every input passes through here (input/FORMATS.md):
 * UTF-8 checked, NFC-normalised (utf8proc), trimmed (including U+00A0), and
 * screened for Vietnamese typed in a legacy encoding (TCVN3/ABC or VNI read as
 * Latin-1) or left decomposed.
 */
#ifndef PARX_TEXT_H
#define PARX_TEXT_H

#include <stddef.h>

#include "base/diag.h"

/*
 * Returns a new NFC, trimmed copy of s[0..len), or NULL when it is not valid
 * UTF-8 (or holds a NUL).
 */
char *text_nfc_trim(const char *s, size_t len);

/*
 * Legacy-encoding screen of NFC text. Returns 0 when the text looks fine, else 1
 * and sets *encoding to "TCVN3" or "VNI" and *converted to a new string with the
 * text converted to Unicode (caller frees).
 */
int text_legacy(const char *s, const char **encoding, char **converted);

/*
 * The checked form used by the loaders: cleans s[0..len) and screens it. On a
 * problem reports at path:line, naming `what` (e.g. "unit name"), and returns
 * NULL; otherwise the cleaned text (caller frees). Problems: invalid UTF-8,
 * control characters, marks left decomposed after NFC, legacy encodings (with
 * the suggested conversion). Inside the cleaned text each tab or line break
 * (TAB, LF, CR, CR LF, VT, FF) is one space: a text is one paragraph, which
 * the documents break themselves (a name pasted from Excel with its tab, a
 * reason typed on two lines of a cell).
 */
char *text_checked(struct diag *d, const char *path, int line, const char *what,
		   const char *s, size_t len);

/*
 * A copy of s fit to be quoted in a one-line message: TAB, CR and LF become
 * spaces, other invisible characters (controls, U+FEFF, zero-width spaces) are
 * shown as <U+XXXX>, invalid bytes as <0xXX>, and text past 60 characters is
 * cut with "...". Caller frees.
 */
char *text_excerpt(const char *s);

/*
 * The most characters a name may have (a unit, a group, a field, a criterion,
 * an item): the documents print a name in one table cell, which must fit on a
 * page. The longest real names are about 100 characters.
 */
#define TEXT_NAME_MAX 400

/* The number of characters (code points) of valid UTF-8 text. */
size_t text_length(const char *s);

#endif

/*
 * text.c: the one gate every free text of every input passes (input/FORMATS.md).
 *
 * Cleaning is utf8proc's NFC followed by trimming Unicode white space (which
 * includes U+00A0). Screening looks for what NFC cannot repair: control
 * characters, tone marks left decomposed (a tone typed before the circumflex
 * stays separate), and Vietnamese typed in a legacy 8-bit encoding.
 *
 * Legacy text (TCVN3/ABC or VNI typed in an old font, then saved as Unicode)
 * arrives as Latin-1 look-alikes: "Phßng Néi vô", "Caûi caùch". The detector
 * only looks at text made of Latin-1 characters (real Vietnamese in Unicode
 * almost always has a letter above U+00FF). It converts each word both ways
 * and counts the words that are not Vietnamese syllables as written but become
 * ones once converted: ordinary Vietnamese in Unicode ("Hà Tiên", "Tân Hòa")
 * is already made of syllables, and foreign words ("Café", "Noël") become none.
 * TCVN3 is decoded with glibc iconv (TCVN5712-1) from the Latin-1 bytes; VNI,
 * a base vowel followed by a mark letter, with the small table below
 * (pipeline/LIBRARIES.md, "utf8proc 2.8 and legacy encodings").
 */
#include "base/text.h"

#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "base/common.h"
#include "base/i18n.h"
#include "base/repertoire.h"
#include "base/strbuf.h"

#define EXCERPT_MAX 60 /* code points of a text shown in a message */
#define WORD_MAX 16    /* longer "words" are never Vietnamese syllables */

static int is_space(int32_t c)
{
	return (c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0x85 || c == 0xA0 || c == 0x1680 ||
	       (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F ||
	       c == 0x205F || c == 0x3000;
}

/* C0 controls other than TAB, LF and CR; DEL; C1 controls. */
static int is_control(int32_t c)
{
	return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7F && c <= 0x9F);
}

/* Invisible characters a message must not print as they are. */
static int is_invisible(int32_t c)
{
	return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0xAD || (c >= 0x200B && c <= 0x200F) ||
	       (c >= 0x2028 && c <= 0x202E) || (c >= 0x2060 && c <= 0x206F) || c == 0xFEFF;
}

/* Decodes valid UTF-8 into a new array of code points; *n gets the count. */
static int32_t *decode(const char *s, size_t len, size_t *n)
{
	int32_t *v = xmalloc((len + 1) * sizeof(*v));
	size_t k = 0;

	while (len > 0) {
		utf8proc_ssize_t m = utf8proc_iterate((const utf8proc_uint8_t *)s,
						      (utf8proc_ssize_t)len, &v[k]);
		if (m <= 0) {
			free(v);
			return NULL;
		}
		k++;
		s += m;
		len -= (size_t)m;
	}
	*n = k;
	return v;
}

static void add_cp(struct strbuf *sb, int32_t c)
{
	utf8proc_uint8_t buf[4];
	utf8proc_ssize_t m = utf8proc_encode_char(c, buf);

	strbuf_add(sb, buf, (size_t)m);
}

/*
 * 1 when s[0..len) is valid UTF-8 already in NFC by a sufficient test: every
 * code point below U+0300 (no combining mark or composition second lies
 * there) or one of the precomposed Vietnamese letters U+1EA0-U+1EF9 (starters
 * that NFC keeps as they are). Almost every Vietnamese text passes, and skips
 * the full normalisation, which is most of the cost of reading a submission
 * (pipeline/LIBRARIES.md, "utf8proc 2.8 and legacy encodings").
 */
static int quick_nfc(const char *s, size_t len)
{
	while (len > 0) {
		int32_t c;
		utf8proc_ssize_t m;

		if ((unsigned char)*s < 0x80) {
			s++;
			len--;
			continue;
		}
		m = utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &c);
		if (m <= 0 || (c >= 0x300 && (c < 0x1EA0 || c > 0x1EF9)))
			return 0;
		s += m;
		len -= (size_t)m;
	}
	return 1;
}

char *text_nfc_trim(const char *s, size_t len)
{
	char *nfc, *out = NULL;
	size_t n, off = 0, a = 0, b = 0;
	int started = 0;

	if (memchr(s, '\0', len))
		return NULL;
	if (quick_nfc(s, len)) {
		nfc = xstrndup(s, len);
	} else {
		char *copy = xstrndup(s, len);

		nfc = (char *)utf8proc_NFC((const utf8proc_uint8_t *)copy);
		free(copy);
	}
	if (!nfc)
		return NULL;
	/* [a, b) are the bytes from the first to the end of the last non-space. */
	n = strlen(nfc);
	while (off < n) {
		int32_t c;
		utf8proc_ssize_t m = utf8proc_iterate((const utf8proc_uint8_t *)nfc + off,
						      (utf8proc_ssize_t)(n - off), &c);

		if (m <= 0)
			goto out;
		if (!is_space(c)) {
			if (!started)
				a = off;
			started = 1;
			b = off + (size_t)m;
		}
		off += (size_t)m;
	}
	out = xstrndup(nfc + a, started ? b - a : 0);
out:
	free(nfc);
	return out;
}

char *text_excerpt(const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	size_t len = strlen(s), shown = 0;

	while (len > 0) {
		int32_t c;
		utf8proc_ssize_t m = utf8proc_iterate((const utf8proc_uint8_t *)s,
						      (utf8proc_ssize_t)len, &c);

		if (m <= 0) {
			strbuf_addf(&sb, "<0x%02X>", (unsigned char)*s);
			m = 1;
		} else if (shown == EXCERPT_MAX) {
			strbuf_addstr(&sb, "...");
			break;
		} else if (c == '\t' || c == '\n' || c == '\r') {
			strbuf_addch(&sb, ' ');
		} else if (is_invisible(c)) {
			strbuf_addf(&sb, "<U+%04X>", (unsigned)c);
		} else {
			strbuf_add(&sb, s, (size_t)m);
		}
		shown++;
		s += m;
		len -= (size_t)m;
	}
	return strbuf_detach(&sb);
}

/*
 * Vietnamese syllables: onset + nucleus + coda, at most one tone. The nucleus
 * table lists the vowel groups of the language with whether they take a final
 * consonant; it is generous where that costs nothing (the screen only asks
 * "is this plausibly a syllable?").
 */
enum coda_rule { ANY, OPEN, CLOSED };

static const char *const onsets[] = {
	"ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr", "b", "c", "d",
	"đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "",
};

static const char *const codas[] = { "ng", "nh", "ch", "c", "m", "n", "p", "t", "" };

static const struct nucleus {
	const char *v;
	enum coda_rule rule;
} nuclei[] = {
	{ "a", ANY }, { "ă", CLOSED }, { "â", CLOSED }, { "e", ANY }, { "ê", ANY }, { "i", ANY },
	{ "o", ANY }, { "ô", ANY }, { "ơ", ANY }, { "u", ANY }, { "ư", ANY }, { "y", ANY },
	{ "ai", OPEN }, { "ao", OPEN }, { "au", OPEN }, { "ay", OPEN }, { "âu", OPEN },
	{ "ây", OPEN }, { "eo", OPEN }, { "êu", OPEN }, { "ia", OPEN }, { "iê", CLOSED },
	{ "iu", OPEN }, { "oa", ANY }, { "oă", CLOSED }, { "oe", ANY }, { "oi", OPEN },
	{ "oo", CLOSED }, { "ôi", OPEN }, { "ơi", OPEN }, { "ua", OPEN }, { "uâ", CLOSED },
	{ "uê", ANY }, { "ui", OPEN }, { "uô", CLOSED }, { "uơ", OPEN }, { "uy", ANY },
	{ "ưa", OPEN }, { "ưi", OPEN }, { "ưu", OPEN }, { "ươ", CLOSED }, { "yê", CLOSED },
	{ "iêu", OPEN }, { "yêu", OPEN }, { "oai", OPEN }, { "oay", OPEN }, { "oeo", OPEN },
	{ "uây", OPEN }, { "uôi", OPEN }, { "ươi", OPEN }, { "ươu", OPEN }, { "uya", OPEN },
	{ "uyê", CLOSED }, { "uyu", OPEN },
};

#define TONE_GRAVE 0x0300
#define TONE_ACUTE 0x0301
#define TONE_TILDE 0x0303
#define TONE_HOOK 0x0309
#define TONE_DOT 0x0323
#define MARK_CIRCUMFLEX 0x0302
#define MARK_BREVE 0x0306
#define MARK_HORN 0x031B

static int ends_with(const char *s, size_t n, const char *suffix)
{
	size_t m = strlen(suffix);

	return m <= n && !memcmp(s + n - m, suffix, m);
}

static int rhyme_ok(const char *r, size_t n, int32_t tone)
{
	for (size_t c = 0; c < ARRAY_SIZE(codas); c++) {
		const char *coda = codas[c];
		size_t cl = strlen(coda), vl;

		if (!ends_with(r, n, coda))
			continue;
		vl = n - cl;
		for (size_t k = 0; k < ARRAY_SIZE(nuclei); k++) {
			const struct nucleus *nu = &nuclei[k];

			if (strlen(nu->v) != vl || memcmp(nu->v, r, vl))
				continue;
			if (cl && nu->rule == OPEN)
				continue;
			if (!cl && nu->rule == CLOSED)
				continue;
			/* ch and nh only after a, ê, i, y ("anh", "ếch", "inh", "uỵch"). */
			if ((!strcmp(coda, "ch") || !strcmp(coda, "nh")) &&
			    !ends_with(nu->v, vl, "a") && !ends_with(nu->v, vl, "ê") &&
			    !ends_with(nu->v, vl, "i") && !ends_with(nu->v, vl, "y"))
				continue;
			/* A stop final takes the acute or the dot below. */
			if ((!strcmp(coda, "c") || !strcmp(coda, "ch") || !strcmp(coda, "p") ||
			     !strcmp(coda, "t")) && tone != TONE_ACUTE && tone != TONE_DOT)
				continue;
			return 1;
		}
	}
	return 0;
}

/* 1 if cp[0..n) (any case, NFC) spells one Vietnamese syllable. */
static int vn_syllable(const int32_t *cp, size_t n)
{
	struct strbuf key = STRBUF_INIT;
	int32_t tone = 0;
	int ok = 0;

	if (n == 0 || n > WORD_MAX)
		return 0;
	for (size_t i = 0; i < n; i++) {
		utf8proc_int32_t dec[4];
		int boundclass = 0;
		utf8proc_ssize_t m = utf8proc_decompose_char(utf8proc_tolower(cp[i]), dec, 4,
							     UTF8PROC_DECOMPOSE, &boundclass);
		int32_t letter;

		if (m < 1 || m > 3)
			goto out;
		letter = dec[0];
		if (!(letter >= 'a' && letter <= 'z') && letter != 0x0111)
			goto out;
		for (utf8proc_ssize_t j = 1; j < m; j++) {
			switch (dec[j]) {
			case TONE_GRAVE: case TONE_ACUTE: case TONE_TILDE: case TONE_HOOK: case TONE_DOT:
				/* One tone per syllable, on a vowel ("ñ" is no "n" with a tone). */
				if (tone || !strchr("aeiouy", (int)dec[0]))
					goto out;
				tone = dec[j];
				break;
			case MARK_CIRCUMFLEX:
				if (letter == 'a') letter = 0xE2;
				else if (letter == 'e') letter = 0xEA;
				else if (letter == 'o') letter = 0xF4;
				else goto out;
				break;
			case MARK_BREVE:
				if (letter != 'a')
					goto out;
				letter = 0x0103;
				break;
			case MARK_HORN:
				if (letter == 'o') letter = 0x01A1;
				else if (letter == 'u') letter = 0x01B0;
				else goto out;
				break;
			default:
				goto out;
			}
		}
		add_cp(&key, letter);
	}
	for (size_t o = 0; o < ARRAY_SIZE(onsets) && !ok; o++) {
		size_t ol = strlen(onsets[o]);

		if (!strncmp(key.buf, onsets[o], ol))
			ok = rhyme_ok(key.buf + ol, key.len - ol, tone);
	}
out:
	strbuf_release(&key);
	return ok;
}

/* TCVN3: the Latin-1 code points are the bytes, decoded by glibc. */
static int tcvn3_word(iconv_t cd, const int32_t *cp, size_t n, struct strbuf *out)
{
	char in[WORD_MAX * 2], res[WORD_MAX * 8];
	char *ip = in, *op = res;
	size_t il = n, ol = sizeof(res);

	if (n > sizeof(in))
		return -1;
	for (size_t i = 0; i < n; i++)
		in[i] = (char)cp[i];
	iconv(cd, NULL, NULL, NULL, NULL);
	if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1 || iconv(cd, NULL, NULL, &op, &ol) == (size_t)-1)
		return -1;
	strbuf_add(out, res, (size_t)(op - res));
	return 0;
}

/*
 * VNI: a vowel followed by a mark letter is one Vietnamese letter; a few
 * letters stand alone. Marks in lower case; upper case is 0x20 less.
 */
static const struct vni_mark {
	int32_t c;
	int32_t quality; /* 0, circumflex or breve */
	int32_t tone;
} vni_marks[] = {
	{ 0xF9, 0, TONE_ACUTE }, { 0xF8, 0, TONE_GRAVE }, { 0xFB, 0, TONE_HOOK },
	{ 0xF5, 0, TONE_TILDE }, { 0xEF, 0, TONE_DOT },
	{ 0xE2, MARK_CIRCUMFLEX, 0 }, { 0xE1, MARK_CIRCUMFLEX, TONE_ACUTE },
	{ 0xE0, MARK_CIRCUMFLEX, TONE_GRAVE }, { 0xE5, MARK_CIRCUMFLEX, TONE_HOOK },
	{ 0xE3, MARK_CIRCUMFLEX, TONE_TILDE }, { 0xE4, MARK_CIRCUMFLEX, TONE_DOT },
	{ 0xEA, MARK_BREVE, 0 }, { 0xE9, MARK_BREVE, TONE_ACUTE }, { 0xE8, MARK_BREVE, TONE_GRAVE },
	{ 0xFA, MARK_BREVE, TONE_HOOK }, { 0xFC, MARK_BREVE, TONE_TILDE },
	{ 0xEB, MARK_BREVE, TONE_DOT },
};

static const struct vni_single {
	int32_t c, to;
} vni_singles[] = {
	{ 0xF4, 0x01A1 }, { 0xD4, 0x01A0 }, /* ô Ô: ơ Ơ */
	{ 0xF6, 0x01B0 }, { 0xD6, 0x01AF }, /* ö Ö: ư Ư */
	{ 0xF1, 0x0111 }, { 0xD1, 0x0110 }, /* ñ Ñ: đ Đ */
	{ 0xE6, 0x1EC9 }, { 0xC6, 0x1EC8 }, /* æ Æ: ỉ Ỉ */
	{ 0xF3, 0x0129 }, { 0xD3, 0x0128 }, /* ó Ó: ĩ Ĩ */
	{ 0xF2, 0x1ECB }, { 0xD2, 0x1ECA }, /* ò Ò: ị Ị */
	{ 0xEE, 0x1EF5 }, { 0xCE, 0x1EF4 }, /* î Î: ỵ Ỵ */
};

static int32_t vni_single(int32_t c)
{
	for (size_t i = 0; i < ARRAY_SIZE(vni_singles); i++)
		if (vni_singles[i].c == c)
			return vni_singles[i].to;
	return c;
}

static const struct vni_mark *vni_mark_after(int32_t base, int32_t c)
{
	int32_t b = base < 0x80 ? (base | 0x20) : base;

	if (c >= 0xC0 && c <= 0xDE)
		c += 0x20;
	for (size_t i = 0; i < ARRAY_SIZE(vni_marks); i++) {
		const struct vni_mark *mk = &vni_marks[i];

		if (mk->c != c)
			continue;
		if (mk->quality == MARK_BREVE)
			return b == 'a' ? mk : NULL;
		if (mk->quality == MARK_CIRCUMFLEX)
			return b == 'a' || b == 'e' || b == 'o' ? mk : NULL;
		return b == 'a' || b == 'e' || b == 'o' || b == 'u' || b == 'y' || b == 0x01A1 ||
		       b == 0x01A0 || b == 0x01B0 || b == 0x01AF ? mk : NULL;
	}
	return NULL;
}

static void vni_word(const int32_t *cp, size_t n, struct strbuf *out)
{
	struct strbuf raw = STRBUF_INIT;
	char *nfc;

	for (size_t i = 0; i < n; i++) {
		int32_t c = vni_single(cp[i]);
		const struct vni_mark *mk = i + 1 < n ? vni_mark_after(c, cp[i + 1]) : NULL;

		add_cp(&raw, c);
		if (mk) {
			if (mk->quality)
				add_cp(&raw, mk->quality);
			if (mk->tone)
				add_cp(&raw, mk->tone);
			i++;
		}
	}
	nfc = (char *)utf8proc_NFC((const utf8proc_uint8_t *)raw.buf);
	strbuf_addstr(out, nfc ? nfc : raw.buf);
	free(nfc);
	strbuf_release(&raw);
}

static int word_char(int32_t c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= 0x80 && c <= 0xFF && c != 0xA0);
}

static int is_letter_or_mark(int32_t c)
{
	utf8proc_category_t k = utf8proc_category(c);

	return (k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_LO) ||
	       (k >= UTF8PROC_CATEGORY_MN && k <= UTF8PROC_CATEGORY_ME);
}

/*
 * 1 if a lower-case letter is followed by a capital ("chÊm"): TCVN3 puts many
 * small letters on Latin-1 capitals, and no word is written that way.
 */
static int mixed_case(const int32_t *cp, size_t n)
{
	for (size_t i = 1; i < n; i++)
		if (utf8proc_tolower(cp[i - 1]) == cp[i - 1] && utf8proc_toupper(cp[i - 1]) != cp[i - 1] &&
		    utf8proc_toupper(cp[i]) == cp[i] && utf8proc_tolower(cp[i]) != cp[i])
			return 1;
	return 0;
}

enum legacy { LEGACY_TCVN3, LEGACY_VNI, NLEGACY };

/*
 * Converts cp[0..n) word by word with encoding `e` into `out`; returns the
 * words that only make sense converted, minus those that only make sense as
 * written.
 */
static int legacy_score(enum legacy e, iconv_t cd, const int32_t *cp, size_t n, struct strbuf *out,
			int *evidence, int mixed)
{
	struct strbuf w = STRBUF_INIT;
	int32_t *conv = NULL;
	int against = 0;

	*evidence = 0;
	for (size_t i = 0; i < n;) {
		size_t j = i, cn = 0;
		int high = 0, real = 0;

		if (!word_char(cp[i])) {
			add_cp(out, cp[i++]);
			continue;
		}
		while (j < n && word_char(cp[j])) {
			/* A letter past Latin-1 (ư, ạ, Đ) is real Unicode: the word stands as written. */
			if (cp[j] > 0xFF && is_letter_or_mark(cp[j]))
				real = 1;
			high |= cp[j++] >= 0x80;
		}
		strbuf_reset(&w);
		if (!high || real || (e == LEGACY_TCVN3 && tcvn3_word(cd, cp + i, j - i, &w) < 0)) {
			for (size_t k = i; k < j; k++)
				add_cp(out, cp[k]);
			i = j;
			continue;
		}
		if (e == LEGACY_VNI)
			vni_word(cp + i, j - i, &w);
		/* Beside real Unicode words, a word that reads right as written is kept so. */
		if (mixed && vn_syllable(cp + i, j - i) && !mixed_case(cp + i, j - i)) {
			for (size_t k = i; k < j; k++)
				add_cp(out, cp[k]);
			i = j;
			continue;
		}
		strbuf_add(out, w.buf, w.len);
		free(conv);
		conv = decode(w.buf, w.len, &cn);
		if (conv && (cn != j - i || memcmp(conv, cp + i, cn * sizeof(*conv)))) {
			int before = vn_syllable(cp + i, j - i) && !mixed_case(cp + i, j - i);
			int after = vn_syllable(conv, cn);

			/* A lone symbol (× for ì, ª for ê) is no evidence: "3 × 4". */
			if (after && !before && j - i > 1)
				(*evidence)++;
			else if (before && !after)
				against++;
		}
		i = j;
	}
	free(conv);
	strbuf_release(&w);
	return *evidence - against;
}

int text_legacy(const char *s, const char **encoding, char **converted)
{
	static const char *const names[NLEGACY] = { "TCVN3", "VNI" };
	struct strbuf conv[NLEGACY] = { STRBUF_INIT, STRBUF_INIT };
	int score[NLEGACY] = { 0, 0 }, evidence[NLEGACY] = { 0, 0 };
	iconv_t cd = (iconv_t)-1;
	int32_t *cp;
	size_t n;
	int found = 0, high = 0, mixed = 0;

	*encoding = NULL;
	*converted = NULL;
	cp = decode(s, strlen(s), &n);
	if (!cp)
		return 0;
	/*
	 * Words holding a real Unicode letter are left out of the scoring
	 * (legacy_score), not the whole text: real Vietnamese mixed with words
	 * typed in a legacy encoding is legacy text too (input/FORMATS.md, "Text, in
	 * every file").
	 */
	for (size_t i = 0; i < n; i++) {
		high |= cp[i] >= 0xA1 && cp[i] <= 0xFF;
		mixed |= cp[i] > 0xFF && is_letter_or_mark(cp[i]);
	}
	if (!high)
		goto out;
	cd = iconv_open("UTF-8", "TCVN5712-1");
	for (int e = 0; e < NLEGACY; e++) {
		if (e == LEGACY_TCVN3 && cd == (iconv_t)-1)
			continue;
		score[e] = legacy_score((enum legacy)e, cd, cp, n, &conv[e], &evidence[e], mixed);
	}
	for (int e = 0; e < NLEGACY; e++) {
		if (evidence[e] < 1 || score[e] < 1)
			continue;
		if (found && score[e] <= score[found - 1])
			continue;
		found = e + 1;
	}
	if (found) {
		*encoding = names[found - 1];
		*converted = strbuf_detach(&conv[found - 1]);
	}
out:
	if (cd != (iconv_t)-1)
		iconv_close(cd);
	for (int e = 0; e < NLEGACY; e++)
		strbuf_release(&conv[e]);
	free(cp);
	return found ? 1 : 0;
}

/* The word around position i, for a message. */
static char *word_at(const int32_t *cp, size_t n, size_t i)
{
	struct strbuf sb = STRBUF_INIT;
	size_t a = i, b = i;

	while (a > 0 && !is_space(cp[a - 1]))
		a--;
	while (b < n && !is_space(cp[b]))
		b++;
	for (size_t k = a; k < b; k++)
		add_cp(&sb, cp[k]);
	return strbuf_detach(&sb);
}

/* Vietnamese letters outside Latin-1: text holding one cannot be legacy-encoded. */
static int vietnamese_letter(int32_t c)
{
	return (c >= 0x1EA0 && c <= 0x1EF9) || c == 0x102 || c == 0x103 || c == 0x110 ||
	       c == 0x111 || c == 0x128 || c == 0x129 || c == 0x168 || c == 0x169 || c == 0x1A0 ||
	       c == 0x1A1 || c == 0x1AF || c == 0x1B0;
}

/*
 * The common case, decided in one pass: valid UTF-8 already in NFC (quick_nfc's
 * test), no control character, and either pure ASCII or holding a Vietnamese
 * letter, so that none of text_checked's complaints can apply. Returns the
 * trimmed copy, or NULL when the full checks must run.
 */
static char *plain_text(const char *s, size_t len)
{
	size_t off = 0, a = 0, b = 0;
	int started = 0, ascii = 1, viet = 0;

	while (off < len) {
		int32_t c;
		utf8proc_ssize_t m = 1;

		if ((unsigned char)s[off] < 0x80) {
			c = (unsigned char)s[off];
		} else {
			m = utf8proc_iterate((const utf8proc_uint8_t *)s + off,
					     (utf8proc_ssize_t)(len - off), &c);
			if (m <= 0 || (c >= 0x300 && (c < 0x1EA0 || c > 0x1EF9)))
				return NULL;
			ascii = 0;
			viet |= vietnamese_letter(c);
			if (!repertoire_has((uint32_t)c) && !is_space(c))
				return NULL;
		}
		if (is_control(c) || c == 0)
			return NULL;
		if (c < 0x80 ? !(c == ' ' || (c >= 0x09 && c <= 0x0D)) : !is_space(c)) {
			if (!started)
				a = off;
			started = 1;
			b = off + (size_t)m;
		}
		off += (size_t)m;
	}
	if (!ascii && !viet)
		return NULL;
	return xstrndup(s + a, started ? b - a : 0);
}

static char *checked(struct diag *d, const char *path, int line, const char *what,
		     const char *s, size_t len);

/*
 * Inside a text, a tab or a line break (TAB, LF, CR, CR LF, VT, FF: an Excel
 * cell pasted with its tab, a CSV field with Alt+Enter inside) counts as one
 * space: every text of the inputs is one paragraph, and the documents break
 * their lines themselves. The other Unicode spaces (U+1680, U+2000-200A,
 * U+2028/2029, U+205F, U+3000: an em space from a word processor, an
 * ideographic space from an input method) are one space too, and the figure
 * and narrow no-break spaces (U+2007, U+202F) a no-break space U+00A0: the
 * fonts print those. Done in place (never longer); returns s.
 */
static char *flatten_breaks(char *s)
{
	char *w = s;

	for (const char *r = s; *r; r++) {
		const unsigned char *u = (const unsigned char *)r;
		int32_t c = -1;
		int m = 0;

		if (*r == '\r' && r[1] == '\n')
			continue;
		if (u[0] >= 0xE1 && u[0] <= 0xE3) {
			m = 3;
			c = ((u[0] & 0x0F) << 12) | ((u[1] & 0x3F) << 6) | (u[2] & 0x3F);
		}
		if (m && is_space(c)) {
			/* Figure and narrow no-break spaces keep the line together
			 * (pipeline/LIBRARIES.md, "utf8proc 2.8 and legacy encodings"). */
			if (c == 0x2007 || c == 0x202F) {
				*w++ = (char)0xC2;
				*w++ = (char)0xA0;
			} else {
				*w++ = ' ';
			}
			r += m - 1;
			continue;
		}
		*w++ = (*r >= 0x09 && *r <= 0x0D) ? ' ' : *r;
	}
	*w = '\0';
	return s;
}

char *text_checked(struct diag *d, const char *path, int line, const char *what,
		   const char *s, size_t len)
{
	/* `what` names the text in the message ("unit name"): in the run's language. */
	char *t = checked(d, path, line, _(what), s, len);

	return t ? flatten_breaks(t) : NULL;
}

static char *checked(struct diag *d, const char *path, int line, const char *what,
		     const char *s, size_t len)
{
	const char *enc;
	char *clean, *conv = NULL;
	int32_t *cp = NULL;
	size_t n = 0;
	int bad = 0, control = 0, unprintable = 0;
	size_t mark = (size_t)-1;

	clean = plain_text(s, len);
	if (clean)
		return clean;
	if (memchr(s, '\0', len)) {
		diag_error(d, path, line, "%s holds a NUL character: the file is not UTF-8 text; save it as UTF-8",
			   what);
		return NULL;
	}
	clean = text_nfc_trim(s, len);
	if (!clean) {
		diag_error(d, path, line, "%s is not valid UTF-8: save the file as UTF-8", what);
		return NULL;
	}
	cp = decode(clean, strlen(clean), &n);
	for (size_t i = 0; cp && i < n; i++) {
		if (is_control(cp[i]) && !control)
			control = cp[i];
		if (!is_control(cp[i]) && !is_space(cp[i]) && !(cp[i] >= 0x0300 && cp[i] <= 0x036F) &&
		    !repertoire_has((uint32_t)cp[i]) && !unprintable)
			unprintable = cp[i];
		if (cp[i] >= 0x0300 && cp[i] <= 0x036F && mark == (size_t)-1)
			mark = i;
	}
	if (text_legacy(clean, &enc, &conv)) {
		char *was = text_excerpt(clean), *would = text_excerpt(conv);

		diag_error(d, path, line,
			   "%s looks typed in the legacy %s encoding: '%s' would read '%s'; convert the text to Unicode",
			   what, !strcmp(enc, "TCVN3") ? "TCVN3 (ABC)" : enc, was, would);
		free(was);
		free(would);
		bad = 1;
	}
	if (mark != (size_t)-1) {
		char *word = word_at(cp, n, mark), *shown = text_excerpt(word);

		diag_error(d, path, line,
			   "%s has a tone mark left decomposed (U+%04X in '%s'): retype the letter as one precomposed character",
			   what, (unsigned)cp[mark], shown);
		free(word);
		free(shown);
		bad = 1;
	}
	if (control) {
		diag_error(d, path, line, "%s holds the control character U+%04X: remove it", what,
			   (unsigned)control);
		bad = 1;
	}
	if (unprintable) {
		struct strbuf ch = STRBUF_INIT;

		/* An invisible character is named by its number only. */
		if (!is_invisible(unprintable)) {
			strbuf_addstr(&ch, " '");
			add_cp(&ch, unprintable);
			strbuf_addch(&ch, '\'');
		}
		diag_error(d, path, line,
			   "%s holds the character U+%04X%s, which the documents' font cannot print (Vietnamese, Latin-1 and common signs only): replace it",
			   what, (unsigned)unprintable, ch.buf);
		strbuf_release(&ch);
		bad = 1;
	}
	free(conv);
	free(cp);
	if (bad) {
		free(clean);
		return NULL;
	}
	return clean;
}

size_t text_length(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

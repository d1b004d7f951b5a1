/*
 * i18n.c: choosing the language and finding the catalogues (i18n.h).
 */
#include "base/i18n.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/common.h"
#include "base/fileio.h"

static const char *language = "en";

/* The first of LC_ALL, LC_MESSAGES, LANG that is set: the locale asked for messages. */
static const char *asked_locale(void)
{
	static const char *const vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };

	for (size_t i = 0; i < ARRAY_SIZE(vars); i++) {
		const char *v = getenv(vars[i]);

		if (v && *v)
			return v;
	}
	return NULL;
}

/* Whether a locale name or a LANGUAGE list asks for Vietnamese first. */
static int asks_vietnamese(const char *s)
{
	return s && !strncmp(s, "vi", 2) && (s[2] == '\0' || s[2] == '_' || s[2] == '.' || s[2] == ':' || s[2] == '@');
}

/* <folder of the program>/<rel> when it holds the Vietnamese catalogue. */
static char *locale_dir(void)
{
	static const char *const rel[] = { "../share/locale", "../locale" };
	const char *env = getenv("PARX_LOCALEDIR");
	char exe[4096];
	ssize_t n;
	char *slash;

	if (env && *env)
		return xstrdup(env);
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n <= 0)
		return NULL;
	exe[n] = '\0';
	slash = strrchr(exe, '/');
	if (!slash)
		return NULL;
	*slash = '\0';
	for (size_t i = 0; i < ARRAY_SIZE(rel); i++) {
		char *dir = path_join(*exe ? exe : "/", rel[i]);
		char *mo = path_join(dir, "vi/LC_MESSAGES/parx.mo");
		struct stat st;
		int found = stat(mo, &st) == 0;

		free(mo);
		if (found)
			return dir;
		free(dir);
	}
	return NULL;
}

void i18n_init(void)
{
	const char *asked = asked_locale();
	const char *list = getenv("LANGUAGE");
	const char *now = setlocale(LC_ALL, "");
	char *dir;

	/*
	 * The locale asked for was never generated (a fresh Debian has only
	 * C.UTF-8): keep UTF-8 and name the language through LANGUAGE, which
	 * gettext reads whenever the locale is not plain "C".
	 */
	if (!now || !strcmp(now, "C") || !strcmp(now, "POSIX")) {
		setlocale(LC_ALL, "C.UTF-8");
		if (asked && (!strcmp(asked, "C") || !strcmp(asked, "POSIX"))) {
			/* C asked for explicitly: English, LANGUAGE ignored, as gettext does. */
			setlocale(LC_MESSAGES, "C");
			list = NULL;
		} else if (asks_vietnamese(asked) && !(list && *list)) {
			setenv("LANGUAGE", "vi", 1);
			list = "vi";
		}
	}
	setlocale(LC_NUMERIC, "C");
	if (list && *list)
		language = asks_vietnamese(list) ? "vi" : "en";
	else
		language = asks_vietnamese(asked) ? "vi" : "en";
	dir = locale_dir();
	if (dir)
		bindtextdomain("parx", dir);
	free(dir);
	bind_textdomain_codeset("parx", "UTF-8");
	textdomain("parx");
}

const char *i18n_language(void)
{
	return language;
}

char i18n_decimal_mark(void)
{
	return !strcmp(language, "vi") ? ',' : '.';
}

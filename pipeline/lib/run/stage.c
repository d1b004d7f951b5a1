/*
 * stage.c: the common frame of the parx programs (options, loading, exit
 * statuses), so each program's main() stays a few lines.
 */
#include "run/stage.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/common.h"
#include "base/fileio.h"
#include "base/i18n.h"
#include "base/strbuf.h"
#include "input/load.h"
#include "input/workcopy.h"
#include "score/scored.h"

#define DEFAULT_FONTS "/usr/share/fonts/truetype/liberation2"

/*
 * The templates beside the running program, wherever it was started from:
 * installed, <prefix>/bin/parx-render finds <prefix>/share/parx/templates;
 * in the build tree, build/bin/parx-render finds the source's templates/.
 */
static char *default_templates(void)
{
	static const char *const rel[] = { "../share/parx/templates", "../../templates" };
	char exe[4096];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	char *slash;

	if (n <= 0)
		return xstrdup("templates");
	exe[n] = '\0';
	slash = strrchr(exe, '/');
	if (!slash)
		return xstrdup("templates");
	*slash = '\0';
	for (size_t i = 0; i < ARRAY_SIZE(rel); i++) {
		char *t = path_join(*exe ? exe : "/", rel[i]);
		struct stat st;

		if (stat(t, &st) == 0 && S_ISDIR(st.st_mode))
			return t;
		free(t);
	}
	return path_join(*exe ? exe : "/", rel[1]);
}

char *stage_templates(void)
{
	return getenv("PARX_TEMPLATES") ? xstrdup(getenv("PARX_TEMPLATES")) : default_templates();
}

char *stage_fonts(void)
{
	return xstrdup(getenv("PARX_FONTS") ? getenv("PARX_FONTS") : DEFAULT_FONTS);
}

/* `name` beside the folder `in`, in its parent (OUT/ingest -> OUT/score); the parent itself for NULL. */
static char *beside(const char *in, const char *name)
{
	size_t n = strlen(in);
	char *parent, *p;

	while (n > 1 && in[n - 1] == '/')
		n--;
	while (n > 0 && in[n - 1] != '/')
		n--;
	while (n > 1 && in[n - 1] == '/')
		n--;
	parent = n ? xstrndup(in, n) : xstrdup(".");
	p = name ? path_join(parent, name) : xstrdup(parent);
	free(parent);
	return p;
}

static void usage(const struct stage_opts *o, FILE *f, const char *what, unsigned allowed)
{
	if (allowed & STAGE_OPT_IMPORT)
		fprintf(f, _("usage: %s [options] [--] YEAR_FOLDER WORKBOOK_OR_FOLDER...\n\n%s\n\noptions:\n"),
			o->prog, _(what));
	else if (allowed & STAGE_OPT_COPY)
		fprintf(f, _("usage: %s [options] [--] YEAR_FOLDER | OUT/ingest\n\n%s\n\n"
			     "Given OUT/ingest, the working copy of parx-ingest, it reads that instead of the\n"
			     "year folder (README.md, \"The working copy\"); OUT is then its folder.\n\noptions:\n"),
			o->prog, _(what));
	else
		fprintf(f, _("usage: %s [options] [--] YEAR_FOLDER\n\n%s\n\noptions:\n"), o->prog, _(what));
	if (allowed & STAGE_OPT_IMPORT)
		fputs(_("  -f, --force     replace files of the year folder that exist already\n"), f);
	else
		fputs(_("  -o, --out DIR   output folder (default: output/<name of YEAR_FOLDER>)\n"), f);
	if (allowed & STAGE_OPT_DRAFT)
		fputs(_("      --draft     mark every page DỰ THẢO (a draft for the units)\n"), f);
	if (allowed & STAGE_OPT_EXCEL)
		fputs(_("      --excel     also write <name>-excel.csv for Vietnamese Excel\n"), f);
	if (allowed & STAGE_OPT_JOBS)
		fputs(_("  -j, --jobs N    parallel workers (default: one per core)\n"), f);
	if (allowed & STAGE_OPT_RENDER)
		fprintf(f, _("      --templates DIR  article templates (default: $PARX_TEMPLATES, else the templates\n"
			     "                       installed with parx; a year folder's own templates/ wins)\n"
			     "      --fonts DIR      Liberation Serif fonts (default: $PARX_FONTS, else %s)\n"
			     "      --units FROM..TO only the score sheets of units FROM to TO (in units.csv order,\n"
			     "                       from 1), for sharing a large year among processes;\n"
			     "                       --units none: only the decision, the charts and the report\n"),
			DEFAULT_FONTS);
	fputs(_("  -q, --quiet     print no diagnostics (they still decide the exit status)\n"), f);
	fputs(_("      --help      show this help\n      --version   show the version\n\n"), f);
	fputs(_("exit status: 0 success, 1 the data have errors, 2 wrong usage, 3 I/O or internal failure\n"), f);
}

static void short_usage(const struct stage_opts *o, unsigned allowed)
{
	if (allowed & STAGE_OPT_IMPORT)
		fprintf(stderr, _("usage: %s [options] [--] YEAR_FOLDER WORKBOOK_OR_FOLDER... (see '%s --help')\n"),
			o->prog, o->prog);
	else
		fprintf(stderr, _("usage: %s [options] [--] YEAR_FOLDER (see '%s --help')\n"), o->prog, o->prog);
}

static int parse(struct stage_opts *o, int argc, char **argv, const char *what, unsigned allowed)
{
	enum { OPT_HELP = 256, OPT_VERSION, OPT_DRAFT, OPT_EXCEL, OPT_TEMPLATES, OPT_FONTS, OPT_UNITS };
	static const struct option longopts[] = {
		{ "out", required_argument, NULL, 'o' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "draft", no_argument, NULL, OPT_DRAFT },
		{ "excel", no_argument, NULL, OPT_EXCEL },
		{ "templates", required_argument, NULL, OPT_TEMPLATES },
		{ "fonts", required_argument, NULL, OPT_FONTS },
		{ "units", required_argument, NULL, OPT_UNITS },
		{ "force", no_argument, NULL, 'f' },
		{ "help", no_argument, NULL, OPT_HELP },
		{ "version", no_argument, NULL, OPT_VERSION },
		{ NULL, 0, NULL, 0 },
	};
	const char *out = NULL;
	int c;

	memset(o, 0, sizeof(*o));
	i18n_init();
	diag_set_prog(argv[0]);
	o->prog = diag_prog();
	opterr = 0;
	while ((c = getopt_long(argc, argv, "o:qj:f", longopts, NULL)) != -1) {
		switch (c) {
		case 'o':
			if (allowed & STAGE_OPT_IMPORT) {
				error("unknown option '%s'", "-o");
				short_usage(o, allowed);
				return EXIT_USAGE;
			}
			out = optarg;
			break;
		case 'f':
			if (!(allowed & STAGE_OPT_IMPORT))
				goto bad;
			o->force = 1;
			break;
		case 'q':
			o->quiet = 1;
			break;
		case 'j': {
			char *end;
			long n = strtol(optarg, &end, 10);

			if (!(allowed & STAGE_OPT_JOBS))
				goto bad;
			if (*end || n < 1 || n > 256) {
				error("-j takes a number of workers from 1 to 256");
				return EXIT_USAGE;
			}
			o->jobs = (int)n;
			break;
		}
		case OPT_DRAFT:
			if (!(allowed & STAGE_OPT_DRAFT))
				goto bad;
			o->draft = 1;
			break;
		case OPT_EXCEL:
			if (!(allowed & STAGE_OPT_EXCEL))
				goto bad;
			o->excel = 1;
			break;
		case OPT_TEMPLATES:
		case OPT_FONTS:
			if (!(allowed & STAGE_OPT_RENDER))
				goto bad;
			free(c == OPT_FONTS ? o->fonts : o->templates);
			*(c == OPT_FONTS ? &o->fonts : &o->templates) = xstrdup(optarg);
			break;
		case OPT_UNITS: {
			char *end;

			if (!(allowed & STAGE_OPT_RENDER))
				goto bad;
			o->units_set = 1;
			if (!strcmp(optarg, "none"))
				break;
			o->units_from = strtol(optarg, &end, 10);
			if (end == optarg || strncmp(end, "..", 2) ||
			    (o->units_to = strtol(end + 2, &end, 10), *end) || o->units_from < 1 ||
			    o->units_to < o->units_from) {
				error("--units takes FROM..TO, two unit numbers from 1 in units.csv order (FROM at most TO), or 'none'");
				return EXIT_USAGE;
			}
			break;
		}
		case OPT_HELP:
			usage(o, stdout, what, allowed);
			return EXIT_OK;
		case OPT_VERSION:
			printf("%s (parx) %s\n", o->prog, PARX_VERSION);
			return EXIT_OK;
		default:
			goto bad;
		}
	}
	if (allowed & STAGE_OPT_IMPORT) {
		if (optind + 2 > argc) {
			if (optind >= argc)
				error("no year folder given");
			else
				error("no workbook given: name the filled workbooks or their folder");
			short_usage(o, allowed);
			return EXIT_USAGE;
		}
		o->forms = argv + optind + 1;
		o->nforms = (size_t)(argc - optind - 1);
		argc = optind + 1;
	}
	if (optind != argc - 1) {
		if (optind >= argc)
			error("no year folder given");
		else
			error("more than one year folder given");
		short_usage(o, allowed);
		return EXIT_USAGE;
	}
	o->in = argv[optind];
	o->copy = (allowed & STAGE_OPT_COPY) && workcopy_is(o->in);
	if (!o->templates)
		o->templates = stage_templates();
	if (!o->fonts)
		o->fonts = stage_fonts();
	{
		struct stat st;

		if (stat(o->in, &st) < 0 || !S_ISDIR(st.st_mode)) {
			error("'%s' is not a folder: give the year folder (index.xml, units.csv, ...)", o->in);
			return EXIT_USAGE;
		}
	}
	if (out)
		o->out = xstrdup(out);
	else if (o->copy)
		o->out = beside(o->in, NULL); /* a working copy's package: OUT/ingest -> OUT */
	else
		o->out = stage_default_out(o->in);
	return -1;
bad:
	error("unknown option '%s'", argv[optind - 1]);
	short_usage(o, allowed);
	return EXIT_USAGE;
}

char *stage_default_out(const char *in)
{
	struct strbuf sb = STRBUF_INIT;
	size_t n = strlen(in);
	const char *base;

	while (n > 1 && in[n - 1] == '/')
		n--;
	base = in + n;
	while (base > in && base[-1] != '/')
		base--;
	strbuf_addstr(&sb, "output/");
	strbuf_add(&sb, base, (size_t)(in + n - base));
	return strbuf_detach(&sb);
}

int stage_options(struct stage_opts *o, int argc, char **argv, const char *what, unsigned allowed)
{
	int status = parse(o, argc, argv, what, allowed);

	/* Exiting at once: nothing of the options is needed any more. */
	if (status >= 0)
		stage_opts_release(o);
	return status;
}

void stage_opts_release(struct stage_opts *o)
{
	free(o->out);
	free(o->templates);
	free(o->fonts);
	o->out = o->templates = o->fonts = NULL;
}

int stage_load(const struct stage_opts *o, struct year *y, struct diag *d, struct results *r,
	       int warnings)
{
	if (r)
		memset(r, 0, sizeof(*r));
	if (o->copy) {
		/* The working copy of parx-ingest: the year as it was read, its problems with it. */
		if (workcopy_read(y, d, o->in, warnings) < 0) {
			if (!o->quiet)
				diag_print(d, stderr, 0);
			return EXIT_USAGE;
		}
		/* The render stage reads what parx-score computed into the same OUT. */
		if (!d->nerrors && r && o->read_scored) {
			struct diag sd;
			char *dir = path_join(o->out, SCORED_DIR);
			int rc;

			diag_init(&sd);
			rc = scored_read(r, y, o->in, dir, &sd);
			if (rc < 0 && !o->quiet)
				diag_print(&sd, stderr, 0);
			diag_release(&sd);
			free(dir);
			if (rc < 0)
				return EXIT_USAGE;
			r = NULL; /* scored already */
		}
	} else {
		year_load_flags(y, o->in, d, o->load_flags); /* its problems are in d */
	}
	year_note_rounds(y);
	if (!d->nerrors && r) {
		scoring_run(y, r, d);
		diag_sort(d);
	}
	/* Only the validation stage shows warnings, and writes them all to validation.txt. */
	if (!o->quiet && diag_print_grouped(d, stderr, warnings, warnings ? "validation.txt" : NULL) < 0)
		return EXIT_IO;
	return d->nerrors ? EXIT_DATA : EXIT_OK;
}

int stage_outdir(const struct stage_opts *o)
{
	if (mkdir_p(o->out) < 0) {
		error("cannot create output folder '%s': %s", o->out, strerror(errno));
		return EXIT_IO;
	}
	return EXIT_OK;
}

/*
 * parx: the clerk's one command, a porcelain over the stage programs (the
 * plumbing: parx-validate, parx-ingest, parx-score, parx-render), which it
 * finds beside itself and runs as separate processes, as git runs its own.
 *
 *   parx run [--draft] [-j N] [-q] [--] YEAR_FOLDER [OUT]
 *   parx check [-q] [--] YEAR_FOLDER
 *   parx validate|ingest|score|render [options] YEAR_FOLDER   (a stage alone)
 *   parx forms [options] YEAR_FOLDER, parx import [options] YEAR_FOLDER WORKBOOK...
 *
 * `run` publishes OUT as a whole or not at all (package.h). Its exit status is
 * exact: 0 published, 1 the data have errors (OUT holds validation.txt
 * alone), 2 wrong usage, 3 I/O or internal failure (OUT as it was); a run
 * stopped by a signal leaves OUT as it was and exits 128 + the signal.
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/common.h"
#include "base/diag.h"
#include "base/fileio.h"
#include "base/i18n.h"
#include "run/package.h"
#include "run/rerun.h"
#include "run/stage.h"
#include "base/strbuf.h"

static const char *const stages[] = { "validate", "ingest", "score", "render", "forms", "import" };

/* A stage's command line: args[0] is set by run_stage(). */
struct args {
	const char *v[16];
	int n;
};

static void args_start(struct args *a, const char *out)
{
	a->v[0] = NULL;
	a->v[1] = "-o";
	a->v[2] = out;
	a->v[3] = NULL;
	a->n = 3;
}

static void args_add(struct args *a, const char *arg)
{
	a->v[a->n++] = arg;
	a->v[a->n] = NULL;
}

static const char usage_text[] = N_(
	"usage: parx <command> [options] YEAR_FOLDER [OUT]\n"
	"\n"
	"Runs the year-end publication of a PAR Index year folder (index.xml, units.csv,\n"
	"publication.xml, submissions/, appraisal/, previous.csv).\n"
	"\n"
	"commands:\n"
	"  run YEAR_FOLDER [OUT]  check, score and publish the year into OUT (default:\n"
	"                         output/<name of YEAR_FOLDER>): the CSVs, the decision,\n"
	"                         the charts, one score sheet per unit, the reconciliation\n"
	"                         report, validation.txt and SHA256SUMS, all or nothing\n"
	"  check YEAR_FOLDER      check the year folder only and print every problem;\n"
	"                         writes nothing\n"
	"  forms YEAR_FOLDER      write the workbooks the units and the appraisal team\n"
	"                         fill in, into OUT/forms/ (see 'parx forms --help')\n"
	"  import YEAR_FOLDER WORKBOOK_OR_FOLDER...\n"
	"                         read the filled workbooks back into the year folder:\n"
	"                         submissions/ and appraisal/ (see 'parx import --help')\n"
	"  validate, ingest, score, render\n"
	"                         run one stage alone (see 'parx <stage> --help')\n"
	"\n"
	"options of run:\n"
	"      --draft     mark every page DỰ THẢO (the draft sent to the units)\n"
	"      --fresh     run every stage; by default a stage whose inputs are the last\n"
	"                  run's is not run again, its files are kept\n"
	"  -j, --jobs N    parallel workers for the documents (default: one per core)\n"
	"  -q, --quiet     print only the problems and the closing summary\n"
	"options of check:\n"
	"  -q, --quiet     print only the closing summary\n"
	"options:\n"
	"      --help      show this help\n"
	"      --version   show the version\n"
	"A folder whose name starts with '-' goes after '--'.\n"
	"\n"
	"exit status: 0 success (warnings do not fail a run), 1 the data have errors\n"
	"(nothing published; OUT holds validation.txt), 2 wrong usage, 3 I/O or\n"
	"internal failure (OUT as it was)\n");

/* The folder of this program: its stages live beside it. */
static char *bindir(const char *argv0)
{
	char exe[4096];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	const char *from = argv0;
	const char *slash;

	if (n > 0) {
		exe[n] = '\0';
		from = exe;
	}
	slash = strrchr(from, '/');
	return slash ? xstrndup(from, (size_t)(slash - from)) : xstrdup(".");
}

static char *stage_path(const char *dir, const char *stage)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addf(&sb, "%s/parx-%s", dir, stage);
	return strbuf_detach(&sb);
}

/* A signal received while stages run: passed on to them, and remembered. */
static volatile sig_atomic_t stop_signal;
static volatile pid_t children[2]; /* at most two stages run at once: the check and the scoring */

static void on_signal(int sig)
{
	stop_signal = sig;
	for (size_t i = 0; i < ARRAY_SIZE(children); i++)
		if (children[i] > 0)
			kill(children[i], sig);
}

static void catch_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

/*
 * Starts `dir`/parx-<stage> with `args` (NULL-terminated, args[0] unused) as
 * child `slot` of children[], its standard error into `err` if not -1.
 * Returns its pid, or -1 after error().
 */
static pid_t start_stage(const char *dir, const char *stage, const char **args, size_t slot, int err)
{
	char *path = stage_path(dir, stage);
	pid_t pid;

	args[0] = path;
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		error("cannot start '%s': %s", path, strerror(errno));
		free(path);
		return -1;
	}
	if (pid == 0) {
		if (err >= 0 && dup2(err, STDERR_FILENO) < 0)
			_exit(EXIT_IO);
		execv(path, (char *const *)args);
		fprintf(stderr, _("parx: cannot run '%s': %s\n"), path, strerror(errno));
		_exit(EXIT_IO);
	}
	children[slot] = pid;
	free(path);
	return pid;
}

/* Waits for child `slot`, pid, of `stage`; returns its exit status, EXIT_IO when it died. */
static int wait_stage(pid_t pid, const char *stage, size_t slot)
{
	int status;

	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR) {
			status = EXIT_IO << 8;
			break;
		}
	children[slot] = 0;
	if (WIFSIGNALED(status)) {
		if (!stop_signal)
			error("the %s stage was stopped by signal %d", stage, WTERMSIG(status));
		return EXIT_IO;
	}
	return WEXITSTATUS(status);
}

/* Runs a stage to its end: its exit status, EXIT_IO when it could not run or died. */
static int run_stage(const char *dir, const char *stage, const char **args)
{
	pid_t pid = start_stage(dir, stage, args, 0, -1);

	return pid < 0 ? EXIT_IO : wait_stage(pid, stage, 0);
}

/* Copies what a stage wrote into the temporary file f to standard error. */
static void replay(FILE *f)
{
	char buf[4096];
	size_t n;

	rewind(f);
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		fwrite(buf, 1, n, stderr);
}

/* The counts of the last line of validation.txt ("prog: N errors, M warnings"). */
static void read_counts(const char *dir, long *errors, long *warnings)
{
	char *path = path_join(dir, "validation.txt");
	FILE *f = fopen(path, "r");
	char tail[512] = "";
	size_t n = 0;

	*errors = *warnings = -1;
	/* Only its end is read: the file holds every warning of a large year. */
	if (f && fseek(f, -(long)(sizeof(tail) - 1), SEEK_END) != 0)
		rewind(f);
	if (f) {
		n = fread(tail, 1, sizeof(tail) - 1, f);
		fclose(f);
	}
	free(path);
	tail[n] = '\0';
	while (n > 0 && tail[n - 1] == '\n')
		tail[--n] = '\0';
	{
		const char *last = strrchr(tail, '\n') ? strrchr(tail, '\n') + 1 : tail;
		const char *colon = strstr(last, ": ");

		/* "N errors, M warnings" in any language: the two numbers. */
		if (!colon || sscanf(colon + 2, "%ld%*[^0-9]%ld", errors, warnings) != 2)
			*errors = *warnings = -1;
	}
}

static void print_counts(long errors, long warnings)
{
	if (errors < 0)
		return;
	printf("parx: ");
	printf(P_("%ld error", "%ld errors", errors), errors);
	printf(", ");
	printf(P_("%ld warning", "%ld warnings", warnings), warnings);
	printf("\n");
}

/* What a published package holds, the unit sheets counted rather than listed. */
static void print_package(const struct package *p)
{
	char **files;
	size_t sheets = 0, pages = 0;

	if (package_files(p->path, &files) < 0)
		return;
	printf(_("parx: published into %s:\n"), p->out);
	for (char **f = files; *f; f++) {
		if (!strncmp(*f, "don-vi/", 7))
			sheets++;
		else if (!strncmp(*f, "web/don-vi/", 11))
			pages++;
		else
			printf("  %s\n", *f);
	}
	if (sheets)
		printf(P_("  don-vi/ (%zu unit score sheet)\n", "  don-vi/ (%zu unit score sheets)\n", sheets), sheets);
	if (pages)
		printf(P_("  web/don-vi/ (%zu unit page)\n", "  web/don-vi/ (%zu unit pages)\n", pages), pages);
	names_free(files);
}

static void progress(int quiet, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void progress(int quiet, const char *fmt, ...)
{
	va_list ap;

	if (quiet)
		return;
	va_start(ap, fmt);
	fprintf(stderr, "parx: ");
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

struct run_opts {
	int draft, quiet, fresh;
	const char *jobs;
	const char *in;
	const char *out;
};

/* Parses the options of run and check; returns -1 to go on, else the status. */
static int parse(int argc, char **argv, int is_run, struct run_opts *o)
{
	static const struct option longopts[] = {
		{ "draft", no_argument, NULL, 'd' },
		{ "fresh", no_argument, NULL, 'f' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	memset(o, 0, sizeof(*o));
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, is_run ? "j:q" : "q", longopts, NULL)) != -1) {
		switch (c) {
		case 'd':
			if (!is_run)
				goto bad;
			o->draft = 1;
			break;
		case 'f':
			if (!is_run)
				goto bad;
			o->fresh = 1;
			break;
		case 'j': {
			char *end;
			long n = strtol(optarg, &end, 10);

			if (!is_run || *end || n < 1 || n > 256) {
				error("-j takes a number of workers from 1 to 256");
				return EXIT_USAGE;
			}
			o->jobs = optarg;
			break;
		}
		case 'q':
			o->quiet = 1;
			break;
		case 'h':
			fputs(_(usage_text), stdout);
			return EXIT_OK;
		default:
			goto bad;
		}
	}
	if (optind >= argc || argc - optind > (is_run ? 2 : 1)) {
		if (optind >= argc)
			error("no year folder given");
		else
			error("too many arguments");
		fprintf(stderr, _("usage: parx %s [options] YEAR_FOLDER%s (see 'parx --help')\n"),
			is_run ? "run" : "check", is_run ? " [OUT]" : "");
		return EXIT_USAGE;
	}
	o->in = argv[optind];
	o->out = optind + 1 < argc ? argv[optind + 1] : NULL;
	{
		struct stat st;

		if (stat(o->in, &st) < 0 || !S_ISDIR(st.st_mode)) {
			error("'%s' is not a year folder (index.xml, units.csv, ...)", o->in);
			return EXIT_USAGE;
		}
	}
	return -1;
bad:
	error("unknown option '%s'", argv[optind - 1]);
	fprintf(stderr, _("usage: parx %s [options] YEAR_FOLDER%s (see 'parx --help')\n"),
		is_run ? "run" : "check", is_run ? " [OUT]" : "");
	return EXIT_USAGE;
}

/* parx-score's command line: quiet, with the Excel CSVs, on the working copy. */
static void score_args(struct args *a, const char *out, const char *copy)
{
	args_start(a, out);
	args_add(a, "-q");
	args_add(a, "--excel");
	args_add(a, "--");
	args_add(a, copy);
}

/* A stage's status, as run's own: a usage error of a stage is parx's fault. */
static int stage_status(int s)
{
	return s == EXIT_USAGE ? EXIT_IO : s;
}

static int cmd_run(const char *dir, int argc, char **argv)
{
	struct run_opts o;
	struct package p;
	struct args a, sa;
	char *out, *copy = NULL;
	struct rerun rr = { 0 };
	struct strbuf key = STRBUF_INIT;
	int k, ss = 0, s = parse(argc, argv, 1, &o);
	long errors = -1, warnings = -1;
	pid_t scorer = 0;
	FILE *score_err = NULL;

	if (s >= 0)
		return s;
	out = o.out ? xstrdup(o.out) : stage_default_out(o.in);
	s = package_open(&p, o.in, out);
	free(out);
	if (s)
		goto done;
	catch_signals();

	/*
	 * 1. The working copy: the year folder read once (ingest/year.tsv); every
	 * later stage reads it, not the folder. With data errors it carries them.
	 */
	rerun_open(&rr, &p, o.fresh);
	rerun_key(&rr, RERUN_INGEST, dir, o.in, 0, &key);
	if ((k = rerun_reuse(&rr, RERUN_INGEST, key.buf)) < 0) {
		s = EXIT_IO;
		goto failed;
	}
	if (k) {
		progress(o.quiet, _("%s is as the last run read it: its working copy is kept"), o.in);
	} else {
		progress(o.quiet, _("reading %s into the working copy"), o.in);
		args_start(&a, p.stage);
		args_add(&a, "-q");
		args_add(&a, "--");
		args_add(&a, o.in);
		if (rerun_before(&rr) < 0) {
			s = EXIT_IO;
			goto failed;
		}
		s = run_stage(dir, "ingest", a.v);
		if (stop_signal)
			goto done;
		if (s && s != EXIT_DATA)
			goto failed;
		if (s == 0 && rerun_after(&rr, RERUN_INGEST, key.buf) < 0) {
			s = EXIT_IO;
			goto failed;
		}
	}
	copy = path_join(p.stage, "ingest");

	/*
	 * 2. The checks: every problem of the year, printed once, and
	 * validation.txt. 3. The results, scored beside the checks when the
	 * working copy is clean (the checks take one core, the scoring the
	 * other): kept only if the checks pass, and its messages held until then.
	 */
	rerun_key(&rr, RERUN_SCORE, dir, o.in, 0, &key);
	if ((k = rerun_reuse(&rr, RERUN_SCORE, key.buf)) < 0) {
		s = EXIT_IO;
		goto failed;
	}
	if (!k && s == 0) {
		score_args(&sa, p.stage, copy);
		if (!(score_err = tmpfile())) {
			error("cannot create a temporary file: %s", strerror(errno));
			s = EXIT_IO;
			goto failed;
		}
		if (rerun_before(&rr) < 0) {
			s = EXIT_IO;
			goto failed;
		}
		if ((scorer = start_stage(dir, "score", sa.v, 1, fileno(score_err))) < 0) {
			s = EXIT_IO;
			goto failed;
		}
	}
	progress(o.quiet, _("checking %s"), o.in);
	args_start(&a, p.stage);
	args_add(&a, "--");
	args_add(&a, copy);
	s = run_stage(dir, "validate", a.v);
	if (scorer > 0) {
		ss = wait_stage(scorer, "score", 1);
		scorer = 0;
	}
	if (stop_signal)
		goto done;
	if (s == EXIT_DATA) {
		if (package_report_only(&p) < 0 || package_publish(&p) < 0) {
			s = EXIT_IO;
			goto done;
		}
		fprintf(stderr, _("parx: the data have errors: nothing published; the report is %s/validation.txt\n"),
			p.out);
		goto done;
	}
	if (s)
		goto failed;

	/* 4. The documents: quiet, the checks said it all. */
	if (k) {
		progress(o.quiet, "%s", _("scoring: the working copy is the last run's, its results are kept"));
	} else {
		progress(o.quiet, "%s", _("scoring"));
		if (score_err) {
			replay(score_err);
		} else { /* not started beside the checks (ingest's status was not 0): now */
			score_args(&sa, p.stage, copy);
			ss = rerun_before(&rr) < 0 ? EXIT_IO : run_stage(dir, "score", sa.v);
		}
		if ((s = ss) || stop_signal)
			goto failed;
		if (rerun_after(&rr, RERUN_SCORE, key.buf) < 0) {
			s = EXIT_IO;
			goto failed;
		}
	}
	rerun_key(&rr, RERUN_RENDER, dir, o.in, o.draft, &key);
	if ((k = rerun_reuse(&rr, RERUN_RENDER, key.buf)) < 0) {
		s = EXIT_IO;
		goto failed;
	}
	if (k) {
		progress(o.quiet, "%s", _("the documents: nothing they show changed, they are kept"));
	} else {
		progress(o.quiet, "%s", o.draft ? _("drawing the documents (DỰ THẢO)") : _("drawing the documents"));
		args_start(&a, p.stage);
		args_add(&a, "-q");
		if (o.draft)
			args_add(&a, "--draft");
		if (o.jobs) {
			args_add(&a, "-j");
			args_add(&a, o.jobs);
		}
		args_add(&a, "--");
		args_add(&a, copy);
		if (rerun_before(&rr) < 0) {
			s = EXIT_IO;
			goto failed;
		}
		if ((s = run_stage(dir, "render", a.v)) || stop_signal)
			goto failed;
		if (rerun_after(&rr, RERUN_RENDER, key.buf) < 0) {
			s = EXIT_IO;
			goto failed;
		}
	}

	/*
	 * The archive package: the files handed between stages set aside (they
	 * are not the year's record), checksums of everything made, then OUT
	 * replaced at once; then what the next run may keep.
	 */
	read_counts(p.stage, &errors, &warnings);
	if (rerun_set_aside(&rr) < 0 || package_sums(&p, rerun_digest, &rr) < 0 || package_publish(&p) < 0) {
		s = EXIT_IO;
		goto done;
	}
	if (rerun_commit(&rr) < 0)
		warning("the next run will do every stage again: '%s' could not be written", rr.work);
	print_package(&p);
	print_counts(errors, warnings);
	goto done;
failed:
	if (!stop_signal)
		fprintf(stderr, _("parx: stopped: nothing published; '%s' is as it was\n"), p.out);
	s = stage_status(s ? s : EXIT_IO);
done:
	if (scorer > 0) {
		kill(scorer, SIGTERM);
		wait_stage(scorer, "score", 1);
	}
	if (score_err)
		fclose(score_err);
	free(copy);
	strbuf_release(&key);
	rerun_release(&rr);
	package_close(&p);
	if (stop_signal) {
		fprintf(stderr, _("parx: interrupted: nothing published\n"));
		return 128 + stop_signal;
	}
	return s;
}

static int cmd_check(const char *dir, int argc, char **argv)
{
	struct run_opts o;
	struct strbuf sb = STRBUF_INIT;
	struct args a;
	const char *t = getenv("TMPDIR");
	char *tmp;
	int s = parse(argc, argv, 0, &o);
	long errors, warnings;

	if (s >= 0)
		return s;
	/* validation.txt goes to a temporary folder, removed: check writes nothing. */
	strbuf_addf(&sb, "%s/parx-check-XXXXXX", t && *t ? t : "/tmp");
	tmp = strbuf_detach(&sb);
	if (!mkdtemp(tmp)) {
		error("cannot create a temporary folder '%s': %s", tmp, strerror(errno));
		free(tmp);
		return EXIT_IO;
	}
	args_start(&a, tmp);
	if (o.quiet)
		args_add(&a, "-q");
	args_add(&a, "--");
	args_add(&a, o.in);
	s = run_stage(dir, "validate", a.v);
	read_counts(tmp, &errors, &warnings);
	file_remove_tree(tmp);
	free(tmp);
	if (s == EXIT_OK)
		printf(_("parx: %s can be published (warnings do not stop a run)\n"), o.in);
	else if (s == EXIT_DATA)
		printf(_("parx: %s has errors: correct them, then check again\n"), o.in);
	if (o.quiet)
		print_counts(errors, warnings);
	return stage_status(s);
}

int main(int argc, char **argv)
{
	char *dir;
	int status = EXIT_USAGE;

	i18n_init();
	diag_set_prog("parx");
	if (argc < 2) {
		error("no command given");
		fputs(_(usage_text), stderr);
		return EXIT_USAGE;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "help") || !strcmp(argv[1], "-h")) {
		fputs(_(usage_text), stdout);
		return EXIT_OK;
	}
	if (!strcmp(argv[1], "--version")) {
		printf("parx %s\n", PARX_VERSION);
		return EXIT_OK;
	}
	dir = bindir(argv[0]);
	if (!strcmp(argv[1], "run")) {
		status = cmd_run(dir, argc - 1, argv + 1);
	} else if (!strcmp(argv[1], "check")) {
		status = cmd_check(dir, argc - 1, argv + 1);
	} else {
		size_t i;

		for (i = 0; i < ARRAY_SIZE(stages) && strcmp(argv[1], stages[i]); i++)
			;
		if (i < ARRAY_SIZE(stages)) {
			char *path = stage_path(dir, stages[i]);

			argv[1] = path;
			execv(path, argv + 1);
			error("cannot run '%s': %s", path, strerror(errno));
			free(path);
			status = EXIT_IO;
		} else {
			error("'%s' is not a parx command (see 'parx --help')", argv[1]);
		}
	}
	free(dir);
	return status;
}

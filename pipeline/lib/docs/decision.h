/*
 * decision.h: helpers of the decision (decision.c), exposed for its tests.
 * The document itself is drawn by decision_render() (render.h).
 */
#ifndef PARX_DECISION_H
#define PARX_DECISION_H

#include "model/year.h"

/* The template the articles come from (decision_template_path()). */
#define DECISION_TEMPLATE "quyet-dinh.txt"

/*
 * The template of the articles: <year_dir>/templates/quyet-dinh.txt when the
 * year carries its own, else <templates_dir>/quyet-dinh.txt (templates_dir
 * NULL: "templates"). Caller frees.
 */
char *decision_template_path(const char *templates_dir, const char *year_dir);

/*
 * `text` with the closing mark `mark` (";" or "."): trailing spaces and a
 * final ".", ";", "," or ":" are replaced by it ("Căn cứ X." + ";" -> "Căn
 * cứ X;"). Caller frees.
 */
char *decision_punctuate(const char *text, const char *mark);

#endif

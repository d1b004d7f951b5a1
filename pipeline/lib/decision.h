/*
 * decision.h: helpers of the decision (decision.c), exposed for its tests.
 * The document itself is drawn by decision_render() (render.h).
 */
#ifndef PARX_DECISION_H
#define PARX_DECISION_H

#include "year.h"

/* The template the articles come from, in render_ctx.templates_dir. */
#define DECISION_TEMPLATE "quyet-dinh.txt"

/*
 * The issuing authority in running text, from the upper-case name of
 * publication.xml: "ỦY BAN NHÂN DÂN HUYỆN TÂN PHÚ ĐÔNG" with place "Tân Phú
 * Đông" -> "Ủy ban nhân dân huyện Tân Phú Đông". Lower case after the first
 * letter; the place name after the last administrative level word (tỉnh,
 * thành phố, quận, huyện, thị xã, xã, phường, thị trấn) takes the spelling of
 * `place` when it is the same name, else a capital on every word. Caller frees.
 */
char *decision_authority_name(const char *authority, const char *place);

/*
 * `text` with the closing mark `mark` (";" or "."): trailing spaces and a
 * final ".", ";", "," or ":" are replaced by it ("Căn cứ X." + ";" -> "Căn
 * cứ X;"). Caller frees.
 */
char *decision_punctuate(const char *text, const char *mark);

#endif

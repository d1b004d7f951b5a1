/*
 * publication.h: publication.xml, the particulars the decision prints (input/FORMATS.md).
 */
#ifndef PARX_PUBLICATION_H
#define PARX_PUBLICATION_H

#include "model/year.h"

/*
 * Reads <y->dir>/publication.xml into y->pub (required: a missing file is a
 * data error). Empty optional elements read as NULL. Then derives y->pub.d,
 * the one source of the authority line, the signature lines, the number, the
 * date and the annexes' reference (pipeline/DOCUMENTS.md,
 * "Who decides, number and date: one source (`publication_derive()`)"):
 *
 *   - the decider is the collective committee when <decider> is absent or
 *     equals <authority>, its head ("CHỦ TỊCH " + authority) otherwise; any
 *     other <decider> is an error at its line;
 *   - a collective decision is signed under "TM. <body>" (the authority
 *     without its place: "ỦY BAN NHÂN DÂN"), then "[KT. ]CHỦ TỊCH", then the
 *     signer's own position; <on-behalf>TM.</on-behalf> with <title> naming
 *     the body is that same first line written out. A Chairman's decision has
 *     no TM. line. TM. in a Chairman's decision, a body as <title> of a
 *     Chairman's decision, a Chairman's decision whose <title> is not the
 *     head of <decider>, and KT./TL./TUQ. without a <position> are errors at
 *     their lines;
 *   - a <superior> over a People's Committee or Council is warned about and
 *     dropped (it is not printed);
 *   - a number below 10 gets a leading zero; a date of only a year, or a year
 *     and a month, leaves the unknown parts blank.
 * Returns 0.
 */
int publication_load(struct year *y, struct diag *d);

/*
 * (Re)derives p->d from the particulars, reporting contradictions into d at
 * the lines recorded in p->lines (publication_load() calls it; a test that
 * changes a particular calls it again).
 */
void publication_derive(struct publication *p, struct diag *d);

/*
 * The issuing authority in running text, from the upper-case name of
 * publication.xml: "ỦY BAN NHÂN DÂN HUYỆN TÂN PHÚ ĐÔNG" with place "Tân Phú
 * Đông" -> "Ủy ban nhân dân huyện Tân Phú Đông". Lower case after the first
 * letter; the place name after the last administrative level word (tỉnh,
 * thành phố, quận, huyện, thị xã, xã, phường, thị trấn, đặc khu) takes the
 * spelling of `place` when it is the same name, else a capital on every word.
 * Caller frees.
 */
char *publication_authority_name(const char *authority, const char *place);

/*
 * "ngày 15 tháng 01 năm 2026" from "2026-01-15"; "2026-01" and "2026" leave
 * the unknown parts as no-break blanks to fill by hand ("ngày      tháng 01
 * năm 2026"); NULL or "" leaves all three blank. Caller frees.
 */
char *publication_date_text(const char *date);

/* 1 if s is a date publication.xml accepts: YYYY-MM-DD, YYYY-MM or YYYY. */
int publication_is_date(const char *s);

#endif

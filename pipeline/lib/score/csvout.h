/*
 * csvout.h: the CSV outputs of parx-score (README.md, "The stages" and "What OUT holds").
 *
 * Three files, each in two dialects:
 *
 *   results.csv         one row per scored unit, in results.csv order
 *                       (struct results.order: groups in index order, rank,
 *                       registry order):
 *                       unit_code,unit_name,group,field_<code>…,base,bonus,
 *                       penalty,total,max,index,rank,grade,prev_index,prev_rank
 *                       A field with no applicable item for the unit is an
 *                       empty cell; bonus and penalty are the capped amounts;
 *                       prev_index and prev_rank are empty without a match.
 *   items.csv           one row per unit (registry order) and code of its
 *                       group (index order: items, bonuses, penalties):
 *                       unit_code,code,kind,max,self,computed,final,changed_by,reason
 *                       kind is item, bonus or penalty; max is the item's own
 *                       max; self and final are `na` when not applicable;
 *                       computed is empty when the unit declared the item not
 *                       applicable; an unclaimed bonus or penalty shows 0.00
 *                       self, computed and final.
 *   reconciliation.csv  the same nine columns as items.csv. Rows, unit by
 *                       unit in registry order: first the unit's items.csv
 *                       rows whose final differs from self (na counting as a
 *                       value of its own), in index order; then, when the
 *                       unit's declared total differs from the total of its
 *                       self scores, one row with
 *                         code       empty
 *                         kind       declared-total
 *                         max        the applicable maximum on the self scores
 *                                    (scale − max of the items it declared
 *                                    not applicable)
 *                         self       the declared total
 *                         computed   the total the formula of README.md, "Scoring" gives on the
 *                                    self scores (bonus and penalty capped,
 *                                    floored at 0, cap="true" applied)
 *                         final      the unit's final (published) total
 *                         changed_by empty
 *                         reason     empty
 *                       A file with no such row holds the header only.
 *
 * Dialects: CSVOUT_RFC4180 is RFC 4180 with CRLF line ends, UTF-8 without BOM,
 * ',' between cells, '.' decimals, a cell quoted (with "" for ") only when it
 * holds ',', '"', CR or LF. CSVOUT_EXCEL is what Vietnamese Excel opens
 * directly: a UTF-8 BOM, ';' between cells, decimal comma, the same quoting
 * rule with ';' in place of ',', and every text cell starting with '=', '+',
 * '-' or '@' prefixed with an apostrophe so that Excel never reads it as a
 * formula. Points, max and indices have two decimals; ranks are integers.
 */
#ifndef PARX_CSVOUT_H
#define PARX_CSVOUT_H

#include <stdint.h>

#include "score/scoring.h"
#include "base/strbuf.h"
#include "model/year.h"

enum csvout_dialect { CSVOUT_RFC4180, CSVOUT_EXCEL };

/*
 * Append one whole file's bytes (header and rows, BOM in the Excel dialect)
 * to `out`. `r` is what scoring_run() computed from `y`.
 */
void csvout_results(struct strbuf *out, const struct year *y, const struct results *r,
		    enum csvout_dialect dialect);
void csvout_items(struct strbuf *out, const struct year *y, const struct results *r,
		  enum csvout_dialect dialect);
void csvout_reconciliation(struct strbuf *out, const struct year *y, const struct results *r,
			   enum csvout_dialect dialect);

/*
 * Appends one text cell to `out`, quoted and (Excel) made safe as above,
 * without any separator or line end. Exposed for tests and other tables.
 */
void csvout_text_cell(struct strbuf *out, const char *s, enum csvout_dialect dialect);

/*
 * Writes results.csv, items.csv and reconciliation.csv into `outdir`
 * (created if missing), and with `excel` also results-excel.csv,
 * items-excel.csv and reconciliation-excel.csv. Each file is written under a
 * temporary name and renamed into place (fileio.h). Returns 0, or -1 after
 * error() at the first file that could not be written.
 */
int csvout_write_all(const struct year *y, const struct results *r, const char *outdir,
		     int excel);

#endif

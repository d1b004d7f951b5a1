/*
 * ingest.h: the normalised working copy of a year folder.
 */
#ifndef PARX_INGEST_H
#define PARX_INGEST_H

#include "model/year.h"

/*
 * Writes into <outdir>/ingest/:
 *   year.tsv     the working copy the later stages read (input/workcopy.h),
 *                with the problems `d` holds; written also when they include
 *                errors, so that the validation stage reports them
 *   PROVENANCE   "<sha256>  <path>" for every raw input read (sha256sum -c
 *                format, paths as given), in reading order;
 *   units.csv    code,name,group,previous_code,line
 *   scores.csv   unit,code,na,self,numerator,denominator,count,evidence,note,file,line
 *                (one row per score of every submission; several evidence or
 *                notes joined with " | ")
 *   appraisal.csv file,line,unit,code,score,numerator,denominator,count,reason
 * all RFC 4180, UTF-8 NFC, trimmed, '.' decimals: the data exactly as the
 * later stages see them, with the file and line each value came from (not
 * written when `d` holds errors). Each file is written atomically. Returns 0,
 * or -1 after error().
 */
int ingest_write(const struct year *y, const struct diag *d, const char *outdir);

#endif

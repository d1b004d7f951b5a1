/*
 * ingest.h: the normalised working copy of a year folder.
 */
#ifndef PARX_INGEST_H
#define PARX_INGEST_H

#include "model/year.h"

/*
 * Writes into <outdir>/ingest/:
 *   PROVENANCE   "<sha256>  <path>" for every raw input read (sha256sum -c
 *                format, paths as given), in reading order;
 *   units.csv    code,name,group,previous_code,line
 *   scores.csv   unit,code,na,self,numerator,denominator,count,evidence,note,file,line
 *                (one row per score of every submission; several evidence or
 *                notes joined with " | ")
 *   appraisal.csv file,line,unit,code,score,numerator,denominator,count,reason
 * all RFC 4180, UTF-8 NFC, trimmed, '.' decimals: the data exactly as the
 * later stages see them, with the file and line each value came from.
 * Each file is written atomically. Returns 0, or -1 after error().
 */
int ingest_write(const struct year *y, const char *outdir);

#endif

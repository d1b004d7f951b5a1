/*
 * schemas.h: the embedded XSD texts (NUL-terminated), see schemas.c.
 */
#ifndef PARX_SCHEMAS_H
#define PARX_SCHEMAS_H

extern const char parx_schema_index[];
extern const char parx_schema_submission[];
extern const char parx_schema_publication[];

#endif

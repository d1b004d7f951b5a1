/*
 * schemas.c: the XSD files of pipeline/schema/, compiled into the library so a
 * program works from any folder. The assembler's .incbin reads them at build
 * time (paths relative to the repository root, where make runs); the Makefile
 * makes this object depend on them. Each is followed by a NUL.
 */
#include "input/schemas.h"

#define EMBED(sym, file) \
	__asm__(".section .rodata\n" \
		".global " #sym "\n" \
		".type " #sym ", @object\n" \
		".balign 16\n" \
		#sym ":\n" \
		".incbin \"" file "\"\n" \
		".byte 0\n" \
		".size " #sym ", . - " #sym "\n" \
		".previous\n")

EMBED(parx_schema_index, "pipeline/schema/index.xsd");
EMBED(parx_schema_submission, "pipeline/schema/submission.xsd");
EMBED(parx_schema_publication, "pipeline/schema/publication.xsd");

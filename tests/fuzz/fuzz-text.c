/*
 * fuzz-text.c: the text gate on raw bytes: NFC and trimming, the screen for
 * controls, decomposed marks and legacy TCVN3/VNI text, and message excerpts.
 * Checks that a cleaned text is a fixed point of the cleaning.
 */
#include <stdlib.h>
#include <string.h>

#include "base/common.h"
#include "fuzzhelp.h"
#include "base/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data, *enc;
	char *clean, *again, *conv, *cstr, *ex;
	struct diag d;

	diag_init(&d);
	free(text_checked(&d, "in", 1, "text", s, size));
	fuzz_show(&d);
	diag_release(&d);
	clean = text_nfc_trim(s, size);
	if (clean) {
		again = text_nfc_trim(clean, strlen(clean));
		if (!again || strcmp(again, clean))
			abort(); /* NFC + trim must be idempotent */
		free(again);
		if (text_legacy(clean, &enc, &conv)) {
			if (!enc || !conv)
				abort();
			free(conv);
		}
		ex = text_excerpt(clean);
		free(ex);
		free(clean);
	}
	cstr = xstrndup(s, size); /* up to a NUL: raw bytes, maybe invalid */
	ex = text_excerpt(cstr);
	free(ex);
	free(cstr);
	return 0;
}

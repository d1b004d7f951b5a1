/*
 * formdef.c: the column titles of the forms (formdef.h), in the words a clerk
 * uses; the writer prints them, the importer checks them.
 */
#include "forms/formdef.h"

const char *const form_self_columns[SELF_NCOLS] = {
	[SELF_COL_CODE] = "Mã",
	[SELF_COL_NAME] = "Nội dung",
	[SELF_COL_MAX] = "Điểm tối đa",
	[SELF_COL_RULE] = "Cách chấm điểm",
	[SELF_COL_SELF] = "Điểm tự chấm",
	[SELF_COL_NUMERATOR] = "Tử số",
	[SELF_COL_DENOMINATOR] = "Mẫu số",
	[SELF_COL_COUNT] = "Số lượng",
	[SELF_COL_NA] = "Không áp dụng",
	[SELF_COL_POINTS] = "Điểm theo cách chấm",
	[SELF_COL_EVIDENCE] = "Tài liệu kiểm chứng",
	[SELF_COL_NOTE] = "Ghi chú",
};

const char *const form_appraisal_columns[APPR_NCOLS] = {
	[APPR_COL_UNIT] = "Mã đơn vị",
	[APPR_COL_UNIT_NAME] = "Tên đơn vị",
	[APPR_COL_CODE] = "Mã",
	[APPR_COL_NAME] = "Nội dung",
	[APPR_COL_MAX] = "Điểm tối đa",
	[APPR_COL_SELF] = "Điểm tự chấm",
	[APPR_COL_RAW] = "Số liệu của đơn vị",
	[APPR_COL_EVIDENCE] = "Tài liệu kiểm chứng",
	[APPR_COL_CURRENT] = "Điểm hiện tại",
	[APPR_COL_SCORE] = "Điểm thẩm định",
	[APPR_COL_NUMERATOR] = "Tử số",
	[APPR_COL_DENOMINATOR] = "Mẫu số",
	[APPR_COL_COUNT] = "Số lượng",
	[APPR_COL_NA] = "Không áp dụng",
	[APPR_COL_REASON] = "Lý do",
};

/*
 * index-fixture.h: a small valid index.xml shared by the loader tests; line
 * numbers are in the comments, since the tests quote them.
 */
#ifndef PARX_INDEX_FIXTURE_H
#define PARX_INDEX_FIXTURE_H

static const char base_index[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"                                 /* 1 */
	"<index xmlns=\"urn:parx:index:1\" id=\"T-1\" year=\"2024\" scale=\"10\">\n"  /* 2 */
	"  <title>Bộ chỉ số thử</title>\n"                                           /* 3 */
	"  <group code=\"A\">Nhóm A</group>\n"                                        /* 4 */
	"  <group code=\"B\">Nhóm B</group>\n"                                        /* 5 */
	"  <field code=\"1\" name=\"Lĩnh vực một\">\n"                                /* 6 */
	"    <criterion code=\"1.1\" name=\"Tiêu chí\">\n"                            /* 7 */
	"      <item code=\"1.1.1\" name=\"Mức\" max=\"2\" rule=\"levels\">\n"        /* 8 */
	"        <level points=\"2\">Đủ</level>\n"                                     /* 9 */
	"        <level points=\"1\">Một phần</level>\n"                               /* 10 */
	"        <level points=\"0\">Không</level>\n"                                  /* 11 */
	"      </item>\n"                                                               /* 12 */
	"      <item code=\"1.1.2\" name=\"Tỷ lệ\" max=\"4\" rule=\"ratio\" empty=\"zero\" na=\"allowed\">\n" /* 13 */
	"        <band from=\"100\" points=\"4\"/>\n"                                  /* 14 */
	"        <band from=\"80\" points=\"2\"/>\n"                                   /* 15 */
	"        <band from=\"0\" points=\"0\"/>\n"                                    /* 16 */
	"      </item>\n"                                                               /* 17 */
	"      <item code=\"1.1.3\" name=\"Tiến độ\" max=\"3\" rule=\"proportional\" target=\"80\"/>\n" /* 18 */
	"      <item code=\"1.1.4\" name=\"Tự đánh giá\" max=\"1\" rule=\"scale\" groups=\"A\"/>\n"   /* 19 */
	"      <item code=\"1.1.5\" name=\"Tự đánh giá xã\" max=\"1\" rule=\"scale\" groups=\"B\"/>\n" /* 20 */
	"    </criterion>\n"                                                            /* 21 */
	"  </field>\n"                                                                  /* 22 */
	"  <bonuses max=\"2\">\n"                                                       /* 23 */
	"    <bonus code=\"C1\" name=\"Sáng kiến\" max=\"2\" rule=\"count\" per=\"1\"/>\n" /* 24 */
	"  </bonuses>\n"                                                                /* 25 */
	"  <penalties max=\"3\">\n"                                                     /* 26 */
	"    <penalty code=\"T1\" name=\"Trễ hạn\" max=\"3\" rule=\"count\" per=\"0.5\"/>\n" /* 27 */
	"  </penalties>\n"                                                              /* 28 */
	"  <grades>\n"                                                                  /* 29 */
	"    <grade from=\"90\" label=\"Tốt\"/>\n"                                      /* 30 */
	"    <grade from=\"0\" label=\"Yếu\"/>\n"                                       /* 31 */
	"  </grades>\n"                                                                 /* 32 */
	"</index>\n";                                                                   /* 33 */

#endif

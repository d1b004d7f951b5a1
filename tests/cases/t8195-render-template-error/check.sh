grep -q "^tpl/quyet-dinh.txt:15: error: unknown placeholder '{khong_co}'" stderr &&
[ -z "$(find out -name '*.pdf' 2>/dev/null)" ]

# The line appended is the template's last.
grep -q "^tpl/quyet-dinh.txt:$(wc -l <tpl/quyet-dinh.txt): error: unknown placeholder '{khong_co}'" stderr &&
[ -z "$(find out -name '*.pdf' 2>/dev/null)" ]

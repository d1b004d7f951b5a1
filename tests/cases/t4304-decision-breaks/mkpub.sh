# mkpub.sh K TITLE: tests/data/mini's publication.xml with K bases and the title TITLE.
k=$1; title=$2
sed -n '1,/<title>/p' $PARX_ROOT/tests/data/mini/publication.xml | sed "s|<title>.*</title>|<title>$title</title>|"
sed -n '/<coordinator>/,/<executors>/p' $PARX_ROOT/tests/data/mini/publication.xml
i=1; while [ $i -le $k ]; do echo "  <basis>Căn cứ Quyết định số $i/QĐ-UBND ngày 0$((i % 9 + 1)) tháng 01 năm 2024 của Ủy ban nhân dân huyện</basis>"; i=$((i+1)); done
sed -n '/<proposal>/,$p' $PARX_ROOT/tests/data/mini/publication.xml

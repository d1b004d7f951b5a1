[ "$(ls out)" = "validation.txt" ] || { echo "published beside validation.txt: $(ls out | tr '\n' ' ')"; exit 1; }
grep -q "^submissions/b1.xml:2: error: unit 'B1' has no applicable item" out/validation.txt || exit 1

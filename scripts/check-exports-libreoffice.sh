#!/bin/sh
# Downloads every register export (XLSX and CSV) of the given projects from a running Waymark as a
# signed-in person, opens each in LibreOffice (soffice --headless) and prints what Calc made of it:
# the header row, how many cells are dates, numbers and text, whether any cell became a formula,
# and whether the accents survived. Decision record 0017 says what to look for.
#
#   scripts/check-exports-libreoffice.sh http://localhost:3465 manager@waymark.test PASSWORD home-working-pilot benefits-improvement
#
# Needs curl, unzip and LibreOffice Calc (apt-get install --no-install-recommends libreoffice-calc-nogui).
# Not part of CI: LibreOffice is a large install and CI time is scarce.
set -eu
[ $# -ge 4 ] || { echo "usage: $0 BASE_URL EMAIL PASSWORD PROJECT_SLUG..." >&2; exit 2; }
base=$1 email=$2 password=$3
shift 3
dir=$(mktemp -d "${TMPDIR:-/tmp}/waymark-lo-XXXXXX")
jar="$dir/cookies"
curl -sf -c "$jar" -b "$jar" -o /dev/null "$base/sign-in"
curl -sf -c "$jar" -b "$jar" -o /dev/null -H "Origin: $base" --data-urlencode "email=$email" --data-urlencode "password=$password" "$base/sign-in"

# CSV opened as Calc's import dialog opens it with "UTF-8" chosen and the other options as they
# come ("Detect special numbers" off: ISO dates and decimals are still read as dates and numbers);
# written back out as UTF-8, cell contents as shown.
CSV_IN='CSV:44,34,76,1,,0,false,false'
CSV_OUT='csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false'

for slug in "$@"; do
  for kind in actions milestones risks decisions benefits; do
    for ext in xlsx csv; do
      file="$dir/$slug-$kind.$ext"
      code=$(curl -s -b "$jar" -o "$file" -w '%{http_code}' "$base/projects/$slug/$kind.$ext")
      if [ "$code" != 200 ]; then echo "$slug $kind.$ext: HTTP $code"; rm -f "$file"; continue; fi
      mkdir -p "$dir/$ext"
      if [ "$ext" = csv ]; then
        soffice --headless --infilter="$CSV_IN" --convert-to ods --outdir "$dir/$ext" "$file" >/dev/null 2>&1
      else
        soffice --headless --convert-to ods --outdir "$dir/$ext" "$file" >/dev/null 2>&1
      fi
      ods="$dir/$ext/$slug-$kind.ods"
      soffice --headless --convert-to "$CSV_OUT" --outdir "$dir/$ext" "$ods" >/dev/null 2>&1
      shown="$dir/$ext/$slug-$kind.csv"
      xml=$(unzip -p "$ods" content.xml)
      types=$(printf '%s' "$xml" | grep -o 'office:value-type="[a-z]*"' | sed 's/.*="\(.*\)"/\1/' | sort | uniq -c | awk '{printf "%s %s, ", $1, $2}')
      formulas=$(printf '%s' "$xml" | grep -o 'table:formula=' | wc -l)
      mojibake=$(grep -c 'Ã\|â€\|Â£' "$shown" || true)
      echo "$slug $kind.$ext: ${types}formulas $formulas, mojibake lines $mojibake"
      echo "  header: $(head -1 "$shown")"
      echo "  row 2:  $(sed -n 2p "$shown" | cut -c1-160)"
    done
  done
done
echo "Files kept in $dir"

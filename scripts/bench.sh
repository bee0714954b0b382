#!/usr/bin/env bash
# Benchmarks sanc against ripgrep on real news text and prints one table of
# figures measured in this run, each beside its yardstick (absolute times on
# a shared machine are noisy; ratios measured together are not).
#
#   scripts/bench.sh            Reuters-21578 (../shared/corpora/reuters21578)
#   scripts/bench.sh --big      also a generated ~200 MB corpus (takes minutes)
#
# Needs: go, rg (installed from Debian when missing and we are root), GNU time.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
shared=${SANC_SHARED:-$root/../shared}
big=false
[ "${1:-}" = "--big" ] && big=true

if ! command -v rg >/dev/null; then
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq ripgrep >/dev/null; else echo "bench: install ripgrep"; exit 2; fi
fi
[ -x /usr/bin/time ] || { echo "bench: needs GNU time (/usr/bin/time)"; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/sanc" .
sanc="$work/sanc"

# ms CMD...: median wall time of 7 runs, in milliseconds (robust to the
# stray slow or fast run a shared machine gives either side).
ms() {
  local times=()
  for _ in 1 2 3 4 5 6 7; do
    local s e
    s=$(date +%s%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s%N)
    times+=($(( (e - s) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n 4p
}
# rss CMD...: peak resident memory in MB.
rss() { { /usr/bin/time -f %M "$@" 2>&1 >/dev/null || true; } | tail -1 | awk '{printf "%.0f", $1/1024}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) b = 1; printf "%.2fx", a / b }'; }
# mem_row NAME LABEL CMD...: a query's peak RSS beside its target, twice
# what it writes plus the base (set by the caller).
mem_row() {
  local name=$1 label=$2
  shift 2
  local out_mb peak
  out_mb=$("$@" 2>/dev/null | wc -c | awk '{printf "%.1f", $1/1048576}')
  peak=$(rss "$@")
  local target
  target=$(awk -v o="$out_mb" -v b="$base" 'BEGIN {printf "%.0f", 2*o + b}')
  row "$name: peak RSS, $label" "$peak MB" "output $out_mb MB: 2x + base = $target MB" "$(ratio "$peak" "$target")"
}

rows=()
row() { rows+=("$(printf '| %-54s | %12s | %-36s | %9s |' "$1" "$2" "$3" "$4")"); }

# Cold start on the embedded seeds (empty library).
export XDG_DATA_HOME="$work/data"
list_ms=$(ms "$sanc" list)
row "sanc list on the seeds (cold start)" "${list_ms} ms" "target < 20 ms" "-"

# bench_corpus NAME DIR SINCE: SINCE is a window of the corpus's last days.
bench_corpus() {
  local name=$1 dir=$2 since=$3
  local mb files
  mb=$(du -sm --apparent-size "$dir" | cut -f1)
  files=$(find "$dir" -type f -name '*.txt' | wc -l)
  rg -c -i said "$dir" >/dev/null || true # warm the page cache for both
  local rg_ms ingest_ms lib="$work/lib-$name"
  rg_ms=$(ms rg -c -i said "$dir")
  local s e
  s=$(date +%s%N); "$sanc" ingest --library "$lib" "$dir" >/dev/null 2>&1 || true; e=$(date +%s%N)
  ingest_ms=$(( (e - s) / 1000000 ))
  local docs
  docs=$("$sanc" list --library "$lib" --format tsv | tail -n +2 | wc -l)
  row "$name: ingest ($files files, $mb MB)" "${ingest_ms} ms" "rg -c -i said: ${rg_ms} ms" "$(ratio "$ingest_ms" "$rg_ms")"
  row "$name: ingest throughput" "$(awk -v m="$mb" -v t="$ingest_ms" 'BEGIN{printf "%.1f MB/s", m/(t/1000)}')" "$(awk -v f="$files" -v t="$ingest_ms" 'BEGIN{printf "%.0f docs/s", f/(t/1000)}') ($docs stored)" "-"
  rm -rf "$lib"
  local ingest_rss
  ingest_rss=$(rss "$sanc" ingest --library "$lib" "$dir")

  local q_ms rgq_ms
  q_ms=$(ms "$sanc" quotes --library "$lib" --speaker Baker)
  rgq_ms=$(ms rg -c Baker "$dir")
  row "$name: quotes --speaker Baker" "${q_ms} ms" "rg -c Baker: ${rgq_ms} ms" "$(ratio "$q_ms" "$rgq_ms")"
  # A cron-style window (the corpus's last days) as a pipeline reads it and
  # as a table, with the entries that only meet it ("1987") too, and most of
  # the corpus dumped.
  local n
  n=$("$sanc" timeline --library "$lib" --since "$since" --format jsonl | wc -l)
  q_ms=$(ms "$sanc" timeline --library "$lib" --since "$since" --format jsonl)
  rgq_ms=$(ms rg -c -i 'october' "$dir")
  row "$name: timeline --since "$since" ($n rows, jsonl)" "${q_ms} ms" "rg -c -i october: ${rgq_ms} ms" "$(ratio "$q_ms" "$rgq_ms")"
  q_ms=$(ms "$sanc" timeline --library "$lib" --since "$since")
  row "$name: the same, as a table" "${q_ms} ms" "rg -c -i october: ${rgq_ms} ms" "$(ratio "$q_ms" "$rgq_ms")"
  n=$("$sanc" timeline --library "$lib" --since "$since" --overlap --format jsonl | wc -l)
  q_ms=$(ms "$sanc" timeline --library "$lib" --since "$since" --overlap --format jsonl)
  row "$name: the same, --overlap ($n rows, jsonl)" "${q_ms} ms" "rg -c -i october: ${rgq_ms} ms" "$(ratio "$q_ms" "$rgq_ms")"
  if [ "$name" = reuters ]; then # most of the corpus: minutes on the large one
    n=$("$sanc" timeline --library "$lib" --since 1987-03 --format jsonl | wc -l)
    q_ms=$(ms "$sanc" timeline --library "$lib" --since 1987-03 --format jsonl)
    rgq_ms=$(ms rg -c -i 'march|mar ' "$dir")
    row "$name: timeline --since 1987-03 ($n rows, jsonl)" "${q_ms} ms" "rg -c -i march: ${rgq_ms} ms" "$(ratio "$q_ms" "$rgq_ms")"
  fi
  q_ms=$(ms "$sanc" grep --library "$lib" -F 'Treasury Secretary')
  rgq_ms=$(ms rg -F 'Treasury Secretary' "$dir")
  row "$name: grep -F 'Treasury Secretary'" "${q_ms} ms" "rg -F: ${rgq_ms} ms" "$(ratio "$q_ms" "$rgq_ms")"
  q_ms=$(ms "$sanc" grep --library "$lib" 'Baker (said|says)')
  rgq_ms=$(ms rg 'Baker (said|says)' "$dir")
  row "$name: grep 'Baker (said|says)'" "${q_ms} ms" "rg: ${rgq_ms} ms" "$(ratio "$q_ms" "$rgq_ms")"
  row "$name: peak RSS, ingest" "$ingest_rss MB" "corpus: $mb MB" "-"
  # Query memory against the target: peak RSS under twice the output plus
  # a fixed base, the RSS of a query that finds nothing (ratio <= 1.00x).
  local base
  base=$(rss "$sanc" quotes --library "$lib" --speaker Zzxqvw)
  row "$name: peak RSS, a query that finds nothing" "$base MB" "(the base)" "-"
  mem_row "$name" "quotes --speaker Baker" "$sanc" quotes --library "$lib" --speaker Baker
  mem_row "$name" "timeline --since $since" "$sanc" timeline --library "$lib" --since "$since" --format jsonl
  mem_row "$name" "grep -F 'Treasury Secretary'" "$sanc" grep --library "$lib" -F 'Treasury Secretary' --format jsonl
  mem_row "$name" "list, whole library" "$sanc" list --library "$lib" --format jsonl
  mem_row "$name" "quotes, whole library" "$sanc" quotes --library "$lib" --format jsonl
  mem_row "$name" "quotes --by speaker" "$sanc" quotes --library "$lib" --by speaker --format jsonl
  mem_row "$name" "timeline, whole library" "$sanc" timeline --library "$lib" --format jsonl
  mem_row "$name" "timeline --chart" "$sanc" timeline --library "$lib" --chart
  mem_row "$name" "grep -F said" "$sanc" grep --library "$lib" -F said --format jsonl
  row "$name: library on disk" "$(du -sm "$lib" | cut -f1) MB" "corpus: $mb MB" "-"
  # A cron job's run: ten new articles (the corpus's first ten, each with a
  # line added) into the library.
  local new="$work/new-$name" i=0 f
  mkdir -p "$new"
  for f in $(find "$dir" -type f -name '*.txt' | sort | head -10); do
    i=$((i + 1))
    { cat "$f"; printf '\nUpdated %d.\n' "$i"; } > "$new/new-$i.txt"
  done
  local took
  took=$(/usr/bin/time -f '%e %M' "$sanc" ingest --library "$lib" "$new" 2>&1 >/dev/null | tail -1)
  row "$name: ingest 10 new files into the library" "$(echo "$took" | awk '{printf "%.0f ms", $1*1000}')" "peak RSS $(echo "$took" | awk '{printf "%.0f", $2/1024}') MB" "-"
}

reuters="$shared/corpora/reuters21578"
if [ -d "$reuters" ]; then
  bench_corpus reuters "$reuters" 1987-10-15
else
  echo "bench: $reuters is absent: skipping the Reuters figures" >&2
fi

if $big; then
  if [ -d "$shared/tools/gencorpus" ] && [ -d "$reuters" ]; then
    (cd "$shared/tools/gencorpus" && go run . --src "$reuters" --out "$work/big" --mb 200 --seed 1 >/dev/null)
    bench_corpus gen200 "$work/big" 2017-10-15
  else
    echo "bench: ../shared/tools/gencorpus or the Reuters corpus is absent: skipping --big" >&2
  fi
fi

echo "sanc benchmarks, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(go version | cut -d' ' -f3)"
printf '| %-54s | %12s | %-36s | %9s |\n' "measure" "sanc" "yardstick" "ratio"
printf '|%s|%s|%s|%s|\n' "$(printf -- '-%.0s' {1..56})" "$(printf -- '-%.0s' {1..14})" "$(printf -- '-%.0s' {1..38})" "$(printf -- '-%.0s' {1..11})"
printf '%s\n' "${rows[@]}"

#!/usr/bin/env bash
# The start-up ratio with the variants interleaved: ROUNDS rounds (default 10), each one cold start of every
# variant of StartupBenchmark (one JMH fork each), so that a busy spell on a shared machine hits all variants
# alike. Prints the mean, median and minimum time to a started context (and the mean CPU time) per variant,
# and the with/without ratios. Needs benchmarks/target/benchmarks.jar (see docs/benchmarks.md).
set -euo pipefail

rounds="${1:-10}"
here="$(cd "$(dirname "$0")" && pwd)"
jar="$here/target/benchmarks.jar"
out="$here/target/startup-rounds"
mkdir -p "$out"
rm -f "$out"/round-*.csv "$out"/round-*.log

for round in $(seq 1 "$rounds"); do
    java -jar "$jar" StartupBenchmark -f 1 -rf csv -rff "$out/round-$round.csv" > "$out/round-$round.log" 2>&1
    echo "round $round of $rounds done (load average $(cut -d' ' -f1 /proc/loadavg))"
done

# CSV columns: "Benchmark","Mode","Threads","Samples","Score","Score Error (99.9%)","Unit","Param: starter","Param: stsClient"
cat "$out"/round-*.csv | tr -d '"\r' | awk -F, '
    $1 ~ /startContext$/ { print "wall", "starter=" $8, "stsClient=" $9, $5 }
    $1 ~ /processCpuMs$/ { print "cpu", "starter=" $8, "stsClient=" $9, $5 }' \
    | sort -k1,1 -k2,2 -k3,3 -k4,4n \
    | awk '
    function flush() {
        if (n == 0) return
        median = (n % 2) ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
        if (kind == "wall") {
            printf "%-24s %-16s n=%-3d mean %7.0f ms  median %7.0f ms  min %7.0f ms\n", starter, sts, n, sum / n, median, v[1]
            mean[starter, sts] = sum / n; med[starter, sts] = median; least[starter, sts] = v[1]
        } else {
            printf "%-24s %-16s n=%-3d mean CPU %7.0f ms\n", starter, sts, n, sum / n
            cpu[starter, sts] = sum / n
        }
        n = 0; sum = 0
    }
    { if ($1 != kind || $2 != starter || $3 != sts) { flush(); kind = $1; starter = $2; sts = $3 }
      v[++n] = $4; sum += $4 }
    END {
        flush()
        for (s = 0; s < 2; s++) {
            sts = s ? "stsClient=false" : "stsClient=true"
            w = "starter=with"; wo = "starter=without"
            if ((w, sts) in mean && (wo, sts) in mean) {
                printf "with/without, %-16s mean %.3f  median %.3f  min %.3f  CPU %.3f\n", sts,
                    mean[w, sts] / mean[wo, sts], med[w, sts] / med[wo, sts], least[w, sts] / least[wo, sts],
                    cpu[w, sts] / cpu[wo, sts]
            }
        }
    }'

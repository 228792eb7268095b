# table.awk - the one table at the end of `make bench` (bench/run.sh), from
# the output of every part: each RESULT line
#
#   RESULT<TAB>bench<TAB>case<TAB>impl<TAB>metric<TAB>value
#
# grouped by bench, case and metric (a metric ending in _median, _min and
# _max is one figure with its range), llm.h's figure beside its peers':
# an impl whose name begins with "llm" is llm.h's (llm.h, llm_call,
# llm.h_cached, ...), any other is a peer (cjson, tiktoken, openai-node,
# libcurl, ...) or a floor, marked so (memchr, reference, c-hello: what no
# library can beat). The last column says how
# many times llm.h (the group's first llm impl) is ahead of that peer: its
# figure over the peer's for a rate (a metric ending in per_s), the peer's
# over its figure for a cost (time, bytes, CPU, memory); below 1, llm.h is
# behind. A ratio measured pairwise by the bench itself (impl
# llm.h_over_PEER, metric ratio_median, _min, _max: how many times llm.h is
# ahead, interleaved rounds) is shown as it is; other ratios
# (runner_over_bare) are left out, their figures being in the table. Then
# every goal line of the run (ending in "met" or "MISSED") and the line
# "llm.h openai events/s: N". The header gives machine, compiler, flags,
# commit and load, from the lines run.sh prints first.
#
# Exit 1 when a RESULT line is malformed (not six fields, a value that is
# not a number) or when there are none.
#   awk -f bench/table.awk build/bench_output.txt
BEGIN {
    FS = "\t"
    area["bench_json"] = "JSON"; area["bench_sse"] = "SSE"; area["bench_costs"] = "costs"
    area["bench_tokens"] = "tokens"; area["bench_router"] = "router"; area["bench_telemetry"] = "telemetry"
    area["bench_http"] = "HTTP"; area["bench_mem"] = "memory"; area["bench_store"] = "Redis store"
    area["bench_startup"] = "start-up"; area["bench_build"] = "build"
    unit["mb_per_s"] = "MB/s"; unit["gb_per_s"] = "GB/s"; unit["framing_mb_per_s"] = "framing MB/s"
    unit["events_per_s"] = "events/s"; unit["allocs_2nd_half"] = "allocs, 2nd half"
    unit["count_mb_per_s"] = "count MB/s"; unit["m_tokens_per_s"] = "M tokens/s"; unit["load_ms"] = "load ms"
    unit["memory_mb"] = "memory MB"; unit["tokens"] = "tokens counted"; unit["entries"] = "entries"
    unit["bytes"] = "bytes"; unit["gzip_bytes"] = "bytes, gzip -9"; unit["cpu_s_per_10k"] = "CPU s / 10k req"
    unit["req_per_s"] = "requests/s"; unit["kib_per_stream"] = "KiB / stream"; unit["calls_per_s"] = "calls/s"
    unit["round_trips_per_call"] = "Redis trips / call"; unit["ns_per_attempt"] = "ns / attempt"
    unit["ns_per_call"] = "ns / call"; unit["allocations"] = "allocations"; unit["ratio"] = "paired rounds"
    unit["ms"] = "ms"; unit["ns"] = "ns"; unit["s"] = "s"
    floor["reference"] = floor["memchr"] = floor["c-hello"] = 1
}

/^machine: / { machine = $0 }
/^compiler: / { compiler = $0 }
/^load: / { load = $0 }
/^llm\.h openai events\/s: / { goals[++ngoals] = $0 }
$1 != "RESULT" && /(met|MISSED)$/ { line = $0; sub(/^ +/, "", line); goals[++ngoals] = line }

$1 == "RESULT" {
    if (NF != 6 || $6 !~ /^-?[0-9]+(\.[0-9]+)?$/) {
        printf "bench/table.awk: malformed RESULT line %d: %s\n", NR, $0 > "/dev/stderr"
        bad = 1
        next
    }
    results++
    metric = $5; stat = "mid"
    if (metric ~ /_(median|min|max)$/) {
        stat = metric; sub(/.*_/, "", stat); if (stat == "median") stat = "mid"
        sub(/_(median|min|max)$/, "", metric)
    }
    key = $2 SUBSEP $3 SUBSEP metric
    if (!(key in nimpl)) { order[++ngroups] = key; nimpl[key] = 0; gbench[key] = $2; gcase[key] = $3; gmetric[key] = metric }
    if (!((key, $4) in has)) { has[key, $4] = 1; impl[key, ++nimpl[key]] = $4 }
    val[key, $4, stat] = $6
}

function figure(key, who, x,   s) {
    s = val[key, who, "mid"] x
    if ((key, who, "min") in val) s = s " (" val[key, who, "min"] "-" val[key, who, "max"] ")"
    return s
}
function times(x) { return x >= 10 ? sprintf("%.1fx", x) : sprintf("%.2fx", x) }
function ahead(key, mine, peer, metric,   a, b) {
    a = val[key, mine, "mid"] + 0; b = val[key, peer, "mid"] + 0
    if (metric == "tokens") return a == b ? "same count" : sprintf("differs by %d", b - a)
    if (a <= 0 || b <= 0) return "-"
    return metric ~ /per_s$/ ? times(a / b) : times(b / a)
}
function row(a, c, m, l, p, v,   s) {
    s = sprintf("%-11s %-26s %-18s %-30s %-42s %s", a, c, m, l, p, v)
    sub(/ +$/, "", s)
    print s
}

END {
    if (!results) { print "bench/table.awk: no RESULT lines" > "/dev/stderr"; exit 1 }
    print "== llm.h beside its peers: every RESULT line of this run, one table =="
    if (machine != "") print machine
    if (compiler != "") print compiler
    if (load != "") print load
    print "(median (min-max) where a part repeats; \"llm.h ahead\": how many times llm.h's figure beats the peer's, below 1: behind)"
    row("area", "case", "metric", "llm.h", "peer", "llm.h ahead")
    for (g = 1; g <= ngroups; g++) {
        key = order[g]; metric = gmetric[key]
        a = (gbench[key] in area) ? area[gbench[key]] : gbench[key]
        m = (metric in unit) ? unit[metric] : metric
        c = gcase[key]
        nl = np = 0
        for (i = 1; i <= nimpl[key]; i++) {
            who = impl[key, i]
            if (metric == "ratio") { if (who ~ /^llm\.h_over_/) peers[++np] = who }
            else if (who ~ /^llm/) mine[++nl] = who
            else peers[++np] = who
        }
        if (metric == "ratio") {
            for (i = 1; i <= np; i++) {
                p = substr(peers[i], 12)
                row(i == 1 ? a : "", i == 1 ? c : "", i == 1 ? m : "", "", p, figure(key, peers[i], "x"))
            }
            continue
        }
        first = 1
        for (i = 1; i <= np || (i == 1 && nl > 0); i++) {
            l = (i == 1 && nl > 0) ? (mine[1] == "llm.h" ? "" : mine[1] " ") figure(key, mine[1]) : ""
            p = i <= np ? peers[i] ((peers[i] in floor) ? " (floor) " : " ") figure(key, peers[i]) : ""
            v = (i <= np && nl > 0) ? ahead(key, mine[1], peers[i], metric) : ""
            row(first ? a : "", first ? c : "", first ? m : "", l, p, v)
            first = 0
        }
        for (i = 2; i <= nl; i++) row("", "", "", mine[i] " " figure(key, mine[i]), "", "")
    }
    if (ngoals) {
        print ""
        print "goals (a missed goal is reported, not a failure):"
        for (i = 1; i <= ngoals; i++) print "  " goals[i]
    }
    exit bad
}

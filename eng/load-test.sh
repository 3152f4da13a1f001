#!/usr/bin/env bash
# Webhook acknowledgement under load: the app standalone on Azurite, an open-loop loopback load generator sending
# signed Meta deliveries. Prints acks/s and p50/p90/p99 latency for each rate, then where the slow calls spent their
# time: the app runs with the slow-call log on (Diagnostics:SlowCallLogMs, see docs/benchmarks.md), and every
# acknowledgement at or over the threshold is summarised by the step that held it.
#   eng/load-test.sh [seconds] [rate ...]      (default: 20 s at 100, 200 and 400 deliveries/s)
#   SLOW_CALL_MS=250 eng/load-test.sh ...      (threshold of the slow-call log, default 100 ms; 0 turns it off)
#   PAUSE_AZURITE_MS=800 eng/load-test.sh ...  (freeze Azurite with SIGSTOP for that long every 5 s: a storage stall
#                                               on demand, to see how the app copes; default 0 = never)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
seconds="${1:-20}"; shift || true
rates=("$@"); [ ${#rates[@]} -eq 0 ] && rates=(100 200 400)
export Standalone__DisableTriggers=true   # measure ingestion alone: triage would compete for the same 2 cores
export Diagnostics__SlowCallLogMs="${SLOW_CALL_MS:-100}"
export Logging__Console__FormatterName=simple Logging__Console__FormatterOptions__SingleLine=true   # one line per entry, for the summary
export Logging__Console__FormatterOptions__TimestampFormat="HH:mm:ss.fff "   # UTC, to line slow calls up with Azurite's stalls
export Logging__Console__FormatterOptions__UseUtcTimestamp=true
# Azurite (Node.js) reports its event-loop delay and GC pauses once a second into azurite.log.
export NODE_OPTIONS="--require $root/eng/lib/azurite-observer.js"
source "$root/eng/lib/start-local.sh"

# Summarises the slow-call log lines (event 6201/6202) in stdin: how many, which step held them, GC and thread pool.
summarise_slow_calls() {
  sed -nE 's/.*Slow webhook acknowledgement: ([0-9.]+) ms, status ([0-9]+).* held by ([a-z_]+) ([0-9.]+) ms;.* GC paused ([0-9.]+) ms.* thread pool ([0-9]+) queued, ([0-9]+) threads; lock contentions \+([0-9]+).*/\1 \2 \3 \4 \5 \6 \7 \8/p' |
    awk -v threshold="$Diagnostics__SlowCallLogMs" '
      { n++; total += $1; if ($1 > max) max = $1; if ($2 >= 500) failed++
        held[$3]++; heldms[$3] += $4; if ($4 > heldmax[$3]) heldmax[$3] = $4
        gc += $5; if ($5 > gcmax) gcmax = $5; if ($5 >= $1 / 2) gcheld++
        if ($6 > pendmax) pendmax = $6; if ($6 > 0) pendcalls++; if ($7 > thrmax) thrmax = $7; locks += $8 }
      END {
        if (n == 0) { printf "  slow calls (>= %s ms): none\n", threshold; exit }
        printf "  slow calls (>= %s ms): %d (%d answered 5xx), max %.0f ms\n", threshold, n, failed, max
        printf "  held by (step that took longest):"
        for (s in held) printf " %s %d (sum %.0f ms, max %.0f ms);", s, held[s], heldms[s], heldmax[s]
        printf "\n  GC pauses inside them: sum %.0f ms, max %.0f ms, calls where GC was >= half the time: %d\n", gc, gcmax, gcheld
        printf "  thread pool at their end: %d of %d with queued work items (max %d), max %d threads; lock contentions +%d\n", pendcalls, n, pendmax, thrmax, locks
      }'
}

# CPU seconds (user + system) a process has used so far, from /proc (clock ticks / 100).
cpu_seconds() { awk '{ printf "%.2f", ($14 + $15) / 100 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
# Whole machine, from /proc/stat: "busy steal" clock ticks so far.
machine_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8, $9 }' /proc/stat; }

# Kernel counter of connections dropped because a listener's accept queue was full (the client's SYN is retried after
# 1 s, then 3 s...). Machine-wide; nothing else here listens under load.
listen_overflows() { awk '/^TcpExt:/ { if (!h) { for (i = 1; i <= NF; i++) if ($i == "ListenOverflows") c = i; h = 1 } else print $c }' /proc/net/netstat; }
# Open connections to each Azurite port (blob, queue, table) right now.
azurite_connections() {
  for p in "$blob" "$queue" "$table"; do printf "%s " "$(ss -Htn state established "( dport = :$p )" 2>/dev/null | wc -l)"; done
}

# Azurite's own view (eng/lib/azurite-observer.js lines in azurite.log from line $1 on): the longest event-loop delay
# in any second (10 ms is idle: the sampling interval), seconds over 100 ms, and its GC pauses.
summarise_azurite() {
  tail -n +"$1" "$work/azurite.log" |
    sed -nE 's/^azurite-observer [0-9:.]+: loop delay max ([0-9.]+) ms p99 ([0-9.]+) ms; gc ([0-9]+) pauses \(([0-9]+) major\) sum ([0-9.]+) ms max ([0-9.]+) ms/\1 \3 \4 \5 \6/p' |
    awk '{ n++; if ($1 > loop) loop = $1; if ($1 >= 100) stalled++; gcs += $2; major += $3; gcsum += $4; if ($5 > gcmax) gcmax = $5 }
         END { if (n == 0) { print "  Azurite: no observer lines"; exit }
               printf "  Azurite event loop over %d s: longest delay %.0f ms, seconds with a delay >= 100 ms: %d; GC %d pauses (%d major), sum %.0f ms, longest %.0f ms\n", n, loop, stalled, gcs, major, gcsum, gcmax }'
}

# Lines each acknowledgement of 500 ms or more up with Azurite's event loop: did Azurite stall (a delay >= 100 ms in a
# one-second observer window overlapping the call) while it waited? Args: app.log start line, azurite.log start line.
attribute_slow_calls() {
  { tail -n +"$2" "$work/azurite.log" | sed -nE 's/^azurite-observer ([0-9]+):([0-9]+):([0-9.]+): loop delay max ([0-9.]+) ms.*/A \1 \2 \3 \4/p'
    tail -n +"$1" "$work/app.log" | sed -nE 's/^([0-9]+):([0-9]+):([0-9.]+) .*Slow webhook acknowledgement: ([0-9.]+) ms.* GC paused ([0-9.]+) ms.*/S \1 \2 \3 \4 \5/p'
  } | awk '{ t = $2 * 3600 + $3 * 60 + $4 }
      $1 == "A" && $5 >= 100 { na++; aend[na] = t; adelay[na] = $5 }
      $1 == "S" && $5 >= 500 { ns++; send[ns] = t; sdur[ns] = $5 / 1000; sgc[ns] = $6 }
      END {
        if (ns == 0) exit
        for (i = 1; i <= ns; i++) {
          start = send[i] - sdur[i]; hit = 0
          for (j = 1; j <= na; j++) if (aend[j] > start && aend[j] - 1 < send[i]) { hit = 1; break }
          if (hit) stalled++; else if (sgc[i] >= 0.25 * sdur[i] * 1000) gc++; else other++
        }
        printf "  acknowledgements >= 500 ms: %d; while Azurite'"'"'s event loop stalled >= 100 ms: %d; else mostly app GC: %d; neither: %d\n", ns, stalled, gc, other
      }'
}

# Freezes Azurite for $PAUSE_AZURITE_MS about every 5 s for $1 seconds (SIGSTOP/SIGCONT: the kernel keeps accepting
# connections into its accept queue, nothing is answered), like a storage front end or a descheduled VM pausing.
pause_azurite() {
  local until=$((SECONDS + $1)) ms="${PAUSE_AZURITE_MS:-0}"
  while [ "$SECONDS" -lt "$until" ]; do
    sleep 2.5
    kill -STOP "${pids[0]}" 2>/dev/null || return 0
    sleep "$(awk -v ms="$ms" 'BEGIN { print ms / 1000 }')"
    kill -CONT "${pids[0]}" 2>/dev/null || return 0
    sleep 2.5
  done
}

# An independent probe of Azurite's latency while the load runs: one curl, one kept-alive connection, 20 requests/s
# that Azurite answers 403 at once (no storage work), so a slow answer means Azurite's event loop (or the VM) stalled.
probe_azurite() {
  curl -s --rate 20/s -o /dev/null -w '%{stderr}%{time_total} %{http_code}\n' \
    "http://127.0.0.1:$blob/devstoreaccount1?restype=service&comp=properties&probe=[1-$(($1 * 20))]" 2>"$work/probe.txt" >/dev/null || true
}
summarise_probe() {
  sort -g "$work/probe.txt" | awk '{ v[NR] = $1 * 1000; if ($1 >= 0.1) slow++; if ($2 != 403) bad++ }
    END { if (NR == 0) exit; printf "  Azurite probe (%d trivial requests, 20/s, own connection): p50 %.1f ms, p99 %.1f ms, max %.0f ms, over 100 ms: %d, not answered 403: %d\n",
            NR, v[int(NR * 0.5 + 0.5)], v[int(NR * 0.99 + 0.5)], v[NR], slow, bad }'
}

# Warm up the JIT and connections, then measure.
dotnet functions/SocialFirst.Cli/bin/Release/net10.0/socialfirst.dll load --url "http://127.0.0.1:$app" --rate 50 --seconds 3 >/dev/null || true
for rate in "${rates[@]}"; do
  from=$(wc -l <"$work/app.log"); gc_from=$(($(wc -l <"$work/azurite.log") + 1))
  probe_azurite "$seconds" & probe=$!
  pauser=""
  if [ "${PAUSE_AZURITE_MS:-0}" != "0" ]; then pause_azurite "$seconds" & pauser=$!; fi
  frozen=""; [ -n "$pauser" ] && frozen="; Azurite frozen ${PAUSE_AZURITE_MS} ms about every 5 s"
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)$frozen"
  azurite_cpu=$(cpu_seconds "${pids[0]}"); app_cpu=$(cpu_seconds "${pids[1]}"); started=$(date +%s.%N); read -r busy0 steal0 < <(machine_ticks); overflows0=$(listen_overflows)
  dotnet functions/SocialFirst.Cli/bin/Release/net10.0/socialfirst.dll load --url "http://127.0.0.1:$app" --rate "$rate" --seconds "$seconds" || true
  read -r busy1 steal1 < <(machine_ticks); ended=$(date +%s.%N); azurite_cpu1=$(cpu_seconds "${pids[0]}"); app_cpu1=$(cpu_seconds "${pids[1]}")
  wait "$probe" || true
  [ -n "$pauser" ] && { wait "$pauser" || true; kill -CONT "${pids[0]}" 2>/dev/null || true; }
  awk -v a0="$azurite_cpu" -v a1="$azurite_cpu1" -v h0="$app_cpu" -v h1="$app_cpu1" \
      -v t0="$started" -v t1="$ended" -v load="$(cut -d' ' -f1 /proc/loadavg)" \
      -v b="$((busy1 - busy0))" -v st="$((steal1 - steal0))" -v cores="$(nproc)" \
      'BEGIN { w = t1 - t0; # Azurite is one Node.js process: near 1.0 core it is saturated
               printf "  CPU over %.1f s: Azurite %.2f cores, app %.2f cores; machine %.2f of %d cores busy, steal %.2f (load average now %s)\n", w, (a1 - a0) / w, (h1 - h0) / w, b / 100 / w, cores, st / 100 / w, load }'
  echo "  TCP: accept-queue overflows +$(($(listen_overflows) - overflows0)); app connections to Azurite blob/queue/table now: $(azurite_connections)(limit per endpoint: ${Storage__MaxConnectionsPerEndpoint:-default})"
  summarise_probe
  summarise_azurite "$gc_from"
  if [ "$Diagnostics__SlowCallLogMs" != "0" ]; then
    sleep 0.5   # let the console logger flush
    tail -n +"$((from + 1))" "$work/app.log" | summarise_slow_calls
    attribute_slow_calls "$((from + 1))" "$gc_from"
    slow_connections=$(tail -n +"$((from + 1))" "$work/app.log" | grep -c "Slow storage connection setup" || true)
    [ "$slow_connections" -gt 0 ] && echo "  slow storage connection setups: $slow_connections"
    tail -n +"$((from + 1))" "$work/app.log" | grep "Slow webhook acknowledgement" |
      sed -E 's/.*Slow webhook acknowledgement: //' | sort -t' ' -k1,1 -g -r | head -3 | sed 's/^/  slowest: /' | cut -c1-600 || true
  fi
done

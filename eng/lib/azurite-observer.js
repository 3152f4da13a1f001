// Preloaded into Azurite by eng/load-test.sh (NODE_OPTIONS=--require ...): once a second, writes to stderr (azurite.log)
// how late its event loop ran (a stall here delays every storage answer) and how long its GC paused it.
'use strict';
const { monitorEventLoopDelay, PerformanceObserver, constants } = require('node:perf_hooks');

const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();
let gc = { count: 0, major: 0, sum: 0, max: 0 };
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    gc.count++;
    gc.sum += e.duration;
    gc.max = Math.max(gc.max, e.duration);
    if (e.detail && e.detail.kind === constants.NODE_PERFORMANCE_GC_MAJOR) gc.major++;
  }
}).observe({ entryTypes: ['gc'] });

setInterval(() => {
  const ms = (ns) => (ns / 1e6).toFixed(1);
  const now = new Date().toISOString().slice(11, 23); // UTC HH:mm:ss.fff, as the app's log timestamps
  process.stderr.write(`azurite-observer ${now}: loop delay max ${ms(loop.max)} ms p99 ${ms(loop.percentile(99))} ms; ` +
    `gc ${gc.count} pauses (${gc.major} major) sum ${gc.sum.toFixed(1)} ms max ${gc.max.toFixed(1)} ms\n`);
  loop.reset();
  gc = { count: 0, major: 0, sum: 0, max: 0 };
}, 1000).unref();

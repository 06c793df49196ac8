// Preloaded with `node -r` into a server under test (the bench's profiled instances): two measuring windows, each
// opened by one signal and closed by the next (signals Nest's shutdown hooks leave alone: SIGUSR2 is one of theirs), written to
// BENCH_CPU_PROFILE_DIR as <name>-<n>.cpuprofile / <name>-<n>.gc.json.
//   SIGWINCH  the V8 CPU profiler (open the .cpuprofile in Chrome DevTools or speedscope);
//   SIGURG   garbage collection and allocation: every GC pause (perf_hooks 'gc' entries, by kind), the process's
//             CPU time (user + system, all threads: the parallel scavenger's helpers included) and wall time,
//             the HTTP requests that started (diagnostics_channel), and V8's sampling heap profiler (every
//             allocation, including objects already collected) for the bytes allocated per request.
const fs = require('node:fs');
const path = require('node:path');
const inspector = require('node:inspector');
const { constants } = require('node:perf_hooks');
const diagnostics = require('node:diagnostics_channel');

const dir = process.env.BENCH_CPU_PROFILE_DIR;
const name = process.env.BENCH_CPU_PROFILE_NAME || `pid${process.pid}`;
const KINDS = {
  [constants.NODE_PERFORMANCE_GC_MINOR]: 'scavenge',
  [constants.NODE_PERFORMANCE_GC_MAJOR]: 'mark-compact',
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental marking',
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weak callbacks',
};

function write(file, text) {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, file), text);
}

/** Bytes in a sampling heap profile: the sum of every node's self size (already scaled to all allocations). */
function sampledBytes(node) {
  let total = node.selfSize ?? 0;
  for (const child of node.children ?? []) total += sampledBytes(child);
  return total;
}

if (dir) {
  const session = new inspector.Session();
  session.connect();

  let cpuRunning = false;
  let cpuCount = 0;
  process.on('SIGWINCH', () => {
    if (!cpuRunning) {
      session.post('Profiler.enable', () => session.post('Profiler.setSamplingInterval', { interval: 200 }, () => session.post('Profiler.start', () => (cpuRunning = true))));
      return;
    }
    session.post('Profiler.stop', (error, result) => {
      cpuRunning = false;
      if (!error) write(`${name}-${++cpuCount}.cpuprofile`, JSON.stringify(result.profile));
    });
  });

  let gc = null;
  let gcCount = 0;
  const requests = diagnostics.channel('http.server.request.start');
  const onRequest = () => gc && gc.requests++;
  process.on('SIGURG', () => {
    if (!gc) {
      const window = { started: performance.now(), cpu: process.cpuUsage(), requests: 0, pauses: {}, observer: null };
      window.observer = new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) {
          const kind = KINDS[entry.detail?.kind ?? entry.kind] ?? 'other';
          const p = (window.pauses[kind] ??= { count: 0, ms: 0 });
          p.count++;
          p.ms += entry.duration;
        }
      });
      window.observer.observe({ entryTypes: ['gc'] });
      requests.subscribe(onRequest);
      session.post('HeapProfiler.enable', () =>
        session.post('HeapProfiler.startSampling', { samplingInterval: 16384, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true }, () => (gc = window)),
      );
      return;
    }
    const window = gc;
    gc = null;
    requests.unsubscribe(onRequest);
    session.post('HeapProfiler.stopSampling', (error, result) => {
      window.observer.disconnect();
      const cpu = process.cpuUsage(window.cpu);
      const cpuMs = (cpu.user + cpu.system) / 1000;
      const gcMs = Object.values(window.pauses).reduce((n, p) => n + p.ms, 0);
      const allocated = error ? null : sampledBytes(result.profile.head);
      const n = ++gcCount;
      if (!error) write(`${name}-${n}.heapprofile`, JSON.stringify(result.profile));
      write(
        `${name}-${n}.gc.json`,
        JSON.stringify(
          { wallMs: performance.now() - window.started, cpuMs, gcMs, pauses: window.pauses, requests: window.requests, allocatedBytes: allocated, memory: process.memoryUsage() },
          null,
          2,
        ),
      );
    });
  });
}

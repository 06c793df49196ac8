// Preloaded with `node -r` into a server under test when the bench runs with --profile: samples the CPU with
// the V8 profiler between SIGWINCH (a signal Nest's shutdown hooks leave alone): the first starts a profile, the next
// writes it to BENCH_CPU_PROFILE_DIR/<name>-<n>.cpuprofile (open it in Chrome DevTools or speedscope).
const fs = require('node:fs');
const path = require('node:path');
const inspector = require('node:inspector');

const dir = process.env.BENCH_CPU_PROFILE_DIR;
const name = process.env.BENCH_CPU_PROFILE_NAME || `pid${process.pid}`;
if (dir) {
  const session = new inspector.Session();
  session.connect();
  let running = false;
  let count = 0;
  process.on('SIGWINCH', () => {
    if (!running) {
      session.post('Profiler.enable', () => session.post('Profiler.setSamplingInterval', { interval: 200 }, () => session.post('Profiler.start', () => (running = true))));
      return;
    }
    session.post('Profiler.stop', (error, result) => {
      running = false;
      if (error) return;
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, `${name}-${++count}.cpuprofile`), JSON.stringify(result.profile));
    });
  });
}

// Part 1: the public wish wall under load (autocannon), the real server beside the bare baseline, side by side
// in the same run: for each run and connection count both are measured back to back (order alternating), and
// the figures are the medians over the runs.
import { createRequire } from 'node:module';
import path from 'node:path';
import { SERVER_DIR, median, note, round } from './lib/common.mjs';

const require = createRequire(path.join(SERVER_DIR, 'package.json'));
const autocannon = require('autocannon');

export async function cannon(url, { connections, duration }) {
  const result = await autocannon({ url, connections, duration, pipelining: 1 });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

/**
 * targets: two named base URLs, e.g. { ours, bare }; path: the wall URL path. Returns per connection count the
 * runs and medians under each name, and the ratio first ÷ second of the median throughputs.
 */
export async function benchWall({ targets, urlPath, connections = [10, 50], runs = 3, duration = 10, warmup = 3, onRun = () => {} }) {
  const results = [];
  for (const c of connections) {
    for (const base of Object.values(targets)) await cannon(base + urlPath, { connections: c, duration: warmup });
    const [first, second] = Object.keys(targets);
    const samples = { [first]: [], [second]: [] };
    for (let run = 0; run < runs; run++) {
      const order = run % 2 === 0 ? [first, second] : [second, first];
      for (const name of order) {
        const sample = await cannon(targets[name] + urlPath, { connections: c, duration });
        samples[name].push(sample);
        note(
          `c=${c} run ${run + 1}/${runs} ${name.padEnd(8)} ${sample.rps.toFixed(0).padStart(6)} req/s  p50 ${sample.p50} ms  p99 ${sample.p99} ms${sample.non2xx || sample.errors ? `  non-2xx ${sample.non2xx} errors ${sample.errors}` : ''}`,
        );
        onRun(name, c, sample);
      }
    }
    const summary = (list) => ({
      rps: round(median(list.map((s) => s.rps)), 0),
      p50: median(list.map((s) => s.p50)),
      p99: median(list.map((s) => s.p99)),
      non2xx: list.reduce((n, s) => n + s.non2xx, 0),
      errors: list.reduce((n, s) => n + s.errors, 0),
      runs: list.map((s) => round(s.rps, 0)),
    });
    const a = summary(samples[first]);
    const b = summary(samples[second]);
    results.push({ connections: c, [first]: a, [second]: b, ratio: round(a.rps / b.rps, 2) });
  }
  return results;
}

// Summarises a .cpuprofile: self time by package (node_modules/<pkg>, node internals, the app's own code,
// GC, idle) and the heaviest functions, so a finding can say where a request's CPU goes.
import fs from 'node:fs';

const SOCKET_WRITES = new Set(['writeBuffer', 'writev', 'writeUtf8String', 'writeLatin1String', 'writeAsciiString']);

function bucketOf(node) {
  const { url, functionName } = node.callFrame;
  if (functionName === '(garbage collector)') return 'GC';
  if (!url && SOCKET_WRITES.has(functionName)) return 'socket writes (kernel: loopback TCP to MariaDB and clients)';
  if (functionName === '(idle)') return 'idle';
  if (functionName === '(program)') return '(program: native, outside JS)';
  if (!url) return `(native) ${functionName || 'anonymous'}`;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url.replace(/.*\.pnpm\/[^/]+\/node_modules\//, 'node_modules/'));
  if (pkg) return pkg[1];
  if (url.startsWith('node:')) return 'node core';
  if (url.includes('/server/dist/')) return 'server (our code)';
  if (url.includes('/shared/dist/')) return '@nuancheng/shared';
  return url;
}

export function summariseProfile(file, top = 12) {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id);
  // Samples taken inside the profiler's own calls (starting it) are not the app's work.
  const isProfiler = (id) => {
    for (let at = id; at !== undefined; at = parent.get(at)) {
      const url = byId.get(at).callFrame.url;
      if (url.includes('profile-hook') || url === 'node:inspector') return true;
    }
    return false;
  };
  const selfUs = new Map();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const buckets = new Map();
  const functions = new Map();
  let total = 0;
  let idle = 0;
  for (const [id, us] of selfUs) {
    if (isProfiler(id)) continue;
    const node = byId.get(id);
    const bucket = bucketOf(node);
    if (bucket === 'idle') {
      idle += us;
      continue;
    }
    total += us;
    buckets.set(bucket, (buckets.get(bucket) ?? 0) + us);
    const fn = `${node.callFrame.functionName || '(anonymous)'} ${bucket}`;
    functions.set(fn, (functions.get(fn) ?? 0) + us);
  }
  const share = (entries) =>
    [...entries]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, percent: Number(((100 * us) / total).toFixed(1)) }));
  return { busyMs: total / 1000, idleMs: idle / 1000, byPackage: share(buckets), byFunction: share(functions) };
}

/**
 * Summarises a sampling heap profile (.heapprofile, HeapProfiler.stopSampling): bytes allocated in the window by
 * package (the allocating function's file, as for CPU) and the heaviest allocating functions.
 */
export function summariseHeapProfile(file, top = 12) {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
  const buckets = new Map();
  const functions = new Map();
  let total = 0;
  const walk = (node) => {
    const bytes = node.selfSize ?? 0;
    if (bytes) {
      total += bytes;
      const bucket = node.callFrame.url || !node.callFrame.functionName ? bucketOf(node) : `(native) ${node.callFrame.functionName}`;
      buckets.set(bucket, (buckets.get(bucket) ?? 0) + bytes);
      const fn = `${node.callFrame.functionName || '(anonymous)'} ${bucket}${node.callFrame.url ? `:${node.callFrame.lineNumber + 1}` : ''}`;
      functions.set(fn, (functions.get(fn) ?? 0) + bytes);
    }
    for (const child of node.children ?? []) walk(child);
  };
  walk(profile.head);
  const share = (bytes) => Math.round((bytes / total) * 1000) / 10;
  return {
    bytes: total,
    byPackage: [...buckets.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, bytes]) => ({ name, bytes, percent: share(bytes) })),
    topFunctions: [...functions.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, bytes]) => ({ name, bytes, percent: share(bytes) })),
  };
}

if (process.argv[1] && process.argv[1].endsWith('profile-summary.mjs')) {
  console.log(JSON.stringify(summariseProfile(process.argv[2], Number(process.argv[3] ?? 15)), null, 2));
}

// Part 4: the mini-program. Package sizes of the weapp build (main package = everything outside the
// subpackage roots in app.json, as WeChat counts it) and, in headless Chromium, the time from navigation to the
// first wish card of the community wall on the H5 build served by the real server, cold (fresh profile) and warm.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { ROOT, median, note } from './lib/common.mjs';

function walk(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? walk(full) : [full];
  });
}

/** { main, total, subpackages: [{ name, root, bytes }] } for a weapp build directory. */
export function weappSizes(dist = path.join(ROOT, 'miniapp/dist/weapp')) {
  const appJson = JSON.parse(fs.readFileSync(path.join(dist, 'app.json'), 'utf8'));
  const roots = [...(appJson.subPackages ?? []), ...(appJson.subpackages ?? [])].map((p) => ({ name: p.name ?? p.root, root: p.root.replace(/^\/+|\/+$/g, ''), bytes: 0 }));
  let main = 0;
  let total = 0;
  for (const file of walk(dist)) {
    const size = fs.statSync(file).size;
    const rel = path.relative(dist, file).split(path.sep).join('/');
    total += size;
    const owner = roots.find((r) => rel === r.root || rel.startsWith(`${r.root}/`));
    if (owner) owner.bytes += size;
    else main += size;
  }
  return { main, total, subpackages: roots, pages: appJson.pages?.length ?? 0 };
}

export function h5Sizes(dist = path.join(ROOT, 'miniapp/dist/h5')) {
  let js = 0;
  let css = 0;
  let total = 0;
  for (const file of walk(dist)) {
    const size = fs.statSync(file).size;
    total += size;
    if (file.endsWith('.js')) js += size;
    if (file.endsWith('.css')) css += size;
  }
  return { js, css, total };
}

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

// Records performance.now() (milliseconds since navigation start) when each selector first appears.
const WATCH = (selectors) => `
  (() => {
    const selectors = ${JSON.stringify(selectors)};
    const seen = (window.__firstSeen = {});
    const check = () => {
      for (const s of selectors) if (!(s in seen) && document.querySelector(s)) seen[s] = performance.now();
    };
    new MutationObserver(check).observe(document, { childList: true, subtree: true });
    document.addEventListener('DOMContentLoaded', check);
  })();`;

/**
 * Navigates to `url` `runs` times in fresh contexts (cold: empty cache and storage) and as many reloads in
 * one context (warm), recording when `.wish-card` (or, if the page never shows one, `.community__name`) appears.
 */
export async function firstScreen({ url, runs = 5, timeoutMs = 10000 }) {
  const require = createRequire(path.join(ROOT, 'miniapp/package.json'));
  const { chromium } = require('playwright-core');
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const selectors = ['.wish-card', '.community__name'];
  const contextOptions = { viewport: { width: 375, height: 720 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' };
  const measure = async (page, navigate) => {
    await navigate();
    let found = await page.waitForSelector('.wish-card', { timeout: timeoutMs }).then(
      () => '.wish-card',
      () => null,
    );
    if (!found && (await page.$('.community__name'))) found = '.community__name';
    const info = await page.evaluate(() => {
      const resources = performance.getEntriesByType('resource');
      const nav = performance.getEntriesByType('navigation')[0];
      return {
        seen: window.__firstSeen ?? {},
        requests: resources.length + 1,
        transferBytes: resources.reduce((n, r) => n + (r.transferSize || 0), nav?.transferSize || 0),
        domContentLoaded: nav?.domContentLoadedEventEnd ?? null,
        api: resources.filter((r) => r.name.includes('/api/')).map((r) => ({ url: new URL(r.name).pathname, ms: r.duration })),
      };
    });
    return { selector: found, ms: found ? info.seen[found] : null, ...info };
  };
  const cold = [];
  const warm = [];
  try {
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext(contextOptions);
      await context.addInitScript(WATCH(selectors));
      const page = await context.newPage();
      cold.push(await measure(page, () => page.goto(url, { waitUntil: 'commit' })));
      await context.close();
    }
    const context = await browser.newContext(contextOptions);
    await context.addInitScript(WATCH(selectors));
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForSelector(selectors.join(', '), { timeout: timeoutMs }).catch(() => null);
    for (let i = 0; i < runs; i++) warm.push(await measure(page, () => page.reload({ waitUntil: 'commit' })));
    await context.close();
  } finally {
    await browser.close();
  }
  const summary = (list) => {
    const times = list.map((r) => r.ms).filter((v) => typeof v === 'number');
    return {
      selector: list.every((r) => r.selector === '.wish-card') ? '.wish-card' : list.map((r) => r.selector ?? 'none').join(','),
      p50: median(times),
      max: Math.max(...times),
      runs: times.map((t) => Math.round(t)),
      requests: median(list.map((r) => r.requests)),
      transferBytes: median(list.map((r) => r.transferBytes)),
      domContentLoaded: median(list.map((r) => r.domContentLoaded ?? NaN)),
      api: list[0]?.api ?? [],
    };
  };
  const result = { cold: summary(cold), warm: summary(warm) };
  note(
    `first wish card: cold p50 ${result.cold.p50?.toFixed(0)} ms (runs ${result.cold.runs.join(', ')}), warm p50 ${result.warm.p50?.toFixed(0)} ms; ${result.cold.requests} requests, ${(result.cold.transferBytes / 1024).toFixed(0)} KB transferred cold`,
  );
  return result;
}

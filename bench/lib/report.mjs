// Turns the measurements into the markdown report: size, round trip, connection, throughput, goals.
import { BUDGETS, CAPS } from '../budgets.mjs';
import { LIBRARIES, label } from './libraries.mjs';
import { median, quantile, range } from './stats.mjs';

const kb = (n) => (n == null ? '—' : n.toLocaleString('en-US'));
const ms = (n, digits = 1) => (n == null || Number.isNaN(n) ? '—' : n.toFixed(digits));
const us = (n) => (n == null || Number.isNaN(n) ? '—' : Math.round(n * 1000).toLocaleString('en-US'));
const times = (a, b) => (a == null || b == null || !b ? '—' : `${(a / b).toFixed(2)}×`);
const table = (head, rows) => [`| ${head.join(' | ')} |`, `|${head.map((h, i) => (i === 0 ? '---' : '---:')).join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');

/** Per-library summary of the browser rounds: the median over rounds of each round's statistic. */
export function summarize(libs, results) {
  const out = new Map();
  for (const lib of libs) {
    const runs = (results.get(lib.id) ?? []).filter((r) => r.ok);
    const failed = (results.get(lib.id) ?? []).filter((r) => !r.ok).map((r) => r.error);
    if (runs.length === 0) {
      out.set(lib.id, { failed });
      continue;
    }
    const per = (f) => runs.map(f);
    const medians = per((r) => median(r.latency));
    const oneWay = runs.every((r) => r.oneWayMs != null) ? per((r) => r.oneWayMs) : null;
    out.set(lib.id, {
      rounds: runs.length,
      failed,
      isolated: runs.every((r) => r.isolated),
      median: median(medians),
      medianRange: range(medians),
      p95: median(per((r) => quantile(r.latency, 0.95))),
      p99: median(per((r) => quantile(r.latency, 0.99))),
      connect: median(runs.flatMap((r) => r.connects)),
      connectRange: range(per((r) => median(r.connects))),
      connectSamples: runs.reduce((n, r) => n + r.connects.length, 0),
      burst: median(per((r) => r.burstMs)),
      burstRange: range(per((r) => r.burstMs)),
      oneWay: oneWay && median(oneWay),
      oneWayRange: oneWay && range(oneWay),
    });
  }
  return out;
}

function sizeSection(pairs, iife) {
  const rows = pairs.map(({ lib, client, host }) => [
    label(lib), kb(client.min), kb(client.gzip), kb(client.brotli), kb(host.min), kb(host.gzip), kb(host.brotli), kb(client.gzip + host.gzip),
  ]);
  const lines = [
    '## Size (bytes)',
    '',
    'Minimal pair per library, bundled and minified by esbuild: the client opens the connection and makes one call, the host serves `dispositionCall`. gzip at level 9, brotli at quality 11.',
    '',
    table(['library', 'client min', 'client gzip', 'client brotli', 'host min', 'host gzip', 'host brotli', 'pair gzip'], rows),
  ];
  if (iife.client || iife.host) {
    lines.push('', 'ucbridge script-tag builds (`pnpm run build`, whole public API, not tree-shaken):', '');
    lines.push(table(['file', 'min', 'gzip', 'brotli', 'budget (gzip)', 'cap (gzip)'], [
      ['iframe-client.iife.js', kb(iife.client?.min), kb(iife.client?.gzip), kb(iife.client?.brotli), kb(BUDGETS.client), kb(CAPS.client)],
      ['host-bridge.iife.js', kb(iife.host?.min), kb(iife.host?.gzip), kb(iife.host?.brotli), kb(BUDGETS.host), kb(CAPS.host)],
    ]));
  }
  return lines.join('\n');
}

function browserSections(libs, sum, settings) {
  const port = sum.get('raw-port');
  const win = sum.get('raw-window');
  const ok = libs.filter((l) => sum.get(l.id)?.rounds);
  const spread = (r) => `${ms(r.min, 3)}–${ms(r.max, 3)}`;
  const lat = ok.map((l) => {
    const s = sum.get(l.id);
    return [label(l), us(s.median), us(s.p95), us(s.p99), spread(s.medianRange), times(s.median, port?.median), times(s.median, win?.median)];
  });
  const con = ok.map((l) => {
    const s = sum.get(l.id);
    return [label(l), ms(s.connect), `${ms(s.connectRange.min)}–${ms(s.connectRange.max)}`, s.connectSamples, times(s.connect, win?.connect), times(s.connect, port?.connect)];
  });
  const thr = ok.map((l) => {
    const s = sum.get(l.id);
    const rate = (t) => Math.round(settings.burst / (t / 1000)).toLocaleString('en-US');
    return [
      label(l), ms(s.burst, 0), rate(s.burst), `${ms(s.burstRange.min, 0)}–${ms(s.burstRange.max, 0)}`, times(s.burst, port?.burst), times(s.burst, win?.burst),
      s.oneWay == null ? 'no one-way API' : `${ms(s.oneWay, 0)} (${rate(s.oneWay)}/s)`,
    ];
  });
  const failures = libs.filter((l) => sum.get(l.id)?.failed?.length).map((l) => `- ${label(l)}: ${sum.get(l.id).failed.length} failed load(s): ${sum.get(l.id).failed[0].split('\n')[0]}`);
  const notes = libs.filter((l) => l.note).map((l) => `- ${label(l)}: ${l.note}.`);
  return [
    `## Round trip (µs)`,
    '',
    `${settings.calls.toLocaleString('en-US')} sequential awaited calls child → parent, each a different 10-field disposition, after ${settings.warm} warm-up calls; each figure is the median over ${settings.rounds} rounds of that round's statistic; spread = lowest–highest round median (ms).`,
    '',
    table(['library', 'median', 'p95', 'p99', 'spread of medians (ms)', '× raw MessagePort', '× raw window.postMessage'], lat),
    '',
    '## Connection (ms)',
    '',
    `From the child document's first script line (an inline script just before the inlined library bundle, so its parse and start-up count) to the first answered call, handshake included. Median of every page load (${1 + settings.connects} per library per round); spread = lowest–highest round median.`,
    '',
    table(['library', 'median', 'spread', 'loads', '× raw window.postMessage', '× raw MessagePort'], con),
    '',
    '## Throughput',
    '',
    `${settings.burst.toLocaleString('en-US')} calls child → parent sent without awaiting each, timed until the last answer (ms, median over rounds). One-way: the same number of messages the parent does not answer, timed until the parent has seen the last one (it then posts one plain message back).`,
    '',
    table(['library', 'calls (ms)', 'calls/s', 'spread (ms)', '× raw MessagePort', '× raw window.postMessage', 'one-way (ms)'], thr),
    ...(notes.length ? ['', ...notes] : []),
    ...(failures.length ? ['', '**Failures**', '', ...failures] : []),
  ].join('\n');
}

/** The goals of issue 7, each with the figure, the ratio and whether this run meets it. */
export function goals(pairs, iife, sum, settings = { burst: 10_000 }) {
  const out = [];
  const mark = (ok) => (ok ? '✅' : '❌');
  const uc = pairs.find((p) => p.lib.id === 'ucbridge');
  const rivals = pairs.filter((p) => !p.lib.raw && !p.lib.baseline && p.lib.id !== 'ucbridge');
  if (uc && rivals.length) {
    const smallest = rivals.reduce((a, b) => (b.client.gzip < a.client.gzip ? b : a));
    out.push(`${mark(uc.client.gzip < smallest.client.gzip)} Client smaller than every library: ucbridge client pair ${uc.client.gzip} B gzip vs smallest rival ${label(smallest.lib)} ${smallest.client.gzip} B (${times(uc.client.gzip, smallest.client.gzip)}).`);
    if (iife.client) out.push(`${mark(iife.client.gzip < smallest.client.gzip)} Client script-tag build iframe-client.iife.js: ${iife.client.gzip} B gzip vs ${smallest.client.gzip} B (${times(iife.client.gzip, smallest.client.gzip)}); cap ${CAPS.client} B (${times(iife.client.gzip, CAPS.client)}), target 1,200 B (${times(iife.client.gzip, 1200)}).`);
  }
  if (iife.host) out.push(`${mark(iife.host.gzip <= CAPS.host)} Host script-tag build host-bridge.iife.js within ${CAPS.host} B gzip: ${iife.host.gzip} B (${times(iife.host.gzip, CAPS.host)}).`);
  const s = sum?.get('ucbridge');
  if (s?.rounds) {
    const pen = sum.get('penpal');
    const port = sum.get('raw-port');
    const win = sum.get('raw-window');
    if (pen?.rounds) out.push(`${mark(s.median < pen.median)} Round-trip median below penpal's: ${us(s.median)} µs vs ${us(pen.median)} µs (${times(s.median, pen.median)}).`);
    if (port?.rounds) out.push(`${mark(s.median <= 1.2 * port.median)} Round-trip median within 1.2× raw MessagePort: ${us(s.median)} µs vs ${us(port.median)} µs (${times(s.median, port.median)}).`);
    if (win?.rounds) out.push(`${mark(s.connect <= 1.2 * win.connect)} First answered call within 1.2× raw window.postMessage: ${ms(s.connect)} ms vs ${ms(win.connect)} ms (${times(s.connect, win.connect)}).`);
    const others = [...sum.entries()].filter(([id, v]) => v.rounds && !id.startsWith('ucbridge') && !id.startsWith('raw-'));
    if (others.length) {
      const best = others.reduce((a, b) => (b[1].burst < a[1].burst ? b : a));
      out.push(`${mark(s.burst < best[1].burst)} Throughput ahead of every library: ${ms(s.burst, 0)} ms vs fastest rival ${label(LIBRARIES.find((l) => l.id === best[0]))} ${ms(best[1].burst, 0)} ms (${times(s.burst, best[1].burst)} the time).`);
    }
    const base = sum.get('ucbridge-baseline');
    if (base?.rounds) {
      const name = label(LIBRARIES.find((l) => l.baseline));
      out.push(`Against ${name}, same run: first answered call ${ms(s.connect)} vs ${ms(base.connect)} ms (${times(s.connect, base.connect)}), round trip ${us(s.median)} vs ${us(base.median)} µs (${times(s.median, base.median)}), ${settings.burst.toLocaleString('en-US')} calls ${ms(s.burst, 0)} vs ${ms(base.burst, 0)} ms (${times(s.burst, base.burst)}).`);
    }
  }
  return out.length ? ['## Goals (issues 7 and 15)', '', ...out.map((l) => `- ${l}`)].join('\n') : '';
}

function perCallSection(rows) {
  return [
    '## Per-call work in ucbridge (Chromium, µs)',
    '',
    'What ucbridge does on every call beyond the raw MessagePort pair, each piece timed alone in a page (`lib/per-call.mjs`).',
    '',
    table(['work', 'µs'], rows.map(([what, v]) => [what, v.toFixed(2)])),
  ].join('\n');
}

/** The whole report as markdown. */
export function report({ date, env, settings, pairs, iife, libs, summary, perCall, notes = [] }) {
  return [
    `# ucbridge benchmarks — ${date}`,
    '',
    `Command: \`${settings.command}\` · ${env}`,
    ...(notes.length ? ['', ...notes.map((n) => `> ${n}`)] : []),
    '',
    goals(pairs, iife, summary, settings) || '_ucbridge not measured: no goals to check._',
    '',
    sizeSection(pairs, iife),
    ...(summary ? ['', browserSections(libs, summary, settings)] : []),
    ...(perCall ? ['', perCallSection(perCall)] : []),
    '',
  ].join('\n');
}

// One measured run, in its own process so its peak RSS is its own:
//   node bench/dialer/measure.mjs <papaparse|csv-parse|pipeline|pipeline-text|upload|upload-dedupe> FILE [URL]
// Prints one JSON line: { mode, ms, cpuMs, rows, maxRssMB, ... }. Time runs from after the imports
// to the end of the work, the same for every mode.
import { createReadStream, readFileSync } from 'node:fs';

const [mode, file] = process.argv.slice(2);
const result = { mode };
const cpu0 = process.cpuUsage();

if (mode === 'papaparse') {
  // papaparse's usual use: the whole file as a string, parsed at once
  const { default: Papa } = await import('papaparse');
  const t0 = performance.now();
  const parsed = Papa.parse(readFileSync(file, 'utf8'), { skipEmptyLines: true });
  result.ms = performance.now() - t0;
  result.rows = parsed.data.length - 1;
} else if (mode === 'csv-parse') {
  // csv-parse streaming, records as arrays (its fastest shape), nothing else done with them
  const { parse } = await import('csv-parse');
  const t0 = performance.now();
  let rows = 0;
  const parser = createReadStream(file, { highWaterMark: 1 << 16 }).pipe(parse({ bom: true, relax_column_count: true, relax_quotes: true }));
  parser.on('data', () => rows++);
  await new Promise((resolve, reject) => parser.on('end', resolve).on('error', reject));
  result.ms = performance.now() - t0;
  result.rows = rows - 1;
} else if (mode === 'pipeline' || mode === 'pipeline-text') {
  // exactly `ucbridge upload-base --dry-run --json`: read, parse (papaparse's core parser),
  // validate, write the dialer lines, and encode every upload body (base64, form-encoded),
  // sending nothing. `pipeline-text` does the same through prepareFile with `fastPath: false`:
  // every row is decoded, becomes a contact object and goes through DialerBaseBuilder.add — the
  // ordinary path, for comparison
  const { runCli } = await import('../../packages/integra-api/dist/cli/main.js');
  let stdout = '';
  const t0 = performance.now();
  const code = mode === 'pipeline' ? await runCli(['upload-base', '--campaign', 'Sales<-', '--dry-run', '--json', file], {
    stdout: { write: (t) => (stdout += t) },
    stderr: { write: (t) => process.stderr.write(t) },
    env: {},
    interactive: false,
  }) : await textPath(file, (t) => (stdout += t));
  result.ms = performance.now() - t0;
  const out = JSON.parse(stdout);
  result.exit = code;
  result.rows = out.rows;
  result.problems = out.problemCount ?? 0;
  result.problemLines = (out.problems ?? []).map((p) => p.line);
  result.parts = out.parts?.length;
  result.contacts = out.contacts;
} else if (mode === 'upload' || mode === 'upload-dedupe') {
  // `ucbridge upload-base` for real: pass 1 checks and hashes every part, pass 2 reads the file
  // again and sends each part as it completes to URL (discard-server.mjs), journal in a fresh folder;
  // `upload-dedupe` adds --dedupe (pass 1 holds a table of every phone, pass 2 only the lines left out)
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { runCli } = await import('../../packages/integra-api/dist/cli/main.js');
  const state = mkdtempSync(join(tmpdir(), 'ucbridge-bench-'));
  let stdout = '';
  const t0 = performance.now();
  const code = await runCli(['upload-base', '--url', process.argv[4], '--user', 'bench', '--campaign', 'Sales<-', '--json', ...(mode === 'upload-dedupe' ? ['--dedupe'] : []), file], {
    stdout: { write: (t) => (stdout += t) },
    stderr: { write: () => {} },
    env: { UCONTACT_PASSWORD: 'bench', XDG_STATE_HOME: state },
    interactive: false,
  });
  result.ms = performance.now() - t0;
  rmSync(state, { recursive: true, force: true });
  const out = JSON.parse(stdout);
  result.exit = code;
  result.contacts = out.contacts;
  result.parts = out.accepted?.length;
  result.problems = out.problemCount ?? 0;
} else {
  console.error('usage: node bench/dialer/measure.mjs <papaparse|csv-parse|pipeline|pipeline-text|upload|upload-dedupe> FILE [URL]');
  process.exit(1);
}
/** The ordinary path (no UTF-8 fast path), with the CLI's dry-run output shape. */
async function textPath(path, write) {
  const { prepareFile } = await import('../../packages/integra-api/dist/cli/read-file.js');
  const { createUploadBodyEncoder } = await import('../../packages/integra-api/dist/dialer/upload-body.js');
  const encode = createUploadBodyEncoder();
  const parts = [];
  // parts keep no bytes: each is encoded as it is handed over, as the CLI's dry run does
  const onPart = (part) => void parts.push({ index: part.index, bodyBytes: encode({ ...part, filename: 'contacts' }, 'Sales<-', 'dry-run').length });
  const { base, rows } = await prepareFile({ path, campaign: 'Sales<-', filename: 'contacts', fastPath: false, onPart });
  write(JSON.stringify({ rows, contacts: base.contacts, problemCount: base.problemCount, problems: base.problems, parts }));
  return base.problemCount > 0 ? 1 : 0;
}

const cpu = process.cpuUsage(cpu0);
result.cpuMs = (cpu.user + cpu.system) / 1000;
result.maxRssMB = process.resourceUsage().maxRSS / 1024;
console.log(JSON.stringify(result));

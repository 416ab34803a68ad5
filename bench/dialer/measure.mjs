// One measured run, in its own process so its peak RSS is its own:
//   node bench/dialer/measure.mjs <papaparse|csv-parse|pipeline|pipeline-papaparse> FILE
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
} else if (mode === 'pipeline') {
  // exactly `ucbridge upload-base --dry-run --json`: read, parse (csv-parse), validate, write the
  // dialer lines, and encode every upload body (base64, form-encoded), sending nothing
  const { runCli } = await import('../../packages/integra-api/dist/cli/main.js');
  let stdout = '';
  const t0 = performance.now();
  const code = await runCli(['upload-base', '--campaign', 'Sales<-', '--dry-run', '--json', file], {
    stdout: { write: (t) => (stdout += t) },
    stderr: { write: (t) => process.stderr.write(t) },
    env: {},
    interactive: false,
  });
  result.ms = performance.now() - t0;
  const out = JSON.parse(stdout);
  result.exit = code;
  result.rows = out.rows;
  result.problems = out.problemCount ?? 0;
  result.problemLines = (out.problems ?? []).map((p) => p.line);
  result.parts = out.parts?.length;
  result.contacts = out.contacts;
} else if (mode === 'pipeline-papaparse') {
  // not shipped: the same pipeline (builder, checks, bodies) fed by papaparse streaming instead of
  // csv-parse, to show what the parser choice costs
  const { default: Papa } = await import('papaparse');
  const { DialerBaseBuilder, createUploadBodyEncoder } = await import('../../packages/integra-api/dist/dialer/index.js');
  const { planColumns } = await import('../../packages/integra-api/dist/cli/columns.js');
  const t0 = performance.now();
  const builder = new DialerBaseBuilder({ campaign: 'Sales<-', filename: 'contacts' });
  let plan;
  let line = 1;
  let rows = 0;
  const onRow = (record) => {
    const at = line;
    for (const f of record) for (let i = f.indexOf('\n'); i >= 0; i = f.indexOf('\n', i + 1)) line++;
    line++;
    if (record.length === 1 && record[0].trim() === '') return;
    if (plan === undefined) {
      // papaparse keeps the BOM in the first field when streaming
      record[0] = record[0].replace(/^\uFEFF/, '');
      plan = planColumns(record, {}).plan;
      return;
    }
    rows++;
    if (record.length !== plan.width) return builder.addProblem({ line: at, field: 'row', reason: 'field count' }, true);
    const vars = {};
    for (const v of plan.vars) vars[v.name] = record[v.index];
    const contact = { phone: record[plan.phone].trim(), vars };
    const alt = record[plan.altPhones].trim();
    if (alt !== '') contact.altPhones = alt.split(/[:|]/).map((a) => a.trim());
    const p = record[plan.priority].trim();
    if (p !== '') contact.priority = /^[0-9]{1,9}$/.test(p) ? Number(p) : p;
    builder.add(contact, at);
  };
  await new Promise((resolve, reject) =>
    Papa.parse(createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 16 }), { step: (r) => onRow(r.data), complete: resolve, error: reject }),
  );
  const base = builder.finish();
  const encode = createUploadBodyEncoder();
  for (const part of base.parts) encode(part, base.campaign, 'bench');
  result.ms = performance.now() - t0;
  result.rows = rows;
  result.problems = base.problemCount;
  result.problemLines = base.problems.map((p) => p.line);
  result.parts = base.parts.length;
  result.contacts = base.contacts;
} else {
  console.error('usage: node bench/dialer/measure.mjs <papaparse|csv-parse|pipeline> FILE');
  process.exit(1);
}
const cpu = process.cpuUsage(cpu0);
result.cpuMs = (cpu.user + cpu.system) / 1000;
result.maxRssMB = process.resourceUsage().maxRSS / 1024;
console.log(JSON.stringify(result));

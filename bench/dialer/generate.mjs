// Writes a realistic CRM export of N contacts (default 1,000,000) for the dialer benchmark:
// UTF-8 with a BOM, CRLF line ends, quoted names with commas, accents, typed alternative
// phones, and a few bad rows (one of each kind the validator must catch) at known places.
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { once } from 'node:events';

const FIRST = ['Juan', 'María', 'José', 'Lucía', 'Martín', 'Sofía', 'Ramón', 'Inés', 'Agustín', 'Valentina', 'Óscar', 'Camila'];
const LAST = ['Pérez', 'González', 'Rodríguez', 'Fernández', 'López', 'Martínez', 'Sánchez', 'Gómez', 'Díaz', 'Núñez', 'Suárez', 'Álvarez'];
const CITY = ['Montevideo', 'Canelones', 'Maldonado', 'Paysandú', 'Salto', 'Tacuarembó', 'Colonia del Sacramento', 'Rivera'];

/** Bad rows placed at fixed contact indexes (0-based), so the run reports the same problems every time. */
export const BAD_ROWS = new Map([
  [1_000, (r) => ({ ...r, phone: '09834A484' })],
  [50_000, (r) => ({ ...r, priority: '0' })],
  [123_456, (r) => ({ ...r, phone: '' })],
  [400_000, (r) => ({ ...r, name: 'Pérez; Juan' })],
  [654_321, (r) => ({ ...r, city: 'Salto: centro' })],
  [800_000, (r) => ({ ...r, priority: '10000' })],
  [999_000, (r) => ({ ...r, altPhones: 'X=0=099111111' })],
]);

function quote(value) {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

function row(i, withBadRows = true) {
  // a small deterministic generator so files are identical between runs
  const a = (i * 2654435761) >>> 0;
  const phone = `09${String(1_000_000 + (a % 8_999_999)).padStart(7, '0')}`;
  let r = {
    phone,
    name: `${LAST[a % 12]}, ${FIRST[(a >>> 4) % 12]}`,
    city: CITY[(a >>> 8) % 8],
    debt: `${(a % 500_000) / 100}`,
    altPhones: i % 3 === 0 ? `M=0=09${String(a % 9_999_999).padStart(7, '0')}|${phone.slice(0, 4)}44484` : '',
    priority: String(1 + (a % 9999)),
  };
  const bad = withBadRows ? BAD_ROWS.get(i) : undefined;
  if (bad) r = bad(r);
  return `${quote(r.phone)},${quote(r.name)},${quote(r.city)},${r.debt},${r.altPhones},${r.priority}\r\n`;
}

/** Writes the file and resolves with its size in bytes; `{ clean: true }` leaves out the bad rows. */
export async function generate(path, count = 1_000_000, { clean = false } = {}) {
  mkdirSync(dirname(path), { recursive: true });
  const out = createWriteStream(path);
  let bytes = 0;
  let chunk = '\uFEFFphone,name,city,debt,altPhones,priority\r\n';
  for (let i = 0; i < count; i++) {
    chunk += row(i, !clean);
    if (chunk.length > 1 << 16) {
      bytes += Buffer.byteLength(chunk);
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  bytes += Buffer.byteLength(chunk);
  out.end(chunk);
  await once(out, 'finish');
  return bytes;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const path = process.argv[2] ?? new URL('../.work/contacts-1m.csv', import.meta.url).pathname;
  const bytes = await generate(path, Number(process.argv[3] ?? 1_000_000));
  console.log(`${path}: ${(bytes / 1e6).toFixed(1)} MB`);
}

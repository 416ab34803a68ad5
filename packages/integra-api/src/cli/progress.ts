/**
 * Progress for long files: a cli-progress bar on a terminal, a few plain lines otherwise
 * (logs and CI), nothing with `--json` (stdout is then one JSON document).
 */
import cliProgress from 'cli-progress';
import type { TextOut } from './io.js';

/** Receives progress; `stop()` before printing anything else. */
export interface Progress {
  reading(rows: number, bytesRead: number, size: number): void;
  uploading(part: number, parts: number, filename: string, cant: number): void;
  stop(): void;
}

/** Picks the reporter for `out`. */
export function createProgress(out: TextOut, mode: 'auto' | 'none'): Progress {
  if (mode === 'none') return { reading() {}, uploading() {}, stop() {} };
  if (out.isTTY === true) return barProgress(out);
  return lineProgress(out);
}

function lineProgress(out: TextOut): Progress {
  let nextReport = 100_000;
  return {
    reading(rows) {
      if (rows >= nextReport) {
        out.write(`read ${rows} rows\n`);
        nextReport = rows + 100_000;
      }
    },
    uploading(part, parts, filename, cant) {
      out.write(`uploading part ${part}/${parts}: ${filename} (${cant} contact${cant === 1 ? '' : 's'})\n`);
    },
    stop() {},
  };
}

function barProgress(out: TextOut): Progress {
  const bar = new cliProgress.SingleBar(
    {
      stream: out as NodeJS.WritableStream,
      format: '{task} [{bar}] {percentage}% | {value}/{total} {unit}',
      hideCursor: true,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let phase: 'none' | 'read' | 'upload' = 'none';
  return {
    reading(_rows, bytesRead, size) {
      // KB under 1 MB (a small file read "0/0 MB"), as the report's sizes
      const [unit, per] = size < 1e6 ? ['KB', 1e3] : ['MB', 1e6];
      const scaled = (n: number): number => Math.round((n / per) * 10) / 10;
      if (phase !== 'read') {
        bar.start(scaled(size), 0, { task: 'checking', unit });
        phase = 'read';
      }
      bar.update(scaled(bytesRead));
    },
    uploading(part, parts, filename) {
      if (phase !== 'upload') {
        if (phase === 'read') bar.stop();
        bar.start(parts, 0, { task: 'uploading', unit: 'parts' });
        phase = 'upload';
      }
      bar.update(part - 1, { task: `uploading ${filename}` });
    },
    stop() {
      if (phase !== 'none') bar.stop();
      phase = 'none';
    },
  };
}

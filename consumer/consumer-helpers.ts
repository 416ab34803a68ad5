// Helpers of the consumer test: run a command, serve a folder on a loopback origin.
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';

/** What a finished command left: its exit code and both outputs. */
export interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command to its end (never rejects on a non-zero exit: the test reads `code`). */
export function exec(command: string, args: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

/** Like {@link exec}, but a non-zero exit rejects with the command's output. */
export async function mustRun(command: string, args: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<Ran> {
  const ran = await exec(command, args, options);
  if (ran.code !== 0) throw new Error(`\`${command} ${args.join(' ')}\` in ${options.cwd} exited ${ran.code}\n${ran.stdout}\n${ran.stderr}`);
  return ran;
}

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css' };

/** A static server on 127.0.0.1 and a free port; `fill` rewrites HTML files as they are served. */
export interface Served {
  port: number;
  close(): Promise<void>;
}

export async function serveFolder(folder: string, fill: (html: string) => string = (html) => html): Promise<Served> {
  const server: Server = createServer(async (request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    const path = normalize(pathname.endsWith('/') ? pathname + 'index.html' : pathname).replace(/^(\.\.[/\\])+/, '');
    try {
      let body: Buffer | string = await readFile(join(folder, path));
      if (extname(path) === '.html') body = fill(body.toString('utf8'));
      response.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      response.end(body);
    } catch {
      response.writeHead(404).end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { port, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

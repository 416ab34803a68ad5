// `node bench/baseline.mjs <git ref>`: builds ucbridge as it was at <ref> into bench/.work/baseline,
// so `npm run bench -- --only ucbridge,ucbridge-baseline,…` measures both side by side in one run
// (a change's effect as a ratio, on the same machine at the same moment: figures from two runs differ
// by more than most changes).
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { workDir, rootDir } from './lib/libraries.mjs';

const ref = process.argv[2];
if (!ref || ref.startsWith('-')) {
  console.error('usage: node bench/baseline.mjs <git ref>   (a commit, tag or branch of this repository)');
  process.exit(1);
}
const dir = join(workDir, 'baseline');
const run = (cmd, args, cwd = rootDir) => execFileSync(cmd, args, { cwd, stdio: ['ignore', 'inherit', 'inherit'] });
const commit = execFileSync('git', ['rev-parse', '--short', `${ref}^{commit}`], { cwd: rootDir, encoding: 'utf8' }).trim();
if (existsSync(dir)) {
  run('git', ['worktree', 'remove', '--force', dir]);
  rmSync(dir, { recursive: true, force: true });
}
run('git', ['worktree', 'add', '--detach', dir, commit]);
run('pnpm', ['install', '--frozen-lockfile', '--prefer-offline'], dir);
run('pnpm', ['-r', '--filter', './packages/protocol', '--filter', './packages/iframe-client', '--filter', './packages/host-bridge', 'run', 'build'], dir);
writeFileSync(join(dir, '.ref'), commit);
console.log(`baseline ${commit} built in ${dir}: add ucbridge-baseline to --only`);

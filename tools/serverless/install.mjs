// Installs the pinned osls (package-lock.json) into node_modules with `npm ci`, unless node_modules already
// holds this exact lockfile's install. Run by the brisk-deploy-checks build and by dev.brisk.deploy before
// any use of osls, so nothing is assumed installed on the machine. Concurrent runs (two builds in one tree)
// are serialised by a lock directory; a stale lock (a killed build) is broken after LOCK_STALE_MS.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const lockDir = join(here, '.install-lock');
const stampFile = join(here, 'node_modules', '.brisk-install-stamp');
const cli = join(here, 'node_modules', 'osls', 'bin', 'serverless.js');
const LOCK_STALE_MS = 10 * 60 * 1000;
const LOCK_WAIT_MS = 15 * 60 * 1000;

// The install depends on the manifest, the lockfile and Node's major version (native optional packages)
const wanted = createHash('sha256')
  .update(readFileSync(join(here, 'package.json')))
  .update(readFileSync(join(here, 'package-lock.json')))
  .update(process.versions.node.split('.')[0])
  .digest('hex');

const upToDate = () => existsSync(cli) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === wanted;

function acquire() {
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      mkdirSync(lockDir);
      return;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      try {
        if (Date.now() - statSync(lockDir).mtimeMs > LOCK_STALE_MS) rmSync(lockDir, { recursive: true, force: true });
      } catch {
        // released meanwhile
      }
      if (Date.now() > deadline) throw new Error(`${lockDir} held for too long; remove it if no build is running`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
    }
  }
}

if (upToDate()) {
  console.log(`[brisk] osls up to date in ${here}`);
  process.exit(0);
}
acquire();
try {
  if (!upToDate()) {
    console.log(`[brisk] npm ci in ${here}`);
    // --ignore-scripts: no install script is needed to package or invoke (esbuild's binary comes as an npm package)
    const npm = spawnSync('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], {
      cwd: here,
      stdio: 'inherit',
      shell: process.platform === 'win32',
    });
    if (npm.status !== 0) {
      console.error(`[brisk] npm ci failed (exit ${npm.status}${npm.error ? ', ' + npm.error.message : ''})`);
      process.exit(1);
    }
    writeFileSync(stampFile, wanted);
  }
} finally {
  rmSync(lockDir, { recursive: true, force: true });
}

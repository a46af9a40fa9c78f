/**
 * The CLI as plain JavaScript, so a start runs no transpiler: lambdas/cli/main.ts bundled by
 * esbuild with one chunk per command (a command loads only what it imports), the packages it uses
 * included but the stand-ins (EXTERNAL). Each bundle is named for a hash of its sources and the
 * lockfile, build/cli-<hash>/: a start with unchanged sources reads and hashes them (a few
 * milliseconds) and finds its bundle; a start after any edit, checkout, pull or install builds a
 * new one first (a second or two), so nobody runs stale code. Hashing contents rather than comparing times keeps that true where a file system
 * keeps times to the second, or a tool restores old ones.
 */
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BUILD_DIR = path.join(ROOT, 'build');
const SOURCE_DIR = 'lambdas';
/** What else decides the output: the compiler options esbuild reads, and how it is called here. */
const SOURCE_FILES = [
  'tsconfig.json',
  'package-lock.json',
  path.relative(ROOT, fileURLToPath(import.meta.url)),
];
const BUNDLE = /^cli-[0-9a-f]{16}$/;
const EXTERNAL = ['dynalite', 's3rver', 'aws-ses-v2-local', 'esbuild'];

/** The file URL of the bundle's entry for the sources as they are now, built first if missing. */
export async function cliEntry() {
  const dir = path.join(BUILD_DIR, `cli-${sourceHash()}`);
  const entry = path.join(dir, 'main.js');
  if (!existsSync(entry)) {
    await build(dir, entry);
    removeOtherBundles(dir);
  }
  return pathToFileURL(entry).href;
}

function sourceHash() {
  const hash = createHash('sha256');
  for (const file of [...filesUnder(SOURCE_DIR), ...SOURCE_FILES]) {
    hash.update(`${file}\0`);
    hash.update(readFileSync(path.join(ROOT, file)));
    hash.update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

/** Relative to the root, in a fixed order: the hash must not depend on the order the disk lists. */
function filesUnder(dir) {
  const entries = readdirSync(path.join(ROOT, dir), { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : 1));
  return entries.flatMap((e) =>
    e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)],
  );
}

/**
 * The output sits two folders below the root, as a module in lambdas/<folder>/ does, so a path a
 * module takes relative to itself (the sample outlets' file) resolves the same in the bundle.
 * Several processes may build the same bundle at once: each file is written whole under a
 * temporary name and renamed, and the entry comes last, so an entry that exists has its chunks.
 */
async function build(dir, entry) {
  const esbuild = await import('esbuild');
  const { outputFiles, metafile } = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: [path.join(SOURCE_DIR, 'cli/main.ts')],
    outdir: dir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    // The first Node 20 that reads import attributes: with an older target esbuild drops the
    // `with { type: 'json' }` of a package's JSON import, and Node then refuses the import.
    target: 'node20.10',
    // Packages are bundled too: Node resolving and loading some four hundred package files one by
    // one took most of a query's start. The stand-ins stay Node's to load (native LevelDB, files
    // they read beside themselves), and only the commands that start them pay for them.
    external: EXTERNAL,
    banner: {
      js: "import { createRequire as __nwRequire } from 'node:module'; const require = __nwRequire(import.meta.url);",
    },
    // Read by node --enable-source-maps and debuggers; a plain start never opens them.
    sourcemap: true,
    metafile: true,
    write: false,
    logLevel: 'silent',
  });
  // esbuild names a package by its real path: a worktree's node_modules may link to another checkout's.
  const packages = `${path.relative(ROOT, realpathSync(path.join(ROOT, 'node_modules')))}/`;
  const uncovered = Object.keys(metafile.inputs).filter(
    (input) => !input.startsWith(`${SOURCE_DIR}/`) && !input.startsWith(packages),
  );
  if (uncovered.length > 0)
    throw new Error(`the CLI bundle reads ${uncovered.join(', ')}, which its staleness hash does not cover`);
  mkdirSync(dir, { recursive: true });
  outputFiles.sort((a, b) => Number(a.path === entry) - Number(b.path === entry));
  for (const file of outputFiles) {
    const temporary = `${file.path}.${process.pid}.tmp`;
    writeFileSync(temporary, file.contents);
    renameSync(temporary, file.path);
  }
}

/**
 * Bundles of earlier sources are removed once a new one is whole. A command started from one just
 * before, and still to load a chunk lazily (a command's own, or the extractor), then fails loudly
 * instead of running stale code; commands load their chunks in their first moments.
 */
function removeOtherBundles(keep) {
  for (const name of readdirSync(BUILD_DIR)) {
    const dir = path.join(BUILD_DIR, name);
    if (BUNDLE.test(name) && dir !== keep) rmSync(dir, { recursive: true, force: true });
  }
}

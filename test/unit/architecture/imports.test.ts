/**
 * The module graph under lambdas/: no import cycles (type-only imports included, since they tie
 * modules together just the same for a reader), and a core that names no adapter or AWS package.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../../lambdas');
const IMPORT_RE = /^\s*(?:import|export)\b[^'"]*?from\s*['"]([^'"]+)['"]/gm;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

const files = sources(ROOT);
const imports = new Map(
  files.map((file) => {
    const specifiers = [...readFileSync(file, 'utf8').matchAll(IMPORT_RE)].map((m) => m[1] ?? '');
    return [file, specifiers] as const;
  }),
);

const localImports = (file: string): string[] =>
  (imports.get(file) ?? []).filter((s) => s.startsWith('.')).map((s) => resolve(dirname(file), s));

/** Every cycle, each reported once, as the files along it relative to lambdas/. */
function cycles(): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of localImports(file)) {
      if (state.get(next) === 'open') {
        found.push(stack.slice(stack.indexOf(next)).map((f) => relative(ROOT, f)));
      } else if (!state.has(next)) {
        visit(next);
      }
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of files) if (!state.has(file)) visit(file);
  return found;
}

describe('lambdas/ module graph', () => {
  it('reads the imports it checks', () => {
    expect(localImports(join(ROOT, 'core/topics/compile.ts'))).toContain(
      join(ROOT, 'core/topics/triggers.ts'),
    );
  });

  it('has no import cycles', () => {
    expect(cycles()).toEqual([]);
  });

  it('keeps the core free of adapters, handlers, runtime and AWS', () => {
    const core = files.filter((f) => relative(ROOT, f).startsWith('core/'));
    const outward = core.flatMap((file) =>
      (imports.get(file) ?? [])
        .filter((s) =>
          s.startsWith('.')
            ? !relative(ROOT, resolve(dirname(file), s)).startsWith('core/')
            : s.startsWith('@aws-sdk/') || s.startsWith('@aws-lambda-powertools/'),
        )
        .map((s) => `${relative(ROOT, file)} → ${s}`),
    );
    expect(outward).toEqual([]);
  });
});

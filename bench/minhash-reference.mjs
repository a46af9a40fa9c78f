#!/usr/bin/env node
/**
 * The naive reference `newswatch cluster` is measured against (issue 11): a 128-permutation
 * MinHash signature of each article's 3-word shingles, written plainly and run the same way (a
 * Node process reading the JSONL file and writing one line per article).
 *
 *   node bench/minhash-reference.mjs --in ARTICLES.jsonl --out SIGNATURES.jsonl
 *
 * Plain JavaScript on purpose: no build step or transpiler stands between it and Node.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const PERMUTATIONS = 128;

/**
 * x → a·x + b (mod 2^32) with an odd a permutes the 32-bit values, and Math.imul computes it at
 * machine speed. a·x + b mod a 31-bit prime needs floating-point remainders and ran at half the
 * speed here: a reference slower than it need be would flatter the ratio.
 */
function permutations(count) {
  let state = 0x9e3779b9;
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state;
  };
  const a = new Uint32Array(count);
  const b = new Uint32Array(count);
  for (let i = 0; i < count; i++) {
    a[i] = next() | 1;
    b[i] = next();
  }
  return { a, b };
}

/** FNV-1a, 32 bits. */
function stringHash(text) {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

function signature(text, { a, b }) {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const mins = new Uint32Array(a.length).fill(0xffffffff);
  for (let i = 0; i + 2 < words.length; i++) {
    const shingle = stringHash(`${words[i]} ${words[i + 1]} ${words[i + 2]}`);
    for (let k = 0; k < a.length; k++) {
      const value = (Math.imul(a[k], shingle) + b[k]) >>> 0;
      if (value < mins[k]) mins[k] = value;
    }
  }
  return Array.from(mins);
}

const { values } = parseArgs({ options: { in: { type: 'string' }, out: { type: 'string' } } });
if (!values.in || !values.out) {
  process.stderr.write(
    'usage: node bench/minhash-reference.mjs --in ARTICLES.jsonl --out SIGNATURES.jsonl\n',
  );
  process.exit(2);
}
const family = permutations(PERMUTATIONS);
const lines = [];
for (const line of readFileSync(values.in, 'utf8').split('\n')) {
  if (line.trim() === '') continue;
  const article = JSON.parse(line);
  const text = `${article.title ?? ''}\n${article.text ?? ''}`;
  lines.push(`${JSON.stringify({ id: article.id, signature: signature(text, family) })}\n`);
}
writeFileSync(values.out, lines.join(''));

import { readFileSync } from 'node:fs';

export function fixture(name: string): Uint8Array {
  return readFileSync(new URL(`../../fixtures/feeds/${name}`, import.meta.url));
}

export function bytes(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

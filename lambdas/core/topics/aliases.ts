/** Resolves @name references, parsing each alias once and refusing cycles. */
import type { QueryNode } from './ast.ts';
import { QuerySyntaxError, TopicQueryError } from './errors.ts';
import type { AliasResolver } from './parser.ts';
import { parseQuery } from './parser.ts';

export interface Aliases {
  resolve: AliasResolver;
  /** Parses aliases no topic used, so a broken one is reported at start rather than never. */
  checkAll(): void;
}

export function createAliases(definitions: Record<string, string>): Aliases {
  const parsed = new Map<string, QueryNode>();
  const stack: string[] = [];

  const resolve: AliasResolver = (name, pos) => {
    const cached = parsed.get(name);
    if (cached) return cached;
    const text = Object.hasOwn(definitions, name) ? definitions[name] : undefined;
    if (text === undefined) {
      const known = Object.keys(definitions).map((n) => `@${n}`);
      throw new QuerySyntaxError(
        pos,
        `a defined alias, not @${name} (defined: ${known.join(', ') || 'none'})`,
      );
    }
    if (stack.includes(name)) {
      throw new QuerySyntaxError(
        pos,
        `an alias that does not use itself (${[...stack, name].map((n) => `@${n}`).join(' → ')})`,
      );
    }
    stack.push(name);
    try {
      const node = parseAlias(name, text, resolve);
      parsed.set(name, node);
      return node;
    } finally {
      stack.pop();
    }
  };

  return {
    resolve,
    checkAll: () => {
      for (const name of Object.keys(definitions)) resolve(name, 1);
    },
  };
}

function parseAlias(name: string, text: string, resolve: AliasResolver): QueryNode {
  try {
    return parseQuery(text, resolve);
  } catch (error) {
    // Errors from an alias nested in this one already name theirs.
    if (error instanceof QuerySyntaxError) {
      throw new TopicQueryError({ alias: name }, error.position, error.expected, { cause: error });
    }
    throw error;
  }
}

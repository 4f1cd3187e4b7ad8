/**
 * Nesting limit for JSON that arrives from outside (scenario files, run records). Recursive code
 * (zod, the validator's second pass, JSON.stringify with indentation) must never see a value deep
 * enough to overflow the stack or to multiply its size by re-indenting, so callers check this
 * first. Iterative, so a 100,000-deep value costs a walk, not a crash.
 */

/** Far deeper than any scenario or run record needs (both are under 10 levels). */
export const MAX_JSON_DEPTH = 64;

export type JsonPath = (string | number)[];

/**
 * The path of the first value nested deeper than `maxDepth` (the top-level value is depth 0;
 * each array or object adds one), or undefined when the value is within the limit.
 */
export function findTooDeep(value: unknown, maxDepth: number = MAX_JSON_DEPTH): JsonPath | undefined {
  const stack: { value: unknown; path: JsonPath }[] = [{ value, path: [] }];
  while (stack.length > 0) {
    const { value: current, path } = stack.pop()!;
    if (typeof current !== 'object' || current === null) continue;
    if (path.length >= maxDepth) return path;
    if (Array.isArray(current)) current.forEach((item, i) => stack.push({ value: item, path: [...path, i] }));
    else for (const [key, item] of Object.entries(current)) stack.push({ value: item, path: [...path, key] });
  }
  return undefined;
}

/** A value nested `depth` levels deep (`{ [key]: { [key]: ... } }`), for tests and fuzzing. */
export function nested(depth: number, key = 'a', leaf: unknown = 1): unknown {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = { [key]: value };
  return value;
}

/**
 * kubectl's flag parsing for the read-only subcommands: `-n NS`, `--namespace=NS`, `-o wide`,
 * `-A`, `--previous`, `--tail N`, `-c CONTAINER`. An unknown flag is kubectl's own error.
 */

export interface KubectlArgs {
  readonly positional: readonly string[];
  readonly namespace?: string;
  readonly allNamespaces: boolean;
  readonly output?: string;
  readonly previous: boolean;
  readonly tail?: number;
  readonly container?: string;
}

export type ParsedArgs = { ok: true; args: KubectlArgs } | { ok: false; error: string };

const VALUE_FLAGS: Readonly<Record<string, keyof KubectlArgs>> = {
  '-n': 'namespace',
  '--namespace': 'namespace',
  '-o': 'output',
  '--output': 'output',
  '--tail': 'tail',
  '-c': 'container',
  '--container': 'container',
};

export function parseKubectlArgs(words: readonly string[], sub: string): ParsedArgs {
  const positional: string[] = [];
  const out: { -readonly [K in keyof KubectlArgs]?: KubectlArgs[K] } = {};
  let allNamespaces = false;
  let previous = false;
  const usage = `See 'kubectl ${sub} --help' for usage.`;
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    if (!w.startsWith('-') || w === '-') {
      positional.push(w);
      continue;
    }
    if (w === '-A' || w === '--all-namespaces') {
      allNamespaces = true;
      continue;
    }
    if (w === '-p' || w === '--previous') {
      previous = true;
      continue;
    }
    const eq = w.indexOf('=');
    let name = eq > 0 ? w.slice(0, eq) : w;
    let value: string | undefined = eq > 0 ? w.slice(eq + 1) : undefined;
    // Short flags take their value glued on too: -owide, -nkube-system.
    if (value === undefined && /^-[noc]./.test(w)) {
      name = w.slice(0, 2);
      value = w.slice(2);
    }
    const key = VALUE_FLAGS[name];
    if (!key)
      return {
        ok: false,
        error: `error: unknown ${name.startsWith('--') ? 'flag' : 'shorthand flag'}: ${name.startsWith('--') ? name : `'${name.slice(1, 2)}' in ${w}`}\n${usage}`,
      };
    if (value === undefined) {
      value = words[i + 1];
      i++;
    }
    if (value === undefined) return { ok: false, error: `error: flag needs an argument: ${name}\n${usage}` };
    if (key === 'tail') {
      const n = Number(value);
      if (!/^-?\d+$/.test(value) || !Number.isSafeInteger(n)) {
        return {
          ok: false,
          error: `error: invalid argument "${value}" for "--tail" flag: strconv.ParseInt: parsing "${value}": invalid syntax\n${usage}`,
        };
      }
      out.tail = n;
    } else if (key === 'namespace' || key === 'output' || key === 'container') {
      out[key] = value;
    }
  }
  return { ok: true, args: { positional, allNamespaces, previous, ...out } };
}

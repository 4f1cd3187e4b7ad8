/**
 * `npm run fuzz -- [cases] [seed] [ticks]`: the long fuzz run (issue 15, item 10; default 10,000
 * cases of at most 300 engine ticks each).
 * Mutates the built-in scenarios and saved run records, checks the properties in
 * simulator/fuzz/harness.ts and prints the counts; exits 1 on any crash, hang, non-finite metric
 * or error without a JSON path, printing the first failures to reproduce them.
 */
import { DEFAULT_FUZZ_OPTIONS, fuzz } from '../simulator/fuzz/harness';
import { loadFuzzSeeds } from './fuzz-seeds';

const cases = Number(process.argv[2] ?? 10_000);
const seed = Number(process.argv[3] ?? Date.now() % 2 ** 31);
const ticks = Number(process.argv[4] ?? DEFAULT_FUZZ_OPTIONS.ticks);
if (
  !Number.isInteger(cases) ||
  cases < 1 ||
  !Number.isInteger(seed) ||
  !Number.isInteger(ticks) ||
  ticks < 1
) {
  console.error('usage: npm run fuzz -- [cases] [seed] [ticks]');
  process.exit(2);
}

const started = Date.now();
console.log(
  `fuzz: ${cases} cases, seed ${seed}, ${ticks} ticks (rerun with: npm run fuzz -- ${cases} ${seed} ${ticks})`,
);
const options = { ...DEFAULT_FUZZ_OPTIONS, ticks };
const { counts, failures } = fuzz(
  loadFuzzSeeds(),
  cases,
  seed,
  options,
  (c) => process.stderr.isTTY && process.stderr.write(`\r${c.cases} / ${cases}`),
);
if (process.stderr.isTTY) process.stderr.write('\n');
const seconds = ((Date.now() - started) / 1000).toFixed(1);
console.log(
  [
    `cases       ${counts.cases} in ${seconds} s (slowest ${Math.round(counts.slowestMs)} ms)`,
    `valid       ${counts.valid}`,
    `rejected    ${counts.rejected}`,
    `engine runs ${counts.engineRuns}`,
    `crashes     ${counts.crashes}`,
    `hangs       ${counts.hangs} (over ${DEFAULT_FUZZ_OPTIONS.hangMs / 1000} s)`,
    `non-finite  ${counts.nonFinite}`,
    `pathless    ${counts.pathless}`,
  ].join('\n'),
);
for (const f of failures) console.log(`\n${f.problem}: ${f.detail}\n  case: ${JSON.stringify(f.fuzzCase)}`);
process.exit(counts.crashes + counts.hangs + counts.nonFinite + counts.pathless > 0 ? 1 : 0);

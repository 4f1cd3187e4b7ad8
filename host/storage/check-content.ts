/**
 * What storage checks before it writes a scenario or a run record: nesting depth first (so no
 * recursive code sees a 5,000-deep value), then the schema, then the size in bytes of exactly the
 * text that will be written (the same limit reading applies). Errors carry JSON paths.
 */
import { findTooDeep, MAX_JSON_DEPTH } from '../../simulator/json-depth';
import { migrateRunRecord, RUN_FORMAT_VERSION, type RunRecord } from '../../simulator/runs/record';
import { formatErrors, formatPath, validateScenario } from '../../simulator/scenario/validate';
import { StorageError } from '../api';
import { isDrillRunJson, readDrillRunRecord, type DrillRunRecord } from '../../simulator/drill/record';
import { MAX_FILE_BYTES, MAX_FILE_LABEL } from './limits';

const bad = (message: string) => new StorageError(message, 'bad-argument');

function checkDepth(value: unknown, what: string): void {
  const path = findTooDeep(value);
  if (path) throw bad(`${what} is nested more than ${MAX_JSON_DEPTH} levels deep at ${formatPath(path)}.`);
}

function checkBytes(text: string, what: string): void {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_FILE_BYTES)
    throw bad(`${what} is larger than ${MAX_FILE_LABEL} (${bytes} bytes); it was not saved.`);
}

/** The validated record and the text to write for it, or a StorageError saying what is wrong. */
export function runRecordText(data: unknown): { text: string; record: RunRecord | DrillRunRecord } {
  if (data === undefined) throw bad('Run record is empty.');
  checkDepth(data, 'Run record');
  // A finished readiness drill (simulator/drill/record.ts) is saved and listed beside the runs.
  if (isDrillRunJson(data)) {
    const drill = readDrillRunRecord(data);
    if (!drill.ok) throw bad(drill.error);
    const text = `${JSON.stringify(drill.record, null, 2)}\n`;
    checkBytes(text, 'Drill record');
    return { text, record: drill.record };
  }
  const result = migrateRunRecord(data);
  if (!result.ok) throw bad(result.error);
  if (result.fromVersion !== RUN_FORMAT_VERSION)
    throw bad(`Run records are saved in format ${RUN_FORMAT_VERSION}, not ${result.fromVersion}.`);
  // The validated record (depth bounded by its schema), so indenting cannot blow up its size.
  const text = `${JSON.stringify(result.record, null, 2)}\n`;
  checkBytes(text, 'Run record');
  return { text, record: result.record };
}

/** Checks a scenario's text before it is written as is; throws a StorageError listing every error. */
export function checkScenarioText(text: unknown): string {
  if (typeof text !== 'string') throw bad('Scenario content must be text.');
  checkBytes(text, 'Scenario');
  let json: unknown;
  try {
    json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    throw bad(`Scenario is not valid JSON: ${(error as Error).message}.`);
  }
  checkDepth(json, 'Scenario');
  const result = validateScenario(json);
  if (!result.ok) throw bad(`Scenario is not valid:\n${formatErrors(result.errors.slice(0, 20))}`);
  return text;
}

/**
 * The storage module behind both hosts (Electron main and the web server): scenario files
 * (built-in, read-only; user, read-write) and run records, as JSON files in plain folders.
 * Corrupt files are reported, never deleted; writes are atomic.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { RunRecord } from '../../simulator/runs/record';
import {
  StorageError,
  type HostInfo,
  type RunFile,
  type ScenarioFile,
  type ScenarioSource,
  type StorageApi,
} from '../api';
import { removeStaleTempFiles, writeFileAtomic, TEMP_SUFFIX, type AtomicWriteOptions } from './atomic-write';
import { findTooDeep, MAX_JSON_DEPTH } from '../../simulator/json-depth';
import { formatPath } from '../../simulator/scenario/validate';
import { checkScenarioText, runRecordText } from './check-content';
import { MAX_FILE_BYTES, MAX_FILE_LABEL } from './limits';
import { resolveInside } from './safe-name';
import { syncUserSchemas } from './user-schema';

export interface StorageConfig {
  readonly host: HostInfo['host'];
  readonly version: string;
  readonly builtinScenarioDir: string;
  /** The user's data folder: holds `scenarios/` and `runs/`. */
  readonly dataDir: string;
  readonly writeOptions?: AtomicWriteOptions;
}

function describeIoError(error: unknown, file: string): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return `${file} does not exist.`;
  if (code === 'EACCES' || code === 'EPERM') return `${file} cannot be read (permission denied).`;
  if (code === 'EISDIR') return `${file} is a folder, not a file.`;
  return `${file} could not be read (${code ?? String(error)}).`;
}

async function listJsonFiles(dir: string): Promise<string[]> {
  try {
    const entries = await fs.readdir(dir, { withFileTypes: true });
    return entries
      .filter(
        (e) =>
          e.isFile() && e.name.endsWith('.json') && !e.name.startsWith('.') && !e.name.endsWith(TEMP_SUFFIX),
      )
      .filter((e) => !e.name.endsWith('.schema.json'))
      .map((e) => e.name)
      .sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new StorageError(`Folder ${dir} cannot be listed: ${(error as Error).message}`);
  }
}

async function readText(
  full: string,
  file: string,
): Promise<{ text?: string; readError?: string; modifiedMs: number }> {
  try {
    const stat = await fs.stat(full);
    if (stat.size > MAX_FILE_BYTES)
      return { readError: `${file} is larger than ${MAX_FILE_LABEL}.`, modifiedMs: stat.mtimeMs };
    return { text: await fs.readFile(full, 'utf8'), modifiedMs: stat.mtimeMs };
  } catch (error) {
    return { readError: describeIoError(error, file), modifiedMs: 0 };
  }
}

function checkSource(source: unknown): ScenarioSource {
  if (source !== 'builtin' && source !== 'user') {
    throw new StorageError(
      `Scenario source must be "builtin" or "user", not ${JSON.stringify(source)}.`,
      'bad-argument',
    );
  }
  return source;
}

export function createStorage(config: StorageConfig): StorageApi {
  const userScenarioDir = path.join(config.dataDir, 'scenarios');
  const runsDir = path.join(config.dataDir, 'runs');
  const runWrites = new Map<string, Promise<void>>();
  // Temp files of writes killed mid-way (up to 5 MiB each) would otherwise stay forever.
  for (const dir of [userScenarioDir, runsDir]) void removeStaleTempFiles(dir);
  const dirFor = (source: ScenarioSource) =>
    source === 'builtin' ? config.builtinScenarioDir : userScenarioDir;
  // scenario.schema.json and drill.schema.json beside the user's scenarios (VS Code completion):
  // refreshed on every save and once when the library first loads, so an app update brings the
  // folder's copies up to date.
  let schemaChecked = false;
  const syncSchema = async () => {
    schemaChecked = true;
    const results = await syncUserSchemas(config.builtinScenarioDir, userScenarioDir, config.writeOptions);
    for (const result of Object.values(results))
      if (result.status === 'failed')
        console.warn(`Outage Lab: ${result.reason}; editor completion may be stale.`);
  };

  async function readScenario(source: ScenarioSource, file: string): Promise<ScenarioFile> {
    const src = checkSource(source);
    const full = resolveInside(dirFor(src), file);
    const result = await readText(full, file);
    if (result.readError && result.modifiedMs === 0 && !(await exists(full))) {
      throw new StorageError(`Scenario ${file} does not exist in the ${src} folder.`, 'not-found');
    }
    return { source: src, file, ...result };
  }

  async function readRun(file: string): Promise<RunFile> {
    const full = resolveInside(runsDir, file);
    const { text, readError, modifiedMs } = await readText(full, file);
    if (readError) {
      if (!(await exists(full))) throw new StorageError(`Run record ${file} does not exist.`, 'not-found');
      return { file, error: readError, modifiedMs };
    }
    let data: unknown;
    try {
      data = JSON.parse(text ?? '') as unknown;
    } catch (error) {
      return {
        file,
        error: `${file} is not valid JSON (${(error as Error).message}); it was kept as it is.`,
        modifiedMs,
      };
    }
    // Too deep to serialise or clone (HTTP JSON, IPC) without overflowing the stack.
    const deep = findTooDeep(data);
    if (deep) {
      const where = formatPath(deep);
      const error = `${file} is nested more than ${MAX_JSON_DEPTH} levels deep at ${where}; it was kept as it is.`;
      return { file, error, modifiedMs };
    }
    return { file, data, modifiedMs };
  }

  return {
    async info() {
      return { host: config.host, version: config.version, userScenarioDir, runsDir };
    },
    async listScenarios() {
      if (!schemaChecked) await syncSchema();
      const out: ScenarioFile[] = [];
      for (const source of ['builtin', 'user'] as const) {
        const dir = dirFor(source);
        const files = await listJsonFiles(dir);
        // Read a folder's files concurrently; the order stays that of the sorted listing.
        const texts = await Promise.all(files.map((file) => readText(path.join(dir, file), file)));
        files.forEach((file, i) => out.push({ source, file, ...texts[i]! }));
      }
      return out;
    },
    readScenario,
    async writeScenario(file, text) {
      const full = resolveInside(userScenarioDir, file);
      await writeFileAtomic(full, checkScenarioText(text), config.writeOptions);
      await syncSchema();
    },
    async listRuns() {
      const out: RunFile[] = [];
      for (const file of await listJsonFiles(runsDir)) {
        // One bad file marks only itself; the others still list.
        try {
          out.push(await readRun(file));
        } catch (error) {
          out.push({
            file,
            error: `${file} could not be read (${(error as Error).message}).`,
            modifiedMs: 0,
          });
        }
      }
      return out;
    },
    readRun,
    async writeRun(file, data) {
      const full = resolveInside(runsDir, file);
      const { text, record } = runRecordText(data);
      // One save per file at a time, in arrival order, so the order check and the write are atomic.
      const previous = runWrites.get(full) ?? Promise.resolve();
      const mine = previous.then(async () => {
        const order = 'saveOrder' in record ? record.saveOrder : undefined; // drill records have none
        if (isStale(order, await storedSaveOrder(full))) return;
        await writeFileAtomic(full, text, config.writeOptions);
      });
      const settled = mine.catch(() => undefined);
      runWrites.set(full, settled);
      void settled.then(() => {
        if (runWrites.get(full) === settled) runWrites.delete(full);
      });
      await mine;
    },
    async scenariosStamp() {
      const files = await listJsonFiles(userScenarioDir);
      let latest = 0;
      for (const file of files) {
        try {
          latest = Math.max(latest, (await fs.stat(path.join(userScenarioDir, file))).mtimeMs);
        } catch {
          // A file removed between readdir and stat changes the count anyway.
        }
      }
      return `${files.length}:${latest}`;
    },
  };
}

type SaveOrder = RunRecord['saveOrder'];

/** The save order of the stored record, if it has one (a damaged file has none). */
async function storedSaveOrder(full: string): Promise<SaveOrder> {
  try {
    const stored = JSON.parse(await fs.readFile(full, 'utf8')) as { saveOrder?: SaveOrder } | null;
    const order = stored?.saveOrder;
    if (typeof order?.session !== 'string' || typeof order.seq !== 'number') return undefined;
    return typeof order.sentAt === 'number' ? order : { session: order.session, seq: order.seq };
  } catch {
    return undefined;
  }
}

/**
 * A save is stale when the stored record was sent after it: a later save of the same page session
 * (by number), or of another session (by send time; a queued save retried after a reload keeps the
 * time it was first sent, so it cannot overwrite what another tab saved since).
 */
function isStale(incoming: SaveOrder, stored: SaveOrder): boolean {
  if (!incoming || !stored) return false;
  if (incoming.session === stored.session) return incoming.seq < stored.seq;
  return incoming.sentAt !== undefined && stored.sentAt !== undefined && incoming.sentAt < stored.sentAt;
}

async function exists(full: string): Promise<boolean> {
  try {
    await fs.access(full);
    return true;
  } catch {
    return false;
  }
}

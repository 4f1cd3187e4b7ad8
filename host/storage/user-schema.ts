/**
 * Keeps the scenario JSON Schema beside the user's scenarios. The editor saves files with
 * `"$schema": "./scenario.schema.json"`, so VS Code completes and checks them as soon as that
 * file sits in the same folder. The app ships the schema with its built-in scenarios (generated
 * by `npm run schema`); this copies it over when the user's copy is missing or differs (after an
 * app update). The app owns that one file: a hand-edited copy is replaced.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic, type AtomicWriteOptions } from './atomic-write';

export const USER_SCHEMA_FILE = 'scenario.schema.json';

export type SchemaSync =
  { status: 'written' | 'current' | 'no-folder' } | { status: 'failed'; reason: string };

/** Never throws: a schema that cannot be copied must not fail the scenario save around it. */
export async function syncUserSchema(
  builtinDir: string,
  userDir: string,
  writeOptions?: AtomicWriteOptions,
): Promise<SchemaSync> {
  try {
    await fs.access(userDir);
  } catch {
    return { status: 'no-folder' };
  }
  let shipped: string;
  try {
    shipped = await fs.readFile(path.join(builtinDir, USER_SCHEMA_FILE), 'utf8');
  } catch (error) {
    return { status: 'failed', reason: `the app's ${USER_SCHEMA_FILE} cannot be read (${errorText(error)})` };
  }
  const target = path.join(userDir, USER_SCHEMA_FILE);
  const current = await fs.readFile(target, 'utf8').catch(() => undefined);
  if (current === shipped) return { status: 'current' };
  try {
    await writeFileAtomic(target, shipped, writeOptions);
    return { status: 'written' };
  } catch (error) {
    return { status: 'failed', reason: `${target} cannot be written (${errorText(error)})` };
  }
}

const errorText = (error: unknown) =>
  (error as NodeJS.ErrnoException | undefined)?.code ??
  (error instanceof Error ? error.message : String(error));

/** Whether a file the user named is a readiness drill (`"kind": "drill"`), so `run` can route it. */
import { isDrillJson } from '../simulator/drill/schema';
import { readInputFile } from './read-input';

export function isDrillFile(file: string): boolean {
  const read = readInputFile('scenario', file);
  if ('error' in read) return false;
  try {
    return isDrillJson(JSON.parse(read.text));
  } catch {
    return false;
  }
}

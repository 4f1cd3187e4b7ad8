import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ScenarioFile } from '../../host/api';
import { parseScenarioText } from '../../simulator/scenario/validate';
import {
  answer,
  ValidationCache,
  type FileToValidate,
  type ValidationReply,
  type ValidationRequest,
} from './library-validation';

const good = JSON.stringify({ schemaVersion: 1, id: 'x' });
const other = JSON.stringify({ schemaVersion: 1, id: 'y' });

function counting() {
  const calls: string[] = [];
  const cache = new ValidationCache((text, file) => {
    calls.push(file);
    return parseScenarioText(text, file);
  });
  return { cache, calls };
}

describe('ValidationCache', () => {
  it('validates a file once while its text is unchanged, again when it changes', () => {
    const { cache, calls } = counting();
    const first = cache.validateAll([
      { file: 'a.json', text: good },
      { file: 'b.json', text: '{' },
    ]);
    expect(calls).toEqual(['a.json', 'b.json']);
    const again = cache.validateAll([
      { file: 'a.json', text: good },
      { file: 'b.json', text: other },
    ]);
    expect(calls).toEqual(['a.json', 'b.json', 'b.json']);
    expect(again[0]).toBe(first[0]);
    expect(again[1]).not.toEqual(first[1]);
  });

  it('keys by name too (syntax errors quote it) and keeps only the files of the last pass', () => {
    const { cache, calls } = counting();
    const [a, b] = cache.validateAll([
      { file: 'a.json', text: '{' },
      { file: 'b.json', text: '{' },
    ]);
    expect(calls).toEqual(['a.json', 'b.json']);
    expect(a?.ok === false && a.errors[0]?.message).toMatch(/^a\.json: invalid JSON/);
    expect(b?.ok === false && b.errors[0]?.message).toMatch(/^b\.json: invalid JSON/);
    cache.validateAll([{ file: 'b.json', text: '{' }]);
    cache.validateAll([{ file: 'a.json', text: '{' }]);
    expect(calls).toEqual(['a.json', 'b.json', 'a.json']);
  });
});

/** A Worker stand-in that answers like the real worker (library-validation.worker.ts), asynchronously. */
class FakeWorker {
  static instances: FakeWorker[] = [];
  onmessage: ((event: MessageEvent<ValidationReply>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  terminated = false;
  private readonly cache = new ValidationCache();

  constructor() {
    FakeWorker.instances.push(this);
  }
  postMessage(request: ValidationRequest): void {
    const data = answer(this.cache, request);
    setTimeout(() => this.onmessage?.({ data } as MessageEvent<ValidationReply>));
  }
  terminate(): void {
    this.terminated = true;
  }
}

describe('validateLibraryFiles', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.resetModules();
    FakeWorker.instances = [];
  });

  it('validates on the UI thread where no Worker exists', async () => {
    vi.stubGlobal('Worker', undefined);
    const { validateLibraryFiles } = await import('./library-validation-client');
    const [result] = await validateLibraryFiles([{ file: 'a.json', text: '{' }]);
    expect(result?.ok).toBe(false);
  });

  it('sends the files to one long-lived worker and matches replies to requests', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    const { validateLibraryFiles } = await import('./library-validation-client');
    const files = (text: string): FileToValidate[] => [{ file: 'a.json', text }];
    const [one, two] = await Promise.all([
      validateLibraryFiles(files('{')),
      validateLibraryFiles(files(good)),
    ]);
    expect(one?.[0]?.ok === false && one[0].errors[0]?.message).toMatch(/invalid JSON/);
    expect(two?.[0]?.ok === false && two[0].errors[0]?.message).not.toMatch(/invalid JSON/);
    expect(FakeWorker.instances).toHaveLength(1);
  });

  it('fails the pending call when the worker dies, and starts a new one next time', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    const { validateLibraryFiles } = await import('./library-validation-client');
    const call = validateLibraryFiles([{ file: 'a.json', text: good }]);
    const dead = FakeWorker.instances[0]!;
    dead.onmessage = null; // its reply never arrives
    dead.onerror?.({ message: 'out of memory' } as ErrorEvent);
    await expect(call).rejects.toThrow('out of memory');
    expect(dead.terminated).toBe(true);
    await validateLibraryFiles([{ file: 'a.json', text: good }]);
    expect(FakeWorker.instances).toHaveLength(2);
  });
});

describe('library store', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.resetModules();
  });

  it('lists valid, invalid and unreadable files in the host order', async () => {
    vi.stubGlobal('Worker', undefined);
    const valid = parseScenarioText(good, 'x.json'); // not a full scenario: invalid, with errors
    expect(valid.ok).toBe(false);
    const files: ScenarioFile[] = [
      { source: 'user', file: 'broken.json', text: '{', modifiedMs: 0 },
      { source: 'user', file: 'gone.json', readError: 'permission denied', modifiedMs: 0 },
      { source: 'user', file: 'partial.json', text: good, modifiedMs: 0 },
    ];
    vi.stubGlobal('window', {
      outageLab: { listScenarios: async () => files, scenariosStamp: async () => 's1' },
    });
    const { useLibraryStore } = await import('./library-store');
    await useLibraryStore.getState().load();
    const { entries, status, stamp } = useLibraryStore.getState();
    expect(status).toBe('ready');
    expect(stamp).toBe('s1');
    expect(entries.map((e) => [e.file, e.errors[0]?.message.slice(0, 25)])).toEqual([
      ['broken.json', 'broken.json: invalid JSON'],
      ['gone.json', 'permission denied'],
      ['partial.json', expect.any(String)],
    ]);
  });

  it('a slow load that finishes after a newer one does not overwrite it', async () => {
    vi.stubGlobal('Worker', undefined);
    const answers: ((files: ScenarioFile[]) => void)[] = [];
    vi.stubGlobal('window', {
      outageLab: {
        listScenarios: () => new Promise<ScenarioFile[]>((resolve) => answers.push(resolve)),
        scenariosStamp: async () => 's',
      },
    });
    const { useLibraryStore } = await import('./library-store');
    const older = useLibraryStore.getState().load();
    const newer = useLibraryStore.getState().load();
    const file = (name: string): ScenarioFile => ({ source: 'user', file: name, text: '{', modifiedMs: 0 });
    answers[1]!([file('new.json')]);
    await newer;
    answers[0]!([file('old.json')]);
    await older;
    expect(useLibraryStore.getState().entries.map((e) => e.file)).toEqual(['new.json']);
  });
});

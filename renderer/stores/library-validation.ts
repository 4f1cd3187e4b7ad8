/**
 * Validation of the library's files, cached by content: a file whose text (and name, which JSON
 * syntax errors quote) is unchanged since the last pass is not validated again, so the library's
 * reload on every folder change costs only the files that changed. Pure; runs in the library
 * validation worker, or on the UI thread where no Worker exists.
 */
import { fnv1a64 } from '../../simulator/runs/hash';
import { validateLibraryText, type LibraryValidation } from './library-drill-check';

export interface FileToValidate {
  readonly file: string;
  readonly text: string;
}

export type Validate = (text: string, file: string) => LibraryValidation;

export class ValidationCache {
  private results = new Map<string, LibraryValidation>();

  constructor(private readonly validate: Validate = validateLibraryText) {}

  /** Results in the order of `files`. Keeps only these files' results, so the cache never outgrows the folder. */
  validateAll(files: readonly FileToValidate[]): LibraryValidation[] {
    const next = new Map<string, LibraryValidation>();
    const out = files.map(({ file, text }) => {
      const key = `${fnv1a64(text)}:${file}`;
      const result = next.get(key) ?? this.results.get(key) ?? this.validate(text, file);
      next.set(key, result);
      return result;
    });
    this.results = next;
    return out;
  }
}

export interface ValidationRequest {
  readonly id: number;
  readonly files: readonly FileToValidate[];
}
export type ValidationReply =
  | { readonly id: number; readonly ok: true; readonly results: LibraryValidation[] }
  | { readonly id: number; readonly ok: false; readonly error: string };

/** One worker message: the results, or why there are none (the validator never throws by design). */
export function answer(cache: ValidationCache, { id, files }: ValidationRequest): ValidationReply {
  try {
    return { id, ok: true, results: cache.validateAll(files) };
  } catch (error) {
    return { id, ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

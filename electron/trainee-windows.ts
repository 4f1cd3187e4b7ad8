/**
 * Instructor mode's trainee windows: one per run (asking again focuses it) and at most
 * MAX_TRAINEE_WINDOWS at once, so a stuck button or a hostile page cannot open windows unbounded.
 */
import { StorageError } from '../host/api';

export const MAX_TRAINEE_WINDOWS = 8;

export interface TraineeWindow {
  isDestroyed(): boolean;
  focus(): void;
  on(event: 'closed', listener: () => void): unknown;
}

export class TraineeWindows<W extends TraineeWindow> {
  private readonly open = new Map<string, W>();

  constructor(private readonly create: (runId: string) => W) {}

  show(runId: string): void {
    const existing = this.open.get(runId);
    if (existing && !existing.isDestroyed()) return existing.focus();
    for (const [id, window] of this.open) if (window.isDestroyed()) this.open.delete(id);
    if (this.open.size >= MAX_TRAINEE_WINDOWS) {
      throw new StorageError(
        `At most ${MAX_TRAINEE_WINDOWS} trainee windows can be open at once; close one to open another.`,
        'bad-argument',
      );
    }
    const window = this.create(runId);
    this.open.set(runId, window);
    window.on('closed', () => {
      if (this.open.get(runId) === window) this.open.delete(runId);
    });
  }

  get size(): number {
    return this.open.size;
  }
}

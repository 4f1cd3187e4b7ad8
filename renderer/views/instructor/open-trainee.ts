/** Opens the trainee's view of the current instructor run (second window or browser tab). */
import { hostApi } from '../../platform/web-api';

export async function openTraineeView(runId: string): Promise<string | undefined> {
  try {
    await hostApi().openTraineeWindow(runId);
    return undefined;
  } catch (error) {
    return `Could not open the trainee view: ${(error as Error).message}`;
  }
}

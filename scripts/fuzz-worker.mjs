// The watchdog's worker thread for `npm run fuzz`: loads scripts/fuzz.ts through tsx (a worker
// does not inherit tsx's loader), which sees it is not the main thread and runs its job.
import { tsImport } from 'tsx/esm/api';

await tsImport('./fuzz.ts', import.meta.url);

/** Executable entry for the CLI (bundled to dist-node/cli.mjs; run through tsx in development). */
import { main } from './main';

process.exitCode = await main(process.argv.slice(2));

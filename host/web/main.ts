/**
 * `npm run web` entry: parses --port / --data-dir / --scenarios, starts the server, prints the URL.
 */
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createStorage } from '../storage/storage';
import { API_TOKEN_HEADER } from './request-guard';
import { startWebServer } from './server';

declare const __APP_VERSION__: string;

export async function main(argv: string[], appRoot: string): Promise<number> {
  let values: { port?: string; 'data-dir'?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { port: { type: 'string' }, 'data-dir': { type: 'string' }, help: { type: 'boolean' } },
    }));
  } catch (error) {
    console.error(`${(error as Error).message}. Try --help.`);
    return 2;
  }
  if (values.help) {
    console.log('Usage: npm run web -- [--port 5178] [--data-dir ~/.outage-lab]');
    return 0;
  }
  const port = Number(values.port ?? process.env.PORT ?? 5178);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be a whole number from 0 to 65535, not "${values.port}".`);
    return 2;
  }
  const dataDir = path.resolve(values['data-dir'] ?? path.join(os.homedir(), '.outage-lab'));
  const storage = createStorage({
    host: 'web',
    version: typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : 'dev',
    builtinScenarioDir: path.join(appRoot, 'scenarios'),
    dataDir,
  });
  try {
    const server = await startWebServer({ storage, staticDir: path.join(appRoot, 'dist'), port });
    console.log(`Outage Lab is running at ${server.url}  (data: ${dataDir}; Ctrl+C to stop)`);
    // The page carries the token itself; it is printed for scripts that call the API directly.
    console.log(`API token for this launch (header ${API_TOKEN_HEADER}): ${server.token}`);
    const stop = () => void server.close().then(() => process.exit(0));
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    console.error(
      code === 'EADDRINUSE'
        ? `Port ${port} is already in use; choose another with --port.`
        : `The server could not start: ${(error as Error).message}`,
    );
    return 1;
  }
  return 0;
}

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { COMMAND_SYNTAX } from './syntax';

const doc = readFileSync(
  fileURLToPath(new URL('../../docs/authoring-scenarios.md', import.meta.url)),
  'utf8',
);

describe('docs/authoring-scenarios.md', () => {
  it.each(Object.entries(COMMAND_SYNTAX))(
    'documents the command of %s as the table says it',
    (type, syntax) => {
      // The command table's row: the action, then its usage lines (the reference's rows say other things).
      const row = doc
        .split('\n')
        .find(
          (line) =>
            line.startsWith(`| \`${type}\` `) &&
            line.includes(' | `') &&
            /(kubectl|redis-cli|psql|aws|consul) /.test(line),
        );
      expect(row, type).toBeDefined();
      for (const usage of syntax.usage) expect(row).toContain(`\`${usage}\``);
    },
  );
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { humanSize } from './df';
import { runShellCommand } from './run';
import { sh, shellRun } from './testing';

const builtin = (id: string) => readFileSync(new URL(`../../scenarios/${id}.json`, import.meta.url), 'utf8');

describe('kubectl exec ... -- df -h', () => {
  const run = shellRun(builtin('replication-slot-fills-db-disk'));

  it("prints the volume's size, use and free space as GNU df does, and 100% once it is full", () => {
    const early = sh(run.at(120), 'kubectl exec chat-db-0 -- df -h');
    const lines = early.split('\n');
    expect(lines[0]).toMatch(/^Filesystem\s+Size\s+Used\s+Avail\s+Use% Mounted on$/);
    const data = lines.find((l) => l.endsWith('/data'))!.split(/\s+/);
    expect(data.slice(0, 2)).toEqual(['/dev/nvme1n1', '2.0T']);
    expect(data[4]).toBe('100%'); // 2 GB free of 2 TB rounds up
    expect(data[3]).toMatch(/^\d(\.\d)?G$/);
    const full = sh(run.at(600), 'kubectl exec deploy/chat-db -- df -h /data');
    expect(full).toMatch(/\/dev\/nvme1n1\s+2\.0T\s+2\.0T\s+0 100% \/data/);
  });

  it('answers without -h in 1K blocks, and refuses other commands and unknown pods', () => {
    const ctx = run.at(600);
    expect(sh(ctx, 'kubectl exec chat-db-0 -- df')).toMatch(/1K-blocks/);
    expect(runShellCommand('kubectl exec chat-db-0 -- ls /data', ctx)).toMatchObject({ exitCode: 1 });
    expect(sh(ctx, 'kubectl exec nope-0 -- df -h')).toBe(
      'Error from server (NotFound): pods "nope-0" not found',
    );
    // A node without a volume shows only the container's root filesystem.
    expect(sh(ctx, 'kubectl exec deploy/web -- df -h')).not.toMatch(/\/data/);
  });

  it('humanSize rounds up like df -h', () => {
    expect(humanSize(0)).toBe('0');
    expect(humanSize(1536)).toBe('1.5K');
    expect(humanSize(88.2 * 1024 ** 3)).toBe('89G');
    expect(humanSize(2048 * 1024 ** 3)).toBe('2.0T');
    expect(humanSize(1023.5 * 1024 ** 2)).toBe('1.0G');
  });
});

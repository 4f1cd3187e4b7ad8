import { describe, expect, it } from 'vitest';
import {
  formatCpu,
  formatMemoryMb,
  formatRedisMemory,
  parseCpu,
  parseDuration,
  parseMemoryMb,
  parseRedisMemoryMb,
  rdsClass,
  rdsClassWithCores,
} from './quantities';

describe('tool units', () => {
  it('reads Kubernetes CPU and memory quantities', () => {
    expect(parseCpu('500m')).toBe(0.5);
    expect(parseCpu('2')).toBe(2);
    expect(parseCpu('1.5')).toBe(1.5);
    expect(parseCpu('2Gi')).toBeUndefined();
    expect(parseMemoryMb('512Mi')).toBe(512);
    expect(parseMemoryMb('2Gi')).toBe(2048);
    expect(parseMemoryMb('1G')).toBeCloseTo(953.674, 3);
    expect(parseMemoryMb('1048576')).toBe(1);
    expect(parseMemoryMb('100m')).toBeUndefined();
    expect(parseMemoryMb('2GB')).toBeUndefined();
    expect(formatMemoryMb(2048)).toBe('2Gi');
    expect(formatMemoryMb(340)).toBe('340Mi');
    expect(formatCpu(0.25)).toBe('250m');
    expect(formatCpu(4)).toBe('4');
  });

  it('reads Redis sizes: k = 1000 bytes, kb = 1024', () => {
    expect(parseRedisMemoryMb('1gb')).toBe(1024);
    expect(parseRedisMemoryMb('512MB')).toBe(512);
    expect(parseRedisMemoryMb('1048576')).toBe(1);
    expect(parseRedisMemoryMb('1m')).toBeCloseTo(0.9537, 4);
    expect(parseRedisMemoryMb('1.5gb')).toBeUndefined();
    expect(formatRedisMemory(2048)).toBe('2gb');
    expect(formatRedisMemory(1536)).toBe('1536mb');
  });

  it('reads durations', () => {
    expect(parseDuration('500ms')).toBe(0.5);
    expect(parseDuration('2s')).toBe(2);
    expect(parseDuration('1m')).toBe(60);
    expect(parseDuration('3')).toBe(3);
    expect(parseDuration('soon')).toBeUndefined();
  });

  it('knows the RDS classes and their default max_connections', () => {
    expect(rdsClass('db.r6g.large')).toEqual({
      name: 'db.r6g.large',
      vcpus: 2,
      memoryGiB: 16,
      maxConnections: 1802, // floor(16 GiB / 9531392)
    });
    expect(rdsClass('DB.T3.MICRO')?.maxConnections).toBe(112);
    expect(rdsClass('db.r6g.16xlarge')?.maxConnections).toBe(5000);
    expect(rdsClass('db.x9.huge')).toBeUndefined();
    expect(rdsClassWithCores(3).name).toBe('db.r6g.xlarge');
    expect(rdsClassWithCores(500).name).toBe('db.r6g.16xlarge');
  });
});

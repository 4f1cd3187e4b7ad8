import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'simulator/**/*.test.ts',
      'renderer/**/*.test.{ts,tsx}',
      'host/**/*.test.ts',
      'cli/**/*.test.ts',
      'electron/**/*.test.ts',
      'scenarios/**/*.test.ts',
      'des/**/*.test.ts',
    ],
    environment: 'node',
    // Renderer tests that need a DOM opt in with `// @vitest-environment happy-dom`.
    testTimeout: 30_000,
    // A beforeAll that plays a whole scenario (alert coverage) took 10 s on a loaded 2-core machine.
    hookTimeout: 60_000,
  },
});

import { defineConfig } from 'vitest/config';

// Integration tests start real processes on loopback ports; on a shared 2-core
// machine they need generous timeouts and must not all run at once.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: true,
    maxWorkers: 2,
    reporters: ['default'],
  },
});

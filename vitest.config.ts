import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The CLI tests run the compiled tool as a child process with worker threads; give them room on 2 cores.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});

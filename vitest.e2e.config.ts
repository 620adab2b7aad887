import { defineConfig } from 'vitest/config';

// End-to-end tests: a real VS Code (code-server) in Chromium. Slow, so apart from the unit tests; `npm test` runs both.
export default defineConfig({
    test: {
        include: ['test/e2e/**/*.e2e.test.ts'],
        testTimeout: 240_000,
        hookTimeout: 240_000,
        fileParallelism: false
    }
});

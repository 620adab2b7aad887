import { defineConfig } from 'vitest/config';
import { viteDataPlugin } from './scripts/data-plugin.mjs';

// End-to-end tests: a real VS Code (code-server) in Chromium. Slow, so apart from the unit tests; `npm test` runs both.
export default defineConfig({
    plugins: [viteDataPlugin()],
    test: {
        include: ['test/e2e/**/*.e2e.test.ts'],
        testTimeout: 240_000,
        hookTimeout: 240_000,
        fileParallelism: false
    }
});

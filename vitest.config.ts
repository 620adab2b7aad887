import { defineConfig } from 'vitest/config';

export default defineConfig({
    test: {
        include: ['test/**/*.test.ts'],
        exclude: ['test/e2e/**', 'node_modules/**'],
        setupFiles: ['language/polyfill.ts'],
        testTimeout: 60_000,
        pool: 'forks'
    }
});

import { defineConfig } from 'vitest/config';
import { viteDataPlugin } from './scripts/data-plugin.mjs';

export default defineConfig({
    // `?data` imports: the domain data files, parsed and checked against their schemas as the build does it.
    plugins: [viteDataPlugin()],
    test: {
        include: ['test/**/*.test.ts'],
        exclude: ['test/e2e/**', 'node_modules/**'],
        setupFiles: ['language/polyfill.ts'],
        testTimeout: 60_000,
        pool: 'forks'
    }
});

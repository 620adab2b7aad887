// Types of data-plugin.mjs, for the tests and vitest.config.ts.
import type { Plugin } from 'esbuild';

export const root: string;
export function dataFileLabel(path: string): string;
export function checkedData(path: string): Promise<unknown>;
export const dataPlugin: Plugin;
export function viteDataPlugin(): {
    name: string;
    enforce: 'pre';
    load(this: { addWatchFile(path: string): void }, id: string): Promise<string | null>;
};
export function checkDomainData(): Promise<void>;
export const rawPlugin: Plugin;

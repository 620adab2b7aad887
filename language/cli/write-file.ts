import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, extname } from 'node:path';
import { InputError } from './source-files.js';

/**
 * Writes an output file whole or not at all (temp file + rename), and never over a .jxmb source: that is the
 * user's text, and an output path pointing at it is a mistake worth stopping for.
 */
export async function writeOutput(path: string, content: string | Uint8Array): Promise<void> {
    if (extname(path).toLowerCase() === '.jxmb') {
        throw new InputError(path, '拒绝覆盖 .jxmb 源文件：请换一个输出路径。');
    }
    await mkdir(dirname(path), { recursive: true });
    const temp = `${path}.${process.pid}.tmp`;
    try {
        await writeFile(temp, content);
        await rename(temp, path);
    } catch (error) {
        await rm(temp, { force: true });
        throw new InputError(path, `无法写入（${(error as NodeJS.ErrnoException).code ?? String(error)}）。`);
    }
}

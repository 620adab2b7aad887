import { realpath } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { ImportError } from '../import/errors.js';
import { importTooLarge, MAX_IMPORT_BYTES } from '../import/limits.js';
import { importBytes, renderImport, summaryLine } from '../import/import.js';
import { folderMessage, writeImported } from '../import/output.js';
import { formatReportEntry } from '../import/report.js';
import { parseCommandArgs, refuseIdleOption } from './arguments.js';
import { describeFsError, readLimited } from './source-files.js';
import { isFolder, removeStaleTemps } from './write-file.js';

// `jxmb import <文件> [-o 输出.jxmb] [--force] [--year 年度]`: a table (tab-separated or PDF text, .xlsx, .docx) →
// .jxmb on stdout or in the -o file; the report (cells not placed, interpretations) on stderr.
// Exit status: 0 imported (the report says what could not be placed); 2 nothing imported, nothing written.

export const importUsage = `用法 / usage:
  jxmb import <文件> [-o 输出.jxmb] [--force] [--year 年度]   把表格导入为 .jxmb
      输入：制表符分隔的文本或 PDF 提取文本（UTF-8、UTF-16、GBK/GB18030 自动识别）、.xlsx、.docx
      -o       写入 .jxmb 文件（默认输出到终端）；已存在的文件不覆盖，除非加 --force
      --year   写入的年度（表上已有年度时也以 --year 为准，并在报告中说明）
      导入报告（未能放入的单元格及其位置、原文）输出到标准错误`;

export async function runImportCommand(args: string[], io: { out(t: string): void; err(t: string): void }): Promise<number> {
    const parsed = parseCommandArgs(args, {
        output: { type: 'string', short: 'o' }, force: { type: 'boolean', default: false }, year: { type: 'string' }, help: { type: 'boolean', short: 'h' }
    }, importUsage, io);
    if (!parsed) return 2;
    const { values, positionals } = parsed;
    if (values.help) {
        io.out(importUsage + '\n');
        return 0;
    }
    if (positionals.length === 0) {
        io.err(`请给出一个要导入的文件。\n${importUsage}\n`);
        return 2;
    }
    if (positionals.length > 1) {
        // One table gives one .jxmb: several inputs would need several -o, which one command line cannot pair up.
        io.err(`一次只能导入一个文件，这里给出了 ${positionals.length} 个：${positionals.map(p => `「${p}」`).join('、')}。请逐个导入。未写入任何文件。\n`);
        return 2;
    }
    if (values.force && values.output === undefined) {
        return refuseIdleOption('--force 只用于 -o（覆盖已存在的输出文件）；没有 -o 时输出到终端。', io);
    }
    const [input] = positionals as [string];
    const year = values.year === undefined ? undefined : Number(values.year);
    if (year !== undefined && !(Number.isInteger(year) && year >= 1900 && year <= 2200)) {
        io.err(`--year 须为 1900–2200 之间的年份，而不是「${values.year}」。\n`);
        return 2;
    }
    if (values.output !== undefined && await isFolder(values.output)) {
        io.err(`${folderMessage(values.output)}未写入任何文件。\n`);
        return 2;
    }
    if (values.output !== undefined && extname(values.output).toLowerCase() !== '.jxmb') {
        // Import writes .jxmb text: under another name (表.xlsx) it would pass for a file of that kind, or replace one.
        io.err(`${values.output}: 导入的结果是 .jxmb 文本，输出文件的扩展名须为 .jxmb。未写入任何文件。\n`);
        return 2;
    }
    try {
        if (values.output !== undefined && await samePath(input, values.output)) {
            throw new ImportError('输出文件就是输入文件：请换一个输出路径。');
        }
        const bytes = await readTableBytes(input);
        const result = await importBytes(bytes, { extension: extname(input), ...(year === undefined ? {} : { year }) });
        const text = renderImport(result, input);
        if (values.output === undefined) io.out(text);
        else {
            await writeImported(values.output, text, values.force ?? false);
            await removeStaleTemps(values.output);
        }
        for (const entry of result.report) io.err(formatReportEntry(input, entry) + '\n');
        io.err(summaryLine(result) + (values.output === undefined ? '' : `已写入 ${values.output}。`) + '\n');
        return 0;
    } catch (error) {
        if (error instanceof ImportError) {
            io.err(`${input}: ${error.message}未写入任何文件。\n`);
            return 2;
        }
        throw error;
    }
}

/** A table's bytes, its size checked before reading: a wrong file of gigabytes is refused without being read. */
export async function readTableBytes(file: string): Promise<Buffer> {
    try {
        return await readLimited(file, MAX_IMPORT_BYTES, importTooLarge);
    } catch (error) {
        if (error instanceof ImportError) throw error;
        throw new ImportError(describeFsError(error));
    }
}

async function samePath(a: string, b: string): Promise<boolean> {
    const real = async (p: string) => realpath(p).catch(() => resolve(p));
    return (await real(a)) === (await real(b));
}

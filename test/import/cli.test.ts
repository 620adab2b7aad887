import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { runImportCommand } from '../../language/cli/import.js';
import { renderXlsx } from '../../language/compile/xlsx.js';
import { readSample, seedOf } from '../helpers/samples.js';
import { compiled, docx, modelDifferences, unzip, zip } from './helpers.js';

// `jxmb import` as the CLI runs it: output to stdout or -o (never over an existing file without --force, written
// whole or not at all), the report on stderr, and garbage refused with exit status 2 and nothing written.

let dir: string;
beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'jxmb-import-')); });
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
    let out = '';
    let err = '';
    const code = await runImportCommand(args, { out: t => { out += t; }, err: t => { err += t; } });
    return { code, out, err };
}

const seed001 = seedOf('001-zhanjiang-kexie.jxmb')!;

describe('output', () => {
    test('to stdout: a header naming the source, then the .jxmb; the report on stderr', async () => {
        const { code, out, err } = await run(seed001);
        expect(code).toBe(0);
        expect(out.split('\n')[0]).toBe(`// 导入自：${seed001}（制表符分隔文本，UTF-8），由 jxmb import 生成。`);
        expect(out).toContain('// 有 1 个单元格未能放入模型');
        expect(modelDifferences(await compiled(out), await compiled(readSample('001-zhanjiang-kexie.jxmb')))).toEqual([]);
        expect(err).toContain(`${seed001}:第25行第3列: 未放入「科普影响力」`);
        expect(err).toMatch(/导入完成：部门整体 1 份，项目支出 0 份；未能放入的单元格 1 个。/);
    });

    test('-o writes the file, and leaves no temporary file behind', async () => {
        const target = join(dir, 'out.jxmb');
        const { code, out } = await run(seed001, '-o', target);
        expect(code).toBe(0);
        expect(out).toBe('');
        expect(readFileSync(target, 'utf8')).toMatch(/^\/\/ 导入自：/);
        expect(readdirSync(dir)).toEqual(['out.jxmb']);
    });

    test('an existing file is not overwritten without --force', async () => {
        const target = join(dir, 'out.jxmb');
        writeFileSync(target, 'mine');
        const refused = await run(seed001, '-o', target);
        expect(refused.code).toBe(2);
        expect(refused.err).toMatch(/已存在.*--force/);
        expect(readFileSync(target, 'utf8')).toBe('mine');
        const forced = await run(seed001, '-o', target, '--force');
        expect(forced.code).toBe(0);
        expect(readFileSync(target, 'utf8')).toMatch(/^\/\/ 导入自：/);
        expect(readdirSync(dir)).toEqual(['out.jxmb']);
    });

    test('the input file is never the output, not even through a link', async () => {
        const input = join(dir, 'in.txt');
        writeFileSync(input, readFileSync(seed001));
        symlinkSync(input, join(dir, 'link.jxmb'));
        const { code, err } = await run(input, '-o', join(dir, 'link.jxmb'), '--force');
        expect(code).toBe(2);
        expect(err).toMatch(/输出文件就是输入文件/);
        expect(readFileSync(input)).toEqual(readFileSync(seed001));
    });

    test('-o must name a .jxmb: the text is never written under a workbook\'s name, nor over a workbook', async () => {
        const workbook = join(dir, 'real.xlsx');
        writeFileSync(workbook, 'PK-a-real-workbook');
        for (const target of [workbook, join(dir, 'new.xlsx'), join(dir, 'out.txt'), join(dir, 'out')]) {
            const { code, out, err } = await run(seed001, '-o', target, '--force');
            expect(code, target).toBe(2);
            expect(out).toBe('');
            expect(err).toBe(`${target}: 导入的结果是 .jxmb 文本，输出文件的扩展名须为 .jxmb。未写入任何文件。\n`);
        }
        expect(readdirSync(dir)).toEqual(['real.xlsx']);
        expect(readFileSync(workbook, 'utf8')).toBe('PK-a-real-workbook');
    });

    test('a .jxmb is refused as input: it is already a declaration, and reading it as a table mangles it', async () => {
        const source = join(dir, 'decl.jxmb');
        writeFileSync(source, readSample('001-zhanjiang-kexie.jxmb'));
        const { code, out, err } = await run(source, '-o', join(dir, 'out.jxmb'));
        expect(code).toBe(2);
        expect(out).toBe('');
        expect(err).toBe(`${source}: 这已是 .jxmb 文件，不必导入：请直接用 jxmb check 检查，或用 jxmb compile 编译为表格。未写入任何文件。\n`);
        expect(readdirSync(dir)).toEqual(['decl.jxmb']);
    });

    test('a workbook named .jxmb (which check says to import) is imported, not refused by its name', async () => {
        const source = join(dir, '表.jxmb');
        writeFileSync(source, await renderXlsx(await compiled(readSample('001-zhanjiang-kexie.jxmb'))));
        const target = join(dir, 'out.jxmb');
        const { code, err } = await run(source, '-o', target);
        expect(code, err).toBe(0);
        expect(readFileSync(target, 'utf8').split('\n')[0]).toBe(`// 导入自：${source}（Excel 工作簿），由 jxmb import 生成。`);
        expect(modelDifferences(await compiled(readFileSync(target, 'utf8')), await compiled(readSample('001-zhanjiang-kexie.jxmb')))).toEqual([]);
    });

    test.each(['decl.xlsx', 'decl.txt', 'decl'])('a .jxmb under another name (%s) is refused the same way, not read as PDF text', async name => {
        const source = join(dir, name);
        writeFileSync(source, readSample('001-zhanjiang-kexie.jxmb'));
        const { code, out, err } = await run(source, '-o', join(dir, 'out.jxmb'));
        expect(code).toBe(2);
        expect(out).toBe('');
        expect(err).toBe(`${source}: 文件内容已是 .jxmb 申报表文本，不是表格，不必导入：请把它改名为 .jxmb，直接用 jxmb check 检查，或用 jxmb compile 编译为表格。未写入任何文件。\n`);
        expect(readdirSync(dir)).toEqual([name]);
    });

    test('--year writes the year and notes a contradiction with the table', async () => {
        const seed002 = seedOf('002-guangzhou-kexie-projects.jxmb')!;
        expect((await run(seed002, '--year', '2024')).out).toMatch(/^项目支出 "广州市科学技术协会（本级）" 年度 2024 \{/m);
        const contradicted = await run(seed001, '--year', '2025');
        expect(contradicted.out).toMatch(/年度 2025 \{/);
        expect(contradicted.err).toMatch(/表上的年度是 2024，按命令行 --year 写作 2025/);
        expect((await run(seed001, '--year', 'abc')).code).toBe(2);
    });

    test('usage errors: no file, two files', async () => {
        expect((await run()).code).toBe(2);
        expect((await run(seed001, seed001)).code).toBe(2);
        expect((await run('--help')).out).toMatch(/jxmb import <文件>/);
    });
});

describe('garbage in: a clear message, exit status 2, nothing written', () => {
    // [what, file name, bytes, message]
    const cases: Array<[string, string, () => Promise<Buffer> | Buffer, RegExp]> = [
        ['a binary file', 'input.bin', () => Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 3, 0, 0, 0xff, 0xfe, 0x10]), /二进制文件/],
        ['an empty file', 'input.txt', () => Buffer.alloc(0), /文件是空的/],
        ['a file of blank lines', 'input.txt', () => Buffer.from('\n\n  \t\n'), /文件是空的/],
        ['bytes in no known encoding', 'input.txt', () => Buffer.from([0xff, 0xff, 0xc0, 0x80, 0xff, 0x41, 0xfe, 0xfe, 0xff]), /编码|二进制/],
        ['a table of another kind', 'input.txt', () => Buffer.from('姓名\t年龄\t部门\n张三\t30\t办公室\n李四\t41\t财务科\n'), /没有找到部门整体预算绩效目标申报表或项目支出绩效目标表/],
        ['prose without a table', 'input.txt', () => Buffer.from('这是一封信。\n没有表格。\n'), /没有找到表格/],
        ['a truncated workbook', 'input.xlsx', async () => (await renderXlsx(await compiled(readSample('000-nansha-kexie.jxmb')))).subarray(0, 3000), /\.xlsx.*损坏或不完整/],
        ['a truncated document', 'input.docx', () => docx(['标题'], [[{ text: '部门名称' }, { text: '某单位' }]]).subarray(0, 300), /损坏或不完整|zip/],
        ['a workbook of another kind', 'input.xlsx', async () => {
            const { default: ExcelJS } = await import('exceljs');
            const book = new ExcelJS.Workbook();
            book.addWorksheet('名单').addRows([['姓名', '电话'], ['张三', '123']]);
            return Buffer.from(await book.xlsx.writeBuffer());
        }, /没有找到部门整体预算绩效目标申报表或项目支出绩效目标表/],
        ['a blank workbook', 'input.xlsx', async () => {
            const { default: ExcelJS } = await import('exceljs');
            const book = new ExcelJS.Workbook();
            book.addWorksheet('Sheet1');
            book.addWorksheet('封面').getCell('B2').numFmt = '0.00'; // formatted, but holding nothing
            return Buffer.from(await book.xlsx.writeBuffer());
        }, /^\S+input\.xlsx: 工作簿是空的：工作表「Sheet1」「封面」中都没有任何内容。请确认选对了文件。未写入任何文件。\n$/],
        ['a blank Word document', 'input.docx', () => {
            const parts = unzip(docx(['标题'], [[{ text: '部门名称' }]]));
            parts['word/document.xml'] = Buffer.from('<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p/><w:tbl><w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl><w:sectPr/></w:body></w:document>');
            return zip(parts);
        }, /^\S+input\.docx: Word 文档是空的：其中没有任何文字。请确认选对了文件。未写入任何文件。\n$/],
        ['a zip that is no Office file', 'input.zip', () => zip({ 'readme.txt': 'hello' }), /zip/],
        ['a plain zip renamed to .xlsx', 'input.xlsx', () => zip({ 'readme.txt': 'hello' }), /input\.xlsx: 文件不是 Excel 工作簿/],
        ['an old .xls file', 'input.xls', () => Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), /旧版 Office/],
        ['a PDF', 'input.pdf', () => Buffer.from('%PDF-1.7\n%\xe2\xe3\n1 0 obj\n'), /PDF/]
    ];

    test.each(cases)('%s', async (_, name, make, message) => {
        const input = join(dir, name);
        writeFileSync(input, await make());
        const target = join(dir, 'out.jxmb');
        const { code, out, err } = await run(input, '-o', target);
        expect(code).toBe(2);
        expect(out).toBe('');
        expect(err).toMatch(message);
        expect(err).toMatch(/未写入任何文件。\n$/);
        expect(readdirSync(dir)).toEqual([name]);
    });

    test('a missing file', async () => {
        const { code, err } = await run(join(dir, 'nope.txt'));
        expect(code).toBe(2);
        expect(err).toMatch(/不存在/);
    });
});

describe('messages name the path and say what is wrong, never a system code or a library\'s words', () => {
    test('-o into a folder that does not exist', async () => {
        const target = join(dir, 'nodir', 'x.jxmb');
        const { code, err } = await run(seed001, '-o', target);
        expect(code).toBe(2);
        expect(err).toBe(`${seed001}: 无法写入 ${target}：文件夹「${join(dir, 'nodir')}」不存在，请先建立它或换一个输出路径。未写入任何文件。\n`);
        expect(readdirSync(dir)).toEqual([]);
    });

    test('-o under a file that stands where a folder should be', async () => {
        writeFileSync(join(dir, 'f'), 'mine');
        const target = join(dir, 'f', 'x.jxmb');
        const { code, err } = await run(seed001, '-o', target);
        expect(code).toBe(2);
        expect(err).toBe(`${seed001}: 无法写入 ${target}：路径中的「${join(dir, 'f')}」是文件，不是文件夹。未写入任何文件。\n`);
        expect(readFileSync(join(dir, 'f'), 'utf8')).toBe('mine');
    });

    test('-o naming a folder, with or without --force, with or without .jxmb in its name', async () => {
        for (const name of ['d', 'd.jxmb']) {
            const folder = join(dir, name);
            mkdirSync(folder);
            for (const force of [[], ['--force']]) {
                const { code, err } = await run(seed001, '-o', folder, ...force);
                expect(code).toBe(2);
                expect(err).toBe(`${folder} 是文件夹，不是文件：-o 须给出要写入的 .jxmb 文件，例如「${join(folder, '导入.jxmb')}」。未写入任何文件。\n`);
                expect(readdirSync(folder)).toEqual([]);
            }
        }
    });

    test('two input files: one at a time, both named', async () => {
        const seed002 = seedOf('002-guangzhou-kexie-projects.jxmb')!;
        const { code, out, err } = await run(seed001, seed002);
        expect(code).toBe(2);
        expect(out).toBe('');
        expect(err).toBe(`一次只能导入一个文件，这里给出了 2 个：「${seed001}」、「${seed002}」。请逐个导入。未写入任何文件。\n`);
    });

    test('a workbook whose sheet is cut off mid-element: damaged, in Chinese only', async () => {
        const parts = unzip(await renderXlsx(await compiled(readSample('000-nansha-kexie.jxmb'))));
        const sheet = parts['xl/worksheets/sheet1.xml']!.toString('utf8');
        const input = join(dir, '损坏.xlsx');
        writeFileSync(input, zip({ ...parts, 'xl/worksheets/sheet1.xml': sheet.slice(0, sheet.indexOf('</sheetData>') - 20) }));
        const { code, err } = await run(input);
        expect(code).toBe(2);
        expect(err).toBe(`${input}: 无法读取 .xlsx 工作簿：文件已损坏或不完整，或其内部结构无法解析。请在 Excel 中打开，另存为 .xlsx 后再导入。未写入任何文件。\n`);
    });
});

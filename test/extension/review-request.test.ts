import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CancellationTokenSource, ResponseError, WorkDoneProgress, type WorkDoneProgressReport } from 'vscode-languageserver-protocol/node';
import { renderXlsx } from '../../language/compile/xlsx.js';
import { ReviewRequest, type ReviewParams, type ReviewResponse } from '../../language/lsp/protocol-request.js';
import type { ReviewReport } from '../../language/review/report.js';
import { LspSession } from '../helpers/lsp-client.js';
import { runJxmb } from '../helpers/run-cli.js';
import { readSample, samplesDir } from '../helpers/samples.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { compiled } from '../import/helpers.js';

// 生成审核报告 (jxmb/review), spoken to the real server over stdio as the extension does (npm run build first): a folder
// as a reviewer receives it — a .jxmb, a workbook compiled from a sample, a damaged workbook — reviewed by the server
// into the same report `jxmb check . --report` writes in that folder; an existing report kept unless the user agreed;
// a cancelled review writes nothing.

const temp = useTempDir('jxmb-review-request-');
let inputs: string;
let session: LspSession;

const request = (params: ReviewParams, token?: CancellationTokenSource['token']) =>
    (token ? session.connection.sendRequest(ReviewRequest, params, token) : session.connection.sendRequest(ReviewRequest, params)) as Promise<ReviewResponse>;
/** The page less its one line that differs between two runs. */
const withoutTime = (html: string) => html.replace(/生成时间（UTC）：[^；]*；/, '');
const listing = (folder: string) => readdirSync(folder, { recursive: true }).map(String).sort();

beforeAll(async () => {
    inputs = temp.at('收件');
    mkdirSync(join(inputs, '二级单位'), { recursive: true });
    copyFileSync(join(samplesDir, '000-nansha-kexie.jxmb'), join(inputs, '南沙.jxmb'));
    writeFileSync(join(inputs, '二级单位', '白云.xlsx'), await renderXlsx(await compiled(readSample('003-baiyun-kexie.jxmb'))));
    // A workbook cut off in transfer: a zip header and nothing after it.
    writeFileSync(join(inputs, '损坏.xlsx'), Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(40, 7)]));
    session = await LspSession.start();
}, 120_000);
afterAll(async () => { await session?.stop(); });

describe('jxmb/review', () => {
    test('writes the report `jxmb check . --report` writes for the folder, with progress file by file', async () => {
        const progress: WorkDoneProgressReport[] = [];
        session.connection.onProgress(WorkDoneProgress.type, 'review-1', value => { if (value.kind === 'report') progress.push(value); });
        const before = listing(inputs);
        const report = join(inputs, '审核报告.html');
        const json = temp.at('编辑器.json');
        const response = await request({ folder: inputs, report, workDoneToken: 'review-1' });
        expect(response).toEqual({ ok: true, totals: { files: 3, checked: 2, failed: 1, errors: expect.any(Number), warnings: expect.any(Number), infos: expect.any(Number) } });
        expect(await request({ folder: inputs, report: json })).toMatchObject({ ok: true });

        const cli = runJxmb(['check', '.', '--report', temp.at('命令行.html')], inputs);
        expect(cli.code, cli.stderr).toBe(2); // a file could not be checked
        runJxmb(['check', '.', '--report', temp.at('命令行.json')], inputs);
        expect(withoutTime(readFileSync(report, 'utf8'))).toBe(withoutTime(readFileSync(temp.at('命令行.html'), 'utf8')));
        const fromEditor = JSON.parse(readFileSync(json, 'utf8')) as ReviewReport;
        const fromCli = JSON.parse(readFileSync(temp.at('命令行.json'), 'utf8')) as ReviewReport;
        expect({ ...fromEditor, generatedAt: '' }).toEqual({ ...fromCli, generatedAt: '' });
        // Names as the reviewer sees them in the folder; the damaged file first, with its reason; findings placed in cells.
        expect(fromEditor.files.map(f => f.file).sort()).toEqual(['二级单位/白云.xlsx', '南沙.jxmb', '损坏.xlsx'].sort());
        expect(fromEditor.files[0]).toMatchObject({ file: '损坏.xlsx', status: 'failed', reason: expect.stringMatching(/\S/) });
        expect(fromEditor.files.find(f => f.file === '二级单位/白云.xlsx')!.findings.some(f => /!/.test(f.place.text))).toBe(true);
        expect(response.ok && response.totals.errors + response.totals.warnings).toBeGreaterThan(0);

        expect(progress.map(p => p.message?.replace(/：.*/, ''))).toEqual(['已检查 1/3', '已检查 2/3', '已检查 3/3']);
        expect(progress.at(-1)!.percentage).toBe(100);
        // The review publishes nothing in the editor, and writes nothing beside the tables but the report.
        expect(session.published.map(p => p.uri).filter(uri => uri.includes('jxmb-review-request-'))).toEqual([]);
        expect(listing(inputs)).toEqual([...before, '审核报告.html'].sort());
    }, 120_000);

    test('an existing report is kept unless the user agreed to replace it', async () => {
        const report = temp.file('旧报告.html', '上周的报告');
        const refused = await request({ folder: inputs, report });
        expect(refused.ok).toBe(false);
        expect(!refused.ok && refused.message).toMatch(/^.*旧报告\.html：输出文件已存在：未覆盖/);
        expect(readFileSync(report, 'utf8')).toBe('上周的报告');

        expect(await request({ folder: inputs, report, overwrite: true })).toMatchObject({ ok: true });
        expect(readFileSync(report, 'utf8')).toContain('<h1>绩效目标审核报告</h1>');
    }, 120_000);

    test('a cancelled review writes nothing', async () => {
        const report = temp.at('取消.html');
        // Forty files, so that the review is still going when the cancel arrives, however loaded the machine.
        const many = temp.at('四十份');
        mkdirSync(many);
        for (let i = 1; i <= 40; i++) copyFileSync(join(samplesDir, '002-guangzhou-kexie-projects.jxmb'), join(many, `${i}.jxmb`));
        const source = new CancellationTokenSource();
        // Cancelled when the first file is done, as the user clicks 取消 in the middle.
        session.connection.onProgress(WorkDoneProgress.type, 'review-cancel', value => { if (value.kind === 'report') source.cancel(); });
        const outcome = await request({ folder: many, report, workDoneToken: 'review-cancel' }, source.token).then(r => r, (e: unknown) => e);
        expect(outcome).toBeInstanceOf(ResponseError);
        expect((outcome as ResponseError<unknown>).code).toBe(-32800);
        expect(readdirSync(temp.at()).filter(name => name.startsWith('取消'))).toEqual([]);
    }, 120_000);

    test('a named pipe among the files: counted as a file that could not be read, with the reason, and never opened', async () => {
        const folder = temp.at('有管道');
        mkdirSync(folder);
        copyFileSync(join(samplesDir, '000-nansha-kexie.jxmb'), join(folder, '南沙.jxmb'));
        execFileSync('mkfifo', [join(folder, '管道.jxmb')]);
        const response = await request({ folder, report: temp.at('有管道.json') });
        expect(response).toMatchObject({ ok: true, totals: { files: 2, checked: 1, failed: 1 } });
        const report = JSON.parse(readFileSync(temp.at('有管道.json'), 'utf8')) as ReviewReport;
        expect(report.files[0]).toMatchObject({ file: '管道.jxmb', status: 'failed', reason: '不是普通文件（命名管道），未读取。' });
    }, 120_000);

    test('no folder, nothing to review, a report that cannot be written: no report, and the reason with the path', async () => {
        const missing = temp.at('没有这个文件夹');
        const none = await request({ folder: missing, report: temp.at('a.html') });
        expect(none).toEqual({ ok: false, message: `${missing}：不是文件夹或不存在，无法审核。` });

        const empty = temp.at('空文件夹');
        mkdirSync(empty);
        writeFileSync(join(empty, '说明.md'), '不是申报表');
        const nothing = await request({ folder: empty, report: join(empty, '审核报告.html') });
        expect(nothing).toEqual({ ok: false, message: `${empty}：文件夹中没有 .jxmb/.xlsx/.docx/.txt/.tsv 文件。` });
        expect(existsSync(join(empty, '审核报告.html'))).toBe(false);

        const blocker = temp.file('是文件', 'x');
        const unwritable = await request({ folder: inputs, report: join(blocker, '审核报告.html') });
        expect(unwritable).toEqual({ ok: false, message: `${join(blocker, '审核报告.html')}：无法写入：路径中的「${blocker}」是文件，不是文件夹。` });
    }, 120_000);

    test('a NUL character in the report\'s path or the folder\'s: said before the review, the NUL shown as ␀', async () => {
        const report = await request({ folder: inputs, report: temp.at('审核\u0000报告.html') });
        expect(report).toEqual({ ok: false, message: `${temp.at('审核␀报告.html')}：路径中含有空字符（NUL，这里显示为 ␀），不是有效的文件路径：请换一个输出路径。` });
        const folder = await request({ folder: `${inputs}\u0000`, report: temp.at('审核报告-nul.html') });
        expect(folder).toEqual({ ok: false, message: `${inputs}␀：路径中含有空字符（NUL，这里显示为 ␀），不是有效的文件夹路径。` });
        expect(existsSync(temp.at('审核报告-nul.html'))).toBe(false);
    }, 60_000);
});

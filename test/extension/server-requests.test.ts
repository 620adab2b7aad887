import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { DeclarationFile } from '../../language/compile/model.js';
import type { Proposal } from '../../language/draft/proposal.js';
import {
    CompileRequest, DraftEditRequest, DraftRequest, DraftTargetRequest, DraftTargetsRequest, ImportRequest,
    type CompileResponse, type DraftEditResponse, type DraftResponse, type DraftTargetResponse, type DraftTargetsResponse, type ImportResponse
} from '../../language/lsp/protocol-request.js';
import { draftWithLlm } from '../../language/draft/llm.js';
import { LEFT_OUT_REASON } from '../../language/draft/left-out.js';
import { answer, startFakeOpenAI } from '../draft/fake-openai.js';
import { LspSession } from '../helpers/lsp-client.js';
import { readSample, seedOf } from '../helpers/samples.js';

// The requests behind the extension's commands, spoken to the real server over stdio as the client does
// (npm run build first): 导出 and 表格预览 (jxmb/compile), 从表格导入 (jxmb/import), 起草绩效指标 (jxmb/draft…).

const dir = 'file:///tmp/jxmb-extension-requests';

const department = `部门整体 "测试单位" 年度 2024 {
    任务 "科普活动" {
        主要实施内容 "组织科普讲座不少于12场次，发放科普资料不少于3000份。"
        期望目标 "受益群众不少于5000人次。"
    }
    绩效指标 {
        产出指标 {
            数量指标 {
                "举办培训班期数"：≥4期
            }
        }
    }
}
`;

describe('extension requests', () => {
    let session: LspSession;
    beforeAll(async () => { session = await LspSession.start(); });
    afterAll(async () => { await session?.stop(); });

    const request = <R>(method: string, params: unknown) => session.connection.sendRequest(method, params) as Promise<R>;

    test('jxmb/compile compiles the text just opened, to each target', async () => {
        const uri = `${dir}/tutorial.jxmb`;
        // No waiting for diagnostics: the request must see the didOpen sent before it.
        await session.open(uri, readSample('tutorial.jxmb'));
        const json = await request<CompileResponse>(CompileRequest, { uri, target: 'json' });
        expect(json.ok).toBe(true);
        const model = JSON.parse((json as { content: string }).content) as DeclarationFile;
        expect(model.declarations.map(d => d.kind)).toEqual(['department', 'project']);

        const xlsx = await request<CompileResponse>(CompileRequest, { uri, target: 'xlsx' });
        expect(xlsx).toMatchObject({ ok: true, encoding: 'base64' });
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.load(Buffer.from((xlsx as { content: string }).content, 'base64') as unknown as ArrayBuffer);
        const cells = workbook.worksheets.flatMap(sheet => sheet.getSheetValues().flat().map(String));
        expect(cells).toContain('组织科普志愿活动场次');

        const html = await request<CompileResponse>(CompileRequest, { uri, target: 'html' });
        expect(html).toMatchObject({ ok: true, encoding: 'utf8' });
        expect((html as { content: string }).content).toContain('示例区科学技术协会');

        const flat = await request<CompileResponse>(CompileRequest, { uri, target: 'flat' });
        expect((flat as { content: string }).content).toContain('1、1-产出指标；11-数量指标；开展科普活动场次');
    });

    test('jxmb/compile follows unsaved edits and refuses a text that does not parse, saying where', async () => {
        const uri = `${dir}/edited.jxmb`;
        await session.open(uri, department, 1);
        await session.replace(uri, department.replace('测试单位', '改过的单位'), 2);
        const json = await request<CompileResponse>(CompileRequest, { uri, target: 'json' });
        expect((json as { content: string }).content).toContain('改过的单位');

        await session.replace(uri, department.replace('：≥4期', '：：'), 3);
        const broken = await request<CompileResponse>(CompileRequest, { uri, target: 'xlsx' });
        expect(broken.ok).toBe(false);
        expect((broken as { message: string }).message).toMatch(/^无法导出，请先改正：第 9 行第 \d+ 列，语法错误/);

        const unknown = await request<CompileResponse>(CompileRequest, { uri: `${dir}/never-opened.jxmb`, target: 'json' });
        expect(unknown).toMatchObject({ ok: false, message: expect.stringContaining('打开') });
        const target = await request<CompileResponse>(CompileRequest, { uri, target: 'pdf' });
        expect(target).toMatchObject({ ok: false, message: expect.stringContaining('pdf') });
    });

    test('jxmb/compile refuses what the official formats cannot hold, at its place, as jxmb compile does', async () => {
        const uri = `${dir}/year.jxmb`;
        await session.open(uri, department.replace(/年度 \d{4}/, '年度 1800'), 1);
        const refused = await request<CompileResponse>(CompileRequest, { uri, target: 'xlsx' });
        expect(refused).toMatchObject({ ok: false, message: expect.stringMatching(/^无法导出，请先改正：第 1 行第 \d+ 列，年度「1800」不是 1900–2200 之间的年份/) });
    });

    test('jxmb/import turns a seed table into .jxmb text and reports what it could not place', async () => {
        const seed = seedOf('002-guangzhou-kexie-projects.jxmb')!;
        const response = await request<ImportResponse>(ImportRequest, { fileName: '002.txt', base64: readFileSync(seed).toString('base64') });
        expect(response.ok).toBe(true);
        const ok = response as Extract<ImportResponse, { ok: true }>;
        expect(ok.text).toContain('项目支出 "广州市科学技术协会（本级）"');
        expect(ok.text).toContain('项目 "科普经费"');
        expect(ok.summary).toContain('项目支出 1 份');
        expect(ok.report.filter(line => line.includes('未放入'))).toHaveLength(ok.unplaced);

        const garbage = await request<ImportResponse>(ImportRequest, { fileName: 'x.xlsx', base64: Buffer.from('PK\u0003\u0004 not really').toString('base64') });
        expect(garbage).toMatchObject({ ok: false, message: expect.stringMatching(/^x\.xlsx：/) });
    });

    test('jxmb/import advises in the editor\'s words (its commands and jxmb.defaultYear), never the CLI\'s', async () => {
        const declaration = await request<ImportResponse>(ImportRequest, { fileName: 'd.jxmb', base64: Buffer.from(department).toString('base64') });
        expect(declaration).toEqual({ ok: false, message: 'd.jxmb：这已是 .jxmb 文件，不必导入：直接打开该文件即可检查，用「jxmb: 导出 Excel」等命令编译为表格。' });
        const renamed = await request<ImportResponse>(ImportRequest, { fileName: 'd.txt', base64: Buffer.from(department).toString('base64') });
        expect(renamed).toMatchObject({ ok: false, message: expect.stringContaining('不必导入：请把它改名为 .jxmb 后直接打开即可检查') });
        expect((renamed as { message: string }).message).not.toMatch(/jxmb (check|compile)/);

        const table = (...title: string[]) => Buffer.from([
            ...title,
            '部门名称\t某协会',
            '总体绩效目标\t开展科普活动。',
            '绩效指标\t一级指标\t二级指标\t三级指标\t实施周期指标值\t年度指标值',
            '\t产出指标\t数量指标\t活动场次\t≥5场\t≥5场',
            '\t满意度指标\t服务对象满意度指标\t参与群众满意度\t≥90%\t≥90%'
        ].join('\n')).toString('base64');
        type Imported = Extract<ImportResponse, { ok: true }>;
        const unset = await request<Imported>(ImportRequest, { fileName: 't.txt', base64: table() });
        expect(unset.text).toContain('部门整体 "某协会" {');
        expect(unset.yearless).toBe(1);
        expect(unset.report).toEqual([expect.stringContaining('未写入年度。可在设置 jxmb.defaultYear（设置 → 扩展 → jxmb 绩效目标 → Default Year）中指定年度后重新导入')]);
        expect(unset.report.join('\n')).not.toContain('--year');

        // jxmb.defaultYear fills the missing 年度 ...
        const set = await request<Imported>(ImportRequest, { fileName: 't.txt', base64: table(), year: 2025 });
        expect(set.text).toContain('部门整体 "某协会" 年度 2025 {');
        expect(set).toMatchObject({ yearless: 1, report: [] });
        // ... and never overrides the table's own, with no 「命令行 --year」 note.
        const stated = await request<Imported>(ImportRequest, { fileName: 't.txt', base64: table('2024年部门整体预算绩效目标申报表'), year: 2025 });
        expect(stated.text).toContain('部门整体 "某协会" 年度 2024 {');
        expect(stated).toMatchObject({ yearless: 0, report: [] });
    });

    test('jxmb/draftTargets lists tasks and projects and names the one at the cursor', async () => {
        const uri = `${dir}/targets.jxmb`;
        await session.open(uri, department);
        const inside = await request<DraftTargetsResponse>(DraftTargetsRequest, { uri, position: { line: 2, character: 20 } });
        expect(inside).toEqual({ ok: true, atCursor: 0, targets: [{ kind: 'task', name: '科普活动', unit: '测试单位', year: 2024 }] });
        const outside = await request<DraftTargetsResponse>(DraftTargetsRequest, { uri, position: { line: 8, character: 20 } });
        expect(outside).toMatchObject({ ok: true, atCursor: null });

        const broken = `${dir}/targets-broken.jxmb`;
        await session.open(broken, '部门整体 "x" { 任务 }');
        expect(await request<DraftTargetsResponse>(DraftTargetsRequest, { uri: broken })).toMatchObject({ ok: false, message: expect.stringContaining('第 1 行') });
    });

    test('jxmb/draft drafts from the text or from the selected words, and the edit places the accepted proposals', async () => {
        const uri = `${dir}/draft.jxmb`;
        await session.open(uri, department, 1);
        const all = await request<DraftResponse>(DraftRequest, { uri, index: 0 });
        expect(all.ok).toBe(true);
        const proposals = (all as Extract<DraftResponse, { ok: true }>).result.proposals;
        expect(proposals.filter(p => !p.placeholder).map(p => p.name)).toEqual(['受益群众人次', '组织科普讲座场次', '发放科普资料数量']);

        // Select 「发放科普资料不少于3000份」 in 主要实施内容 (line 2).
        const line = department.split('\n')[2]!;
        const from = line.indexOf('发放');
        const selection = { start: { line: 2, character: from }, end: { line: 2, character: line.indexOf('。') } };
        const selected = await request<DraftResponse>(DraftRequest, { uri, index: 0, selection });
        expect((selected as Extract<DraftResponse, { ok: true }>).result.proposals.filter(p => !p.placeholder).map(p => p.name)).toEqual(['发放科普资料数量']);

        const chosen = proposals.filter(p => p.level2 === '数量指标' || p.level2 === '社会效益指标');
        const edit = await request<DraftEditResponse>(DraftEditRequest, { uri, index: 0, proposals: chosen });
        expect(edit).toMatchObject({ ok: true, version: 1 });
        const document = TextDocument.create(uri, 'jxmb', 1, department);
        const after = TextDocument.applyEdits(document, (edit as Extract<DraftEditResponse, { ok: true }>).edits);
        expect(after).toContain('"举办培训班期数"：≥4期\n                "组织科普讲座场次"：≥12场次\n                "发放科普资料数量"：≥3000份\n');
        expect(after).toContain('社会效益指标 {\n                "受益群众人次"：≥5000人次\n');

        // The new text is what the editor would then send: it checks without a syntax error.
        const published = session.diagnostics(uri, 2);
        await session.replace(uri, after, 2);
        expect((await published).diagnostics.filter(d => d.code === 'parsing-error')).toEqual([]);
    });

    test('jxmb/draft checks an LLM\'s proposals, adds the skeletons and flags numbers the text does not state', async () => {
        const uri = `${dir}/draft-llm.jxmb`;
        await session.open(uri, department);
        const target = await request<DraftTargetResponse>(DraftTargetRequest, { uri, index: 0 });
        expect(target).toMatchObject({ ok: true, target: { name: '科普活动', texts: [{ field: '期望目标' }, { field: '主要实施内容' }] } });
        const invented: Proposal = {
            name: '举办科普讲座场次', level1: '产出指标', level2: '数量指标', operator: '≥', number: 15, unit: '场次', per: null, date: null,
            period: '≥15场次', annual: '≥15场次', source: { field: '主要实施内容', quote: '组织科普讲座', start: 0, end: 6 },
            placeholder: false, needsConfirmation: false, reason: null
        };
        const response = await request<DraftResponse>(DraftRequest, { uri, index: 0, proposals: [invented], model: 'fake-model' });
        const result = (response as Extract<DraftResponse, { ok: true }>).result;
        expect(result).toMatchObject({ drafter: 'llm', model: 'fake-model' });
        expect(result.proposals[0]).toMatchObject({ name: '举办科普讲座场次', needsConfirmation: true, reason: expect.stringContaining('原文中没有这个数字') });
        expect(result.proposals.some(p => p.placeholder && p.level2 === '服务对象满意度指标')).toBe(true);
    });

    test('jxmb/draft sets apart an LLM\'s proposal that an indicator of the table already measures, as jxmb draft --llm does', async () => {
        const uri = `${dir}/draft-llm-measured.jxmb`;
        await session.open(uri, department.replace('"举办培训班期数"：≥4期', '"举办培训班期数"：≥4期\n                "组织科普讲座场次"：≥12场次'));
        const restated: Proposal = {
            name: '科普讲座场次', level1: '产出指标', level2: '数量指标', operator: '≥', number: 12, unit: '场次', per: null, date: null,
            period: '≥12场次', annual: '≥12场次', source: { field: '主要实施内容', quote: '组织科普讲座不少于12场次', start: null, end: null },
            placeholder: false, needsConfirmation: false, reason: null
        };
        const fresh: Proposal = { ...restated, name: '发放科普资料数量', number: 3000, unit: '份', period: '≥3000份', annual: '≥3000份', source: { ...restated.source, quote: '发放科普资料不少于3000份' } };
        const response = await request<DraftResponse>(DraftRequest, { uri, index: 0, proposals: [restated, fresh], model: 'fake-model' });
        const result = (response as Extract<DraftResponse, { ok: true }>).result;
        // The promise the model left out (受益群众) is drafted by the rules and marked, as jxmb draft --llm does.
        expect(result.proposals.filter(p => !p.placeholder).map(p => [p.name, p.reason])).toEqual([['发放科普资料数量', null], ['受益群众人次', LEFT_OUT_REASON]]);
        expect(result.measured).toEqual([{ source: restated.source, indicator: '组织科普讲座场次', value: '≥12场次' }]);
        // Only what the table measures: the rest of the text comes from the rules, marked, and the summary says the table has it.
        const only = (await request<DraftResponse>(DraftRequest, { uri, index: 0, proposals: [restated], model: 'fake-model' })) as Extract<DraftResponse, { ok: true }>;
        expect(only.result.proposals.filter(p => !p.placeholder).map(p => [p.name, p.needsConfirmation])).toEqual([['受益群众人次', true], ['发放科普资料数量', true]]);
        expect(only.result.measured).toHaveLength(1);
    });

    test('the LLM path as the extension runs it: target from the server, model in the client, check on the server', async () => {
        const uri = `${dir}/draft-llm-client.jxmb`;
        await session.open(uri, department);
        const line = department.split('\n')[2]!;
        const selection = { start: { line: 2, character: line.indexOf('发放') }, end: { line: 2, character: line.indexOf('。') } };
        const target = await request<DraftTargetResponse>(DraftTargetRequest, { uri, index: 0, selection });
        expect(target.ok).toBe(true);
        const proposal: Proposal = {
            name: '发放科普资料数量', level1: '产出指标', level2: '数量指标', operator: '≥', number: 3000, unit: '份', per: null, date: null,
            period: '≥3000份', annual: '≥3000份', source: { field: '主要实施内容', quote: '发放科普资料不少于3000份', start: null, end: null },
            placeholder: false, needsConfirmation: false, reason: null
        };
        const fake = await startFakeOpenAI([answer({ proposals: [proposal] })]);
        try {
            const key = 'sk-extension-test-key';
            const drafted = await draftWithLlm((target as Extract<DraftTargetResponse, { ok: true }>).target,
                { baseURL: fake.baseURL, apiKey: key, model: 'fake-model', env: {}, timeoutMs: 5_000 });
            // Only the selected words went to the model, and the key only in its header.
            const sent = JSON.stringify(fake.requests[0]!.body);
            expect(sent).toContain('发放科普资料不少于3000份');
            expect(sent).not.toContain('组织科普讲座');
            expect(sent).not.toContain(key);
            expect(fake.requests[0]!.headers.authorization).toBe(`Bearer ${key}`);
            const checked = await request<DraftResponse>(DraftRequest, { uri, index: 0, selection, proposals: drafted.proposals, model: drafted.model });
            expect((checked as Extract<DraftResponse, { ok: true }>).result.proposals[0]).toMatchObject({ name: '发放科普资料数量', needsConfirmation: false });
        } finally {
            await fake.close();
        }
    });

    test('jxmb/draft with a model that proposed nothing drafts the text\'s promises by the rules, and says when the text states none', async () => {
        // 时效 and 满意度 are written: no skeleton either.
        const complete = department.replace('"举办培训班期数"：≥4期', '"举办培训班期数"：≥4期 }\n            时效指标 { "完成时间"："≤2024-12-31"')
            .replace('        }\n    }\n}', '        }\n        满意度指标 { 服务对象满意度指标 { "服务对象满意度"：≥90% } }\n    }\n}');
        const uri = `${dir}/draft-empty.jxmb`;
        await session.open(uri, complete);
        const silent = await request<DraftResponse>(DraftRequest, { uri, index: 0, proposals: [], model: 'fake-model' });
        // A model that proposed nothing: the text's promises come from the rules, each marked.
        const fromRules = (silent as Extract<DraftResponse, { ok: true }>).result.proposals;
        expect(fromRules.map(p => p.name)).toEqual(['受益群众人次', '组织科普讲座场次', '发放科普资料数量']);
        expect(fromRules.every(p => p.needsConfirmation && p.reason === LEFT_OUT_REASON)).toBe(true);

        const bare = `${dir}/draft-empty-text.jxmb`;
        await session.open(bare, complete.replace(/主要实施内容 "[^"]*"/, '主要实施内容 "进一步提升科普服务水平。"').replace(/期望目标 "[^"]*"/, '期望目标 "群众满意。"'));
        expect(await request<DraftResponse>(DraftRequest, { uri: bare, index: 0, proposals: [], model: 'fake-model' })).toMatchObject({ ok: true, result: { proposals: [] }, empty: 'text' });
        expect(await request<DraftResponse>(DraftRequest, { uri: bare, index: 0 })).toMatchObject({ ok: true, result: { proposals: [] }, empty: 'text' });
    });

    test('drafting publishes no diagnostics for the documents it checks internally', async () => {
        expect(session.published.map(p => p.uri).filter(u => !u.startsWith(dir))).toEqual([]);
    });

    test('jxmb/draft fails plainly for a target that is no longer there', async () => {
        const uri = `${dir}/draft-gone.jxmb`;
        await session.open(uri, department);
        expect(await request<DraftResponse>(DraftRequest, { uri, index: 3 })).toMatchObject({ ok: false, message: expect.stringContaining('重新运行') });
    });
});

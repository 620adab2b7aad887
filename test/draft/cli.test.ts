import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runDraftCommand } from '../../language/cli/draft.js';
import { readTargets } from '../../language/draft/api.js';
import { jxmb } from '../helpers/services.js';
import { checkDraftResult } from '../../language/draft/schema.js';
import { samplesDir } from '../helpers/samples.js';
import { answer, fakeOpenAIPerTest, status, type Step } from './fake-openai.js';

// `jxmb draft <file> --task <名称> [--llm] [--format jxmb|json]`

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
    let out = '';
    let err = '';
    const code = await runDraftCommand(args, { out: t => { out += t; }, err: t => { err += t; } });
    return { code, out, err };
}

const seed000 = join(samplesDir, '000-nansha-kexie.jxmb');

const startServer = fakeOpenAIPerTest();

describe('jxmb draft', () => {
    test('prints the proposals as a .jxmb 绩效指标 block grouped by 一级/二级', async () => {
        // Seed 000 without its 绩效指标 block: nothing of the text is measured yet.
        const file = join(mkdtempSync(join(tmpdir(), 'jxmb-draft-')), 'blank.jxmb');
        writeFileSync(file, readFileSync(seed000, 'utf8').replace(/\n {4}绩效指标 \{[\s\S]*?\n {4}\}\n/, '\n'));
        const { code, out, err } = await run([file, '--task', '科普综合工作经费']);
        expect(err).toBe('');
        expect(code).toBe(0);
        expect(out).toContain('// 任务「科普综合工作经费」的指标建议（规则草拟）：10 条，其中需确认 2 条（含占位骨架 2 条）');
        expect(out).toContain([
            '绩效指标 {',
            '    产出指标 {',
            '        数量指标 {',
            '            "科普志愿活动系列主题数量"：≥20个  // 期望目标「20个科普志愿活动系列主题」'
        ].join('\n'));
        expect(out).toContain('            "组织科普志愿活动场次"：≥96场次  // 期望目标「组织科普志愿活动不少于96场次」');
        expect(out).toContain('    满意度指标 {\n        服务对象满意度指标 {\n            "服务对象满意度"："≥〔待填〕%"');
    });

    test('what the table already measures is listed apart, not counted as a proposal', async () => {
        const { code, out } = await run([seed000, '--task', '科普综合工作经费']);
        expect(code).toBe(0);
        expect(out).toContain('：1 条，其中需确认 1 条（含占位骨架 1 条）。另有 8 项承诺表中已有指标衡量，不再重复建议。');
        expect(out).not.toContain('"组织科普志愿活动场次"');
        expect(out).toContain('//   期望目标「组织科普志愿活动不少于96场次」 → 已有「举办科普志愿活动场次」≥96场次');
        // The tutorial's task: every promise has its indicator already.
        const tutorial = await run([join(samplesDir, 'tutorial.jxmb'), '--task', '科普活动经费']);
        expect(tutorial.out).toContain('：0 条，其中需确认 0 条。另有 4 项承诺表中已有指标衡量');
        expect(tutorial.out).toContain('// 没有新的建议：文本中的量化承诺表中都已有指标衡量。');
    });

    test('--format json: the draft schema, with what the table measures apart', async () => {
        const { code, out } = await run([seed000, '--task', '科技创新综合工作经费', '--format', 'json']);
        expect(code).toBe(0);
        const result = JSON.parse(out);
        expect(checkDraftResult(result)).toEqual([]);
        expect(result.measured.length).toBeGreaterThan(10);
        expect(result.proposals.filter((p: { placeholder: boolean }) => !p.placeholder)).toEqual([]);
    });

    test('an unknown task lists the names, exit 2', async () => {
        const { code, err, out } = await run([seed000, '--task', '科普']);
        expect(code).toBe(2);
        expect(out).toBe('');
        expect(err).toContain('没有名为「科普」的任务或项目');
        expect(err).toContain('任务「科普综合工作经费」、任务「科技创新综合工作经费」');
    });

    test.each([['0.001'], ['3000000'], ['abc']])('--timeout %s: a clear range in Chinese, exit 2, nothing asked of a model', async seconds => {
        const { code, err, out } = await run([seed000, '--task', '科普综合工作经费', '--llm', '--timeout', seconds]);
        expect(code).toBe(2);
        expect(out).toBe('');
        expect(err).toContain('--timeout 须为 1 到 86400 之间的秒数');
        expect(err).not.toMatch(/TimeoutOverflowWarning/);
    });

    describe('a task and a project, or two projects, of one name', () => {
        const tutorial = join(samplesDir, 'tutorial.jxmb');

        test('--task takes the task and points at the project of the same name; --project takes the project', async () => {
            const task = await run([tutorial, '--task', '科普活动经费']);
            expect(task.code).toBe(0);
            expect(task.out).toContain('// 任务「科普活动经费」的指标建议');
            expect(task.err).toContain('注：文件中还有同名的项目「科普活动经费」（单位「示例区科学技术协会」）；要为项目草拟，请用 --project「科普活动经费」。');
            const project = await run([tutorial, '--project', '科普活动经费']);
            expect(project.code).toBe(0);
            expect(project.err).toBe('');
            expect(project.out).toContain('// 项目「科普活动经费」的指标建议');
        });

        test('two projects of one name in different 单位: listed with their 单位 until --unit picks one', async () => {
            const file = join(mkdtempSync(join(tmpdir(), 'jxmb-draft-')), 'two.jxmb');
            const project = (unit: string, n: number) => `    单位 "${unit}" {
        项目 "培训经费" { 绩效目标 "举办培训班不少于${n}期。" }
    }`;
            writeFileSync(file, `项目支出 "市科协" 年度 2024 {\n${project('甲单位', 3)}\n${project('乙单位', 5)}\n}\n`);
            const both = await run([file, '--project', '培训经费']);
            expect(both.code).toBe(2);
            expect(both.err).toContain('有 2 个名为「培训经费」的项目：项目「培训经费」（单位「甲单位」）、项目「培训经费」（单位「乙单位」）。请用 --unit 指明项目所在的单位。');
            const second = await run([file, '--task', '培训经费', '--unit', '乙单位']);
            expect(second.code).toBe(0);
            expect(second.out).toContain('≥5期');
            expect(second.out).not.toContain('≥3期');
        });

        test('--task and --project together are refused', async () => {
            expect((await run([tutorial, '--task', '科普活动经费', '--project', '科普活动经费'])).code).toBe(2);
        });
    });

    test('a 保密 project is named as such, not as unknown', async () => {
        const { code, err, out } = await run([join(samplesDir, '002-guangzhou-kexie-projects.jxmb'), '--task', 'TZMMZX']);
        expect(code).toBe(2);
        expect(out).toBe('');
        expect(err).toContain('项目「TZMMZX」是保密项目，不草拟指标');
        expect(err).not.toContain('没有名为');
    });

    test('no --task, no file, a bad format, a missing file', async () => {
        expect((await run([seed000])).err).toContain('请用 --task（任务）或 --project（项目）指定');
        expect((await run([])).code).toBe(2);
        expect((await run([seed000, '--task', 'x', '--format', 'xml'])).code).toBe(2);
        const missing = await run(['no-such-file.jxmb', '--task', 'x']);
        expect(missing.code).toBe(2);
        expect(missing.err).toContain('不存在');
        expect((await run([seed000, '--bogus'])).err).toContain('参数错误');
    });

    test('--llm with the endpoint from the environment; the key never printed', async () => {
        const server = await startServer([answer({ proposals: [{
            name: '组织科普志愿活动场次', level1: '产出指标', level2: '数量指标', operator: '≥', number: 96, unit: '场次', per: null, date: null,
            period: '≥96场次', annual: '≥96场次', source: { field: '期望目标', quote: '组织科普志愿活动不少于96场次', start: null, end: null },
            placeholder: false, needsConfirmation: false, reason: null
        }] })]);
        process.env.OPENAI_API_KEY = 'sk-cli-FAKE-0000';
        process.env.OPENAI_BASE_URL = server.baseURL;
        process.env.JXMB_LLM_MODEL = 'cli-model';
        const { code, out, err } = await run([seed000, '--task', '科普综合工作经费', '--llm']);
        expect(code).toBe(0);
        expect(out).toContain('大模型草拟，模型 cli-model');
        // The table already measures it (举办科普志愿活动场次 ≥96场次): set apart, as the rule drafter does, not proposed.
        expect(out).toContain('另有 1 项承诺表中已有指标衡量');
        expect(out).toContain('→ 已有「举办科普志愿活动场次」≥96场次');
        expect(out).not.toContain('"组织科普志愿活动场次"：≥96场次');
        expect(err).toContain('正在请求模型「cli-model」');
        expect(out + err).not.toContain('sk-cli-FAKE-0000');
    });

    test('--llm failing: the Chinese message, exit 2, no key', async () => {
        const server = await startServer([{ kind: 'status', status: 401, body: { error: { message: 'bad key sk-cli-FAKE-0000' } } }]);
        process.env.OPENAI_API_KEY = 'sk-cli-FAKE-0000';
        const { code, err } = await run([seed000, '--task', '科普综合工作经费', '--llm', '--base-url', server.baseURL]);
        expect(code).toBe(2);
        expect(err).toContain('401');
        expect(err).not.toContain('sk-cli-FAKE-0000');
    });

    test('--llm failing: the message names the options and environment variables the CLI reads, not the editor\'s settings', async () => {
        process.env.OPENAI_API_KEY = 'sk-cli-FAKE-0000';
        const failing = async (step: Step, ...extra: string[]) => {
            const server = await startServer([step]);
            const { code, err } = await run([seed000, '--task', '科普综合工作经费', '--llm', '--base-url', server.baseURL, '--model', 'cli-model', ...extra]);
            expect(code).toBe(2);
            expect(err).not.toMatch(/jxmb\.llm|设置 API 密钥/);
            return err;
        };
        expect(await failing(status(401))).toContain('（环境变量 JXMB_LLM_API_KEY 或 OPENAI_API_KEY）');
        expect(await failing(status(404))).toContain('（--base-url 或环境变量 OPENAI_BASE_URL）和模型名「cli-model」（--model 或环境变量 JXMB_LLM_MODEL）');
        expect(await failing({ kind: 'raw', status: 200, body: '<html>请登录</html>', contentType: 'text/html' })).toContain('请检查地址（--base-url 或环境变量 OPENAI_BASE_URL）');
        const slow = await failing({ kind: 'hang' }, '--timeout', '1');
        expect(slow).toContain('在 1 秒内没有回复（超时）');
        expect(slow).toContain('加长等待时间（--timeout）');
    });

    test('--llm, the model proposing nothing for a text that states promises: the rules draft what the table lacks, said to be left out by the model', async () => {
        const file = join(mkdtempSync(join(tmpdir(), 'jxmb-draft-')), 'lectures.jxmb');
        writeFileSync(file, LECTURES);
        const server = await startServer([answer({ proposals: [] })]);
        process.env.OPENAI_API_KEY = 'sk-cli-FAKE-0000';
        const { code, out } = await run([file, '--task', '科普讲座经费', '--llm', '--base-url', server.baseURL]);
        expect(code).toBe(0);
        expect(out).toContain('"发放科普资料数量"：≥3000份  // 主要实施内容「发放科普资料3000份」\n            //   需确认：模型没有提出这一项：由规则从原文草拟，请核对');
        expect(out).not.toContain('文本中没有可草拟的量化承诺');
        expect(out).not.toContain('原文没有给出目标值');
    });

    test('--llm: a 满意度 the text states and the model left out is drafted from the text, not a skeleton 「原文没有给出目标值」', async () => {
        const file = join(mkdtempSync(join(tmpdir(), 'jxmb-draft-')), 'satisfaction.jxmb');
        writeFileSync(file, '部门整体 "测试单位" 年度 2024 {\n    任务 "科普" {\n        主要实施内容 "组织科普志愿活动不少于96场次；发布科普文章不少于210篇。"\n'
            + '        拟投入资金 50.00\n        期望目标 "公众满意度超90%"\n    }\n    绩效指标 {\n        产出指标 { 时效指标 { "完成时间"：≤2024-12-31 } }\n    }\n}\n');
        const server = await startServer([answer({ proposals: [{ ...PROPOSAL, source: { ...PROPOSAL.source, field: '主要实施内容' } }] })]);
        process.env.OPENAI_API_KEY = 'sk-cli-FAKE-0000';
        const { code, out } = await run([file, '--task', '科普', '--llm', '--base-url', server.baseURL]);
        expect(code).toBe(0);
        expect(out).toContain('"组织科普志愿活动场次"：≥96场次  // 主要实施内容「组织科普志愿活动不少于96场次」\n            "发布科普文章数量"：≥210篇');
        expect(out).toContain('"公众满意度"：>90%  // 期望目标「公众满意度超90%」');
        expect(out).not.toContain('〔待填〕');
        expect(out.match(/需确认：模型没有提出这一项/g)).toHaveLength(2);
    });

    describe('the preview stays pasteable whatever the names hold', () => {
        const dir = mkdtempSync(join(tmpdir(), 'jxmb-draft-'));
        // A task name with a line break, as an Excel cell often holds one.
        const source = '部门整体 "测试单位" 年度 2024 {\n    任务 "科普综合\n工作经费" {\n        主要实施内容 ""\n        拟投入资金 10.00\n'
            + '        期望目标 "组织科普志愿活动不少于96场次"\n    }\n}\n';
        const file = join(dir, 'name-newline.jxmb');
        writeFileSync(file, source);

        /** The syntax errors of the file with the preview pasted before the declaration's closing brace. */
        async function pasted(preview: string) {
            const at = source.lastIndexOf('}');
            return (await readTargets(jxmb(), source.slice(0, at) + preview + source.slice(at))).syntaxErrors;
        }

        test('a task name with a line break: the header comment on one line', async () => {
            const { code, out } = await run([file, '--task', '科普综合工作经费']);
            expect(code).toBe(0);
            const [header, next] = out.split('\n');
            expect(header).toMatch(/^\/\/ 任务「科普综合 工作经费」的指标建议（规则草拟）/);
            expect(next).toBe('绩效指标 {');
            expect(await pasted(out)).toEqual([]);
        });

        test("the server's model name cannot add lines to the preview", async () => {
            const server = await startServer([{ kind: 'answer', model: 'evil\n}\n项目 "M" {\r\u0085\u2028x', content: JSON.stringify({ proposals: [PROPOSAL] }) }]);
            process.env.OPENAI_API_KEY = 'sk-cli-FAKE-0000';
            const { code, out } = await run([file, '--task', '科普综合工作经费', '--llm', '--base-url', server.baseURL]);
            expect(code).toBe(0);
            const [header, next] = out.split('\n');
            expect(header).toContain('模型 evil } 项目 "M" { x');
            expect(next).toBe('绩效指标 {');
            expect(out).toContain('"组织科普志愿活动场次"：≥96场次');
            expect(await pasted(out)).toEqual([]);
        });
    });
});

describe('names longer than the schema allows (80 characters)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jxmb-draft-'));
    const task = '科'.repeat(90);
    const subject = '组织' + '科普志愿'.repeat(30) + '活动';
    const file = join(dir, 'long-names.jxmb');
    writeFileSync(file, `部门整体 "测试单位" 年度 2024 {\n    任务 "${task}" {\n        主要实施内容 ""\n        拟投入资金 10.00\n`
        + `        期望目标 "${subject}不少于96场次"\n    }\n}\n`);

    test('--format json keeps to its schema; a cut name is marked, in the JSON and in the .jxmb preview alike', async () => {
        const json = await run([file, '--task', task, '--format', 'json']);
        expect(json.code).toBe(0);
        const result = JSON.parse(json.out);
        expect(checkDraftResult(result)).toEqual([]);
        const cut = result.proposals.filter((p: { name: string }) => p.name.endsWith('…'));
        // The promise's name (from a 124-character subject) and the 时效 skeleton's (from the task's name).
        expect(cut).toHaveLength(2);
        for (const p of cut) {
            expect([...p.name]).toHaveLength(80);
            expect(p.needsConfirmation).toBe(true);
            expect(p.reason).toContain('指标名称超过 80 个字，已截短');
        }
        const preview = (await run([file, '--task', task])).out;
        for (const p of cut) expect(preview).toContain(`"${p.name}"`);
        expect(preview.match(/指标名称超过 80 个字，已截短/g)).toHaveLength(2);
    });
});

/** The tester's file: 不少于12场次 is measured, 3000份 is not; 时效 and 满意度 are there, so no skeleton is added. */
const LECTURES = `部门整体 "另一单位" 年度 2024 {
    任务 "科普讲座经费" {
        主要实施内容 "举办科普讲座不少于12场次，发放科普资料3000份。"
        拟投入资金 10.00
    }
    绩效指标 {
        产出指标 {
            数量指标 { "编印科普挂图数量"：≥500张  "举办科普讲座场次"：≥12场次 }
            时效指标 { "科普讲座工作完成时间"："≤2024-12-31" }
        }
        满意度指标 { 服务对象满意度指标 { "服务对象满意度"：≥90% } }
    }
}
`;

const PROPOSAL = {
    name: '组织科普志愿活动场次', level1: '产出指标', level2: '数量指标', operator: '≥', number: 96, unit: '场次', per: null, date: null,
    period: '≥96场次', annual: '≥96场次', source: { field: '期望目标', quote: '组织科普志愿活动不少于96场次', start: null, end: null },
    placeholder: false, needsConfirmation: false, reason: null
};

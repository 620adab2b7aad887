// `jxmb draft <文件> --task <名称> [--llm] [--format jxmb|json]`: proposals for one task or project, printed for the
// user to read and paste; the file is never written. Exit status as for the other commands: 0 done; 1 the file has
// syntax errors; 2 the command could not do its job (arguments, unknown task, unreadable file, the model failed).
import '../polyfill.js';
import { EmptyFileSystem } from 'langium';
import { draftForTarget, readTargets } from '../draft/api.js';
import { oneLine } from '../domain/one-line.js';
import { emptyReason } from '../draft/empty.js';
import { DraftError } from '../draft/errors.js';
import { candidateLabel, findTargets, missingTargetMessage, targetLabel, type DraftTarget } from '../draft/targets.js';
import { printProposals } from '../draft/print.js';
import { createJxmbServices } from '../jxmb-module.js';
import { parseCommandArgs, refuseIdleOption } from './arguments.js';
import { ConfigResolver } from './config.js';
import { formatFinding, toFinding } from './diagnostics.js';
import { InputError, readSourceText } from './source-files.js';

export const draftUsage = `用法 / usage:
  jxmb draft <文件> --task <任务或项目名称> [--llm] [--format jxmb|json]   从任务/项目文本草拟三级指标（只预览，不写文件）
  jxmb draft <文件> --project <项目名称> [--unit <单位名称>] …
      --task       年度重点工作任务名称（部门整体）；没有同名任务时取同名项目（项目支出）
      --project    只找项目（与任务同名时用它）
      --unit       项目所在的单位（资金使用单位）：不同单位有同名项目时用它
      --llm        用大模型草拟（默认按规则离线草拟）；读取环境变量 JXMB_LLM_API_KEY（或 OPENAI_API_KEY）、OPENAI_BASE_URL、JXMB_LLM_MODEL、JXMB_LLM_CA_FILE
      --model      大模型名称（优先于 JXMB_LLM_MODEL）
      --base-url   OpenAI 兼容接口地址（优先于 OPENAI_BASE_URL）
      --timeout    每次请求的超时秒数（默认 60）
      --ca-file    证书文件（PEM）：公司网络代理或内部服务的 HTTPS 证书的签发机构，与内置的根证书一起信任（优先于 JXMB_LLM_CA_FILE）
      --format     jxmb（默认，可粘贴的 .jxmb 指标块）或 json（schemas/draft.schema.json）
      --config     jxmb.yaml（默认取文件所在目录向上最近的一个）`;

export interface DraftIo {
    out(text: string): void;
    err(text: string): void;
}

export async function runDraftCommand(args: string[], io: DraftIo): Promise<number> {
    const parsed = parseCommandArgs(args, {
        task: { type: 'string' }, project: { type: 'string' }, unit: { type: 'string' }, llm: { type: 'boolean', default: false }, format: { type: 'string', default: 'jxmb' },
        model: { type: 'string' }, 'base-url': { type: 'string' }, timeout: { type: 'string' }, 'ca-file': { type: 'string' }, config: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false }
    }, draftUsage, io);
    if (!parsed) return 2;
    const { values, positionals, given } = parsed;
    if (values.help) {
        io.out(draftUsage + '\n');
        return 0;
    }
    if (positionals.length === 0) {
        io.err(`请给出一个 .jxmb 文件。\n${draftUsage}\n`);
        return 2;
    }
    if (positionals.length > 1) {
        // One target of one file: the task named may be in either, and the proposals are for pasting into one.
        io.err(`draft 一次只读一个 .jxmb 文件，这里给出了 ${positionals.length} 个：${positionals.map(p => `「${p}」`).join('、')}。请只给出任务或项目所在的那个文件。\n`);
        return 2;
    }
    if (values.format !== 'jxmb' && values.format !== 'json') {
        io.err('--format 只能是 jxmb 或 json。\n');
        return 2;
    }
    const modelOnly = ['model', 'base-url', 'timeout', 'ca-file'].find(option => given.has(option));
    if (modelOnly && !values.llm) return refuseIdleOption(`--${modelOnly} 只用于 --llm（大模型草拟）；不加 --llm 时按规则离线草拟，不用它。`, io);
    const timeout = values.timeout === undefined ? undefined : Number(values.timeout);
    // Beyond a day Node's timers overflow (and wait 1 ms); under a second nothing answers.
    if (timeout !== undefined && !(timeout >= 1 && timeout <= 86_400)) {
        io.err('--timeout 须为 1 到 86400 之间的秒数。\n');
        return 2;
    }
    const file = positionals[0]!;
    const services = createJxmbServices(EmptyFileSystem).Jxmb;
    // Ctrl-C while the model thinks: cancel the request instead of leaving it running.
    const controller = new AbortController();
    const onSigint = () => controller.abort();
    process.once('SIGINT', onSigint);
    try {
        const source = await readSourceText(file);
        services.jxmb.Settings.useFixed(await new ConfigResolver(values.config).forFile(file));
        const { targets, syntaxErrors, secretNames } = await readTargets(services, source);
        if (syntaxErrors.length > 0) {
            for (const d of syntaxErrors) io.err(formatFinding(toFinding(file, d)) + '\n');
            io.err(`${file}: 有语法错误，无法草拟。\n`);
            return 1;
        }
        // With their kind: a task and a project may share a name.
        const known = targets.length ? `文件中的任务/项目有：${targets.map(t => targetLabel({ ...t, name: oneLine(t.name, 120) })).join('、')}。` : '文件中没有可草拟的任务或项目。';
        if (values.task !== undefined && values.project !== undefined) {
            io.err('--task 与 --project 只能用其一。\n');
            return 2;
        }
        const name = values.project ?? values.task;
        if (name === undefined) {
            io.err(`请用 --task（任务）或 --project（项目）指定要草拟的对象。${known}\n`);
            return 2;
        }
        const chosen = chooseTarget(targets, { name, project: values.project !== undefined, spendingUnit: values.unit });
        if ('message' in chosen) {
            io.err(`${file}: ${chosen.message ?? missingTargetMessage(name, secretNames) + known}\n`);
            return 2;
        }
        const { target } = chosen;
        if (chosen.note) io.err(chosen.note + '\n');
        const result = await draftForTarget(target, {
            services,
            drafter: values.llm ? 'llm' : 'rules',
            signal: controller.signal,
            onProgress: p => { if (values.llm) io.err(p.message + '\n'); },
            llm: { model: values.model, baseURL: values['base-url'], caFile: values['ca-file'], timeoutMs: timeout === undefined ? undefined : timeout * 1000 }
        });
        const empty = result.proposals.length === 0 ? emptyReason(target, result) : undefined;
        io.out(values.format === 'json' ? JSON.stringify(result, null, 2) + '\n' : printProposals(result, empty));
        return 0;
    } catch (error) {
        if (error instanceof InputError) {
            io.err(`${error.file}: ${error.message}\n`);
            return 2;
        }
        if (error instanceof DraftError) {
            io.err(`${error.message}\n`);
            return 2;
        }
        throw error;
    } finally {
        process.removeListener('SIGINT', onSigint);
    }
}

type Choice = { target: DraftTarget; note?: string } | { message: string | null };

/**
 * The target the options name. --project looks at projects only; --task at tasks, and at projects when no task has
 * the name (a 项目支出 file has none). Several of one name (projects in different 单位) are listed with what tells them
 * apart; a project that a task of the same name hides is pointed out. `message: null`: none of that name.
 */
function chooseTarget(targets: readonly DraftTarget[], query: { name: string; project: boolean; spendingUnit?: string }): Choice {
    const { name, spendingUnit } = query;
    const projects = findTargets(targets, { name, kind: 'project', spendingUnit });
    const tasks = query.project ? [] : findTargets(targets, { name, kind: 'task' });
    const found = tasks.length > 0 ? tasks : projects;
    if (found.length === 0) {
        const elsewhere = spendingUnit === undefined ? [] : findTargets(targets, { name, kind: 'project' });
        return { message: elsewhere.length > 0 ? `单位「${spendingUnit}」中没有名为「${name}」的项目；同名的有：${elsewhere.map(candidateLabel).join('、')}。` : null };
    }
    if (found.length > 1) {
        const how = found[0]!.kind === 'project' ? '请用 --unit 指明项目所在的单位。' : '请先为任务改用不同的名称。';
        return { message: `有 ${found.length} 个名为「${name}」的${found[0]!.kind === 'task' ? '任务' : '项目'}：${found.map(candidateLabel).join('、')}。${how}` };
    }
    const hidden = tasks.length > 0 ? projects : [];
    const note = hidden.length > 0
        ? `注：文件中还有同名的${hidden.map(candidateLabel).join('、')}；要为项目草拟，请用 --project「${name}」。`
        : undefined;
    return note ? { target: found[0]!, note } : { target: found[0]! };
}

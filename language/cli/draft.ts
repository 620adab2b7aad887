// `jxmb draft <文件> --task <名称> [--llm] [--format jxmb|json]`: proposals for one task or project, printed for the
// user to read and paste; the file is never written. Exit status as for the other commands: 0 done; 1 the file has
// syntax errors; 2 the command could not do its job (arguments, unknown task, unreadable file, the model failed).
import '../polyfill.js';
import { EmptyFileSystem } from 'langium';
import { draftForTarget, readTargets, targetNames } from '../draft/api.js';
import { DraftError } from '../draft/errors.js';
import { findTarget, missingTargetMessage } from '../draft/targets.js';
import { printProposals } from '../draft/print.js';
import { createJxmbServices } from '../jxmb-module.js';
import { parseCommandArgs } from './arguments.js';
import { ConfigResolver } from './config.js';
import { formatFinding, toFinding } from './diagnostics.js';
import { InputError, readSourceText } from './source-files.js';

export const draftUsage = `用法 / usage:
  jxmb draft <文件> --task <任务或项目名称> [--llm] [--format jxmb|json]   从任务/项目文本草拟三级指标（只预览，不写文件）
      --task       年度重点工作任务名称（部门整体）或项目名称（项目支出）
      --llm        用大模型草拟（默认按规则离线草拟）；读取环境变量 JXMB_LLM_API_KEY（或 OPENAI_API_KEY）、OPENAI_BASE_URL、JXMB_LLM_MODEL
      --model      大模型名称（优先于 JXMB_LLM_MODEL）
      --base-url   OpenAI 兼容接口地址（优先于 OPENAI_BASE_URL）
      --timeout    每次请求的超时秒数（默认 60）
      --format     jxmb（默认，可粘贴的 .jxmb 指标块）或 json（schemas/draft.schema.json）
      --config     jxmb.yaml（默认取文件所在目录向上最近的一个）`;

export interface DraftIo {
    out(text: string): void;
    err(text: string): void;
}

export async function runDraftCommand(args: string[], io: DraftIo): Promise<number> {
    const parsed = parseCommandArgs(args, {
        task: { type: 'string' }, llm: { type: 'boolean', default: false }, format: { type: 'string', default: 'jxmb' },
        model: { type: 'string' }, 'base-url': { type: 'string' }, timeout: { type: 'string' }, config: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false }
    }, draftUsage, io);
    if (!parsed) return 2;
    const { values, positionals } = parsed;
    if (values.help) {
        io.out(draftUsage + '\n');
        return 0;
    }
    if (positionals.length !== 1) {
        io.err(`请给出一个 .jxmb 文件。\n${draftUsage}\n`);
        return 2;
    }
    if (values.format !== 'jxmb' && values.format !== 'json') {
        io.err('--format 只能是 jxmb 或 json。\n');
        return 2;
    }
    const timeout = values.timeout === undefined ? undefined : Number(values.timeout);
    if (timeout !== undefined && !(timeout > 0)) {
        io.err('--timeout 须为正数（秒）。\n');
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
        const known = targets.length ? `文件中的任务/项目有：${targetNames(targets)}。` : '文件中没有可草拟的任务或项目。';
        if (values.task === undefined) {
            io.err(`请用 --task 指定要草拟的任务或项目。${known}\n`);
            return 2;
        }
        const target = findTarget(targets, values.task);
        if (!target) {
            io.err(`${file}: ${missingTargetMessage(values.task, secretNames)}${known}\n`);
            return 2;
        }
        const result = await draftForTarget(target, {
            services,
            drafter: values.llm ? 'llm' : 'rules',
            signal: controller.signal,
            onProgress: p => { if (values.llm) io.err(p.message + '\n'); },
            llm: { model: values.model, baseURL: values['base-url'], timeoutMs: timeout === undefined ? undefined : timeout * 1000 }
        });
        io.out(values.format === 'json' ? JSON.stringify(result, null, 2) + '\n' : printProposals(result));
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

import '../polyfill.js';
import { EmptyFileSystem } from 'langium';
import { createJxmbServices } from '../jxmb-module.js';
import { parseCommandArgs, refuseIdleOption } from './arguments.js';
import { checkPaths } from './check.js';
import { runReviewCommand } from './review-command.js';
import { compilePaths, compileTargets, type CompileTarget } from './compile.js';
import { formatFinding, formatProblem, printableName } from './diagnostics.js';
import { InputError } from './source-files.js';
import { draftUsage, runDraftCommand } from './draft.js';
import { importUsage, runImportCommand } from './import.js';
import { formatSummary } from '../validation/summary.js';
import { terminalProgress, type ProgressStream } from '../review/progress.js';

// Exit status: 0 all good; 1 the inputs have errors (diagnostics, syntax errors); 2 the command could not do its
// job (bad arguments, unreadable or missing inputs).

const checkUsage = `用法 / usage:
  jxmb check <文件或文件夹…> [--format text|json] [--summary] [--config jxmb.yaml]   检查 .jxmb 文件（在终端上显示进度）
  jxmb check <文件或文件夹…> --report 报告.html|报告.json [--force] [--config jxmb.yaml]   审核报告
      .jxmb 与 .xlsx、.docx、.txt、.tsv 表格并列（表格在内存中导入，不写任何文件），每个文件的错误、警告、
      可度量指标，问题最多的在前；每条问题给出原文件中的位置（.jxmb 行:列，工作表!单元格，Word 表格行列，文本行）；
      无法导入的文件（包括文件夹中的 .xls、.doc、.et、.wps、.pdf 和压缩包）也列入报告并说明原因（此时退出码 2）。在终端上显示进度
      --force  覆盖已存在的报告文件（默认不覆盖）；报告任何时候都不会写到本次的输入文件上`;

const compileUsage = `用法 / usage:
  jxmb compile <文件或文件夹…> --to json|xlsx|html|flat|md [-o 输出] [--force]   编译为官方表格
      json  规范 JSON 模型            xlsx  官方版式 Excel 工作簿（须用 -o）
      html  可打印的网页（A4 横向）    md    Markdown 表格
      flat  项目支出表的扁平绩效指标字符串，每个项目一行「项目名称<Tab>1、1-产出指标；11-数量指标；…。」；
            扁平字符串本是项目支出表的写法，部门整体表也照此输出一行「部门名称<Tab>其绩效指标」
      -o    单个输入时可为文件（扩展名 .json/.xlsx/.html/.txt/.md），否则为文件夹
      --force  覆盖已存在的输出文件（默认不覆盖）；本次的输入文件任何时候都不会被覆盖，
               两个输入写到同一个输出文件时两者都不写`;

const withoutHeader = (text: string) => text.replace(/^用法 \/ usage:\n/, '');
const usage = `用法 / usage:
${[checkUsage, compileUsage, importUsage, draftUsage].map(withoutHeader).join('\n')}
  jxmb --help | --version
退出码 / exit status:
  0  没有错误（警告、提示不影响）；import、draft 已完成
  1  输入有错误：check 发现错误；compile、draft 遇到语法错误（compile 还有官方表格容纳不下的值），该文件未编译
  2  命令无法完成：参数错误；输入不存在、无法读取或无法导入；输出文件已存在（未加 --force）或无法写入`;

export interface CliIo {
    out: (text: string) => void;
    err: (text: string) => void;
    /** stderr as a stream, for the progress line of a long check (drawn only when it is a terminal); none: no line */
    terminal?: ProgressStream | null;
}

const processIo: CliIo = {
    out: text => process.stdout.write(text),
    err: text => process.stderr.write(text),
    terminal: process.stderr
};

export async function runCli(argv: string[], io: CliIo = processIo): Promise<number> {
    const [command, ...rest] = argv;
    if (rest.includes('--help') || rest.includes('-h')) {
        io.out(usage + '\n');
        return 0;
    }
    try {
        switch (command) {
            case 'check': return await check(rest, io);
            case 'compile': return await compile(rest, io);
            case 'draft': return await runDraftCommand(rest, io);
            case 'import': return await runImportCommand(rest, io);
            case '--version': case '-v': io.out('jxmb 0.1.0\n'); return 0;
            case undefined: case '--help': case '-h': case 'help': io.out(usage + '\n'); return command === undefined ? 2 : 0;
            default: io.err(`${unknownCommand(command, rest)}\n${usage}\n`); return 2;
        }
    } catch (error) {
        if (error instanceof InputError) {
            io.err(`${formatProblem(error.file, error.message)}\n`);
            return 2;
        }
        // A bug of ours: say so in one line, keep the stack out of the user's terminal unless asked for.
        io.err(`jxmb 内部错误：${(error as Error)?.message ?? String(error)}${process.env.JXMB_DEBUG ? '\n' + (error as Error)?.stack : ''}\n`);
        return 2;
    }
}

const commands = ['check', 'compile', 'import', 'draft'] as const;
/** The Chinese a user may type for a command, as the usage describes it. */
const chineseCommands: Record<string, typeof commands[number]> = {
    检查: 'check', 审核: 'check', 编译: 'compile', 导出: 'compile', 导入: 'import', 草拟: 'draft', 起草: 'draft'
};

/**
 * What to say of a first word that is no command: the command it was likely meant to be (a slip of one or two
 * letters, another case, its Chinese name), or, for a file named first, that the command comes first.
 */
function unknownCommand(word: string, rest: string[]): string {
    const meant = chineseCommands[word] ?? commands.find(c => editDistance(c, word.toLowerCase()) <= 2);
    if (meant) return `未知命令「${word}」：您是否要用 ${meant}？如 jxmb ${meant} ${rest.join(' ')}`.trimEnd();
    const later = rest.find(arg => (commands as readonly string[]).includes(arg));
    if (later || /[./\\]/.test(word)) {
        const files = [word, ...rest.filter(arg => arg !== later)].join(' ');
        return `「${word}」不是命令：命令要写在最前，如 jxmb ${later ?? 'check'} ${files}`;
    }
    return `未知命令「${word}」：命令为 ${commands.join('、')} 之一。`;
}

/** Levenshtein distance of two short words. */
function editDistance(a: string, b: string): number {
    let row = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        const next = [i];
        for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
        row = next;
    }
    return row[b.length]!;
}

function services() {
    return createJxmbServices(EmptyFileSystem).Jxmb;
}

function reportProblems(problems: InputError[], io: CliIo): void {
    for (const problem of problems) io.err(`${formatProblem(problem.file, problem.message)}\n`);
}

async function check(args: string[], io: CliIo): Promise<number> {
    const parsed = parseCommandArgs(args, {
        format: { type: 'string', default: 'text' }, config: { type: 'string' }, summary: { type: 'boolean', default: false }, report: { type: 'string' },
        force: { type: 'boolean', default: false }
    }, checkUsage, io);
    if (!parsed) return 2;
    const { values, positionals, given } = parsed;
    if (positionals.length === 0) {
        io.err(`请给出要检查的文件或文件夹。\n${checkUsage}\n`);
        return 2;
    }
    const idle = idleCheckOption(given, values.format);
    if (idle) return refuseIdleOption(idle, io);
    if (values.report !== undefined) {
        return runReviewCommand(services(), positionals, { report: values.report, config: values.config, force: values.force }, io, io.terminal);
    }
    if (values.format !== 'text' && values.format !== 'json') {
        io.err(`--format 只能是 text 或 json。\n`);
        return 2;
    }
    const progress = terminalProgress(io.terminal);
    let result;
    try {
        result = await checkPaths(services(), positionals, values.config, { fixes: values.format === 'json', onProgress: (done, total, file) => progress.update(done, total, file) });
    } finally {
        progress.done();
    }
    reportProblems(result.problems, io);
    for (const note of result.notes) io.err(`${note}\n`);
    const errors = result.findings.filter(f => f.severity === 'error').length;
    const warnings = result.findings.filter(f => f.severity === 'warning').length;
    if (values.format === 'json') {
        io.out(JSON.stringify({
            files: result.files, findings: result.findings, summaries: result.summaries,
            problems: result.problems.map(p => ({ file: p.file, message: p.message }))
        }, null, 2) + '\n');
    } else {
        for (const finding of result.findings) io.out(formatFinding(finding) + '\n');
        if (values.summary) {
            for (const file of result.files) io.out(`${file}: ${formatSummary(result.summaries[file]!)}\n`);
        }
        io.out(`检查了 ${result.files.length} 个文件：${errors} 个错误，${warnings} 个警告，${result.findings.length - errors - warnings} 条提示。\n`);
    }
    if (result.problems.length > 0) return 2;
    return errors > 0 ? 1 : 0;
}

/** The option of `check` given where it does nothing, said why; undefined when every one given counts. */
function idleCheckOption(given: ReadonlySet<string>, format: string | undefined): string | undefined {
    if (given.has('report')) {
        if (given.has('format')) return '--format 不用于 --report：报告的格式由报告文件的扩展名决定（.html 或 .json）。';
        if (given.has('summary')) return '--summary 不用于 --report：报告本身已列出每个文件的错误、警告与可度量指标。';
        return undefined;
    }
    if (given.has('force')) return '--force 只用于 --report（覆盖已存在的报告文件）；check 本身不写任何文件。';
    if (given.has('summary') && format === 'json') return '--summary 只用于文本输出：--format json 已含每个文件的摘要（summaries）。';
    return undefined;
}

async function compile(args: string[], io: CliIo): Promise<number> {
    const parsed = parseCommandArgs(args, { to: { type: 'string' }, output: { type: 'string', short: 'o' }, force: { type: 'boolean', default: false } }, compileUsage, io);
    if (!parsed) return 2;
    const { values, positionals, given } = parsed;
    if (positionals.length === 0) {
        io.err(`请给出要编译的文件。\n${compileUsage}\n`);
        return 2;
    }
    if (given.has('force') && !given.has('output')) return refuseIdleOption('--force 只用于 -o（覆盖已存在的输出文件）；没有 -o 时输出到终端，不写任何文件。', io);
    const target = values.to as CompileTarget | undefined;
    if (!target || !compileTargets.includes(target)) {
        io.err(`--to 须为 ${compileTargets.join('、')} 之一。\n`);
        return 2;
    }
    const { compiled, problems, manyWithoutOutput } = await compilePaths(services(), positionals, target, values.output, io.out, values.force);
    reportProblems(problems, io);
    if (manyWithoutOutput !== undefined) {
        io.err(`参数错误：有多个输入（${positionals.length > 1 ? `${positionals.length} 个参数，` : ''}共 ${manyWithoutOutput} 个 .jxmb 文件）时请用 -o 指定输出文件夹，例如 -o 输出。未写入任何文件。\n`);
        return 2;
    }
    let failed = 0;
    for (const file of compiled) {
        if (file.syntaxErrors.length > 0) {
            failed++;
            for (const finding of file.syntaxErrors) io.err(formatFinding(finding) + '\n');
            io.err(`${formatProblem(file.source, '有错误（见上），未编译。')}\n`);
        } else if (file.output) {
            io.err(`${printableName(file.source)} → ${printableName(file.output)}\n`);
        }
    }
    if (problems.length > 0) return 2;
    return failed > 0 ? 1 : 0;
}

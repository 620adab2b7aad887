import { parseArgs, type ParseArgsConfig } from 'node:util';

// The command line of every command, parsed by node:util's parseArgs, whose errors are English sentences for
// programmers ("To specify a positional argument starting with a '-', place it at the end…"). The user gets one
// Chinese line that names the option, then the usage of the command they typed.

type Options = NonNullable<ParseArgsConfig['options']>;

/** The parsed command line; null after a bad one, which was reported on `io.err` with `usage`. */
export function parseCommandArgs<const O extends Options>(args: string[], options: O, usage: string, io: { err(text: string): void }) {
    try {
        return parseArgs({ args, options, allowPositionals: true });
    } catch (error) {
        if (!String((error as NodeJS.ErrnoException)?.code).startsWith('ERR_PARSE_ARGS')) throw error;
        io.err(`参数错误：${argumentProblem(args, options)}\n${usage}\n`);
        return null;
    }
}

/**
 * What is wrong with `args`, found again on the lenient parse's tokens rather than read from Node's English message
 * (whose wording changes between Node versions).
 */
function argumentProblem(args: string[], options: Options): string {
    const { tokens } = parseArgs({ args, options, allowPositionals: true, strict: false, tokens: true });
    for (const token of tokens) {
        if (token.kind !== 'option') continue;
        const option = options[token.name];
        if (!option) {
            return `不认识的选项「${token.rawName}」。可用的选项：${optionList(options)}。`
                + '以 - 开头的文件名请写在 -- 之后。';
        }
        if (option.type === 'boolean' && token.inlineValue) {
            return `选项「${token.rawName}」不带取值，请去掉「=${token.value}」。`;
        }
        if (option.type === 'string' && token.value === undefined) {
            return `选项「${token.rawName}」缺少取值。`;
        }
        if (option.type === 'string' && !token.inlineValue && token.value!.length > 1 && token.value!.startsWith('-')) {
            return `选项「${token.rawName}」缺少取值：其后的「${token.value}」是另一个选项`
                + `（取值本以 - 开头时请写成 ${token.rawName}=${token.value}）。`;
        }
    }
    return '命令行参数无法解析。';
}

function optionList(options: Options): string {
    return Object.entries(options).map(([name, option]) => (option.short ? `-${option.short}/` : '') + `--${name}`).join('、');
}

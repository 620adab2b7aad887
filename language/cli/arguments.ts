import { parseArgs, type ParseArgsConfig } from 'node:util';

// The command line of every command, parsed by node:util's parseArgs, whose errors are English sentences for
// programmers ("To specify a positional argument starting with a '-', place it at the end…"). The user gets one
// Chinese line that names the option, then the usage of the command they typed.

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * The parsed command line, with `given`: the options written on it (`values` holds the defaults too); null after a
 * bad one, which was reported on `io.err` with `usage`. An option written twice is a bad one: parseArgs would keep the
 * last silently (`--to md --to json`).
 */
export function parseCommandArgs<const O extends Options>(args: string[], options: O, usage: string, io: { err(text: string): void }) {
    let parsed;
    try {
        parsed = parseArgs({ args, options, allowPositionals: true, tokens: true });
    } catch (error) {
        if (!String((error as NodeJS.ErrnoException)?.code).startsWith('ERR_PARSE_ARGS')) throw error;
        io.err(`参数错误：${argumentProblem(args, options)}\n${usage}\n`);
        return null;
    }
    const given = new Set<string>();
    for (const token of parsed.tokens) {
        if (token.kind !== 'option') continue;
        if (given.has(token.name) && options[token.name]?.type === 'string') {
            const values = parsed.tokens.filter(t => t.kind === 'option' && t.name === token.name).map(t => `「${t.kind === 'option' ? t.value : ''}」`);
            io.err(`参数错误：选项「${optionName(token.name, options)}」给了 ${values.length} 次（${values.join('、')}），只能给一次。\n${usage}\n`);
            return null;
        }
        given.add(token.name);
    }
    return { values: parsed.values, positionals: parsed.positionals, given };
}

/** Reports an option given where it does nothing (`--summary` with `--report`): exit 2 rather than ignore it. */
export function refuseIdleOption(message: string, io: { err(text: string): void }): 2 {
    io.err(`参数错误：${message}\n`);
    return 2;
}

/** An option as the user reads it in the usage: -o/--output, --to. */
function optionName(name: string, options: Options): string {
    const short = options[name]?.short;
    return (short ? `-${short}/` : '') + `--${name}`;
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
    return Object.keys(options).map(name => optionName(name, options)).join('、');
}

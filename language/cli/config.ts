import { stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { Ajv } from 'ajv';
import { LineCounter, parseDocument, visit, type Document } from 'yaml';
import { notAllowed, severityEntryProblem, severityOverrides, type JxmbSettings } from '../settings.js';
import { once } from '../once.js';
import { level2ByName } from '../domain/taxonomy.js';
import { decodeSource, describeFsError, InputError, megabytes, notRegularFile, readLimited, sizeOver } from './source-files.js';
import { yamlErrorMessage } from './yaml-errors.js';

// jxmb.yaml: a unit's or a finance bureau's own settings, next to its declarations. The CLI uses the nearest one
// above each checked file (or --config); the editor reads the same keys from VS Code settings.
//
//   severity:
//     value/hedged: off          # error | warning | info | hint | off
//   costModel: 2021              # legacy | 2021
//   indicators:                  # the unit's own 指标库, by 二级: offered first by completion
//     数量指标: [举办科普讲座场次]
export const CONFIG_FILE = 'jxmb.yaml';

const configSchema = {
    type: 'object',
    additionalProperties: false,
    properties: {
        severity: { type: 'object', additionalProperties: { enum: severityOverrides } },
        costModel: { enum: ['legacy', '2021'] },
        // The unit's own 指标库: 三级 names by 二级 (its name as in the DSL), offered first by completion.
        indicators: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string', minLength: 1, maxLength: 80 } } }
    }
};
const typeNames: Record<string, string> = { array: '列表', string: '文字', object: '映射（键: 值）' };
const validateConfig = once(() => new Ajv({ allErrors: true }).compile(configSchema));

/** A jxmb.yaml that cannot be used, at its place (`file` reads `path:line:col` for the CLI's one-line message). */
export class ConfigError extends InputError {
    constructor(readonly path: string, readonly line: number, readonly column: number, message: string) {
        super(`${path}:${line}:${column}`, message);
    }
}

/**
 * The largest jxmb.yaml read: settings are a few KB, and a unit's 指标库 of 2,000 names about 100 KB; a wrong file of
 * hundreds of MB would take the CLI's (or the editor's) memory before its first error is found.
 */
export const MAX_CONFIG_BYTES = 1024 * 1024;

function tooLarge(file: string, size: number | null): InputError {
    return new InputError(file, `配置文件过大（${sizeOver(size, MAX_CONFIG_BYTES)}）：`
        + `jxmb.yaml 不能超过 ${megabytes(MAX_CONFIG_BYTES)}（设置通常只有几 KB）。请确认选对了文件。`);
}

export async function readConfig(file: string): Promise<Partial<JxmbSettings>> {
    const bytes = await readLimited(file, MAX_CONFIG_BYTES, size => tooLarge(file, size));
    const lineCounter = new LineCounter();
    // Saved as UTF-16 (Windows Notepad's "Unicode") or with a BOM it reads as a .jxmb would; GBK is refused by name.
    const text = decodeSource(file, bytes, 'jxmb.yaml 文本');
    const document = parseDocument(text, { lineCounter });
    if (document.errors.length > 0) {
        const error = document.errors[0]!;
        // The library notices a bracket left open only where the next line starts: the place to fix is the bracket.
        const bracket = error.code === 'BAD_INDENT' ? unclosedBracket(text, error.pos[0]) : undefined;
        const { line, col } = lineCounter.linePos(bracket ?? error.pos[0]);
        const message = bracket === undefined ? yamlErrorMessage(error.code) : `「${text[bracket]}」没有对应的「${text[bracket] === '[' ? ']' : '}'}」：方括号、花括号须在同一项之内闭合。`;
        throw new ConfigError(file, line, col, `配置文件格式错误：${message}`);
    }
    let config;
    try {
        // An alias to a missing anchor, or one that expands exponentially ("billion laughs"), throws here; the
        // library's default cap on alias expansion (maxAliasCount, 100) keeps the latter small and quick.
        config = document.toJS() ?? {};
    } catch (error) {
        if (!(error instanceof ReferenceError)) throw error;
        const { line, col } = lineCounter.linePos(firstAlias(document));
        throw new ConfigError(file, line, col, '配置文件格式错误：别名（*名称）无法展开：须先用 &名称 定义锚点，展开后也不能过多。');
    }
    // YAML reads an unquoted 2021 as a number; it is the same choice as "2021".
    if (isMapping(config) && config.costModel === 2021) config.costModel = '2021';
    const validate = validateConfig();
    if (!validate(config)) {
        const error = validate.errors![0]!;
        const path = error.instancePath.split('/').filter(Boolean).map(part => part.replace(/~1/g, '/').replace(/~0/g, '~'));
        const node = (path.length > 0 ? document.getIn(path, true) : document.contents) as YamlNode | undefined;
        const unknownKey = 'additionalProperty' in error.params ? String(error.params.additionalProperty) : undefined;
        // An unknown key is shown at itself; a mapping written with 「：」 (an IME's colon) is one text to YAML, shown at the 「：」.
        const keyPlace = unknownKey === undefined ? undefined : node?.items?.find(item => item.key?.value === unknownKey)?.key?.range;
        const fullWidthColon = error.keyword === 'type' && error.params.type === 'object' && node?.range ? fullWidthColonIn(text, node.range) : undefined;
        const at = fullWidthColon ?? keyPlace?.[0] ?? node?.range?.[0];
        const where = at !== undefined ? lineCounter.linePos(at) : { line: 1, col: 1 };
        const what = 'allowedValues' in error.params ? notAllowed(error.params.allowedValues as string[])
            : unknownKey !== undefined ? `不认识的配置项「${unknownKey}」，可用：severity、costModel、indicators`
            : fullWidthColon !== undefined ? `应为${typeNames.object}：键后的冒号须为半角「:」（后跟空格），这里是全角「：」`
            : error.keyword === 'type' ? `应为${typeNames[String(error.params.type)] ?? String(error.params.type)}`
            : error.keyword === 'minLength' ? '不能为空'
            : error.keyword === 'maxLength' ? '超过 80 个字'
            : error.message ?? '无效';
        // A list's items are counted from 1, as a person counts them.
        const shown = path.map(part => /^\d+$/.test(part) ? `第 ${Number(part) + 1} 项` : part);
        throw new ConfigError(file, where.line, where.col, `配置项 ${shown.join(' → ') || '（根）'}：${what}。`);
    }
    const settings = config as Partial<JxmbSettings>;
    /** Refuses `key` of the mapping `section` at the key's place. */
    const refuse = (section: string, key: string, why: string): never => {
        const node = document.getIn([section], true) as { items?: Array<{ key?: { range?: [number, number, number]; value?: unknown } }> } | undefined;
        const place = node?.items?.find(item => item.key?.value === key)?.key?.range;
        const where = place ? lineCounter.linePos(place[0]) : { line: 1, col: 1 };
        throw new ConfigError(file, where.line, where.col, `配置项 ${section} → ${key}：${why}`);
    };
    for (const [code, level] of Object.entries(settings.severity ?? {})) {
        const problem = severityEntryProblem(code, level);
        if (problem) refuse('severity', code, problem);
    }
    for (const level2 of Object.keys(settings.indicators ?? {})) {
        if (!level2ByName(level2)) refuse('indicators', level2, '不是二级指标的名称，例如：数量指标、质量指标、社会效益指标。');
    }
    return settings;
}

interface YamlNode {
    range?: [number, number, number];
    items?: Array<{ key?: { range?: [number, number, number]; value?: unknown } }>;
}

/** The first 「：」 of a text that was to be a mapping, after what reads as a key on its line (not in quotes or a comment). */
function fullWidthColonIn(text: string, [start, end]: [number, number, number]): number | undefined {
    const match = /(?:^|\n)[^"'\n#：:]*：/.exec(text.slice(start, end));
    return match ? start + match.index + match[0].length - 1 : undefined;
}

/** The last 「[」 or 「{」 before `end` that no bracket closes (quotes and comments skipped), if any. */
function unclosedBracket(text: string, end: number): number | undefined {
    const open: number[] = [];
    let quote: string | undefined;
    for (let i = 0; i < end; i++) {
        const ch = text[i]!;
        if (quote) {
            if (ch === quote) quote = undefined;
            else if (ch === '\n') quote = undefined;
        } else if (ch === '"' || ch === "'") quote = ch;
        else if (ch === '#' && (i === 0 || /\s/.test(text[i - 1]!))) i = (text.indexOf('\n', i) + 1 || end + 1) - 1;
        else if (ch === '[' || ch === '{') open.push(i);
        else if ((ch === ']' || ch === '}') && open.length > 0) open.pop();
    }
    return open.at(-1);
}

const isMapping = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Where the document's first alias (*名称) starts. */
function firstAlias(document: Document): number {
    let at = 0;
    visit(document, { Alias(_, node) { at = node.range?.[0] ?? 0; return visit.BREAK; } });
    return at;
}

/** Finds and reads the nearest jxmb.yaml above each file; one read per folder. */
export class ConfigResolver {
    private readonly byDirectory = new Map<string, Promise<Partial<JxmbSettings> | undefined>>();

    constructor(private readonly explicit?: string) {}

    async forFile(file: string): Promise<Partial<JxmbSettings> | undefined> {
        if (this.explicit) return this.lookup(this.explicit, true);
        return this.nearest(dirname(resolve(file)));
    }

    private nearest(dir: string): Promise<Partial<JxmbSettings> | undefined> {
        let found = this.byDirectory.get(dir);
        if (!found) {
            found = this.lookup(join(dir, CONFIG_FILE), false).then(config => {
                if (config !== undefined) return config;
                const parent = dirname(dir);
                return parent === dir ? undefined : this.nearest(parent);
            });
            this.byDirectory.set(dir, found);
        }
        return found;
    }

    private async lookup(file: string, required: boolean): Promise<Partial<JxmbSettings> | undefined> {
        try {
            // A jxmb.yaml found, not named: a named pipe there would be waited on for ever (one named is read: <(…)).
            const special = required ? null : notRegularFile(await stat(file));
            if (special) throw new InputError(file, `无法读取配置文件：${special}`);
            return await readConfig(file);
        } catch (error) {
            if (!required && (error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
            if (error instanceof InputError) throw error;
            throw new InputError(file, (error as NodeJS.ErrnoException).code === 'ENOENT' ? '配置文件不存在。' : `无法读取配置文件：${describeFsError(error)}`);
        }
    }
}

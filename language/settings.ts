import type { URI } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { oneLine } from './domain/one-line.js';
import type { CostModel } from './domain/taxonomy.js';
import { SYNTAX_CODES } from './syntax-messages.js';
import { RULE_DOCS } from './validation/rule-docs.js';

// What a user or a finance bureau may change without touching code: the severity of each check (by its code,
// `off` to silence it) and the 成本 model. The CLI reads them from the nearest jxmb.yaml (language/cli/config.ts);
// the editor from VS Code settings (`jxmb.severity`, `jxmb.costModel`) and the same jxmb.yaml, which wins for what
// it names (lsp/settings-sources.ts), so that the editor and a bureau's `jxmb check` agree.

export type SeverityOverride = 'error' | 'warning' | 'info' | 'hint' | 'off';

export interface JxmbSettings {
    /** code → severity, e.g. { "value/hedged": "off" } */
    severity: Record<string, SeverityOverride>;
    /** legacy: 成本指标 is a 二级 under 产出 (14); 2021: 成本指标 is a 一级 (4x), 财预〔2021〕101号 */
    costModel: CostModel;
    /** The unit's own 指标库 (jxmb.yaml only): 三级 names by 二级 name, offered first by completion. */
    indicators?: Record<string, string[]>;
}

/** The VS Code settings (section `jxmb`) the checks read, in this order: a change of any other re-checks nothing. */
export const CHECK_SETTINGS = ['severity', 'costModel'] as const;

export const defaultSettings: JxmbSettings = { severity: {}, costModel: 'legacy' };

export const severityOverrides: SeverityOverride[] = ['error', 'warning', 'info', 'hint', 'off'];

/** The settings of the nearest jxmb.yaml for a document, if any. */
export type LocalSettings = (uri: URI) => Promise<Partial<JxmbSettings> | undefined>;

export class JxmbSettingsProvider {
    private fixed: JxmbSettings | undefined;
    private local: LocalSettings | undefined;
    private readonly validating = new WeakMap<object, JxmbSettings>();

    constructor(private readonly shared: LangiumSharedServices) {}

    /** The CLI sets the settings of the file it is about to check (from its jxmb.yaml). */
    useFixed(settings: Partial<JxmbSettings> | undefined): void {
        this.fixed = settings ? { ...defaultSettings, ...settings } : undefined;
    }

    /**
     * The validator reads a document's settings once when a run starts (they may wait on the client); the checks of
     * that run use the same, without waiting each time.
     */
    startValidation(document: object, settings: JxmbSettings): void {
        this.validating.set(document, settings);
    }

    /** The settings the document's latest validation run started with. */
    inValidation(document: object): JxmbSettings | undefined {
        return this.validating.get(document);
    }

    /** The language server sets where a document's jxmb.yaml settings come from. */
    useLocal(local: LocalSettings): void {
        this.local = local;
    }

    async forDocument(uri?: URI): Promise<JxmbSettings> {
        if (this.fixed) return this.fixed;
        const provider = this.shared.workspace.ConfigurationProvider;
        const [[vscodeSeverity, costModel], local] = await Promise.all([
            Promise.all(CHECK_SETTINGS.map(name => provider.getConfiguration('jxmb', name).catch(() => undefined))),
            uri && this.local ? this.local(uri) : undefined
        ]);
        return {
            severity: { ...readVscodeSeverity(vscodeSeverity).severity, ...local?.severity },
            costModel: local?.costModel ?? readVscodeCostModel(costModel).costModel,
            ...local?.indicators ? { indicators: local.indicators } : {}
        };
    }
}

/** A value that is none of `allowed`, in the words of jxmb.yaml's finding (cli/config.ts) and of VS Code settings' warning. */
export const notAllowed = (allowed: readonly unknown[]) => `取值无效，可用：${allowed.join('、')}`;

/** (own keys only: `constructor` and `__proto__` are no codes) */
const isKnownCode = (code: string) => Object.hasOwn(RULE_DOCS, code);

/** Unknown codes named one by one up to this many; more (a pasted list, a generated file) are counted. */
const UNKNOWN_NAMED = 3;

/** Why `code` cannot be set to `level`, or undefined when it can: a misspelt code would silently change nothing. */
export function severityEntryProblem(code: string, level: unknown): string | undefined {
    if (SYNTAX_CODES.has(code)) return '语法错误不能调整级别或关闭：有语法错误的文件无法正确检查，也无法导出。';
    if (!isKnownCode(code)) {
        const family = Object.keys(RULE_DOCS).filter(known => known.split('/')[0] === code.split('/')[0]);
        return family.length > 0 && code.includes('/') ? `不认识的诊断代码；这一类的代码有：${family.join('、')}。`
            : '不认识的诊断代码；代码形如 measurability/vague-value，见 README 的检查表。';
    }
    return severityOverrides.includes(level as SeverityOverride) ? undefined : `${notAllowed(severityOverrides)}。`;
}

/**
 * VS Code's `jxmb.severity`: its usable entries, and why each other one is not used (settings-sources.ts tells the
 * user). One wrong entry must not cost the others, as VS Code's settings editor lets any value through.
 */
export function readVscodeSeverity(value: unknown): { severity: Record<string, SeverityOverride>; problems: string[] } {
    if (value === undefined || value === null) return { severity: {}, problems: [] };
    if (typeof value !== 'object' || Array.isArray(value)) {
        return { severity: {}, problems: ['设置 jxmb.severity：应为按诊断代码设置级别的对象，例如 {"value/hedged": "off"}。'] };
    }
    const severity: Record<string, SeverityOverride> = {};
    const problems: string[] = [];
    const unknown: string[] = [];
    for (const [code, level] of Object.entries(value)) {
        const problem = severityEntryProblem(code, level);
        if (!problem) severity[code] = level as SeverityOverride;
        else if (!isKnownCode(code) && !SYNTAX_CODES.has(code)) unknown.push(code);
        else problems.push(`设置 jxmb.severity → ${code}：${problem}`);
    }
    // 20,000 unknown codes were one message of a megabyte, each named with the same advice.
    if (unknown.length > UNKNOWN_NAMED) {
        const named = unknown.slice(0, UNKNOWN_NAMED).map(code => oneLine(code, 40)).join('、');
        problems.unshift(`设置 jxmb.severity：${named} 等 ${unknown.length.toLocaleString('en-US')} 个不认识的诊断代码；代码形如 measurability/vague-value，见 README 的检查表。`);
    } else {
        problems.unshift(...unknown.map(code => `设置 jxmb.severity → ${oneLine(code, 40)}：${severityEntryProblem(code, undefined)!}`));
    }
    return { severity, problems };
}

const costModels: readonly CostModel[] = ['legacy', '2021'];

/**
 * VS Code's `jxmb.costModel`: 2021 typed without quotes is 2021, as in jxmb.yaml; another value falls back to legacy
 * and says why (settings-sources.ts tells the user).
 */
export function readVscodeCostModel(value: unknown): { costModel: CostModel; problem?: string } {
    if (value === undefined || value === null || value === 'legacy') return { costModel: 'legacy' };
    if (value === '2021' || value === 2021) return { costModel: '2021' };
    return { costModel: 'legacy', problem: `设置 jxmb.costModel：${notAllowed(costModels)}；按 legacy 检查。` };
}

import type { URI } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import type { CostModel } from './domain/taxonomy.js';

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

export const defaultSettings: JxmbSettings = { severity: {}, costModel: 'legacy' };

export const severityOverrides: SeverityOverride[] = ['error', 'warning', 'info', 'hint', 'off'];

/** The settings of the nearest jxmb.yaml for a document, if any. */
export type LocalSettings = (uri: URI) => Promise<Partial<JxmbSettings> | undefined>;

export class JxmbSettingsProvider {
    private fixed: JxmbSettings | undefined;
    private local: LocalSettings | undefined;

    constructor(private readonly shared: LangiumSharedServices) {}

    /** The CLI sets the settings of the file it is about to check (from its jxmb.yaml). */
    useFixed(settings: Partial<JxmbSettings> | undefined): void {
        this.fixed = settings ? { ...defaultSettings, ...settings } : undefined;
    }

    /** The language server sets where a document's jxmb.yaml settings come from. */
    useLocal(local: LocalSettings): void {
        this.local = local;
    }

    async forDocument(uri?: URI): Promise<JxmbSettings> {
        if (this.fixed) return this.fixed;
        const provider = this.shared.workspace.ConfigurationProvider;
        const [severity, costModel, local] = await Promise.all([
            provider.getConfiguration('jxmb', 'severity').catch(() => undefined),
            provider.getConfiguration('jxmb', 'costModel').catch(() => undefined),
            uri && this.local ? this.local(uri) : undefined
        ]);
        return {
            severity: { ...isSeverityMap(severity) ? severity : defaultSettings.severity, ...local?.severity },
            costModel: local?.costModel ?? (costModel === '2021' ? '2021' : defaultSettings.costModel),
            ...local?.indicators ? { indicators: local.indicators } : {}
        };
    }
}

export function isSeverityMap(value: unknown): value is Record<string, SeverityOverride> {
    return typeof value === 'object' && value !== null
        && Object.values(value).every(v => severityOverrides.includes(v as SeverityOverride));
}

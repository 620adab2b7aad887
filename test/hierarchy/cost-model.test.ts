import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { HierarchyCode } from '../../language/validation/hierarchy.js';
import { applyFixAndRecheck, diagnose } from '../helpers/fixes.js';
import { output as output2021 } from '../helpers/fixture-texts.js';
import { jxmb } from '../helpers/services.js';

// The 成本 checks under the 2021 model (财预〔2021〕101号: 成本指标 is a 一级 with 41/42/43). The setting cannot be
// written in a .jxmb test file, so these set it on the services the helpers use.

const declaration = (tree: string) => `部门整体 "测试区科学技术协会" 年度 2024 {
    绩效指标 {
        效益指标 { 社会效益指标 { "科普受益人次"：≥2万人次 } }
        满意度指标 { 服务对象满意度指标 { "服务对象满意度"：≥90% } }
${tree}
    }
}
`;

const legacyOutput = `        产出指标 {
            数量指标 { "开展科普活动场次"：≥10场次 }
            时效指标 { "活动完成时间"：≤2024-12-31 }
            成本指标 { "单场活动成本"：≤2万元 }
        }`;

async function findings(text: string) {
    const { diagnostics } = await diagnose(text);
    return diagnostics.filter(d => String(d.code).startsWith('hierarchy/')).map(d => ({ code: d.code, severity: d.severity, line: d.range.start.line + 1 }));
}

describe('成本 model 2021', () => {
    beforeEach(() => jxmb().jxmb.Settings.useFixed({ costModel: '2021' }));
    afterEach(() => jxmb().jxmb.Settings.useFixed(undefined));

    test('a table written wholly in the legacy model gets an info on its 成本 二级, not a missing 成本', async () => {
        expect(await findings(declaration(legacyOutput))).toEqual([
            { code: HierarchyCode.costModelDiffers, severity: DiagnosticSeverity.Information, line: 8 }
        ]);
    });

    test('a 2021 table is clean; without any 成本 it misses the 一级', async () => {
        const with2021 = declaration(`${output2021}\n        成本指标 { 经济成本指标 { "单场活动成本"：≤2万元 } }`);
        expect(await findings(with2021)).toEqual([]);
        expect(await findings(declaration(output2021))).toEqual([
            { code: HierarchyCode.missingCost, severity: DiagnosticSeverity.Warning, line: 2 }
        ]);
    });

    test('a 2021 二级 under 产出 is under the wrong 一级', async () => {
        const text = declaration(`${output2021.replace('        }', '            经济成本指标 { "单场活动成本"：≤2万元 }\n        }')}\n        成本指标 { 社会成本指标 { "安全事故发生数"：0起 } }`);
        expect(await findings(text)).toEqual([{ code: HierarchyCode.wrongLevel1, severity: DiagnosticSeverity.Warning, line: 8 }]);
    });

    test('mixed models: the legacy 二级 is the one reported, and the fix moves it to 成本指标 › 经济成本指标', async () => {
        const text = declaration(`${legacyOutput}\n        成本指标 {\n            社会成本指标 { "安全事故发生数"：0起 }\n        }`);
        expect(await findings(text)).toEqual([{ code: HierarchyCode.mixedCostModels, severity: DiagnosticSeverity.Warning, line: 8 }]);
        const { text: fixed } = await applyFixAndRecheck(text, HierarchyCode.mixedCostModels);
        expect(fixed).toContain(`        成本指标 {
            社会成本指标 { "安全事故发生数"：0起 }
            经济成本指标 {
                "单场活动成本"：≤2万元
            }
        }`);
        expect(fixed).not.toMatch(/产出指标 \{[^}]*成本指标/);
    });

    test('the missing 成本 一级 fix adds a typed 经济成本指标 skeleton', async () => {
        const { text: fixed } = await applyFixAndRecheck(declaration(output2021), HierarchyCode.missingCost);
        expect(fixed).toContain('        成本指标 {\n            经济成本指标 {\n                "〔待填〕经济成本指标名称"："〔待填〕"\n            }\n        }');
    });
});

describe('成本 model legacy (the default)', () => {
    test('the legacy table is clean and a wholly 2021 table gets an info with the move as fix', async () => {
        expect(await findings(declaration(legacyOutput))).toEqual([]);
        const text = declaration(`${output2021}\n        成本指标 { 经济成本指标 { "单场活动成本"：≤2万元 } }`);
        expect(await findings(text)).toEqual([{ code: HierarchyCode.costModelDiffers, severity: DiagnosticSeverity.Information, line: 9 }]);
        const { text: fixed } = await applyFixAndRecheck(text, HierarchyCode.costModelDiffers);
        expect(fixed).toContain('            时效指标 { "活动完成时间"：≤2024-12-31 }\n            成本指标 {\n                "单场活动成本"：≤2万元\n            }\n        }');
        expect(fixed).not.toContain('经济成本指标');
    });
});

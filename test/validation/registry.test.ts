import { EmptyFileSystem, OperationCancelled, type ValidationAcceptor } from 'langium';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { parseAndValidate } from '../../language/documents.js';
import type { Indicator } from '../../language/generated/ast.js';
import { createJxmbServices } from '../../language/jxmb-module.js';
import { CHECK_FAILED } from '../../language/validation/registry.js';

// Checks are called without Langium's promise wrappers (validation/registry.ts). What the person sees must not
// change: a check that breaks shows as a jxmb fault on its node and the other checks' findings stay; an async check
// is awaited; a cancellation is not mistaken for a fault.

const text = '项目支出 "某单位" 年度 2024 {\n    单位 "某单位" {\n        项目 "科普活动" {\n            绩效指标 {\n                产出指标 {\n                    数量指标 {\n                        "举办讲座场次"：≥12场次\n                        "发放资料数量"：提升\n                    }\n                }\n            }\n        }\n    }\n}\n';

/** New services with one more Indicator check: the registry is per service set, so other tests are not affected. */
function servicesWith(check: (indicator: Indicator, accept: ValidationAcceptor) => unknown) {
    const { Jxmb } = createJxmbServices(EmptyFileSystem);
    Jxmb.validation.ValidationRegistry.register({ Indicator: check as never });
    return Jxmb;
}

afterEach(() => {
    vi.restoreAllMocks();
});

describe('checks called directly', () => {
    test('a check that throws shows as a jxmb fault on its own node; the findings of the other checks stay', async () => {
        vi.spyOn(console, 'error').mockImplementation(() => undefined);
        const plain = await parseAndValidate(servicesWith(() => undefined), text);
        const broken = await parseAndValidate(servicesWith(indicator => {
            if (indicator.name === '举办讲座场次') throw new Error('boom');
        }), text);
        const faults = broken.diagnostics.filter(d => String(d.message).startsWith(CHECK_FAILED));
        expect(faults).toHaveLength(1);
        expect(faults[0]!.message).toContain('boom');
        expect(faults[0]!.range.start.line).toBe(6);
        expect(broken.diagnostics.filter(d => !String(d.message).startsWith(CHECK_FAILED)).map(d => d.code))
            .toEqual(plain.diagnostics.map(d => d.code));
        expect(plain.diagnostics.some(d => d.range.start.line === 7)).toBe(true); // 提升 is vague: findings exist
    });

    test('an async check is awaited, and its rejection is a fault like a throw', async () => {
        vi.spyOn(console, 'error').mockImplementation(() => undefined);
        const later = await parseAndValidate(servicesWith(async (indicator, accept) => {
            await new Promise(resolve => setTimeout(resolve, 1));
            accept('hint', `看过「${indicator.name}」`, { node: indicator });
        }), text);
        expect(later.diagnostics.filter(d => String(d.message).startsWith('看过')).map(d => d.message)).toEqual(['看过「举办讲座场次」', '看过「发放资料数量」']);
        const rejected = await parseAndValidate(servicesWith(async () => {
            await Promise.resolve();
            throw new Error('later boom');
        }), text);
        expect(rejected.diagnostics.filter(d => String(d.message).startsWith(CHECK_FAILED))).toHaveLength(2);
    });

    test('a cancelled run is not reported as a fault', async () => {
        const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
        await expect(parseAndValidate(servicesWith(() => {
            throw OperationCancelled;
        }), text)).rejects.toBe(OperationCancelled);
        expect(error).not.toHaveBeenCalled();
    });
});

import { describe, expect, test } from 'vitest';
import { findPromises, type TextPromise } from '../../language/domain/promises.js';

// findPromises reads a compact copy of the text (no layout whitespace, no tags, half-width digits) and maps what it
// finds back to offsets in the original. The copy is built in linear time; these pin down that it still says the same.

const TEXT = '完成 IT 应用 升级 3 套；组织<b>科普</b>志愿活动不少于９６场次，\n  发布科普文章不少于 210 篇。';

const shifted = (promises: TextPromise[], by: number) => promises.map(p => ({
    ...p, span: p.span.map(x => x - by), quantitySpan: p.quantitySpan.map(x => x - by)
}));

describe('the compact copy behind findPromises', () => {
    test('full-width digits, tags and layout spaces: the values read and the spans point into the original text', () => {
        const promises = findPromises(TEXT);
        const quantities = promises.filter(p => p.kind === 'quantity');
        expect(quantities.map(p => [p.value, p.unit, TEXT.slice(...p.quantitySpan)])).toEqual([
            [3, '套', '3 套'],
            [96, '场次', '不少于９６场次'],
            [210, '篇', '不少于 210 篇']
        ]);
        expect(quantities.map(p => p.subject)).toEqual(['完成IT应用升级', '组织科普志愿活动', '发布科普文章']);
    });

    test('a long run of text before the same sentence changes nothing but the offsets', () => {
        const prefix = 'API key。'.repeat(5_000);
        const alone = findPromises(TEXT);
        expect(alone.length).toBeGreaterThan(0);
        expect(shifted(findPromises(prefix + TEXT), prefix.length)).toEqual(alone);
    });
});

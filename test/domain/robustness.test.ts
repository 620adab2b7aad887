// parseValue never throws and stays roughly linear, whatever the input.
import { describe, expect, test } from 'vitest';
import { findVagueWords } from '../../language/domain/vague-words.js';
import { parseValue } from '../../language/domain/values.js';

const KINDS = ['empty', 'quantity', 'range', 'date', 'compound', 'qualitative', 'unparsable'];

// A small deterministic generator, so a failure can be reproduced.
function random(seed: number): () => number {
    let s = seed >>> 0;
    return () => {
        s = (s * 1664525 + 1013904223) >>> 0;
        return s / 2 ** 32;
    };
}

const ALPHABET = [...'0123456789.,，；;:：%％≥≤<>=＞＜＝+~～-–—[]()（）【】《》“”「」 \n\t约近余多左右不少于以上以下内每月年日前底个次人万亿元级优良合格提升符合及时完成通过一二两十百千第abc𝟘\u0000\ud800'];

function randomText(next: () => number, length: number): string {
    let text = '';
    for (let i = 0; i < length; i++) text += ALPHABET[Math.floor(next() * ALPHABET.length)];
    return text;
}

describe('never throws', () => {
    test('random short strings from the value alphabet', () => {
        const next = random(42);
        for (let i = 0; i < 3000; i++) {
            const text = randomText(next, 1 + Math.floor(next() * 30));
            const result = parseValue(text);
            expect(KINDS, text).toContain(result.kind);
            expect(result.original).toBe(text);
            if (result.kind === 'qualitative' || result.kind === 'unparsable') expect(result.reason, text).not.toBe('');
        }
    });

    test('non-strings from untyped callers', () => {
        expect(parseValue(undefined as unknown as string)).toMatchObject({ kind: 'empty' });
        expect(parseValue(42 as unknown as string)).toMatchObject({ kind: 'quantity', value: 42 });
    });
});

describe('linear-ish on 1 MB', () => {
    const MB = 1 << 20;
    test.each([
        ['prose with quantities', '不少于1000次，约180卷；70余场、'.repeat(MB / 20)],
        ['separators', '1,'.repeat(MB / 2)],
        ['numerals', '一二三四五六七八九十'.repeat(MB / 10)],
        ['vague prose', '有效推动科普活动显著提升'.repeat(MB / 12)],
        ['unclosed quotes and titles', '“《('.repeat(MB / 3)],
        ['random', randomText(random(7), MB)]
    ])('%s', (_, text) => {
        // No timing assertion (speed is `npm run bench`'s business): quadratic behaviour on 1 MB would run into the
        // test's timeout, which is what this guards against.
        const result = parseValue(text);
        findVagueWords(text);
        expect(KINDS).toContain(result.kind);
    });
});

import { describe, expect, test } from 'vitest';
import { findPromises } from '../../language/domain/promises.js';
import { matchPromise, type Measure } from '../../language/validation/text-consistency-match.js';

// A long list of measures is looked up by character pair: the answer must be the one a full reading gives (the
// first-written of equally similar indicators; a contradiction where no same number matches).

const measure = (name: string, value: string, ref: number): Measure<number> =>
    ({ promise: findPromises(`${name}${value}`)[0]!, name, single: true, ref });

describe('matchPromise on a long list', () => {
    const filler = Array.from({ length: 200 }, (_, i) => measure(`编号${i}号仓库盘点批次`, `${i + 1}批`, i));
    const long = [...filler.slice(0, 100), measure('举办科普讲座场次', '不少于12场次', 1000), ...filler.slice(100, 150),
        measure('举办科普讲座的场次', '不少于12场次', 1001), measure('举办科普讲座场次', '不少于30场次', 1002), ...filler.slice(150)];

    test('the same answer as on the short list of its candidates (ties to the first written)', () => {
        const [p] = findPromises('举办科普讲座不少于12场次');
        const onLong = matchPromise(p!, long);
        const onShort = matchPromise(p!, long.filter(m => m.ref >= 1000));
        expect(onLong.kind).toBe('measured');
        expect(onLong.kind === 'measured' && onLong.measure.ref).toBe(1000);
        expect(onLong).toEqual(onShort);
    });

    test('a different number contradicts; nothing in common is unmeasured', () => {
        const [p] = findPromises('举办科普讲座不少于20场次');
        const m = matchPromise(p!, long);
        expect(m.kind === 'contradicted' && m.measure.ref).toBe(1000);
        expect(matchPromise(findPromises('发放宣传册不少于500份')[0]!, long)).toEqual({ kind: 'unmeasured' });
    });
});

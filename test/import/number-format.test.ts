import { describe, expect, test } from 'vitest';
import { excelPrecision, renderDate, renderNumber } from '../../language/import/number-format.js';

// The number formats of budget tables, shown as Excel shows them; a format beyond the renderer is no guess (null).

const ACCOUNTING = '_ * #,##0.00_ ;_ * -#,##0.00_ ;_ * "-"??_ ;_ @_ '; // Excel's 会计专用 format in a Chinese locale

describe('renderNumber', () => {
    test.each([
        [45, '"≥"0"场次"', '≥45场次'],
        [20, '0"次"', '20次'],
        [210, '≥0篇', '≥210篇'],
        [12, '0"次/年"', '12次/年'],
        [3, 'General"次"', '3次'],
        [1234567, '#,##0', '1,234,567'],
        [1767000, '#,##0.00,"万"', '1,767.00万'],
        [12345678, '0.0,,"百万"', '12.3百万'],
        [1.005, '0.00', '1.01'],
        [0.5, '#.##', '.5'],
        [123, '000000', '000123'],
        [0.123, '0.0%', '12.3%'],
        [45, '[$¥-804]#,##0.00', '¥45.00'],
        [-1234.5, '#,##0.00;[Red]-#,##0.00', '-1,234.50'],
        [-3, '0;"减少"0', '减少3'],
        [-5, '"≥"0', '-≥5'],
        [1234.5, ACCOUNTING, '1,234.50'],
        [0, ACCOUNTING, '-']
    ])('%s in %s shows %s', (value, format, shown) => {
        expect(renderNumber(value, format)?.text).toBe(shown);
    });

    test.each([
        [45, '0.0E+00'], [0.5, '# ?/?'], [45, '[>100]0;0'], [45, '[DBNum1]0'], [1e20, '0'], [45, '0-00-0']
    ])('%s in %s is beyond the renderer', (value, format) => {
        expect(renderNumber(value, format)).toBeNull();
    });

    test('a trailing comma scales, and says so', () => {
        expect(renderNumber(1767000, '#,##0.00,')?.scaled).toBe(true);
        expect(renderNumber(1767000, '#,##0.00')?.scaled).toBe(false);
    });

    test('15 significant digits, as Excel keeps numbers', () => {
        expect(excelPrecision(238.97000000000003)).toBe(238.97);
        expect(excelPrecision(176.7 + 1e-13)).toBe(176.7);
        expect(excelPrecision(0.1 + 0.2)).toBe(0.3);
    });
});

describe('renderDate', () => {
    const date = new Date(Date.UTC(2024, 11, 3));
    test.each(['yyyy-mm-dd', 'mm-dd-yy', 'yyyy"年"m"月"d"日"', '[$-804]yyyy年m月d日', 'yyyy.mm.dd', 'dd/mm/yyyy'])('%s only spells the date: iso', format => {
        expect(renderDate(date, format)).toBe('iso');
    });

    test.each([['yyyy"年"m"月"d"日前"', '2024年12月3日前'], ['yyyy"年"m"月"', '2024年12月'], ['"截至"yyyy/mm/dd', '截至2024/12/03']])('%s shows %s', (format, shown) => {
        expect(renderDate(date, format)).toEqual({ text: shown });
    });

    test.each(['yyyy/m/d h:mm', 'mmm d, yyyy', 'yyyy年m月d日 aaaa'])('%s is beyond the renderer', format => {
        expect(renderDate(date, format)).toBeNull();
    });
});

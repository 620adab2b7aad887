import { describe, expect, test } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-types';
import { applyEdits, applyFixAndRecheck, diagnose, fixesFor } from '../helpers/fixes.js';

// Characters nobody sees (zero-width, soft hyphen, BOM inside a text, direction controls) in a name or text: one
// warning per string, on the first of them, naming each; the fix deletes them. Written as escapes here: a test file
// holding them raw would hide what it tests.

const CODE = 'text/invisible-char';
const ZWSP = '\u200b';
const RLO = '\u202e';
const LRI = '\u2066';
const PDI = '\u2069';
const TAG_A = '\u{e0041}';

const table = (rows: string, extra = '') => `部门整体 "测试区科学技术协会" 年度 2024 {
${extra}    绩效指标 {
        产出指标 { 数量指标 {
${rows}
        } }
    }
}
`;

const found = (diagnostics: Diagnostic[]) => diagnostics.filter(d => d.code === CODE);
const at = (d: Diagnostic) => `${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1}`;

describe('text/invisible-char', () => {
    test('a zero-width space in a 三级 name: a warning on that character, naming it', async () => {
        const text = table(`            "举办${ZWSP}活动场次"：≥45场次`);
        const [finding, ...more] = found((await diagnose(text)).diagnostics);
        expect(more).toEqual([]);
        expect(finding!.severity).toBe(2);
        // line 4, the character after 「            "举办」 (column 16).
        expect(at(finding!)).toBe('4:16-4:17');
        expect(finding!.message).toContain('三级指标名称「举办〈U+200B〉活动场次」含不可见字符：零宽空格 U+200B');
        expect(finding!.message).not.toContain(ZWSP);
    });

    test('a direction override in a text value is named as one, and the message cannot turn the line around', async () => {
        const text = table(`            "举办活动场次"："${RLO}次场54≥"`);
        const [finding] = found((await diagnose(text)).diagnostics);
        expect(finding!.message).toContain('「举办活动场次」的指标值「〈U+202E〉次场54≥」含不可见字符：从右到左覆盖 U+202E');
        expect(finding!.message).toContain('显示顺序');
        expect(at(finding!)).toBe('4:23-4:24');
    });

    test('one finding per string, however many characters; each string of the table is looked at', async () => {
        const text = table(`            "举办${ZWSP}活动${ZWSP}\u2060场次"：≥45场次\n            "发放资料"："不少于\u00ad1000份"`,
            `    总体绩效目标 "开展科普活动\ufeff。"\n    任务 "科普${'\u200d'}活动" { 主要实施内容 "组织${'\u2066'}活动" }\n`);
        const findings = found((await diagnose(text)).diagnostics);
        expect(findings.map(d => String(d.message).slice(0, String(d.message).indexOf('：')))).toEqual([
            '总体绩效目标「开展科普活动〈U+FEFF〉。」含不可见字符',
            '年度重点工作任务名称「科普〈U+200D〉活动」含不可见字符',
            '任务「科普〈U+200D〉活动」的主要实施内容「组织〈U+2066〉活动」含不可见字符',
            '三级指标名称「举办〈U+200B〉活动〈U+200B〉〈U+2060〉场次」含不可见字符',
            '「发放资料」的指标值「不少于〈U+00AD〉1000份」含不可见字符'
        ]);
        expect(findings[3]!.message).toContain('零宽空格 U+200B、词连接符 U+2060（共 2 处）');
    });

    test('in a 项目支出 table and a 保密 project too', async () => {
        const text = `项目支出 "测试区科学技术协会${ZWSP}" 年度 2024 {
    单位 "测试区科学技术协会" {
        项目 "TZMMZX${RLO}" 保密 { 资金 { 总计 1.00 } }
    }
}
`;
        expect(found((await diagnose(text)).diagnostics).map(d => String(d.message).slice(0, 6))).toEqual(['部门名称「测', '项目名称「T']);
    });

    test('text without such characters, and the characters a Chinese table uses (spaces, full-width space, variation selectors), give none', async () => {
        const text = table('            "举办 活动　场次"：≥45场次\n            "葛\u{E0100}洪纪念馆参观人次"：≥1万人次');
        expect(found((await diagnose(text)).diagnostics)).toEqual([]);
    });

    test('two names that differ only by a zero-width space are the same name to the duplicate check', async () => {
        const text = table(`            "举办活动场次"：≥45场次\n            "举办${ZWSP}活动场次"：≥45场次`);
        const duplicates = (await diagnose(text)).diagnostics.filter(d => d.code === 'hierarchy/duplicate-name');
        expect(duplicates.map(d => d.message)).toEqual([expect.stringContaining('「举办〈U+200B〉活动场次」在同一申报表中重复（第 4 行已有）')]);
    });

    test('outside a string the lexing error names the character, and its fix deletes it', async () => {
        const text = table(`            "举办活动场次"：≥45${ZWSP}场次`);
        const { diagnostic } = await fixesFor(text, 'lexing-error');
        expect(diagnostic.message).toBe('无法识别的字符：看不见的零宽空格 U+200B，多半是复制粘贴时带入的，删去即可。');
        const fixed = await applyFixAndRecheck(text, 'lexing-error', '删去不可见字符');
        expect(fixed.text).toContain('"举办活动场次"：≥45场次\n');
    });
});

describe('control characters in a string', () => {
    const ESC = '\u001b';
    const BEL = '\u0007';

    test('ESC and BEL in a 三级 name (pasted from a terminal): one warning at the first, naming both, saying the .xlsx drops them', async () => {
        const text = table(`            "举办${ESC}[31m活动${BEL}场次"：≥45场次`);
        const [finding, ...more] = found((await diagnose(text)).diagnostics);
        expect(more).toEqual([]);
        expect(at(finding!)).toBe('4:16-4:17');
        expect(finding!.message).toContain('三级指标名称「举办〈U+001B〉[31m活动〈U+0007〉场次」含不可见字符：转义符 U+001B、响铃符 U+0007（共 2 处）');
        expect(finding!.message).toContain('编译为 .xlsx 时会被删去');
        expect(finding!.message).not.toMatch(/[\u0000-\u001f]/);
    });

    test('C1 controls, DEL and the noncharacters U+FFFE, U+FFFF are named too', async () => {
        const text = table('', `    备注 "甲\u0085乙\u007f丙\u0090丁\uffff"\n`);
        const [finding] = found((await diagnose(text)).diagnostics);
        expect(finding!.message).toContain('含不可见字符：下一行符 U+0085、删除符 U+007F、控制字符 U+0090、非字符 U+FFFF（共 4 处）');
    });

    test('a tab and line breaks inside a text are a text\'s own: no finding', async () => {
        const text = table('', `    备注 "第一行\t甲\r\n第二行\n第三行"\n`);
        expect(found((await diagnose(text)).diagnostics)).toEqual([]);
    });

    test('every other finding quoting the name shows the character as 〈U+001B〉', async () => {
        const text = table(`            "举办${ESC}活动场次"："显著提升"`);
        const messages = (await diagnose(text)).diagnostics.map(d => String(d.message));
        expect(messages.some(m => m.includes('「举办〈U+001B〉活动场次」') && !m.includes('不可见'))).toBe(true);
        expect(messages.join('')).not.toContain(ESC);
    });

    test('the fix deletes them and leaves the rest', async () => {
        const { text: fixed, fix } = await applyFixAndRecheck(table(`            "举办${ESC}活动${BEL}场次"：≥45场次`), CODE);
        expect(fix.title).toBe('删去不可见字符：转义符 U+001B、响铃符 U+0007');
        expect(fixed).toBe(table('            "举办活动场次"：≥45场次'));
    });
});

describe('its quick-fix', () => {
    test('deletes every such character of the string and nothing else', async () => {
        const text = table(`            "举办${ZWSP}活动${ZWSP}\u2060场次"：≥45场次`);
        const { text: fixed, fix } = await applyFixAndRecheck(text, CODE);
        expect(fix.title).toBe('删去不可见字符：零宽空格 U+200B、词连接符 U+2060');
        expect(fix.isPreferred).toBe(true);
        expect(fixed).toBe(table('            "举办活动场次"：≥45场次'));
    });

    test('in 「…」 and “…” quotes, and an escaped character with its backslash', async () => {
        for (const [before, after] of [
            [`「举办${RLO}活动场次」：≥45场次`, '「举办活动场次」：≥45场次'],
            [`“举办活动场次${ZWSP}”：≥45场次`, '“举办活动场次”：≥45场次'],
            [`"举办活动场次\\${ZWSP}"：≥45场次`, '"举办活动场次"：≥45场次'],
            [`"举办\\\\${ZWSP}活动"：≥45场次`, '"举办\\\\活动"：≥45场次']
        ]) {
            const { text } = await applyFixAndRecheck(table(`            ${before}`), CODE);
            expect(text).toBe(table(`            ${after}`));
        }
    });

    test('a character that kept a text\'s line from starting with a brace: the text is written anew, still one text', async () => {
        const text = table('', `    备注 "第一行\n${ZWSP}}第二行"\n`);
        const { text: fixed } = await applyFixAndRecheck(text, CODE);
        expect(fixed).toContain('备注 "第一行\n\\}第二行"');
        const { document } = await diagnose(fixed);
        expect(JSON.stringify(document.parseResult.value.declarations[0]!.$type)).toBe('"DepartmentDeclaration"');
    });

    test('its edits leave the rest of the line as it was', async () => {
        const text = table(`            "举办${ZWSP}活动场次"：≥45场次  // 原表第 3 行`);
        const { fixes } = await fixesFor(text, CODE);
        expect(applyEdits(text, fixes[0]!.edits)).toBe(table('            "举办活动场次"：≥45场次  // 原表第 3 行'));
    });
});

// A comment is no part of the table, but the editor shows it on the table's lines: a direction control there turns
// the line around as shown (Trojan Source), a tag character hides a text. Zero-width spaces there change nothing.
describe('text/invisible-char in comments', () => {
    test('a direction override in a // comment: a warning on it, naming it, the message showing it as 〈U+202E〉', async () => {
        const text = table(`            "举办活动场次"：≥45场次  // 原表${RLO}次场54≥`);
        const [finding, ...more] = found((await diagnose(text)).diagnostics);
        expect(more).toEqual([]);
        expect(finding!.severity).toBe(2);
        expect(at(finding!)).toBe('4:34-4:35');
        expect(finding!.message).toContain('注释「// 原表〈U+202E〉次场54≥」含不可见字符：从右到左覆盖 U+202E。');
        expect(finding!.message).toContain('显示顺序');
        expect(finding!.message).not.toContain(RLO);
    });

    test('one finding per comment, block comments and comments before and after the table too', async () => {
        const text = `// 第一行${RLO}\n${table(`            "举办活动场次"：/* ${LRI}备注${PDI} */ ≥45场次`)}/* 末尾\n${RLO}注释 */\n`;
        const findings = found((await diagnose(text)).diagnostics);
        expect(findings.map(at)).toEqual(['1:7-1:8', '5:25-5:26', '10:1-10:2']);
        expect(findings[1]!.message).toContain('从左到右隔离 U+2066、隔离结束 U+2069（共 2 处）');
    });

    test('tag characters in a comment are reported: they hide a text', async () => {
        const text = table(`            "举办活动场次"：≥45场次  // 原表${TAG_A}${TAG_A}`);
        const [finding] = found((await diagnose(text)).diagnostics);
        expect(finding!.message).toContain('标签字符 U+E0041');
        expect(finding!.message).toContain('藏一段文字');
    });

    test('a zero-width space or a soft hyphen in a comment gives none', async () => {
        const text = table(`            "举办活动场次"：≥45场次  // 原表${ZWSP}第 3 行\u00ad /* ${ZWSP} */`);
        expect(found((await diagnose(text)).diagnostics)).toEqual([]);
    });

    test('its fix deletes what the finding names and leaves the rest of the comment', async () => {
        const text = table(`            "举办活动场次"：≥45场次  // 原表${ZWSP}${RLO}次场54≥${PDI}`);
        const { text: fixed, fix } = await applyFixAndRecheck(text, CODE);
        expect(fix.title).toBe('删去不可见字符：从右到左覆盖 U+202E、隔离结束 U+2069');
        expect(fixed).toBe(table(`            "举办活动场次"：≥45场次  // 原表${ZWSP}次场54≥`));
    });

    test('between the * and the / of a block comment the character becomes a space: deleted, it would close the comment', async () => {
        const text = table(`            "举办活动场次"：≥45场次 /* 注 *${RLO}/ 原表 */`);
        const { text: fixed } = await applyFixAndRecheck(text, CODE);
        expect(fixed).toBe(table('            "举办活动场次"：≥45场次 /* 注 * / 原表 */'));
    });
});

import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runJxmb } from '../helpers/run-cli.js';
import { samplesDir } from '../helpers/samples.js';

// The preview said 「需确认 0 条」 of a placeholder the JSON marks needsConfirmation: true, and labelled its note twice
// (「占位：占位骨架：…」). The preview's count agrees with the JSON, and the note says 占位骨架 once.

const seed000 = join(samplesDir, '000-nansha-kexie.jxmb');

describe('the draft preview of a placeholder skeleton', () => {
    test('counts it as needing confirmation, as the JSON does, and labels its note once', () => {
        const preview = runJxmb(['draft', seed000, '--task', '科普综合工作经费']);
        const json = JSON.parse(runJxmb(['draft', seed000, '--task', '科普综合工作经费', '--format', 'json']).stdout);
        const confirm = json.proposals.filter((p: { needsConfirmation: boolean }) => p.needsConfirmation).length;
        expect(confirm).toBe(1);
        expect(preview.code).toBe(0);
        expect(preview.stdout).toContain(`：1 条，其中需确认 ${confirm} 条（含占位骨架 1 条）。`);
        expect(preview.stdout).toContain('//   占位骨架：原文没有给出目标值，请填写〔待填〕处');
        expect(preview.stdout).not.toMatch(/占位：占位骨架/);
    });
});

describe('draft of several files', () => {
    test('says that it reads one file, names them, exit 2', () => {
        const r = runJxmb(['draft', seed000, join(samplesDir, 'tutorial.jxmb'), '--task', '科普综合工作经费']);
        expect(r.code).toBe(2);
        expect(r.stderr.split('\n')[0]).toBe(`draft 一次只读一个 .jxmb 文件，这里给出了 2 个：「${seed000}」、「${join(samplesDir, 'tutorial.jxmb')}」。请只给出任务或项目所在的那个文件。`);
        expect(r.stdout).toBe('');
    });
});

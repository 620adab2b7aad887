import { fileURLToPath } from 'node:url';
// Extracts every 指标值 string from the five seed tables (shared/seeds), for the parser sweep.
//
// How the values are taken, per seed:
// - 000, 001, 004 (tab-separated 部门整体 tables): the rows after the header row that holds 「三级指标」. Label cells
//   (「绩效指标」 and 一级/二级 names, via the taxonomy) and empty cells are skipped from the left; the next cell is the
//   三级 name. The value cells are the last `n` non-empty cells after it, n = number of 「…指标值」 header columns
//   (2 in 000/004, 1 in 001) — counting from the right survives the column shifts of RULES §6.3. A row with fewer
//   non-empty values than n but a trailing empty cell has a genuinely empty value (004 「提供咨询交流服务」 年度), kept
//   as ''. Repeated header rows are skipped.
// - 002 (项目支出表, flattened strings): RULES §6.1/§6.2. 指标 = the last tab cell of each row; a fragment row (empty
//   名称) whose 指标 does not start with `N、N-` continues the previous row, one that does is the head of the next named
//   row (Q3); fragments are joined without separator; <p> tags stripped; then the anchored regex of §6.1 per cell.
//   Both 实施周期 and 年度 values of each item are taken; the truncated item (Q5) has none.
// - 003 (PDF text, line-broken): the lines after the 「一级指标 … 年度指标值」 header. A cell pair is either the last two
//   whitespace-separated fields of one line when they are equal (period = annual in this seed), or a run of up to 8
//   lines which, with whitespace removed, is one text written twice (cells wrapped over several lines). Both copies
//   are kept, as for the other seeds.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { level1ByName, level2ByName } from '../../language/domain/taxonomy.js';

export interface SeedValue {
    seed: string;
    /** 三级 name, or 002's project + name, for messages. */
    label: string;
    value: string;
}

/** The seed directory: $JXMB_SEEDS, or shared/seeds next to the repository (where CI puts it). */
export function findSeedDir(): string {
    const dir = process.env['JXMB_SEEDS'] ?? fileURLToPath(new URL('../../../shared/seeds', import.meta.url));
    if (!existsSync(dir) || !readdirSync(dir).some(f => /^00\d_.*\.txt$/.test(f))) {
        throw new Error(`no seed tables in ${dir}: the tests need ../shared/seeds beside the repository (or JXMB_SEEDS)`);
    }
    return dir;
}

export function seedText(dir: string, seed: string): string {
    const file = readdirSync(dir).find(f => f.startsWith(`${seed}_`) && f.endsWith('.txt'));
    if (!file) throw new Error(`seed ${seed} not found in ${dir}`);
    return readFileSync(join(dir, file), 'utf8');
}

const isLabel = (cell: string) => cell === '绩效指标' || !!level1ByName(cell) || !!level2ByName(cell);

/** 000, 001, 004. */
export function tableSeedValues(seed: string, text: string): SeedValue[] {
    const rows = text.split('\n').filter(line => line.includes('\t')).map(line => line.split('\t').map(c => c.trim()));
    const header = rows.findIndex(r => r.includes('三级指标'));
    if (header < 0) return [];
    const valueColumns = rows[header]!.filter(c => c.endsWith('指标值')).length;
    const values: SeedValue[] = [];
    for (const row of rows.slice(header + 1)) {
        if (row.includes('三级指标')) continue;
        let i = 0;
        while (i < row.length && (row[i] === '' || isLabel(row[i]!))) i++;
        if (i >= row.length) continue;
        const label = row[i]!;
        const rest = row.slice(i + 1);
        const filled = rest.filter(c => c !== '');
        const cells = filled.slice(-valueColumns);
        if (cells.length < valueColumns && rest.length > 0 && rest[rest.length - 1] === '') {
            while (cells.length < valueColumns) cells.push('');
        }
        for (const value of cells) values.push({ seed, label, value });
    }
    return values;
}

const ITEM = /(\d+)、(\d)-(产出指标|效益指标|满意度指标|成本指标)；(\d{2})-([^；]+)；([^；]*?)(?:；实施周期指标值[:：](.*?)；年度指标值[:：](.*?))?。(?=\d+、\d-|$)/g;
const ITEM_START = /^\d+、\d-/;

/** The 绩效指标 cells of 002 after joining split rows (RULES §6.2 Q3), with their project names. */
export function project002Cells(text: string): Array<{ project: string; cell: string }> {
    const rows = text.split('\n').filter(line => line.includes('\t')).map(line => line.split('\t'));
    const cells: Array<{ project: string; cell: string }> = [];
    let head: string | undefined;
    for (const row of rows.slice(1)) {
        const project = row[0]!.trim();
        const cell = row[row.length - 1]!.replace(/<\/?p>/g, '');
        if (!project) {
            if (!ITEM_START.test(cell) && cells.length > 0) cells[cells.length - 1]!.cell += cell;
            else head = cell;
            continue;
        }
        cells.push({ project, cell: head !== undefined && !ITEM_START.test(cell) ? head + cell : cell });
        head = undefined;
    }
    return cells.filter(c => ITEM_START.test(c.cell));
}

export function project002Values(text: string): { items: number; values: SeedValue[] } {
    let items = 0;
    const values: SeedValue[] = [];
    for (const { project, cell } of project002Cells(text)) {
        for (const m of cell.matchAll(ITEM)) {
            items++;
            const label = `${project} / ${m[6]}`;
            if (m[7] !== undefined) values.push({ seed: '002', label, value: m[7] });
            if (m[8] !== undefined) values.push({ seed: '002', label, value: m[8] });
        }
    }
    return { items, values };
}

/** 003. */
export function pdfSeedValues(text: string): SeedValue[] {
    const lines = text.split('\n');
    const header = lines.findIndex(l => /一级指标\s+二级指标\s+三级指标\s+实施周期指标值\s+年度指标值/.test(l));
    const body = lines.slice(header + 1).map(l => l.trim()).filter(Boolean);
    const values: SeedValue[] = [];
    for (let i = 0; i < body.length; ) {
        const fields = body[i]!.split(/\s+/);
        const [a, b] = fields.slice(-2);
        if (fields.length >= 2 && a === b) {
            values.push({ seed: '003', label: fields.slice(0, -2).join(' '), value: a! }, { seed: '003', label: fields.slice(0, -2).join(' '), value: b! });
            i++;
            continue;
        }
        let taken = 0;
        for (let w = 2; w <= 8 && i + w <= body.length; w++) {
            const joined = body.slice(i, i + w).join('').replace(/\s+/g, '');
            const half = joined.length / 2;
            if (Number.isInteger(half) && joined.slice(0, half) === joined.slice(half)) {
                values.push({ seed: '003', label: '', value: joined.slice(0, half) }, { seed: '003', label: '', value: joined.slice(half) });
                taken = w;
                break;
            }
        }
        i += taken || 1;
    }
    return values;
}

export function allSeedValues(dir: string): Map<string, SeedValue[]> {
    return new Map([
        ['000', tableSeedValues('000', seedText(dir, '000'))],
        ['001', tableSeedValues('001', seedText(dir, '001'))],
        ['002', project002Values(seedText(dir, '002')).values],
        ['003', pdfSeedValues(seedText(dir, '003'))],
        ['004', tableSeedValues('004', seedText(dir, '004'))]
    ]);
}

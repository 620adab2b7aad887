import { markInvisible } from '../domain/invisible-chars.js';
import { isEmptyCell, type SourceCell, type SourceTable } from './source.js';

// The "nothing lost" ledger. Recognisers mark every cell they put into the model (or read as a layout label of the
// official table) as placed; a cell they cannot use gets a reason. At the end every non-empty cell that nobody
// placed is reported too, so a cell can only vanish through a bug that the tests look for.

export interface ReportEntry {
    kind: 'unplaced' | 'note';
    where: string;
    /** the cell's full text, for unplaced cells: the report is where it survives */
    text?: string;
    message: string;
}

export class Placement {
    private readonly placed = new Set<SourceCell>();
    private readonly entries: ReportEntry[] = [];

    /** The cells went into the model, or are labels of the official layout (一级指标, 预算金额（万元） …). */
    use(...cells: Array<SourceCell | undefined>): void {
        for (const cell of cells) if (cell) this.placed.add(cell);
    }

    isUsed(cell: SourceCell): boolean {
        return this.placed.has(cell);
    }

    /** The cell has no place in the model: say why. */
    unplaced(cell: SourceCell, reason: string): void {
        if (this.placed.has(cell) || isEmptyCell(cell)) return;
        this.placed.add(cell);
        this.entries.push({ kind: 'unplaced', where: cell.where, text: cellText(cell), message: markInvisible(reason) });
    }

    /** Part of a placed cell's text could not be read (a stretch of a 绩效指标 string): the text itself goes to the report. */
    unplacedText(where: string, text: string, reason: string): void {
        this.entries.push({ kind: 'unplaced', where, text, message: markInvisible(reason) });
    }

    /**
     * An interpretation the reader should know about (a joined fragment, an inferred year). A cell's text quoted in it
     * (here and in the reasons above) shows characters nobody sees as 〈U+202E〉: a direction override would turn the
     * rest of the line around. The unplaced cells' own text is kept as it is.
     */
    note(where: string, message: string): void {
        this.entries.push({ kind: 'note', where, message: markInvisible(message) });
    }

    /** All entries, after sweeping the tables for non-empty cells nobody placed. */
    finish(tables: readonly SourceTable[]): ReportEntry[] {
        for (const table of tables) {
            for (const row of table.rows) {
                // A paragraph of a Word document is not a cell: the reader looks for a paragraph at 正文第2段.
                for (const cell of row) this.unplaced(cell, `未能识别此${cell.place?.kind === 'paragraph' ? '段落' : '单元格'}属于表格的哪一部分`);
            }
        }
        return [...this.entries];
    }
}

function cellText(cell: SourceCell): string {
    return cell.text !== '' ? cell.text : String(cell.number);
}

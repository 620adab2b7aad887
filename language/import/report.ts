import { markInvisible } from '../domain/invisible-chars.js';
import type { ReportEntry } from './placement.js';

// The import report: one line per unplaced cell (with its full text, so nothing is lost even then) and per note.
// Characters nobody sees are shown as 〈U+200B〉: a direction override would turn the rest of the line around.

const oneLine = (text: string) => markInvisible(text.replace(/\r\n|\r|\n/g, '↵'));

export function formatReportEntry(source: string, entry: ReportEntry): string {
    if (entry.kind === 'unplaced') return `${source}:${entry.where}: 未放入「${oneLine(entry.text ?? '')}」：${entry.message}`;
    return `${source}:${entry.where}: 说明：${entry.message}`;
}

export function unplacedCount(entries: readonly ReportEntry[]): number {
    return entries.filter(entry => entry.kind === 'unplaced').length;
}

import { displayWidth } from '../compile/sheet.js';
import { oneLine } from '../domain/one-line.js';

// Progress of a long review on a terminal: one line, rewritten in place (「已检查 37/500：科协/项目表.xlsx」), cleared
// at the end. Only when the stream is a terminal: in a pipe, a log or a test the output stays clean.

export interface ProgressStream {
    write(text: string): unknown;
    isTTY?: boolean;
    columns?: number;
}

/** The progress line, at most `width` display columns: the file name loses its beginning first (the end names it). */
export function formatProgress(done: number, total: number, file: string, width = 80): string {
    const head = `已检查 ${done}/${total}`;
    const room = width - 1 - displayWidth(head) - 2; // the last column stays free: some terminals wrap on it
    // A name with a line break or an ESC would break the line or be obeyed by the terminal.
    let name = oneLine(file);
    if (room < 4 || name === '') return head;
    if (displayWidth(name) > room) {
        const chars = [...name];
        while (chars.length > 0 && displayWidth('…' + chars.join('')) > room) chars.shift();
        name = '…' + chars.join('');
    }
    return `${head}：${name}`;
}

export interface Progress {
    update(done: number, total: number, file: string): void;
    /** removes the line, so that what follows starts on a clean line */
    done(): void;
}

const silent: Progress = { update() {}, done() {} };

/** `term`: the terminal's kind (TERM); a dumb one (Emacs' shell) shows escape codes as text, so the line is cleared with spaces. */
export function terminalProgress(stream: ProgressStream | null | undefined, term = process.env.TERM): Progress {
    if (!stream?.isTTY) return silent;
    const width = stream.columns || 80;
    const clear = term === 'dumb' ? `\r${' '.repeat(width - 1)}\r` : '\r\x1b[2K';
    let shown = false;
    return {
        update(done, total, file) {
            stream.write(`${clear}${formatProgress(done, total, file, width)}`);
            shown = true;
        },
        done() {
            if (shown) stream.write(clear);
            shown = false;
        }
    };
}

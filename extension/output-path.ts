import { posix } from 'node:path';
import type { CompileTarget } from '../language/lsp/protocol-request.js';

// Where an export or an import goes, and whether it may be written: pure path logic, tested without VS Code.
// Paths are posix (a vscode.Uri's path), so one module serves every platform and remote file systems.

export type ExportTarget = Extract<CompileTarget, 'xlsx' | 'html' | 'flat' | 'json'>;

/** As `jxmb compile` names them: the flattened string is plain text. */
export const EXPORT_EXTENSIONS: Record<ExportTarget, string> = { xlsx: '.xlsx', html: '.html', flat: '.txt', json: '.json' };

/** The output beside the source, with the source's base name: /a/b/预算.jxmb → /a/b/预算.xlsx. */
export function exportPathFor(sourcePath: string, target: ExportTarget): string {
    const { dir, name } = posix.parse(sourcePath);
    return posix.join(dir, name + EXPORT_EXTENSIONS[target]);
}

/** Where an export can go: the open folder if any, the home folder, and the extension's own storage folders. */
export interface ExportPlaces {
    folder?: string;
    home: string;
    storage: string[];
}

/**
 * Where an export goes: beside its source, or, for an untitled text or a file in the extension's own storage (the
 * tutorial's copy when no folder is open, a place the user would not find), where the user chooses: the save dialog
 * starts in the open folder, or else the home folder, at the source's name.
 */
export function exportDestination(source: { path: string; untitled: boolean }, target: ExportTarget, places: ExportPlaces): { ask: boolean; path: string } {
    const hidden = places.storage.some(dir => source.path.startsWith(dir.endsWith('/') ? dir : `${dir}/`));
    if (!source.untitled && !hidden) return { ask: false, path: exportPathFor(source.path, target) };
    const name = posix.basename(source.path) || 'jxmb';
    const file = exportPathFor(`/${/\.jxmb$/i.test(name) ? name : `${name}.jxmb`}`, target).slice(1);
    return { ask: true, path: posix.join(places.folder ?? places.home, file) };
}

/** What stands at a path: nothing, a file, or a folder. */
export type Occupant = 'none' | 'file' | 'folder';

export type WritePlan =
    | { action: 'write'; path: string }
    | { action: 'ask'; path: string }
    | { action: 'refuse'; path: string; reason: 'source' | 'jxmb' | 'folder' };

/**
 * May the export go to `path`? Never over its own source or any .jxmb file, nor where a folder of that name stands
 * (no answer to 「覆盖吗？」 could make it writable); over another existing file only when the user says so.
 */
export function planWrite(sourcePath: string, path: string, occupant: Occupant): WritePlan {
    if (path === sourcePath) return { action: 'refuse', path, reason: 'source' };
    if (posix.extname(path).toLowerCase() === '.jxmb') return { action: 'refuse', path, reason: 'jxmb' };
    if (occupant === 'folder') return { action: 'refuse', path, reason: 'folder' };
    return occupant === 'file' ? { action: 'ask', path } : { action: 'write', path };
}

/**
 * The system's code (EISDIR, EACCES …) of an error from vscode.workspace.fs, for describeWriteError
 * (language/cli/write-file.ts): a FileSystemError names it its own way, or only in its message.
 */
export function errnoOf(error: unknown): string | undefined {
    const named: Record<string, string> = {
        FileIsADirectory: 'EISDIR', FileNotADirectory: 'ENOTDIR', FileNotFound: 'ENOENT', FileExists: 'EEXIST', NoPermissions: 'EACCES'
    };
    const code = (error as { code?: unknown } | undefined)?.code;
    if (typeof code === 'string' && named[code]) return named[code];
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return code;
    return /\b(E[A-Z]{3,})\b/.exec(String((error as Error | undefined)?.message ?? error))?.[1];
}

/**
 * An error from vscode.workspace.fs as the CLI's describing functions take it (describeFsError, describeWriteError):
 * the system's code where one can be found, and VS Code's own words for the sentence said when none can.
 */
export function systemErrorOf(error: unknown): { code: string | undefined; message: string } {
    return { code: errnoOf(error), message: String((error as Error | undefined)?.message ?? error) };
}

/**
 * The first free name beside `path` (`表.jxmb`, `表-1.jxmb`, `表-2.jxmb` …) — an import never replaces a file.
 * `taken` says whether a path exists.
 */
export async function freePath(path: string, taken: (path: string) => Promise<boolean>, limit = 1000): Promise<string | undefined> {
    const { dir, name, ext } = posix.parse(path);
    for (let i = 0; i < limit; i++) {
        const candidate = posix.join(dir, i === 0 ? name + ext : `${name}-${i}${ext}`);
        if (!await taken(candidate)) return candidate;
    }
    return undefined;
}

/** The .jxmb that an imported table becomes: 申报表.xlsx → 申报表.jxmb (then freePath). */
export function importPathFor(tablePath: string): string {
    const { dir, name } = posix.parse(tablePath);
    return posix.join(dir, name + '.jxmb');
}

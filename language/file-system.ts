import { existsSync } from 'node:fs';
import { lstat, stat } from 'node:fs/promises';
import type { URI } from 'langium';
import { NodeFileSystemProvider } from 'langium/node';
import { describeMissing, InputError, notRegularFile, readSourceText } from './cli/source-files.js';

// The server reads the `.jxmb` files of a folder VS Code opens, files nobody looked at yet: a binary file with that
// name, a GBK file from Windows, a runaway 50 MB file. They are read by the CLI's rules (readSourceText: size limit
// before reading, UTF-8 or UTF-16 with or without a BOM). What cannot be read becomes an empty document that carries the reason as its one
// finding, instead of thousands of "unrecognised character" findings or a server out of memory.
export class JxmbFileSystemProvider extends NodeFileSystemProvider {
    /** Why a file could not be read, by URI, until it is read again. */
    private readonly unreadable = new Map<string, string>();

    override async readFile(uri: URI): Promise<string> {
        // A named pipe, a socket or a device with a .jxmb name (the folder's listing gives them, see traverseFolder) is
        // never opened: a pipe without a writer would hold the folder's check for ever. Said as `jxmb check` says it.
        const kind = await stat(uri.fsPath).catch((error: unknown) => error as Error);
        if (kind instanceof Error) {
            // A link to nothing, or a loop of links, is said where it points; a file gone since the listing is no finding.
            if (!(await lstat(uri.fsPath).catch(() => null))) throw kind;
            this.unreadable.set(uri.toString(), await describeMissing(uri.fsPath, kind));
            return '';
        }
        const special = notRegularFile(kind);
        if (special) {
            this.unreadable.set(uri.toString(), special);
            return '';
        }
        try {
            const text = await readSourceText(uri.fsPath);
            this.unreadable.delete(uri.toString());
            return text;
        } catch (error) {
            // A file gone since the folder was listed is no finding: Langium drops its document.
            if (!(error instanceof InputError) || !existsSync(uri.fsPath)) throw error;
            this.unreadable.set(uri.toString(), error.message);
            return '';
        }
    }

    /** The reason the file's last read failed (its document is empty), if it did. */
    whyUnreadable(uri: URI): string | undefined {
        return this.unreadable.get(uri.toString());
    }
}

export const JxmbFileSystem = {
    fileSystemProvider: () => new JxmbFileSystemProvider()
};

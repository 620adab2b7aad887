import { describe, expect, test } from 'vitest';
import { describeFsError } from '../../language/cli/source-files.js';
import { describeWriteError } from '../../language/cli/write-file.js';
import { errnoOf, exportDestination, exportPathFor, freePath, importPathFor, planWrite, systemErrorOf } from '../../extension/output-path.js';

// Where 导出 and 从表格导入 write, and when they may.

describe('export path', () => {
    test('beside the source with its base name and the target\'s extension', () => {
        expect(exportPathFor('/work/2024/南沙区科协.jxmb', 'xlsx')).toBe('/work/2024/南沙区科协.xlsx');
        expect(exportPathFor('/work/2024/南沙区科协.jxmb', 'html')).toBe('/work/2024/南沙区科协.html');
        expect(exportPathFor('/work/2024/南沙区科协.jxmb', 'flat')).toBe('/work/2024/南沙区科协.txt');
        expect(exportPathFor('/work/a.b.jxmb', 'json')).toBe('/work/a.b.json');
    });

    test('an untitled text: the save dialog at its name in the open folder, or else in the home folder', () => {
        const untitled = { path: 'Untitled-1', untitled: true };
        expect(exportDestination(untitled, 'xlsx', { folder: '/w', home: '/root', storage: [] })).toEqual({ ask: true, path: '/w/Untitled-1.xlsx' });
        expect(exportDestination(untitled, 'json', { home: '/root', storage: [] })).toEqual({ ask: true, path: '/root/Untitled-1.json' });
        expect(exportDestination({ path: '/预算.jxmb', untitled: true }, 'html', { home: '/root', storage: [] })).toEqual({ ask: true, path: '/root/预算.html' });
    });

    test('a file in the extension\'s storage (the tutorial without a folder): asked where, not written where nobody looks', () => {
        const storage = ['/root/.local/share/code-server/User/globalStorage/jxmb.jxmb'];
        const tutorial = { path: `${storage[0]}/jxmb-tutorial.jxmb`, untitled: false };
        expect(exportDestination(tutorial, 'xlsx', { home: '/root', storage })).toEqual({ ask: true, path: '/root/jxmb-tutorial.xlsx' });
        expect(exportDestination(tutorial, 'xlsx', { folder: '/w', home: '/root', storage })).toEqual({ ask: true, path: '/w/jxmb-tutorial.xlsx' });
        // Beside any other file, as before; a folder whose name only begins like the storage's is another folder.
        expect(exportDestination({ path: '/w/a.jxmb', untitled: false }, 'flat', { home: '/root', storage })).toEqual({ ask: false, path: '/w/a.txt' });
        expect(exportDestination({ path: `${storage[0]}2/a.jxmb`, untitled: false }, 'xlsx', { home: '/root', storage })).toMatchObject({ ask: false });
    });

    test('writes a new file, asks before replacing one, never writes over a .jxmb', () => {
        expect(planWrite('/w/a.jxmb', '/w/a.xlsx', 'none')).toEqual({ action: 'write', path: '/w/a.xlsx' });
        expect(planWrite('/w/a.jxmb', '/w/a.xlsx', 'file')).toEqual({ action: 'ask', path: '/w/a.xlsx' });
        expect(planWrite('/w/a.jxmb', '/w/a.jxmb', 'file')).toMatchObject({ action: 'refuse', reason: 'source' });
        expect(planWrite('/w/a.jxmb', '/w/b.JXMB', 'none')).toMatchObject({ action: 'refuse', reason: 'jxmb' });
    });

    test('a folder with the output\'s name is not offered to be overwritten: no answer could make it a file', () => {
        expect(planWrite('/w/t.jxmb', '/w/t.xlsx', 'folder')).toEqual({ action: 'refuse', path: '/w/t.xlsx', reason: 'folder' });
    });

    test('a write that failed is told in the CLI\'s words, from VS Code\'s error or its message', async () => {
        // As vscode.workspace.fs reports it (code-server: the system's message, FileSystemError's own code).
        const folder = Object.assign(new Error("Error: EISDIR: illegal operation on a directory, open '/w/t.xlsx'"), { code: 'Unknown' });
        expect(errnoOf(folder)).toBe('EISDIR');
        expect(await describeWriteError('/w/t.xlsx', { code: errnoOf(folder) })).toBe('这里已有同名的文件夹，不能写成文件');
        expect(errnoOf(Object.assign(new Error('/w/ro/t.xlsx'), { code: 'NoPermissions' }))).toBe('EACCES');
        expect(errnoOf({ code: 'ENOSPC' })).toBe('ENOSPC');
        expect(errnoOf(new Error('something else'))).toBeUndefined();
    });

    // The export passed VS Code's whole message as the code (「系统错误 Unable to write file …」); the import showed a
    // table it could not read, or a .jxmb it could not write, in VS Code's English or not at all.
    test('VS Code\'s error with a code the CLI names, or none: a Chinese sentence either way', async () => {
        const shareGone = Object.assign(new Error("Unable to read file '/share/表.xlsx' (Error: EHOSTDOWN: host is down, open '/share/表.xlsx')"), { code: 'Unknown' });
        expect(describeFsError(systemErrorOf(shareGone))).toBe('网络共享所在的主机已关机或没有响应：请确认它已开机、网络已连接后重试。');
        const odd = Object.assign(new Error('Unable to write file (Unavailable)'), { code: 'Unavailable' });
        expect(await describeWriteError('/w/t.xlsx', systemErrorOf(odd))).toBe('系统报告：Unable to write file (Unavailable)。请重试，或换一个输出路径');
    });
});

describe('import path', () => {
    test('the table\'s name with .jxmb, numbered when taken', async () => {
        expect(importPathFor('/w/申报表.xlsx')).toBe('/w/申报表.jxmb');
        const taken = new Set(['/w/申报表.jxmb', '/w/申报表-1.jxmb']);
        expect(await freePath('/w/申报表.jxmb', async p => taken.has(p))).toBe('/w/申报表-2.jxmb');
        expect(await freePath('/w/新表.jxmb', async p => taken.has(p))).toBe('/w/新表.jxmb');
        expect(await freePath('/w/x.jxmb', async () => true, 5)).toBeUndefined();
    });
});

import { execFileSync } from 'node:child_process';
import { lstatSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { describeFsError } from '../../language/cli/source-files.js';
import { describeWriteError } from '../../language/cli/write-file.js';
import { runJxmb } from '../helpers/run-cli.js';
import { seedsDir } from '../helpers/samples.js';
import { useTempDir } from '../helpers/temp-dir.js';

// What the system says about a path reached the user as its code: 「无法读取（ENOTDIR）」 for a file used as a folder
// (表.jxmb/x.jxmb), 「无法读取（ENXIO）」 for a socket, 「系统错误 ELOOP」 for an output through a loop of links. Each
// is now said in Chinese, naming the part of the path that is the problem; exit 2 as for any input or output that
// cannot be used.

const good = '部门整体 "测试单位" 年度 2024 {\n    总体绩效目标 "完成全年工作"\n    绩效指标 { 产出指标 { 数量指标 { "举办活动场次"：≥10场次 } } }\n}\n';
const { at, file } = useTempDir('jxmb-system-errors-');
const table = () => file('表格.txt', readFileSync(join(seedsDir, '001_661c37ddd0e7a460.txt')));
/** A link to itself, made once. */
const loop = () => {
    if (!lstatSync(at('环'), { throwIfNoEntry: false })) symlinkSync('环', at('环'));
    return at('环');
};

function expectSaid(r: { code: number; stderr: string }, line: string): void {
    expect(r.stderr).toContain(line);
    expect(r.stderr).not.toMatch(/\bE[A-Z]{2,}\b/);
    expect(r.code).toBe(2);
}

describe('a file used as a folder (ENOTDIR)', () => {
    test('check 表.jxmb/x.jxmb names the file', () => {
        const source = file('表.jxmb', good);
        expectSaid(runJxmb(['check', join(source, 'x.jxmb')]), `${join(source, 'x.jxmb')}: 路径中的「${source}」是文件，不是文件夹。`);
    });

    test('import 表.jxmb/x.txt names the file', () => {
        const source = file('表2.jxmb', good);
        expectSaid(runJxmb(['import', join(source, 'x.txt')]), `${join(source, 'x.txt')}: 路径中的「${source}」是文件，不是文件夹。未写入任何文件。`);
    });
});

test('check of a socket with a .jxmb name (ENXIO): says what it is', () => {
    const socket = at('接口.jxmb');
    // The process ends without closing it: the socket stays, as a crashed program's does.
    execFileSync(process.execPath, ['-e', 'require("node:net").createServer().listen(process.argv[1], () => process.exit(0))', socket]);
    expectSaid(runJxmb(['check', socket]), `${socket}: 这是套接字或设备，不是可以读取的文件。`);
});

describe('a loop of links on the way (ELOOP)', () => {
    test('compile -o 环/x.json names the link', () => {
        const output = join(loop(), 'x.json');
        expectSaid(runJxmb(['compile', file('a.jxmb', good), '--to', 'json', '-o', output]),
            `${output}: 无法写入：路径中的「${loop()}」是一个链接，它经过的链接绕成了循环，没有指向任何文件夹。`);
    });

    test('import -o 环/x.jxmb names the link', () => {
        expectSaid(runJxmb(['import', table(), '-o', join(loop(), 'x.jxmb')]), `路径中的「${loop()}」是一个链接，它经过的链接绕成了循环，没有指向任何文件夹。`);
    });

    test('check 环/x.jxmb names the link, not the file as one', () => {
        const source = join(loop(), 'x.jxmb');
        expectSaid(runJxmb(['check', source]), `${source}: 路径中的「${loop()}」是一个链接，它经过的链接绕成了循环，没有指向任何文件夹。`);
    });
});

// Not made on demand in a test: too many open files (another program holds them), a failing disk or network share,
// a file another program holds, a quota used up, a file past a FAT drive's 4 GB, a name a FAT drive refuses, a network
// share that went away or did not answer. Each still gets its Chinese reason.
describe.each([
    ['EMFILE', '同时打开的文件太多'],
    ['ENFILE', '同时打开的文件太多'],
    ['EIO', '磁盘读写出错'],
    ['EBUSY', '正被其他程序占用'],
    ['EDQUOT', '磁盘配额已用完'],
    ['EFBIG', '文件太大'],
    ['EINVAL', '不接受的字符'],
    ['ESTALE', '网络共享'],
    ['ETIMEDOUT', '超时'],
    // Also not made here: the system or the disk out of something, an operation the file system does not have (a
    // network share, a phone), a network share whose host or network went away, and the rarer ones.
    ['EAGAIN', '暂时'],
    ['EINTR', '中断'],
    ['ECANCELED', '取消'],
    ['ENOMEM', '内存不足'],
    ['EOVERFLOW', '文件太大'],
    ['EBADF', '失效'],
    ['ENODEV', '设备'],
    ['ENOSYS', '不支持'],
    ['ENOTSUP', '不支持'],
    ['EOPNOTSUPP', '不支持'],
    ['EHOSTDOWN', '网络共享'],
    ['EHOSTUNREACH', '网络共享'],
    ['ENETUNREACH', '网络'],
    ['ENETDOWN', '网络'],
    ['ECONNRESET', '连接'],
    ['ECONNREFUSED', '拒绝了连接'],
    ['ECONNABORTED', '连接'],
    ['ENOTCONN', '连接'],
    ['EPIPE', '连接'],
    ['UNKNOWN', '未知错误']
])('%s', (code, words) => {
    const error = Object.assign(new Error(code), { code, path: '/某处/表.jxmb' });
    test('reading', () => {
        expect(describeFsError(error)).toContain(words);
        expect(describeFsError(error)).not.toContain(code);
    });
    test('writing', async () => {
        expect(await describeWriteError('/某处/表.json', error)).toContain(words);
        expect(await describeWriteError('/某处/表.json', error)).not.toContain(code);
    });
});

// Writing only: a program file that is running, a move between disks, a folder full of files in the way, and a
// refusal that is not about the folder's permissions (a file set read-only or open in Excel, on Windows). Not made
// here either.
describe.each([
    ['ETXTBSY', '正在运行'],
    ['EXDEV', '不同的磁盘'],
    ['ENOTEMPTY', '同名的文件夹'],
    ['EPERM', '只读']
])('%s when writing', (code, words) => {
    test('is said in Chinese', async () => {
        const said = await describeWriteError('/某处/表.json', Object.assign(new Error(code), { code, path: '/某处/表.json' }));
        expect(said).toContain(words);
        expect(said).not.toContain(code);
    });
});

// A code none of the above names (one a future system may give, or a rare one) is still a sentence, with the system's
// own description where Node knows the code: never a bare 「无法读取（ESHUTDOWN）」 or 「系统错误 ESHUTDOWN」.
describe('a code without its own words', () => {
    const shutdown = Object.assign(new Error('ESHUTDOWN'), { code: 'ESHUTDOWN', path: '/某处/表.jxmb' });
    const made = Object.assign(new Error('EXYZ: something odd'), { code: 'EXYZ', path: '/某处/表.jxmb' });
    test('reading', () => {
        expect(describeFsError(shutdown)).toBe('系统报告错误 ESHUTDOWN（cannot send after transport endpoint shutdown）：请重试；仍不行时，请检查文件所在的磁盘或网络共享。');
        expect(describeFsError(made)).toBe('系统报告错误 EXYZ：请重试；仍不行时，请检查文件所在的磁盘或网络共享。');
    });
    test('writing', async () => {
        expect(await describeWriteError('/某处/表.json', shutdown)).toBe('系统报告错误 ESHUTDOWN（cannot send after transport endpoint shutdown）：请重试，或换一个输出路径');
    });
    test('an error with no code at all: its own words, not 「undefined」', async () => {
        expect(describeFsError(new Error('disk went away'))).toBe('系统报告：disk went away。请重试；仍不行时，请检查文件所在的磁盘或网络共享。');
        expect(await describeWriteError('/某处/表.json', new Error('disk went away'))).toBe('系统报告：disk went away。请重试，或换一个输出路径');
    });
});

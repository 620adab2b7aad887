import { basename, dirname, extname, join, resolve } from 'node:path';
import { lstat, realpath } from 'node:fs/promises';
import type { JxmbServices } from '../jxmb-module.js';
import type { Document } from '../generated/ast.js';
import { parseAndValidate } from '../documents.js';
import { serializeModel, type DeclarationFile } from '../compile/model.js';
import { renderFlat } from '../compile/flat.js';
import { renderHtml } from '../compile/html.js';
import { renderMarkdown } from '../compile/markdown.js';
import { renderXlsx, XlsxLimitError } from '../compile/xlsx.js';
import { compilableModel, xlsxLimitErrors } from '../compile/limits.js';
import { isSyntaxError, toFinding, type Finding } from './diagnostics.js';
import { collectSources, InputError, readSourceText } from './source-files.js';
import { isFolder, writeOutput } from './write-file.js';

export const compileTargets = ['json', 'xlsx', 'html', 'flat', 'md'] as const;
export type CompileTarget = typeof compileTargets[number];

/** The file extension of each target; flat is plain text (one 「项目名称<TAB>绩效指标」 line per project). */
export const targetExtensions: Record<CompileTarget, string> = { json: 'json', xlsx: 'xlsx', html: 'html', flat: 'txt', md: 'md' };

export interface CompiledFile {
    source: string;
    output: string | null;
    /** the errors that stopped this file: syntax errors, or values the model cannot hold (compile/limits.ts) */
    syntaxErrors: Finding[];
}

/**
 * Reads, parses and converts one file; syntax errors stop it, and so does a value the model cannot hold (a 年度
 * outside 1900–2200); domain findings do not (the seeds have many).
 */
export async function loadModel(services: JxmbServices, file: string, target?: CompileTarget): Promise<{ model: DeclarationFile | null; syntaxErrors: Finding[] }> {
    const text = await readSourceText(file);
    const { document, diagnostics } = await parseAndValidate(services, text);
    const syntaxErrors = diagnostics.filter(isSyntaxError).map(d => toFinding(file, d));
    if (syntaxErrors.length > 0) {
        return { model: null, syntaxErrors };
    }
    const root = document.parseResult.value as Document;
    const { model, errors } = compilableModel(root);
    // The workbook's own limit (a cell's characters) is found here, on the file, so that it is reported at its place.
    const targetErrors = model && target === 'xlsx' ? xlsxLimitErrors(root, model) : [];
    if (targetErrors.length > 0) return { model: null, syntaxErrors: targetErrors.map(d => toFinding(file, d)) };
    return { model, syntaxErrors: errors.map(d => toFinding(file, d)) };
}

/** The bytes (xlsx) or text of one target. */
export async function render(model: DeclarationFile, target: CompileTarget): Promise<string | Uint8Array> {
    switch (target) {
        case 'json': return serializeModel(model);
        case 'xlsx': return renderXlsx(model);
        case 'html': return renderHtml(model);
        case 'flat': return renderFlat(model);
        case 'md': return renderMarkdown(model);
    }
}

/**
 * `jxmb compile <inputs> --to T [-o out]`: one input and no -o writes to stdout (text targets only; xlsx needs -o);
 * one input and an -o with the target's extension (json, xlsx, html, txt for flat, md) writes that file; otherwise
 * -o is a folder that receives <name>.<ext> per input. A file already there is kept unless `force`. Several inputs
 * (or a folder of several files) without -o are refused, nothing written (`manyWithoutOutput`: how many files):
 * they would land unasked in the working directory.
 */
export async function compilePaths(services: JxmbServices, inputs: string[], target: CompileTarget, output: string | undefined,
    stdout: (text: string) => void, force = false): Promise<{ compiled: CompiledFile[]; problems: InputError[]; manyWithoutOutput?: number }> {
    if (output !== undefined && extname(output).toLowerCase() === '.jxmb') {
        throw new InputError(output, '拒绝把输出写到 .jxmb 源文件上：请换一个输出路径。');
    }
    const extension = `.${targetExtensions[target]}`;
    // `-o 表.html` with `--to json` is a slip, not a folder to create (it became the folder 表.html/).
    const outputExtension = output === undefined ? '' : extname(output).toLowerCase();
    if (outputExtension !== extension && Object.values(targetExtensions).some(e => `.${e}` === outputExtension) && !(await isFolder(output!))) {
        throw new InputError(output!, `输出文件的扩展名 ${outputExtension} 与 --to ${target} 不符：应为 ${extension}，或给出一个文件夹。`);
    }
    const { files, problems } = await collectSources(inputs);
    if (output === undefined && (inputs.length > 1 || files.length > 1)) return { compiled: [], problems, manyWithoutOutput: files.length };
    const compiled: CompiledFile[] = [];
    const singleFileOutput = files.length === 1 && inputs.length === 1 && output !== undefined
        && extname(output).toLowerCase() === extension && !(await isFolder(output));
    const destinations = new Map<string, string>();
    if (output !== undefined) {
        for (const file of files) destinations.set(file, singleFileOutput ? output : join(output, basename(file, extname(file)) + extension));
    }
    const refused = await refusedDestinations(files, destinations, force);
    for (const file of files) {
        try {
            const refusal = refused.get(file);
            if (refusal) throw refusal;
            const { model, syntaxErrors } = await loadModel(services, file, target);
            if (!model) {
                compiled.push({ source: file, output: null, syntaxErrors });
                continue;
            }
            const content = await render(model, target).catch(error => {
                throw error instanceof XlsxLimitError ? new InputError(file, error.message) : error;
            });
            const destination = destinations.get(file) ?? null;
            if (destination === null) {
                // A workbook is never poured onto a terminal, nor dropped silently into the working directory.
                if (typeof content !== 'string') throw new InputError(file, `${target} 是二进制文件，不能输出到终端：请用 -o 指定输出文件或文件夹。`);
                stdout(content);
            } else {
                await writeOutput(destination, content);
            }
            compiled.push({ source: file, output: destination, syntaxErrors: [] });
        } catch (error) {
            if (error instanceof InputError) problems.push(error);
            else throw error;
        }
    }
    return { compiled, problems };
}

/**
 * The inputs whose output must not be written: one that lands on an input of this run (the user's own file, whatever
 * its extension), or two inputs of different folders with the same name going to one -o folder (the last would win).
 * Paths are compared after resolving links, so `./a.txt`, `a.txt` and a link to it are one file. Without `force`,
 * an existing file is kept too (the workbook the .jxmb was imported from has the name its compiled xlsx would get).
 */
async function refusedDestinations(files: string[], destinations: Map<string, string>, force: boolean): Promise<Map<string, InputError>> {
    const refused = new Map<string, InputError>();
    const inputs = new Map<string, string>();
    for (const file of files) inputs.set(await realPath(file), file);
    const byTarget = new Map<string, string[]>();
    for (const [file, destination] of destinations) {
        const target = await realPath(destination);
        const input = inputs.get(target);
        if (input !== undefined) {
            refused.set(file, new InputError(destination, `输出路径就是本次的输入文件「${input}」，拒绝覆盖：请换一个输出路径。`));
            continue;
        }
        if (!force && await isExistingFile(destination)) {
            refused.set(file, new InputError(destination, '输出文件已存在：未覆盖（要覆盖请加 --force）。'));
            continue;
        }
        byTarget.set(target, [...(byTarget.get(target) ?? []), file]);
    }
    for (const [, sources] of byTarget) {
        if (sources.length < 2) continue;
        for (const file of sources) {
            const others = sources.filter(other => other !== file).map(other => `「${other}」`).join('、');
            refused.set(file, new InputError(destinations.get(file)!, `「${file}」与${others}会写到同一个输出文件，均未写入：请分别编译到不同的文件夹。`));
        }
    }
    return refused;
}

/** The real path of a file, or of its folder joined with its name when the file does not exist yet. */
async function realPath(path: string): Promise<string> {
    try {
        return await realpath(path);
    } catch {
        const folder = dirname(resolve(path));
        return join(await realpath(folder).catch(() => folder), basename(path));
    }
}

/** A file or link stands there (a folder is left to the write, which says so). */
async function isExistingFile(path: string): Promise<boolean> {
    try {
        return !(await lstat(path)).isDirectory();
    } catch {
        return false;
    }
}


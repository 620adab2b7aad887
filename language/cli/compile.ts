import { basename, extname, join } from 'node:path';
import { stat } from 'node:fs/promises';
import type { JxmbServices } from '../jxmb-module.js';
import type { Document } from '../generated/ast.js';
import { parseAndValidate } from '../documents.js';
import { documentToModel } from '../compile/from-ast.js';
import { serializeModel, type DeclarationFile } from '../compile/model.js';
import { assertValidModel } from '../compile/schema.js';
import { formatFinding, isSyntaxError, toFinding, type Finding } from './diagnostics.js';
import { collectSources, InputError, readSourceText } from './source-files.js';
import { writeOutput } from './write-file.js';

export const compileTargets = ['json'] as const;
export type CompileTarget = typeof compileTargets[number];

export interface CompiledFile {
    source: string;
    output: string | null;
    /** syntax errors that stopped this file */
    syntaxErrors: Finding[];
}

/** Reads, parses and converts one file; syntax errors stop it, domain findings do not (the seeds have many). */
export async function loadModel(services: JxmbServices, file: string): Promise<{ model: DeclarationFile | null; syntaxErrors: Finding[] }> {
    const text = await readSourceText(file);
    const { document, diagnostics } = await parseAndValidate(services, text);
    const syntaxErrors = diagnostics.filter(isSyntaxError).map(d => toFinding(file, d));
    if (syntaxErrors.length > 0) {
        return { model: null, syntaxErrors };
    }
    const model = documentToModel(document.parseResult.value as Document);
    assertValidModel(model);
    return { model, syntaxErrors };
}

export function render(model: DeclarationFile, target: CompileTarget): string {
    switch (target) {
        case 'json': return serializeModel(model);
    }
}

/**
 * `jxmb compile <inputs> --to T [-o out]`: one input and no -o writes to stdout; one input and an -o with the
 * target's extension writes that file; otherwise -o is a folder that receives <name>.<ext> per input.
 */
export async function compilePaths(services: JxmbServices, inputs: string[], target: CompileTarget, output: string | undefined,
    stdout: (text: string) => void): Promise<{ compiled: CompiledFile[]; problems: InputError[] }> {
    if (output !== undefined && extname(output).toLowerCase() === '.jxmb') {
        throw new InputError(output, '拒绝把输出写到 .jxmb 源文件上：请换一个输出路径。');
    }
    const { files, problems } = await collectSources(inputs);
    const compiled: CompiledFile[] = [];
    const singleFileOutput = files.length === 1 && inputs.length === 1 && output !== undefined
        && extname(output).toLowerCase() === `.${target}` && !(await isDirectory(output));
    for (const file of files) {
        try {
            const { model, syntaxErrors } = await loadModel(services, file);
            if (!model) {
                compiled.push({ source: file, output: null, syntaxErrors });
                continue;
            }
            const content = render(model, target);
            let destination: string | null = null;
            if (output === undefined && files.length === 1) {
                stdout(content);
            } else {
                destination = singleFileOutput ? output! : join(output ?? '.', basename(file, extname(file)) + `.${target}`);
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

async function isDirectory(path: string): Promise<boolean> {
    try {
        return (await stat(path)).isDirectory();
    } catch {
        return false;
    }
}

export { formatFinding };

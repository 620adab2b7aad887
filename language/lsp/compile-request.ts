import type { LangiumSharedServices } from 'langium/lsp';
import type { Connection } from 'vscode-languageserver';
import { compileTargets, render } from '../cli/compile.js';
import { compilableModel } from '../compile/limits.js';
import { ModelSchemaError } from '../compile/schema.js';
import { XlsxLimitError } from '../compile/xlsx.js';
import { firstSyntaxError, notOpenMessage, onEditorRequest, validatedDocument } from './document-request.js';
import { CompileRequest, type CompileParams, type CompileResponse } from './protocol-request.js';

// `jxmb/compile`: the editor's 导出 commands and the table preview compile what the server has parsed — the
// unsaved buffer included — with the same renderers as `jxmb compile`.

export function registerCompileRequest(connection: Connection, shared: LangiumSharedServices): void {
    onEditorRequest(connection, CompileRequest, async (params: CompileParams, token): Promise<CompileResponse> => {
        if (!compileTargets.includes(params.target)) return { ok: false, message: `不支持的导出格式「${String(params.target)}」。` };
        const document = await validatedDocument(shared, params.uri, token);
        if (!document) return { ok: false, message: notOpenMessage };
        const syntax = firstSyntaxError(document);
        if (syntax) return { ok: false, message: `无法导出，请先改正：${syntax}` };
        try {
            const { model, errors } = compilableModel(document.parseResult.value);
            if (!model) {
                const { line, character } = errors[0]!.range.start;
                return { ok: false, message: `无法导出，请先改正：第 ${line + 1} 行第 ${character + 1} 列，${errors[0]!.message}` };
            }
            const content = await render(model, params.target);
            return typeof content === 'string'
                ? { ok: true, encoding: 'utf8', content }
                : { ok: true, encoding: 'base64', content: Buffer.from(content).toString('base64') };
        } catch (error) {
            if (error instanceof ModelSchemaError || error instanceof XlsxLimitError) return { ok: false, message: `导出失败：${error.message}` };
            throw error;
        }
    });
}

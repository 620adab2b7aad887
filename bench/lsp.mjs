// A language-server process over stdio, spoken to as VS Code's client does: initialize with VS Code's client
// capabilities, initialized, settings through workspace/didChangeConfiguration and workspace/configuration,
// incremental didChange, completion. Timings are taken on this side of the pipe (what an editor waits).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import {
    createProtocolConnection, StreamMessageReader, StreamMessageWriter,
    InitializeRequest, InitializedNotification, DidOpenTextDocumentNotification, DidChangeTextDocumentNotification,
    DidCloseTextDocumentNotification, PublishDiagnosticsNotification, ShutdownRequest, ExitNotification,
    ConfigurationRequest, DidChangeConfigurationNotification, CompletionRequest
} from 'vscode-languageserver-protocol/node';

/** What VS Code 1.9x's language client announces (trimmed to the parts a server may act on). */
export function vscodeCapabilities() {
    const kinds = Array.from({ length: 25 }, (_, i) => i + 1);
    return {
        general: { positionEncodings: ['utf-16'], staleRequestSupport: { cancel: true, retryOnContentModified: [] }, markdown: { parser: 'marked', version: '1.1.0' } },
        window: { workDoneProgress: true, showMessage: { messageActionItem: { additionalPropertiesSupport: true } }, showDocument: { support: true } },
        workspace: {
            applyEdit: true,
            workspaceEdit: { documentChanges: true, resourceOperations: ['create', 'rename', 'delete'], failureHandling: 'textOnlyTransactional', normalizesLineEndings: true, changeAnnotationSupport: { groupsOnLabel: true } },
            didChangeConfiguration: { dynamicRegistration: true },
            didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true },
            symbol: { dynamicRegistration: true, symbolKind: { valueSet: kinds.slice(0, 26) } },
            executeCommand: { dynamicRegistration: true },
            configuration: true,
            workspaceFolders: true,
            semanticTokens: { refreshSupport: true },
            codeLens: { refreshSupport: true },
            inlayHint: { refreshSupport: true },
            diagnostics: { refreshSupport: true },
            fileOperations: { dynamicRegistration: true, didCreate: true, didRename: true, didDelete: true, willCreate: true, willRename: true, willDelete: true }
        },
        textDocument: {
            synchronization: { dynamicRegistration: true, willSave: true, willSaveWaitUntil: true, didSave: true },
            publishDiagnostics: { relatedInformation: true, versionSupport: false, tagSupport: { valueSet: [1, 2] }, codeDescriptionSupport: true, dataSupport: true },
            completion: {
                dynamicRegistration: true, contextSupport: true, insertTextMode: 2,
                completionItem: {
                    snippetSupport: true, commitCharactersSupport: true, documentationFormat: ['markdown', 'plaintext'],
                    deprecatedSupport: true, preselectSupport: true, tagSupport: { valueSet: [1] }, insertReplaceSupport: true,
                    resolveSupport: { properties: ['documentation', 'detail', 'additionalTextEdits'] },
                    insertTextModeSupport: { valueSet: [1, 2] }, labelDetailsSupport: true
                },
                completionItemKind: { valueSet: kinds },
                completionList: { itemDefaults: ['commitCharacters', 'editRange', 'insertTextFormat', 'insertTextMode', 'data'] }
            },
            hover: { dynamicRegistration: true, contentFormat: ['markdown', 'plaintext'] },
            signatureHelp: { dynamicRegistration: true, signatureInformation: { documentationFormat: ['markdown', 'plaintext'] }, contextSupport: true },
            definition: { dynamicRegistration: true, linkSupport: true },
            references: { dynamicRegistration: true },
            documentHighlight: { dynamicRegistration: true },
            documentSymbol: { dynamicRegistration: true, symbolKind: { valueSet: kinds.slice(0, 26) }, hierarchicalDocumentSymbolSupport: true, tagSupport: { valueSet: [1] }, labelSupport: true },
            codeAction: {
                dynamicRegistration: true, isPreferredSupport: true, disabledSupport: true, dataSupport: true, honorsChangeAnnotations: true,
                resolveSupport: { properties: ['edit'] },
                codeActionLiteralSupport: { codeActionKind: { valueSet: ['', 'quickfix', 'refactor', 'refactor.extract', 'refactor.inline', 'refactor.rewrite', 'source', 'source.organizeImports'] } }
            },
            formatting: { dynamicRegistration: true },
            rangeFormatting: { dynamicRegistration: true, rangesSupport: true },
            rename: { dynamicRegistration: true, prepareSupport: true, prepareSupportDefaultBehavior: 1, honorsChangeAnnotations: true },
            foldingRange: { dynamicRegistration: true, rangeLimit: 5000, lineFoldingOnly: true, foldingRangeKind: { valueSet: ['comment', 'imports', 'region'] } },
            selectionRange: { dynamicRegistration: true },
            semanticTokens: {
                dynamicRegistration: true, tokenTypes: ['namespace', 'type', 'class', 'enum', 'interface', 'struct', 'typeParameter', 'parameter', 'variable', 'property', 'enumMember', 'event', 'function', 'method', 'macro', 'keyword', 'modifier', 'comment', 'string', 'number', 'regexp', 'operator', 'decorator'],
                tokenModifiers: ['declaration', 'definition', 'readonly', 'static', 'deprecated', 'abstract', 'async', 'modification', 'documentation', 'defaultLibrary'],
                formats: ['relative'], requests: { range: true, full: { delta: true } }, multilineTokenSupport: false, overlappingTokenSupport: false, serverCancelSupport: true, augmentsSyntaxTokens: true
            },
            inlayHint: { dynamicRegistration: true },
            diagnostic: { dynamicRegistration: true, relatedDocumentSupport: false }
        }
    };
}

/** Offset → LSP position (UTF-16 code units, as JavaScript strings count). */
export function positionAt(text, offset) {
    let line = 0;
    let lineStart = 0;
    for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
        line++;
        lineStart = i + 1;
    }
    return { line, character: offset - lineStart };
}

/** Peak and current resident memory of a process (kB), from /proc (Linux). */
export function processMemory(pid) {
    try {
        const status = readFileSync(`/proc/${pid}/status`, 'utf8');
        const kb = key => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
        return { peakKb: kb('VmHWM'), rssKb: kb('VmRSS') };
    } catch {
        return { peakKb: NaN, rssKb: NaN };
    }
}

/**
 * CPU time of a process's main thread and its time waiting for a CPU (ms), from /proc/<pid>/schedstat: on a busy
 * machine the wait shows how much of a wall-clock figure other processes took.
 */
export function schedulerTimes(pid) {
    try {
        const [run, wait] = readFileSync(`/proc/${pid}/schedstat`, 'utf8').trim().split(/\s+/).map(Number);
        return { cpuMs: run / 1e6, waitMs: wait / 1e6 };
    } catch {
        return { cpuMs: NaN, waitMs: NaN };
    }
}

export class LspServer {
    /**
     * @param {string[]} command node script and arguments
     * @param {{ settings: Record<string, unknown>, rootUri: string, name: string }} options settings answer
     *   workspace/configuration by section (as VS Code does: dotted sections walk into the object)
     */
    constructor(command, options) {
        this.options = options;
        this.child = spawn(process.execPath, command, { stdio: ['pipe', 'pipe', 'pipe'] });
        this.stderr = '';
        this.child.stderr.on('data', chunk => { if (this.stderr.length < 20_000) this.stderr += chunk; });
        this.connection = createProtocolConnection(new StreamMessageReader(this.child.stdout), new StreamMessageWriter(this.child.stdin));
        this.waiters = [];
        this.configurationRequests = 0;
        this.connection.onNotification(PublishDiagnosticsNotification.type, params => {
            const now = performance.now();
            const waiter = this.waiters.find(w => w.uri === params.uri && !(w.version > (params.version ?? Infinity)));
            if (waiter) {
                this.waiters.splice(this.waiters.indexOf(waiter), 1);
                waiter.resolve({ at: now, diagnostics: params.diagnostics });
            }
        });
        this.connection.onRequest(ConfigurationRequest.type, params => {
            this.configurationRequests++;
            return params.items.map(item => this.section(item.section));
        });
        // client/registerCapability, window/workDoneProgress/create, …/refresh: an editor says yes.
        this.connection.onRequest(() => null);
        this.connection.onNotification(() => undefined);
        this.connection.onError(() => undefined);
        this.connection.listen();
    }

    get pid() { return this.child.pid; }

    section(name) {
        if (!name) return this.options.settings;
        let value = this.options.settings;
        for (const part of name.split('.')) value = value && typeof value === 'object' ? value[part] : undefined;
        return value ?? null;
    }

    async initialize() {
        const result = await this.connection.sendRequest(InitializeRequest.type, {
            processId: process.pid,
            clientInfo: { name: 'Visual Studio Code', version: '1.95.0' },
            locale: 'zh-cn',
            rootUri: this.options.rootUri,
            rootPath: null,
            capabilities: vscodeCapabilities(),
            trace: 'off',
            workspaceFolders: [{ uri: this.options.rootUri, name: 'bench' }]
        });
        this.sync = result.capabilities.textDocumentSync;
        const kind = typeof this.sync === 'number' ? this.sync : this.sync?.change;
        this.incremental = kind === 2;
        await this.connection.sendNotification(InitializedNotification.type, {});
        // vscode-languageclient with synchronize.configurationSection announces the settings once at start.
        await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: this.options.settings });
        return result;
    }

    /** Resolves with the next diagnostics published for `uri` (at `version` or later, where the server says), or rejects after `ms`. */
    nextDiagnostics(uri, ms, version) {
        return new Promise((resolve, reject) => {
            const timer = setTimeout(() => {
                this.waiters.splice(this.waiters.indexOf(waiter), 1);
                reject(new Error(`${this.options.name}: no diagnostics within ${ms} ms`));
            }, ms);
            const waiter = { uri, version, resolve: value => { clearTimeout(timer); resolve(value); } };
            this.waiters.push(waiter);
        });
    }

    /** didOpen → first diagnostics: milliseconds and the diagnostics. */
    async open(uri, languageId, text, ms) {
        const next = this.nextDiagnostics(uri, ms);
        const before = schedulerTimes(this.child.pid);
        const start = performance.now();
        await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
        const { at, diagnostics } = await next;
        const after = schedulerTimes(this.child.pid);
        this.text = text;
        this.version = 1;
        return { ms: at - start, cpuMs: after.cpuMs - before.cpuMs, waitMs: after.waitMs - before.waitMs, diagnostics };
    }

    async close(uri) {
        await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    }

    /** One edit (replace `length` characters at `offset` by `insert`) → the diagnostics that follow it. */
    async edit(uri, offset, length, insert, ms) {
        const range = { start: positionAt(this.text, offset), end: positionAt(this.text, offset + length) };
        const text = this.text.slice(0, offset) + insert + this.text.slice(offset + length);
        const change = this.incremental ? { range, rangeLength: length, text: insert } : { text };
        const next = this.nextDiagnostics(uri, ms);
        const before = schedulerTimes(this.child.pid);
        const start = performance.now();
        await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: ++this.version }, contentChanges: [change] });
        this.text = text;
        const { at, diagnostics } = await next;
        const after = schedulerTimes(this.child.pid);
        return { ms: at - start, cpuMs: after.cpuMs - before.cpuMs, waitMs: after.waitMs - before.waitMs, diagnostics };
    }

    /**
     * Edits sent `paceMs` apart without waiting for diagnostics, as keys come from a fast typist or key repeat: the time
     * from the last key to the diagnostics of the text it left.
     */
    async burst(uri, steps, paceMs, ms) {
        const last = this.nextDiagnostics(uri, ms, this.version + steps.length);
        let sent = 0;
        for (const [i, step] of steps.entries()) {
            if (i > 0) await new Promise(resolve => setTimeout(resolve, paceMs));
            const range = { start: positionAt(this.text, step.at), end: positionAt(this.text, step.at + step.remove) };
            this.text = this.text.slice(0, step.at) + step.insert + this.text.slice(step.at + step.remove);
            sent = performance.now();
            await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: ++this.version }, contentChanges: [{ range, rangeLength: step.remove, text: step.insert }] });
        }
        const { at } = await last;
        return { keys: steps.length, paceMs, ms: at - sent };
    }

    /** A completion request (invoked, as Ctrl+Space) at `offset`: milliseconds and the number of items. */
    async complete(uri, offset, ms) {
        let timer;
        const before = schedulerTimes(this.child.pid);
        const start = performance.now();
        const result = await Promise.race([
            this.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: positionAt(this.text, offset), context: { triggerKind: 1 } }),
            new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`${this.options.name}: no completion within ${ms} ms`)), ms); })
        ]).finally(() => clearTimeout(timer));
        const elapsed = performance.now() - start;
        const after = schedulerTimes(this.child.pid);
        const items = Array.isArray(result) ? result : result?.items ?? [];
        return { ms: elapsed, cpuMs: after.cpuMs - before.cpuMs, waitMs: after.waitMs - before.waitMs, items: items.length, labels: items.slice(0, 3).map(i => i.label) };
    }

    memory() { return processMemory(this.child.pid); }

    async stop() {
        try {
            let timer;
            await Promise.race([this.connection.sendRequest(ShutdownRequest.type), new Promise(r => { timer = setTimeout(r, 3000); })]);
            clearTimeout(timer);
            await this.connection.sendNotification(ExitNotification.type);
        } catch {
            // gone already
        }
        await new Promise(resolve => {
            if (this.child.exitCode !== null) return resolve();
            const timer = setTimeout(() => { this.child.kill(); resolve(); }, 3000);
            this.child.once('exit', () => { clearTimeout(timer); resolve(); });
        });
        this.connection.dispose();
    }
}

// One language server, one document, the messages of a short editing session: open → first diagnostics, one-
// character edits (typed, then deleted, so the text stays valid) → diagnostics, a new 三级 line typed key by key (a
// syntax error at most keys) → diagnostics, completion inside an indicator block, reopen, peak memory. The same scenario runs against jxmb's server and yaml-language-server.
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { LspServer } from './lsp.mjs';
import { summarize } from './stats.mjs';
import { typingEdits } from './typing.mjs';

/** Waits until the server has asked for its settings and then been quiet for `quietMs` (at most `maxMs`). */
async function settle(server, quietMs = 300, maxMs = 3000) {
    const start = performance.now();
    let seen = server.configurationRequests;
    let quietSince = performance.now();
    while (performance.now() - start < maxMs) {
        await sleep(50);
        if (server.configurationRequests !== seen) {
            seen = server.configurationRequests;
            quietSince = performance.now();
        } else if (seen > 0 && performance.now() - quietSince >= quietMs) return;
    }
}

/** The name the warm open uses: `decl.jxmb` → `decl-again.jxmb`. */
export const againUri = uri => uri.replace(/(\.[a-z]+)$/, '-again$1');

/**
 * @param {object} o
 * @param {string} o.name label
 * @param {string[]} o.command server script and arguments (run with this node)
 * @param {object} o.settings the client's settings (answered to workspace/configuration)
 * @param {string} o.rootUri workspace folder (an empty one: the document comes only through didOpen)
 * @param {string} o.uri @param {string} o.languageId @param {string} o.text
 * @param {{ edit: number, complete: number }[]} o.anchors offsets in `text`
 * @param {number} o.edits @param {number} o.completions planned samples
 * @param {{ at: number, indent: string, line: string }} [o.typing] where Enter is pressed before typing `line`
 * @param {number} o.minSamples @param {number} o.budgetMs fewer samples than planned once a phase took `budgetMs`
 * @param {number} o.timeoutMs per message
 */
export async function runScenario(options) {
    const o = { minSamples: 3, budgetMs: Infinity, ...options };
    const errors = [];
    const result = { server: o.name, textChars: o.text.length };
    const spawnedAt = performance.now();
    const server = new LspServer(o.command, { settings: o.settings, rootUri: o.rootUri, name: o.name });
    try {
        await server.initialize();
        result.initializeMs = round(performance.now() - spawnedAt);
        result.incrementalSync = server.incremental;
        await settle(server);

        const opened = await server.open(o.uri, o.languageId, o.text, o.timeoutMs);
        result.openMs = round(opened.ms);
        result.openCpuMs = round(opened.cpuMs);
        result.openWaitMs = round(opened.waitMs);
        result.openDiagnostics = opened.diagnostics.length;

        const editCpu = [];
        const editWait = [];
        // Two unrecorded edits first (the first change after an open pays for code paths not run yet).
        const editOnce = async (k, record) => {
            const anchor = o.anchors[Math.floor(k / 2) % o.anchors.length];
            const insert = k % 2 === 0;
            const r = insert ? await server.edit(o.uri, anchor.edit, 0, '新', o.timeoutMs) : await server.edit(o.uri, anchor.edit, 1, '', o.timeoutMs);
            if (record) {
                record.push(r.ms);
                editCpu.push(r.cpuMs);
                editWait.push(r.waitMs);
            }
            return r;
        };
        await editOnce(0);
        await editOnce(1);
        // A slow server gets fewer samples: at least `minSamples`, then as many as fit in `budgetMs` per phase.
        const editSamples = [];
        let last;
        let phaseStart = performance.now();
        // Whole pairs (typed, then deleted): an odd count would leave the text changed for what follows.
        for (let k = 0; k < o.edits + o.edits % 2; k++) {
            last = await editOnce(k, editSamples);
            if (k % 2 === 1 && k + 1 >= o.minSamples && performance.now() - phaseStart > o.budgetMs) break;
        }
        if (server.text !== o.text) errors.push('text differs after the edits');
        result.edit = { ...summarize(editSamples), planned: o.edits, cpuMedian: summarize(editCpu).median, waitMedian: summarize(editWait).median };
        result.editDiagnostics = last?.diagnostics.length ?? null;

        // A new 三级 line typed key by key after Enter (the text has a syntax error at most keys), then taken back by
        // backspaces, which pass through an unclosed quote: a string may span lines, so the rest of the file reads
        // differently until the quote is gone.
        if (o.typing) {
            const { at, indent, line } = o.typing;
            await server.edit(o.uri, at, 0, `\n${indent}`, o.timeoutMs);
            const keys = { typed: { ms: [], cpu: [] }, erased: { ms: [], cpu: [] } };
            for (const step of typingEdits(at + 1 + indent.length, line, line.length)) {
                const r = await server.edit(o.uri, step.at, step.remove, step.insert, o.timeoutMs);
                const phase = step.insert ? keys.typed : keys.erased;
                phase.ms.push(r.ms);
                phase.cpu.push(r.cpuMs);
            }
            // The same line at a fast typist's pace (key repeat is ≈ 30 ms), not waiting for diagnostics: the time from
            // its last key, and from the last backspace, to the diagnostics of the text as left.
            const pace = 30;
            const steps = typingEdits(at + 1 + indent.length, line, line.length);
            const burst = {
                typed: await server.burst(o.uri, steps.filter(step => step.insert), pace, o.timeoutMs),
                erased: await server.burst(o.uri, steps.filter(step => !step.insert), pace, o.timeoutMs)
            };
            await server.edit(o.uri, at, 1 + indent.length, '', o.timeoutMs);
            if (server.text !== o.text) errors.push('text differs after typing a line');
            const figures = k => ({ ...summarize(k.ms), cpuMedian: summarize(k.cpu).median });
            result.typing = { line, ...figures(keys.typed), backspaces: figures(keys.erased), burst };
        }

        const completionSamples = [];
        const completionCpu = [];
        let items;
        phaseStart = performance.now();
        for (let k = 0; k < o.completions; k++) {
            try {
                const c = await server.complete(o.uri, o.anchors[k % o.anchors.length].complete, o.timeoutMs);
                completionSamples.push(c.ms);
                completionCpu.push(c.cpuMs);
                items ??= c;
            } catch (error) {
                // A provider being reworked may fail; the timings stand for what answered.
                errors.push(`completion: ${error.message}`);
                break;
            }
            if (k + 1 >= o.minSamples && performance.now() - phaseStart > o.budgetMs) break;
        }
        result.completion = { ...summarize(completionSamples), planned: o.completions, cpuMedian: summarize(completionCpu).median, items: items?.items ?? null, firstLabels: items?.labels ?? [] };

        // The same text opened again in the now warm process, under another name so that nothing of the first file
        // is reused (skipped where one open takes longer than the budget).
        if (opened.ms < o.budgetMs / 2) {
            await server.close(o.uri);
            await sleep(100);
            const reopened = await server.open(againUri(o.uri), o.languageId, o.text, o.timeoutMs);
            result.reopenMs = round(reopened.ms);
            result.reopenCpuMs = round(reopened.cpuMs);
        } else {
            result.reopenMs = null;
        }

        const memory = server.memory();
        result.peakMemoryMb = round(memory.peakKb / 1024);
        result.rssMb = round(memory.rssKb / 1024);
    } catch (error) {
        errors.push(error.message);
        const memory = server.memory();
        result.peakMemoryMb ??= round(memory.peakKb / 1024);
    } finally {
        await server.stop();
    }
    if (server.stderr.trim()) result.stderr = server.stderr.slice(0, 2000);
    result.errors = errors;
    return result;
}

/**
 * A new server and one didOpen → first diagnostics, as in `runScenario` (more cold opens for a median).
 * With `fromFolder`, VS Code opened the folder that holds the file (the extension starts with
 * `workspaceContains:**\/*.jxmb`): the server checks the folder's files on its own, then the user opens the file;
 * `folderLoadMs` is how long the server was busy before (spawn → the file's diagnostics published unasked).
 * @param {object} o @param {string[]} o.command @param {object} o.settings @param {string} o.name
 * @param {string} o.rootUri workspace folder @param {string} o.uri @param {string} o.languageId
 * @param {string} o.text @param {number} o.timeoutMs @param {boolean} [o.fromFolder]
 */
export async function openInNewServer(o) {
    const spawnedAt = performance.now();
    const server = new LspServer(o.command, { settings: o.settings, rootUri: o.rootUri, name: o.name });
    try {
        const loaded = o.fromFolder ? server.nextDiagnostics(o.uri, o.timeoutMs) : undefined;
        await server.initialize();
        await loaded;
        const folderLoadMs = o.fromFolder ? round(performance.now() - spawnedAt) : undefined;
        await settle(server);
        const opened = await server.open(o.uri, o.languageId, o.text, o.timeoutMs);
        return { folderLoadMs, openMs: round(opened.ms), openCpuMs: round(opened.cpuMs), openDiagnostics: opened.diagnostics.length };
    } catch (error) {
        return { error: error.message };
    } finally {
        await server.stop();
    }
}

function round(x) {
    return Number.isFinite(x) ? Math.round(x * 100) / 100 : null;
}

import { describe, expect, test } from 'vitest';
import { contentSecurityPolicy, nonceFrom, previewPage, previewParts } from '../../extension/preview-html.js';
import { renderHtml } from '../../language/compile/html.js';
import { modelOf, readSample } from '../helpers/samples.js';

// 表格预览's page: the html compiler's table under a strict content security policy.

describe('table preview page', async () => {
    const { model } = await modelOf(readSample('tutorial.jxmb'));
    const compiled = renderHtml(model);
    const parts = previewParts(compiled);
    const nonce = nonceFrom(new Uint8Array(32).map((_, i) => i * 7));
    const page = previewPage(parts, { nonce, cspSource: 'vscode-webview://x' });

    test('keeps the tables and the compiler\'s style sheet', () => {
        expect(parts.body).toContain('部门整体预算绩效目标申报表');
        expect(parts.body).toContain('组织科普志愿活动场次');
        expect(parts.css).toContain('border-collapse: collapse');
        expect(parts.title).toContain('示例区科学技术协会');
    });

    test('no inline style attribute survives: column widths become classes of the nonce\'d sheet', () => {
        expect(compiled).toMatch(/<col style="width: [\d.]+%">/);
        expect(page).not.toMatch(/\sstyle="/);
        const width = /<col style="(width: [\d.]+%)">/.exec(compiled)![1]!;
        const cls = new RegExp(`\\.(s\\d+) \\{ ${width.replace(/[.%]/g, '\\$&')} \\}`).exec(parts.css)![1]!;
        expect(parts.body).toContain(`<col class="${cls}">`);
    });

    test('allows nothing but its own style and script', () => {
        const csp = contentSecurityPolicy(nonce, 'vscode-webview://x');
        expect(csp).toContain("default-src 'none'");
        expect(csp).toContain(`style-src 'nonce-${nonce}'`);
        expect(csp).toContain(`script-src 'nonce-${nonce}'`);
        expect(csp).not.toContain('unsafe');
        expect(page).toContain(`<meta http-equiv="Content-Security-Policy" content="${csp}">`);
        const tags = [...page.matchAll(/<(style|script)\b[^>]*>/g)].map(m => m[0]);
        expect(tags.length).toBeGreaterThanOrEqual(3);
        for (const tag of tags) expect(tag).toContain(`nonce="${nonce}"`);
        expect(nonce).toMatch(/^[A-Za-z0-9]{32}$/);
    });

    test('a script in the body is dropped; the banner is text, not markup', () => {
        const hostile = previewParts('<html><body><p style="color:red" class="x">a</p><script>alert(1)</script></body></html>');
        expect(hostile.body).toBe('<p class="x s0">a</p>');
        const withBanner = previewPage(hostile, { nonce, cspSource: 'c', banner: '第 3 行 <b>错误</b>' });
        expect(withBanner).toContain('<p id="jxmb-banner">第 3 行 &lt;b&gt;错误&lt;/b&gt;</p>');
        expect(previewPage(hostile, { nonce, cspSource: 'c' })).toContain('<p id="jxmb-banner" hidden>');
    });
});

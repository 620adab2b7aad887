// The table preview's page: the html compiler's output under a strict content security policy — no network, no
// inline style attributes, only the page's own nonce'd style and script. The compiler writes column widths as
// style attributes; they become classes of the nonce'd style sheet. The script only swaps the table in when the
// text changes, so that the scroll position survives an edit.

export interface PreviewParts {
    /** the style sheet: the compiler's <style> and the rules for its former style attributes */
    css: string;
    /** the <body>'s content, without any style attribute */
    body: string;
    title: string;
}

/** Splits a compiled page into its style sheet and body; style="…" attributes become classes `s0`, `s1` … */
export function previewParts(html: string): PreviewParts {
    const styles = [...html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/gi)].map(m => m[1]!);
    const title = /<title>([\s\S]*?)<\/title>/i.exec(html)?.[1] ?? '';
    const bodyMatch = /<body[^>]*>([\s\S]*)<\/body>/i.exec(html);
    let body = bodyMatch ? bodyMatch[1]! : html;
    const classes = new Map<string, string>();
    body = body.replace(/<([a-zA-Z][\w-]*)([^>]*?)\sstyle="([^"]*)"([^>]*)>/g, (_whole, tag: string, before: string, style: string, after: string) => {
        let name = classes.get(style);
        if (!name) {
            name = `s${classes.size}`;
            classes.set(style, name);
        }
        const attributes = before + after;
        const withClass = /\sclass="/.test(attributes)
            ? attributes.replace(/\sclass="([^"]*)"/, (_c, existing: string) => ` class="${existing} ${name}"`)
            : `${attributes} class="${name}"`;
        return `<${tag}${withClass}>`;
    });
    // Scripts never come from the compiler; should one ever appear, it is dropped, not run.
    body = body.replace(/<script[\s\S]*?<\/script>/gi, '');
    const rules = [...classes].map(([style, name]) => `.${name} { ${style.replace(/[{}<]/g, '')} }`);
    return { css: [...styles, ...rules].join('\n'), body, title };
}

export interface PreviewPageOptions {
    nonce: string;
    /** the webview's cspSource */
    cspSource: string;
    /** shown above the table (a syntax error, the table is the last good one) */
    banner?: string;
}

export function contentSecurityPolicy(nonce: string, cspSource: string): string {
    return [
        "default-src 'none'",
        `style-src 'nonce-${nonce}'`,
        `script-src 'nonce-${nonce}'`,
        `img-src ${cspSource} data:`,
        `font-src ${cspSource}`,
        "base-uri 'none'",
        "form-action 'none'"
    ].join('; ');
}

const escapeText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Updates arrive as { css, body, banner }: the sheet's text and the table are replaced in place. */
const SCRIPT = `
(function () {
  const sheet = document.getElementById('jxmb-sheet');
  const content = document.getElementById('jxmb-content');
  const banner = document.getElementById('jxmb-banner');
  window.addEventListener('message', function (event) {
    const m = event.data;
    if (!m || m.type !== 'update') return;
    if (typeof m.css === 'string' && sheet.textContent !== m.css) sheet.textContent = m.css;
    if (typeof m.body === 'string') content.innerHTML = m.body;
    banner.textContent = m.banner || '';
    banner.hidden = !m.banner;
  });
})();`;

const BANNER_STYLE = `
#jxmb-banner { position: sticky; top: 0; z-index: 1; margin: 0; padding: 6px 12px; font: 13px sans-serif;
  background: var(--vscode-inputValidation-warningBackground, #fff4ce); color: var(--vscode-foreground, #000);
  border-bottom: 1px solid var(--vscode-inputValidation-warningBorder, #c8a600); }
`;

export function previewPage(parts: PreviewParts, options: PreviewPageOptions): string {
    const { nonce, cspSource, banner } = options;
    return [
        '<!DOCTYPE html>',
        '<html lang="zh-CN">',
        '<head>',
        '<meta charset="utf-8">',
        `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(nonce, cspSource)}">`,
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        `<title>${escapeText(parts.title)}</title>`,
        `<style nonce="${nonce}">${BANNER_STYLE}</style>`,
        `<style nonce="${nonce}" id="jxmb-sheet">${parts.css}</style>`,
        '</head>',
        '<body>',
        `<p id="jxmb-banner"${banner ? '' : ' hidden'}>${escapeText(banner ?? '')}</p>`,
        `<div id="jxmb-content">${parts.body}</div>`,
        `<script nonce="${nonce}">${SCRIPT}</script>`,
        '</body>',
        '</html>'
    ].join('\n');
}

/** 32 characters of base 62, from the caller's random bytes. */
export function nonceFrom(bytes: Uint8Array): string {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
    return Array.from(bytes.slice(0, 32), b => alphabet[b % alphabet.length]).join('');
}

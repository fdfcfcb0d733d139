// The report's HTML made fit for a webview: a strict Content-Security-Policy
// (nothing loads from anywhere; inline styles and data: images only) and one
// script of ours, allowed by its nonce, that scrolls to the asked section.

export type Section = 'timeline' | 'memory' | 'graph' | 'schedule';

export const SECTION_TITLES: Record<Section, string> = {
  timeline: 'Timeline',
  memory: 'Memory Map',
  graph: 'Resource Graph',
  schedule: 'Schedule',
};

export function csp(nonce: string): string {
  return `default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'nonce-${nonce}'`;
}

export function hasSection(html: string, section: Section): boolean {
  return new RegExp(`\\sid\\s*=\\s*["']?${section}["'\\s>]`).test(html);
}

/**
 * The view of one section: a style that hides the report's other sections and its table of
 * contents, so each "Show …" command is a view of its own rather than the same page scrolled.
 * Nothing is hidden when the report has no such section.
 */
export function focus(html: string, section: Section): string {
  if (!hasSection(html, section)) {
    return '';
  }
  return `<style>section:not(#${section}),nav{display:none}</style>`;
}

/** The report with our CSP first in <head>, any script of its own dropped, only `section` shown. */
export function prepare(html: string, section: Section, nonce: string): string {
  const meta = `<meta http-equiv="Content-Security-Policy" content="${csp(nonce)}">` + focus(html, section);
  const script =
    `<script nonce="${nonce}">(function(){` +
    `function go(id){var e=document.getElementById(id);if(e){e.scrollIntoView({block:'start'});}}` +
    `go(${JSON.stringify(section)});` +
    `window.addEventListener('message',function(m){if(m.data&&m.data.section){go(m.data.section);}});` +
    `})();</script>`;
  let body = html.replace(/<script\b[\s\S]*?<\/script>/gi, '');
  body = body.replace(/<meta\s+http-equiv\s*=\s*["']?Content-Security-Policy["']?[^>]*>/gi, '');
  if (/<head[^>]*>/i.test(body)) {
    body = body.replace(/<head[^>]*>/i, (h) => `${h}${meta}`);
  } else {
    body = `<!DOCTYPE html><html><head><meta charset="utf-8">${meta}</head><body>${body}</body></html>`;
  }
  return /<\/body>/i.test(body) ? body.replace(/<\/body>/i, `${script}</body>`) : body + script;
}

export function message(title: string, text: string, nonce: string): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return (
    `<!DOCTYPE html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${csp(nonce)}">` +
    `<title>${esc(title)}</title></head><body style="font-family: var(--vscode-font-family); padding: 1em">` +
    `<h2>${esc(title)}</h2><pre style="white-space: pre-wrap">${esc(text)}</pre></body></html>`
  );
}

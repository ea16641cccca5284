/** A tiny HTML toolkit for the public pages: escaping, a phone-first layout, two languages. */
export type Lang = 'zh' | 'en';

export function esc(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export function langOf(query: unknown): Lang {
  return (query as { lang?: string } | undefined)?.lang === 'en' ? 'en' : 'zh';
}

const css = `body{margin:0;font:16px/1.5 system-ui,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;color:#1f2328;background:#f6f7f9}
main{max-width:560px;margin:0 auto;padding:16px}h1{font-size:1.3rem;margin:.2rem 0 1rem}
label{display:block;margin:.8rem 0 .3rem;font-weight:600}input,select,textarea{width:100%;box-sizing:border-box;font:inherit;padding:.6rem;border:1px solid #c9ced6;border-radius:6px;background:#fff}
textarea{min-height:8rem}.row{display:flex;gap:.5rem;align-items:center}.row input{width:auto}
button{margin-top:1rem;width:100%;padding:.8rem;font:inherit;font-weight:600;color:#fff;background:#b4232a;border:0;border-radius:6px}
.box{background:#fff;border-radius:8px;padding:12px 14px;margin:12px 0;box-shadow:0 1px 2px rgba(0,0,0,.06)}.err{color:#b4232a}.muted{color:#656d76;font-size:.9rem}
.big{font-size:1.4rem;font-weight:700;letter-spacing:.05em}nav{text-align:right;font-size:.9rem}a{color:#0b5cad}ol{padding-left:1.2rem}`;

export function page(lang: Lang, title: string, body: string, switchHref: string): string {
  return `<!doctype html><html lang="${lang === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<link rel="icon" href="data:,"><title>${esc(title)}</title><style>${css}</style></head><body><main><nav><a href="${esc(switchHref)}">${lang === 'zh' ? 'English' : '中文'}</a></nav>${body}</main></body></html>`;
}

/** The same URL with the other language. */
export function switchLang(url: string, lang: Lang): string {
  const u = new URL(url, 'http://x');
  u.searchParams.set('lang', lang === 'zh' ? 'en' : 'zh');
  return `${u.pathname}${u.search}`;
}

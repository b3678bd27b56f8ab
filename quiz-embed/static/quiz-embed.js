// quiz-embed.js: the blog embed's loader. Two lines in a post (data-bank names the bank's index;
// the widget fetches it and the one or two shards of questions it shows, never the whole bank):
//   <div data-quiz data-bank="https://example.org/quiz/bank.json" data-objective="OBJECTIVE_ID" data-count="3"></div>
//   <script type="module" src="https://example.org/quiz/quiz-embed.js"></script>
// Every [data-quiz] element (now or added later) gets a shadow root with the quiz inside. Assets
// load relative to this script's own URL, so the folder can live on any CDN or sub-path. Nothing
// is sent anywhere; when the study app is on this origin, answers are added to its progress
// record in localStorage (under the key the progress module's storage_key() names).
const KEY = Symbol.for('quiz-embed');

if (!globalThis[KEY]) {
  const base = new URL('./', import.meta.url);
  const mounted = new WeakSet();
  const banks = new Map();
  let quiz, progress, sheet;

  const once = (make) => { let p; return () => (p ||= make()); };
  const loadModule = (name) => import(new URL(name + '.js', base).href).then(async (m) => {
    await m.default({ module_or_path: new URL(name + '_bg.wasm', base) });
    return m;
  });
  quiz = once(() => loadModule('quiz_embed'));
  progress = once(() => loadModule('quiz_embed_progress'));
  // A constructed stylesheet: no <style> or <link> for a strict style-src to block. Browsers
  // without constructable stylesheets get a <link> in the shadow root instead.
  const cssUrl = new URL('quiz-embed.css', base).href;
  sheet = once(() => {
    if (!('adoptedStyleSheets' in Document.prototype)) return Promise.resolve(null);
    return fetch(cssUrl).then((r) => (r.ok ? r.text() : '')).catch(() => '')
      .then((css) => { const s = new CSSStyleSheet(); s.replaceSync(css); return s; });
  });
  const style = async (shadow) => {
    const s = await sheet();
    if (s) { shadow.adoptedStyleSheets = [s]; return; }
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = cssUrl;
    shadow.append(link);
  };

  // A piece of a bank (its index, a shard, its outline), fetched once per page and parsed.
  const piece = (url) => {
    if (!banks.has(url)) {
      banks.set(url, fetch(url, { credentials: 'omit' }).then((r) => {
        if (!r.ok) throw new Error('HTTP ' + r.status);
        return r.text().then((t) => {
          try { return JSON.parse(t); } catch { return t; }
        });
      }));
    }
    return banks.get(url);
  };

  const say = (root, text, detail) => {
    root.replaceChildren();
    const p = document.createElement('p');
    p.className = 'err';
    p.setAttribute('role', 'alert');
    p.textContent = text;
    root.append(p);
    if (detail) {
      const d = document.createElement('p');
      d.className = 'err-d';
      d.textContent = detail;
      root.append(d);
    }
  };

  // After a checked answer: merge it into this origin's progress (the study app's record), under
  // the key the app uses for the same bank: its exam id when the bank is from this origin, the
  // bank's origin and exam id when it is from elsewhere (the progress module decides).
  const save = (bankOrigin, examId, recordJson) => {
    let storage;
    try { storage = globalThis.localStorage; if (!storage) return; } catch { return; }
    progress().then((m) => {
      const key = m.storage_key();
      const json = m.merged(storage.getItem(key), location.origin, bankOrigin, examId, recordJson);
      if (json != null) storage.setItem(key, json);
    }).catch(() => {});
  };
  const seed = () => Math.floor(Math.random() * 2 ** 53);
  const origin = (u) => { try { return new URL(u, document.baseURI).origin; } catch { return ''; } };

  const mount = async (host) => {
    if (mounted.has(host) || host.shadowRoot) return;
    mounted.add(host);
    let shadow;
    try { shadow = host.attachShadow({ mode: 'open' }); } catch { return; }
    const root = document.createElement('div');
    const theme = host.getAttribute('data-theme');
    root.className = 'qz';
    root.dataset.theme = theme === 'light' || theme === 'dark' ? theme : 'auto';
    root.setAttribute('role', 'region');
    root.setAttribute('aria-label', 'Practice question');
    shadow.append(root);
    await style(shadow);
    root.textContent = 'Loading quiz…';
    const src = (host.getAttribute('data-bank') || '').trim();
    if (!src) return say(root, 'This quiz needs a data-bank attribute.');
    const url = new URL(src, document.baseURI).href;
    // Answers count toward the study app's progress when the app is on this page's origin: the
    // one data-app-url names, or else the one serving the bank (bank.json sits beside the app).
    const records = origin(host.getAttribute('data-app-url') || url) === location.origin;
    // The index and the widget's code at once; then only the shards this quiz draws from.
    const attr = (name) => host.getAttribute(name);
    const start = seed();
    const code = quiz();
    code.catch(() => {});
    let index, m, id, shards;
    try {
      index = await piece(url);
    } catch (e) {
      return say(root, 'Sorry, this quiz could not load its questions.', String(e && e.message || e));
    }
    try {
      m = await code;
    } catch (e) {
      return say(root, 'Sorry, this quiz could not start in this browser.', String(e && e.message || e));
    }
    try {
      const named = m.outline_path(index, attr);
      const outline = named ? await piece(new URL(named, url).href) : undefined;
      shards = await Promise.all(m.plan(index, attr, start, outline).map((p) => piece(new URL(p, url).href)));
    } catch (e) {
      if (typeof e === 'string') return say(root, e);
      return say(root, 'Sorry, this quiz could not load its questions.', String(e && e.message || e));
    }
    try {
      id = m.create(index, shards, attr, start, Date.now());
    } catch (e) {
      return say(root, String(e && e.message || e));
    }
    const render = (focus) => {
      // The wasm builds the whole widget: its own text escaped, bank fields only through
      // quiz-core's allowlist (quiz_core::safe_html), so the HTML goes in as it is.
      root.innerHTML = m.html(id);
      if (focus) root.querySelector(focus)?.focus();
    };
    const on = (e) => {
      const t = e.target;
      let action, k = 0;
      if (e.type === 'change') {
        if (!t.hasAttribute('data-k')) return;
        action = 'pick';
        k = Number(t.getAttribute('data-k'));
      } else {
        const b = t.closest('[data-act]');
        if (!b) return;
        action = b.getAttribute('data-act');
      }
      render(m.act(id, action, k, seed(), Date.now()));
      const rec = m.checked_record(id, Date.now());
      if (rec && records) save(origin(url), rec[0], rec[1]);
    };
    root.addEventListener('click', on);
    root.addEventListener('change', on);
    render('');
  };

  const scan = (node) => {
    if (node.nodeType !== 1) return;
    if (node.matches('[data-quiz]')) mount(node);
    node.querySelectorAll('[data-quiz]').forEach(mount);
  };

  globalThis[KEY] = { mount };
  scan(document.documentElement);
  new MutationObserver((records) => {
    for (const r of records) r.addedNodes.forEach(scan);
  }).observe(document.documentElement, { childList: true, subtree: true });
}

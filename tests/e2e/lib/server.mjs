// A tiny static file server for browser tests: serves one directory, optionally under a
// sub-path (e.g. /my-site/quiz/), with the MIME types the app needs. Reusable by other suites.
//
//   const server = await serve({ root: 'dist', base: '/my-site/quiz/' });
//   server.url       // http://127.0.0.1:PORT/my-site/quiz/
//   server.mount('/banks/', 'tests/fixtures')   // serve another directory too
//   await server.close();
import http from 'node:http';
import http2 from 'node:http2';
import fs from 'node:fs/promises';
import path from 'node:path';
import zlib from 'node:zlib';

export const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Starts a server. `root`: directory served at `base` (default '/'). `headers`: extra response
 * headers. `gzip`: compress text and wasm (gzip -9) for clients that accept it, as a static host
 * does (Lighthouse measures what a visitor would get). `tls`: { key, cert } to serve HTTPS with
 * HTTP/2 (and HTTP/1.1 to clients without it), as static hosts do. Returns { url, origin, port, mount(prefix, dir), requests, close() }; `requests` lists
 * every requested path (handy to assert what was fetched).
 */
export async function serve({ root, base = '/', port = 0, headers = {}, gzip = false, tls = null } = {}) {
  if (!base.startsWith('/')) base = '/' + base;
  if (!base.endsWith('/')) base += '/';
  const mounts = [{ prefix: base, dir: path.resolve(root) }];
  const requests = [];
  const handler = async (req, res) => {
    const url = new URL(req.url, 'http://x');
    let pathname;
    try { pathname = decodeURIComponent(url.pathname); } catch { pathname = url.pathname; }
    requests.push(pathname);
    const mount = mounts
      .filter((m) => pathname.startsWith(m.prefix) || pathname + '/' === m.prefix)
      .sort((a, b) => b.prefix.length - a.prefix.length)[0];
    if (!mount) return send(res, 404, 'not found');
    if (pathname + '/' === mount.prefix) {
      res.writeHead(301, { Location: mount.prefix + url.search });
      return res.end();
    }
    let rel = pathname.slice(mount.prefix.length);
    if (rel === '' || rel.endsWith('/')) rel += 'index.html';
    const file = path.resolve(mount.dir, rel);
    if (!file.startsWith(mount.dir + path.sep) && file !== mount.dir) return send(res, 403, 'forbidden');
    try {
      let body = await fs.readFile(file);
      const type = MIME[path.extname(file).toLowerCase()] || 'application/octet-stream';
      const extra = {};
      if (gzip && /gzip/.test(req.headers['accept-encoding'] || '') && !/image\/png|x-icon/.test(type)) {
        body = zlib.gzipSync(body, { level: 9 });
        extra['Content-Encoding'] = 'gzip';
        extra.Vary = 'Accept-Encoding';
      }
      res.writeHead(200, { 'Content-Type': type, 'Content-Length': body.length, 'Cache-Control': 'no-cache', ...extra, ...headers });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      send(res, 404, 'not found');
    }
  };
  const server = tls ? http2.createSecureServer({ ...tls, allowHTTP1: true }, handler) : http.createServer(handler);
  // An HTTP/2 server's close() waits for every open session; close() below ends them.
  const sessions = new Set();
  server.on('session', (session) => { sessions.add(session); session.on('close', () => sessions.delete(session)); });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  const origin = `${tls ? 'https' : 'http'}://127.0.0.1:${server.address().port}`;
  return {
    origin,
    port: server.address().port,
    url: origin + base,
    requests,
    mount(prefix, dir) {
      if (!prefix.endsWith('/')) prefix += '/';
      mounts.push({ prefix, dir: path.resolve(dir) });
      return origin + prefix;
    },
    close: () => new Promise((resolve) => {
      server.closeAllConnections?.();
      for (const session of sessions) session.destroy();
      server.close(resolve);
    }),
  };
}

function send(res, status, text) {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(text);
}

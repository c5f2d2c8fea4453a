/**
 * The floor of the server benchmark: a bare node:http server that answers
 * each path with the very bytes and headers the reference server sent for it,
 * as constants. Run as a child process (forked by server.bench.mjs), so that
 * it never shares an event loop with the load generator. The answers arrive
 * over IPC; the port goes back the same way.
 */
import { createServer } from 'node:http';

process.once('message', (answers) => {
  const byPath = new Map(answers.map((a) => [a.path, { ...a, body: Buffer.from(a.body, 'base64') }]));
  const server = createServer((req, res) => {
    const answer = byPath.get(req.url);
    if (!answer) return res.writeHead(404).end();
    res.writeHead(answer.status, answer.headers).end(answer.body);
  });
  server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
  process.once('disconnect', () => server.close(() => process.exit(0)));
});

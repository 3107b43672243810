// A second baseline for uploads: Matang's own staging of a file (hash, write, on disk before the
// answer) behind the least any Node server does — node:http and busboy, as Matang — and nothing
// else: no framework, no session, no record. The ratio to it is what the rest of Matang costs.
import http from "node:http";
import Busboy from "@fastify/busboy";
import { LocalStorage } from "../packages/server/dist/evidence/storage.js";

const [port, dir] = [Number(process.argv[2]), process.argv[3] ?? "."];
const storage = new LocalStorage(dir);
http
  .createServer((req, res) => {
    const bb = Busboy({ headers: req.headers });
    let staged = Promise.reject(new Error("no file"));
    staged.catch(() => {});
    bb.on("file", (_name, file) => {
      staged = storage.stage(file, Number.POSITIVE_INFINITY);
    });
    bb.on("finish", () =>
      staged.then(
        (s) => {
          // Kept, as Matang keeps an upload: see the upload series in national.ts.
          return storage.commit(s).then(() => res.writeHead(201).end());
        },
        () => res.writeHead(500).end(),
      ),
    );
    req.pipe(bb);
  })
  .listen(port, "127.0.0.1", () => console.log("listening"));

// A second baseline for uploads: the least any Node server does with one — parse the multipart
// body (busboy, as Matang), hash it, write it and flush it to disk — and nothing else.
import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import http from "node:http";
import { join } from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import Busboy from "@fastify/busboy";

const [port, dir] = [Number(process.argv[2]), process.argv[3] ?? "."];
// The same buffers as Matang's (packages/server/src/evidence/storage.ts).
const BUFFER = 1024 * 1024;
let n = 0;
http
  .createServer((req, res) => {
    const bb = Busboy({ headers: req.headers });
    let written = Promise.resolve();
    bb.on("file", (_name, file) => {
      const hash = createHash("sha256");
      const meter = new Transform({
        highWaterMark: BUFFER,
        transform(chunk, _encoding, done) {
          hash.update(chunk);
          done(null, chunk);
        },
      });
      written = pipeline(
        file,
        meter,
        createWriteStream(join(dir, `bare-${n++}.bin`), { flush: true, highWaterMark: BUFFER }),
      );
    });
    bb.on("finish", () =>
      written.then(
        () => res.writeHead(201).end(),
        () => res.writeHead(500).end(),
      ),
    );
    req.pipe(bb);
  })
  .listen(port, "127.0.0.1", () => console.log("listening"));

// The deadline load's baseline: the same requests answered by the least a Node server does —
// node:http, a small JSON answer for reads and saves, an upload's bytes appended to a file in
// the folder both share as they arrive (its size is the tus offset, so either server takes the
// next piece) — and nothing else: no framework, no session, no database. Two of them behind the
// same nginx are the machine's ceiling for that mix.
import { randomBytes } from "node:crypto";
import { createWriteStream, writeFileSync } from "node:fs";
import { rm, stat } from "node:fs/promises";
import http from "node:http";
import { join } from "node:path";

const [port, dir] = [Number(process.argv[2]), process.argv[3] ?? "."];
const json = (res, status, body) => {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
};
http
  .createServer((req, res) => {
    const path = req.url ?? "/";
    if (req.method === "POST" && path === "/api/uploads") {
      const id = randomBytes(16).toString("hex");
      writeFileSync(join(dir, id), "");
      req.resume();
      res.writeHead(201, { location: `/api/uploads/${id}`, "tus-resumable": "1.0.0" }).end();
      return;
    }
    if (req.method === "PATCH" && path.startsWith("/api/uploads/")) {
      const file = join(dir, path.slice("/api/uploads/".length));
      const out = createWriteStream(file, { flags: "a" });
      req.pipe(out);
      out.on("finish", () =>
        stat(file).then((s) =>
          res.writeHead(204, { "upload-offset": String(s.size), "tus-resumable": "1.0.0" }).end(),
        ),
      );
      return;
    }
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      if (req.method === "POST" && path.endsWith("/evidence/resumable")) {
        const { upload } = JSON.parse(Buffer.concat(chunks).toString() || "{}");
        void rm(join(dir, upload), { force: true });
        json(res, 201, { evidenceId: upload });
      } else if (req.method === "PUT") {
        const body = JSON.parse(Buffer.concat(chunks).toString() || "{}");
        json(res, 200, { version: (body.version ?? 0) + 1 });
      } else json(res, 200, { items: [], id: "00000000-0000-0000-0000-000000000000" });
    });
  })
  .listen(port, "127.0.0.1", () => console.log("listening"));

// The deadline load's baseline: the same requests answered by the least a Node server does —
// node:http, a small JSON answer for reads and saves, an upload's bytes appended to a file as
// they arrive (tus's offsets kept in memory) — and nothing else: no framework, no session, no
// database. Two of them behind the same nginx are the machine's ceiling for that mix.
import { randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { rm } from "node:fs/promises";
import http from "node:http";
import { join } from "node:path";

const [port, dir] = [Number(process.argv[2]), process.argv[3] ?? "."];
const uploads = new Map();
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
      uploads.set(id, { size: Number(req.headers["upload-length"]), offset: 0 });
      req.resume();
      res.writeHead(201, { location: `/api/uploads/${id}`, "tus-resumable": "1.0.0" }).end();
      return;
    }
    if (req.method === "PATCH" && path.startsWith("/api/uploads/")) {
      const id = path.slice("/api/uploads/".length);
      const upload = uploads.get(id);
      const file = createWriteStream(join(dir, id), { flags: "a" });
      req.on("data", (chunk) => {
        upload.offset += chunk.length;
      });
      req.pipe(file);
      file.on("finish", () =>
        res.writeHead(204, { "upload-offset": String(upload.offset), "tus-resumable": "1.0.0" }).end(),
      );
      return;
    }
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      if (req.method === "POST" && path.endsWith("/evidence/resumable")) {
        const { upload } = JSON.parse(Buffer.concat(chunks).toString() || "{}");
        uploads.delete(upload);
        void rm(join(dir, upload), { force: true });
        json(res, 201, { evidenceId: upload });
      } else if (req.method === "PUT") {
        const body = JSON.parse(Buffer.concat(chunks).toString() || "{}");
        json(res, 200, { version: (body.version ?? 0) + 1 });
      } else json(res, 200, { items: [], id: "00000000-0000-0000-0000-000000000000" });
    });
  })
  .listen(port, "127.0.0.1", () => console.log("listening"));

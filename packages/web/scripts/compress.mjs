// Brotli and gzip copies of the built files, made once at build time: the server sends the
// smaller one a browser accepts (@fastify/static's preCompressed), so no proxy is needed for
// compression and no CPU is spent on it per request.
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const dist = new URL("../dist/", import.meta.url).pathname;
const COMPRESSIBLE = /\.(js|css|html|svg|json|txt)$/;
let before = 0;
let after = 0;
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (COMPRESSIBLE.test(name)) {
      const bytes = readFileSync(path);
      const br = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } });
      writeFileSync(`${path}.br`, br);
      writeFileSync(`${path}.gz`, gzipSync(bytes, { level: 9 }));
      before += bytes.length;
      after += br.length;
    }
  }
};
walk(dist);
console.log(
  `compressed ${(before / 1024).toFixed(0)} kB of text files to ${(after / 1024).toFixed(0)} kB (brotli)`,
);

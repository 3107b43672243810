// Evidence that reads itself (issue 23): how fast text is read from PDFs, against reading the
// same files' bytes, and how long a search takes over the national dataset's 100,000 evidence
// records once each has a file with text, against PostgreSQL matching the same words alone.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase } from "@matang/server";
import { sql } from "drizzle-orm";
import PDFDocument from "pdfkit";
import { readText } from "../packages/server/src/evidence/text.js";
import { ADMIN_CONTEXT, benchDatabase, generate } from "./dataset.js";

type Metrics = Record<string, number>;
const round = (x: number, places = 2) => Number(x.toFixed(places));

const WORDS =
  "pemerintah daerah kebijakan internal arsitektur sistem pemerintahan berbasis elektronik layanan data informasi aplikasi infrastruktur keamanan tata kelola reviu evaluasi peraturan keputusan tim koordinasi rencana induk peta rencana manajemen risiko audit teknologi".split(
    " ",
  );

/** A text PDF of `pages` pages of Indonesian government prose. */
function pdf(pages: number, seed: number): Promise<Buffer> {
  return new Promise((resolve) => {
    const doc = new PDFDocument({ size: "A4" });
    const chunks: Buffer[] = [];
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    let s = seed;
    const word = () => {
      s = (s * 1103515245 + 12345) & 0x7fffffff;
      return WORDS[s % WORDS.length];
    };
    for (let p = 0; p < pages; p++) {
      if (p > 0) doc.addPage();
      doc.fontSize(14).text(`PERATURAN BUPATI CONTOH NOMOR ${seed} TAHUN 2024`);
      for (let para = 0; para < 8; para++)
        doc
          .fontSize(10)
          .text(Array.from({ length: 60 }, word).join(" "))
          .moveDown();
    }
    doc.end();
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

async function extraction(log: (line: string) => void): Promise<Metrics> {
  const work = mkdtempSync(join(tmpdir(), "matang-bench-text-"));
  try {
    const files: string[] = [];
    for (let i = 0; i < 12; i++) {
      const path = join(work, `dokumen-${i}.pdf`);
      writeFileSync(path, await pdf(10, i + 1));
      files.push(path);
    }
    const bytes = files.reduce((n, f) => n + statSync(f).size, 0);
    const mb = bytes / 2 ** 20;
    // Baseline: reading the same files' bytes (and touching each, so nothing is skipped).
    let sink = 0;
    const readStart = performance.now();
    for (let r = 0; r < 20; r++) for (const f of files) sink += readFileSync(f)[0] ?? 0;
    const readSeconds = (performance.now() - readStart) / 1000 / 20;
    const textStart = performance.now();
    let chars = 0;
    for (const f of files) chars += (await readText(f, "application/pdf")).text.length;
    const textSeconds = (performance.now() - textStart) / 1000;
    if (sink < 0) log(String(sink));
    log(`  extraction: ${files.length} PDFs, ${round(mb)} MB, ${chars} characters read`);
    return {
      evidence_text_pdf_mb_per_s: round(mb / textSeconds),
      evidence_text_baseline_read_mb_per_s: round(mb / readSeconds),
      evidence_text_ratio_vs_read: round(mb / textSeconds / (mb / readSeconds), 6),
      evidence_text_pages_per_s: round((files.length * 10) / textSeconds),
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function search(log: (line: string) => void): Promise<Metrics> {
  const database = await benchDatabase();
  try {
    const handle = await openDatabase({ url: database.url });
    await handle.migrate();
    const db = handle.db;
    const t = performance.now();
    await generate(db, (step) => log(`  dataset: ${step} (${round((performance.now() - t) / 1000)} s)`));
    // Each of the 100,000 records becomes a document with a file and its text read: a regulation
    // or a report naming its instansi, number and year, and a paragraph of prose.
    await db.execute(sql`update evidence set kind = 'file', url = null`);
    await db.execute(
      sql`insert into evidence_files (evidence_id, storage_key, sha256, size, media_type, original_name)
          select id, 'bench/' || id, md5(id::text), 250000, 'application/pdf', title || '.pdf' from evidence`,
    );
    const words = sql.raw(`array[${WORDS.map((w) => `'${w}'`).join(",")}]`);
    await db.execute(
      sql`insert into evidence_texts (file_id, status, text, chars, pages, document)
          select f.id, 'done', x.body, length(x.body), 3,
            setweight(to_tsvector('indonesian', e.title), 'A') || setweight(to_tsvector('indonesian', x.body), 'B')
          from evidence_files f join evidence e on e.id = f.evidence_id
          join organizations o on o.id = e.organization_id
          cross join lateral (select (case when hashtext(f.id::text) % 2 = 0 then 'PERATURAN BUPATI ' else 'LAPORAN REVIU ' end)
              || upper(o.name) || ' NOMOR ' || (abs(hashtext(f.id::text)) % 60 + 1) || ' TAHUN ' || (2015 + abs(hashtext(e.id::text)) % 11)
              || E'\n' || (select string_agg((${words})[1 + abs(hashtext(f.id::text || g::text)) % ${WORDS.length}], ' ')
                           from generate_series(1, 250) g) as body) x`,
    );
    await db.execute(sql`vacuum analyze evidence_texts`);
    log(`  dataset: 100,000 documents with text (${round((performance.now() - t) / 1000)} s)`);
    const { searchEvidence } = await import("../packages/server/src/evidence/service.js");
    const queries = [
      "peraturan arsitektur",
      "Nomor 12 Tahun 2019",
      "laporan reviu keamanan",
      "pengaturan tata kelola",
    ];
    const time = async (fn: () => Promise<unknown>) => {
      await fn();
      const samples: number[] = [];
      for (let r = 0; r < 7; r++) {
        const s = performance.now();
        await fn();
        samples.push(performance.now() - s);
      }
      return median(samples);
    };
    const searched: number[] = [];
    const matched: number[] = [];
    for (const q of queries) {
      searched.push(await time(() => searchEvidence(db, ADMIN_CONTEXT, { q, page: 1, pageSize: 20 })));
      // Baseline: PostgreSQL finding the matching documents through the same index, nothing else.
      matched.push(
        await time(() =>
          db.execute(
            sql`select count(*) from evidence_texts where document @@ websearch_to_tsquery('indonesian', ${q})`,
          ),
        ),
      );
    }
    const browse = await time(() =>
      searchEvidence(db, ADMIN_CONTEXT, { indicator: "12", page: 1, pageSize: 20 }),
    );
    await handle.close();
    const searchMs = median(searched);
    const matchMs = median(matched);
    return {
      evidence_search_100k_ms: round(searchMs),
      evidence_search_baseline_match_ms: round(matchMs),
      evidence_search_ratio_vs_match: round(searchMs / matchMs),
      evidence_browse_100k_ms: round(browse),
    };
  } finally {
    await database.drop();
  }
}

export async function evidence(log: (line: string) => void): Promise<Metrics> {
  return { ...(await extraction(log)), ...(await search(log)) };
}

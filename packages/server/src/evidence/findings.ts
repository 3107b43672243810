// Pre-check findings where the API returns a file version: core's rules applied to the facts the
// text reader stored, the level the file supports and the instansi's other files.
import {
  type DocumentFacts,
  evidenceFindings,
  FINDING_CODES,
  type Finding,
  type Framework,
  type Schedule,
} from "@matang/core";
import { z } from "zod";

/** The findings on a file version, as the API answers them. */
export const FindingsSchema = z
  .array(
    z.object({
      code: z.enum(FINDING_CODES),
      message: z.object({ id: z.string(), en: z.string() }),
      excerpt: z.string(),
      evidenceId: z
        .string()
        .optional()
        .describe("duplicate: the evidence with the same file, to link instead"),
    }),
  )
  .describe(
    "What reading the file found (informative, never blocking): document_number and document_date (metadata), wrong_kind, other_object, review_outdated, instrument_outdated, no_text, duplicate, empty_or_tiny; each with a message in Indonesian and English and the text that triggered it",
  );

/** A file version as the findings need it (what `linksOf` and `fileVersions` read). */
export interface FileForFindings {
  readonly size: number;
  readonly mediaType: string;
  readonly sha256: string;
  readonly text: {
    readonly status: "pending" | "done" | "no_text" | "skipped" | "failed";
    readonly pages: number | null;
    readonly chars: number;
    readonly facts: DocumentFacts | null;
  } | null;
}

/** Where the instansi's evidence holds a file with some hash (read by `indicatorListOf`). */
export interface FileElsewhere {
  readonly sha256: string;
  readonly evidenceId: string;
  readonly title: string;
  readonly indicator: string;
  readonly level: number;
  readonly year: number;
}

/** Ages count from the self-assessment's start, else from the cycle's first day. */
export const referenceDateOf = (cycle: { year: number; schedule: Schedule }) =>
  cycle.schedule.self_assessment?.start ?? `${cycle.year}-01-01`;

export function findingsOf(
  place: {
    readonly framework: Framework;
    readonly organization: { readonly name: string; readonly kind: string };
    readonly referenceDate: string;
  },
  use: {
    readonly evidenceId: string;
    readonly title: string;
    readonly indicator: string;
    readonly level: number;
    readonly item: string | null;
  },
  file: FileForFindings,
  elsewhere: readonly FileElsewhere[],
): Finding[] {
  return evidenceFindings({
    ...place,
    indicator: use.indicator,
    level: use.level,
    item: use.item,
    file: {
      size: Number(file.size),
      mediaType: file.mediaType,
      title: use.title,
      textStatus: file.text?.status ?? null,
      textChars: file.text?.chars ?? 0,
      pages: file.text?.pages ?? null,
    },
    facts: file.text?.facts ?? null,
    // Another piece of evidence with the same bytes; the same evidence used twice is a link already.
    duplicates: elsewhere.filter((e) => e.sha256 === file.sha256 && e.evidenceId !== use.evidenceId),
  });
}

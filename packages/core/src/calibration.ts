// Calibration across instansi: how far self-assessments stand from the assessors' results, per
// indicator and per instansi against peers of its kind, and why evidence goes back. "Which
// indicators are over-claimed most, and why." Figures over fewer than MIN_GROUP instansi are
// given as counts only: a mean of three regencies names them.
import type { Framework } from "./framework/model.js";
import type { LocalizedText } from "./framework/schema.js";

/** Why an assessor returns evidence (the review form's reasons). */
export const RETURN_REASONS = ["wrong_document", "not_uploaded", "outdated", "other"] as const;
export type ReturnReason = (typeof RETURN_REASONS)[number];

/** Fewer instansi than this: counts, never rates or means. */
export const MIN_GROUP = 5;

export interface CalibrationParticipant {
  readonly organizationId: string;
  readonly name: string;
  readonly kind: string;
  /** Its own (self-assessment) value per indicator. */
  readonly self: Readonly<Record<string, number>>;
  /** The assessors' value per indicator (its headline stage); empty before assessors scored. */
  readonly final: Readonly<Record<string, number>>;
  /** Verdicts on its evidence, per indicator. */
  readonly reviews: readonly {
    readonly indicator: string;
    readonly review: "pending" | "accepted" | "revision";
    readonly reason: string | null;
  }[];
}

export interface IndicatorCalibration {
  readonly code: string;
  readonly name: LocalizedText;
  /** Instansi with both a self value and an assessors' value. */
  readonly compared: number;
  /** Mean of self minus final; null under MIN_GROUP. */
  readonly meanBias: number | null;
  /** Share of instansi that claimed more than the assessors gave; null under MIN_GROUP. */
  readonly overclaimShare: number | null;
  readonly overclaimed: number;
  readonly matched: number;
  readonly underclaimed: number;
  /** How many instansi differ by each whole number of levels (self − final, rounded). */
  readonly distribution: { readonly bias: number; readonly count: number }[];
  /** Verdicts given on its evidence (accepted or returned), and returns by reason. */
  readonly reviewed: number;
  readonly returned: number;
  readonly returnsByReason: Readonly<Record<ReturnReason, number>>;
  /** Returns by reason over verdicts given; null while fewer than MIN_GROUP instansi had verdicts. */
  readonly returnRateByReason: Readonly<Record<ReturnReason, number | null>>;
  readonly returnRate: number | null;
  /** Instansi with at least one verdict on this indicator's evidence. */
  readonly reviewedInstansi: number;
}

export interface InstansiCalibration {
  readonly organizationId: string;
  readonly name: string;
  readonly kind: string;
  /** Indicators with both values. */
  readonly compared: number;
  readonly meanBias: number | null;
  readonly overclaimed: number;
  /** Its peers: the other instansi of its kind in the same comparison. */
  readonly peers: { readonly count: number; readonly meanBias: number | null };
}

export interface Calibration {
  /** Instansi with at least one indicator compared. */
  readonly instansi: number;
  readonly indicators: IndicatorCalibration[];
  readonly organizations: InstansiCalibration[];
}

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;
const mean = (xs: readonly number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
/** Differences of decimal values without binary noise (4.3 − 2.1 is 2.2, not 2.1999…). */
const difference = (a: number, b: number) => round4(a - b);

/**
 * Calibrate `participants` (a cycle's instansi, or a province's) on `framework`; each is set
 * beside its peers of the same kind among `pool` (the whole cycle; by default the participants).
 */
export function calibrate(
  framework: Framework,
  participants: readonly CalibrationParticipant[],
  pool: readonly CalibrationParticipant[] = participants,
): Calibration {
  const biasOf = (p: CalibrationParticipant, code: string) => {
    const s = p.self[code];
    const f = p.final[code];
    return s === undefined || f === undefined ? undefined : difference(s, f);
  };
  const indicators = framework.indicators.map((indicator): IndicatorCalibration => {
    const biases = participants.flatMap((p) => {
      const b = biasOf(p, indicator.code);
      return b === undefined ? [] : [b];
    });
    const buckets = new Map<number, number>();
    for (const b of biases) buckets.set(Math.round(b), (buckets.get(Math.round(b)) ?? 0) + 1);
    const verdicts = participants.map((p) =>
      p.reviews.filter((r) => r.indicator === indicator.code && r.review !== "pending"),
    );
    const given = verdicts.flat();
    const returns = given.filter((r) => r.review === "revision");
    const returnsByReason = Object.fromEntries(
      RETURN_REASONS.map((reason) => [
        reason,
        returns.filter(
          (r) => (RETURN_REASONS.includes(r.reason as ReturnReason) ? r.reason : "other") === reason,
        ).length,
      ]),
    ) as Record<ReturnReason, number>;
    const reviewedInstansi = verdicts.filter((v) => v.length > 0).length;
    const rates = reviewedInstansi >= MIN_GROUP && given.length > 0;
    const enough = biases.length >= MIN_GROUP;
    const overclaimed = biases.filter((b) => b > 0).length;
    return {
      code: indicator.code,
      name: indicator.name,
      compared: biases.length,
      meanBias: enough ? round4(mean(biases)) : null,
      overclaimShare: enough ? round4(overclaimed / biases.length) : null,
      overclaimed,
      matched: biases.filter((b) => b === 0).length,
      underclaimed: biases.filter((b) => b < 0).length,
      distribution: [...buckets].sort(([a], [b]) => a - b).map(([bias, count]) => ({ bias, count })),
      reviewed: given.length,
      returned: returns.length,
      returnsByReason,
      returnRateByReason: Object.fromEntries(
        RETURN_REASONS.map((r) => [r, rates ? round4(returnsByReason[r] / given.length) : null]),
      ) as Record<ReturnReason, number | null>,
      returnRate: rates ? round4(returns.length / given.length) : null,
      reviewedInstansi,
    };
  });
  // Each instansi's own mean over its indicators, beside its peers' (same kind, itself left out).
  const ownOf = (p: CalibrationParticipant) => {
    const biases = framework.indicators.flatMap((i) => {
      const b = biasOf(p, i.code);
      return b === undefined ? [] : [b];
    });
    return { p, biases, mean: biases.length ? round4(mean(biases)) : null };
  };
  const compared = participants.map(ownOf).filter((o) => o.biases.length > 0);
  const others = pool === participants ? compared : pool.map(ownOf).filter((o) => o.biases.length > 0);
  const organizations = compared
    .map((o): InstansiCalibration => {
      const peers = others.filter((x) => x.p.kind === o.p.kind && x.p.organizationId !== o.p.organizationId);
      return {
        organizationId: o.p.organizationId,
        name: o.p.name,
        kind: o.p.kind,
        compared: o.biases.length,
        meanBias: o.mean,
        overclaimed: o.biases.filter((b) => b > 0).length,
        peers: {
          count: peers.length,
          meanBias: peers.length >= MIN_GROUP ? round4(mean(peers.map((x) => x.mean ?? 0))) : null,
        },
      };
    })
    .sort((a, b) => (b.meanBias ?? 0) - (a.meanBias ?? 0) || a.name.localeCompare(b.name, "id"));
  return { instansi: compared.length, indicators, organizations };
}

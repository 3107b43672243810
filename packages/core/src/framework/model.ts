import type { Ratio } from "../exact.js";
import type {
  FrameworkDef,
  IndicatorLevelDef,
  LocalizedText,
  PredicateDef,
  ScaleLevelDef,
} from "./schema.js";

/** A level scale, with its values in ascending order. */
export interface Scale {
  readonly id: string;
  readonly name: LocalizedText;
  readonly levels: readonly ScaleLevelDef[];
  readonly values: readonly number[];
  readonly min: number;
  readonly max: number;
}

export interface Indicator {
  readonly code: string;
  readonly name: LocalizedText;
  readonly weight: number;
  /** Weight × 10^weightPlaces, exact. All index arithmetic uses these. */
  readonly units: number;
  readonly scale: Scale;
  readonly aspectCode: string;
  readonly domainCode: string;
  /** Position in the framework's indicator order. */
  readonly position: number;
  readonly levels: readonly IndicatorLevelDef[];
}

export interface Aspect {
  readonly code: string;
  readonly name: LocalizedText;
  readonly weight: number;
  readonly domainCode: string;
  readonly indicators: readonly Indicator[];
  /** Sum of its indicators' units. */
  readonly units: number;
}

export interface Domain {
  readonly code: string;
  readonly name: LocalizedText;
  readonly weight: number;
  readonly aspects: readonly Aspect[];
  readonly units: number;
}

/** A framework checked and prepared for scoring. Build it with `loadFramework`. */
export interface Framework {
  readonly id: string;
  readonly title: LocalizedText;
  readonly years: readonly number[];
  readonly definition: FrameworkDef;
  readonly scales: ReadonlyMap<string, Scale>;
  readonly domains: readonly Domain[];
  readonly aspects: readonly Aspect[];
  readonly indicators: readonly Indicator[];
  readonly indicatorByCode: ReadonlyMap<string, Indicator>;
  /** Bands in ascending order of `min`. */
  readonly predicates: readonly PredicateDef[];
  /** Decimal places used to turn weights into integer units. */
  readonly weightPlaces: number;
  /** Sum of all indicators' units: the denominator of the index. */
  readonly units: number;
  /** The index with every indicator at its scale's lowest / highest level. */
  readonly indexMin: Ratio;
  readonly indexMax: Ratio;
}

export interface FrameworkProblem {
  /** Where in the file, e.g. `domains[1].aspects[0].weight`. */
  readonly path: string;
  /** Machine-readable kind of problem. */
  readonly code: string;
  readonly message: string;
}

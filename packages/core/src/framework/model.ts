import type { Ratio } from "../exact.js";
import type {
  ExternalIndexDef,
  FrameworkDef,
  IndicatorLevelDef,
  LabelSetDef,
  LocalizedText,
  ProvisionalDef,
  ScaleLevelDef,
} from "./schema.js";

/** A level scale, with its values in ascending order. */
export interface Scale {
  readonly id: string;
  readonly name: LocalizedText;
  readonly levels: readonly ScaleLevelDef[];
  /** The named levels' values. */
  readonly values: readonly number[];
  readonly min: number;
  readonly max: number;
  /** 0: a value is one of `values`. n > 0: any value from min to max with at most n decimals. */
  readonly decimals: number;
}

/** A range with its bounds' inclusiveness settled (see `PredicateSchema`). */
export interface Band {
  readonly min: number;
  readonly max: number;
  readonly minInclusive: boolean;
  readonly maxInclusive: boolean;
}

/** A predicate band: its name, and its label in each of the framework's label sets. */
export interface Predicate extends Band {
  readonly name: LocalizedText;
  readonly labels: Readonly<Record<string, LocalizedText>>;
}

/** An evidence item of one level of one indicator. */
export interface EvidenceItem {
  readonly code: string;
  readonly indicatorCode: string;
  readonly level: number;
  readonly text: LocalizedText;
}

/** Another agency's index feeding indicators, with its bands sorted from low to high. */
export interface ExternalIndex extends Omit<ExternalIndexDef, "bands"> {
  readonly bands: readonly (Band & { readonly level: number })[];
  /** The indicators it feeds, in framework order. */
  readonly indicators: readonly string[];
}

export interface Indicator {
  readonly code: string;
  readonly name: LocalizedText;
  readonly weight: number;
  /** Weight × 10^weightPlaces, exact. All index arithmetic uses these. */
  readonly units: number;
  readonly scale: Scale;
  readonly aspectCode: string;
  /** null in a framework without domains. */
  readonly domainCode: string | null;
  /** Position in the framework's indicator order. */
  readonly position: number;
  readonly levels: readonly IndicatorLevelDef[];
  readonly aliases: readonly string[];
  /** The external index setting its level, if any. */
  readonly external: string | null;
  /** Its evidence items, by level then as listed. */
  readonly items: readonly EvidenceItem[];
}

export interface Aspect {
  readonly code: string;
  readonly name: LocalizedText;
  readonly weight: number;
  readonly domainCode: string | null;
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
  /** Empty in a framework without domains. */
  readonly domains: readonly Domain[];
  readonly aspects: readonly Aspect[];
  readonly indicators: readonly Indicator[];
  readonly indicatorByCode: ReadonlyMap<string, Indicator>;
  /** Every alias (and code) → the indicator's code. */
  readonly codeOfAlias: ReadonlyMap<string, string>;
  readonly itemByCode: ReadonlyMap<string, EvidenceItem>;
  readonly externalIndices: ReadonlyMap<string, ExternalIndex>;
  /** Bands in ascending order of `min`. */
  readonly predicates: readonly Predicate[];
  readonly labelSets: readonly LabelSetDef[];
  readonly provisional: ProvisionalDef | null;
  /** Decimal places used to turn weights into integer units. */
  readonly weightPlaces: number;
  /** Decimal places used to turn values into integers: the most any scale allows (0: whole levels). */
  readonly valuePlaces: number;
  /** Sum of all indicators' units: with 10^valuePlaces, the denominator of the index. */
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

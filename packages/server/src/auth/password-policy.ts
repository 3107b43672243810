// What makes a password acceptable: length, not blank, not the current one, not built from the
// e-mail address, and hard to guess by a well-kept estimator (zxcvbn-ts with its common, English
// and Indonesian dictionaries). One rule for users, administrators and the CLI.
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import * as en from "@zxcvbn-ts/language-en";
import * as id from "@zxcvbn-ts/language-id";

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 256;
/** zxcvbn's score (0–4) a password must reach: 3 resists an offline attack on a slow hash. */
export const PASSWORD_MIN_SCORE = 3;

export type PasswordProblem =
  | "too_short"
  | "too_long"
  | "blank"
  | "same_as_current"
  | "contains_email"
  | "too_guessable";

const MESSAGES: Record<PasswordProblem, { id: string; en: string }> = {
  too_short: {
    id: `Kata sandi perlu paling sedikit ${PASSWORD_MIN_LENGTH} karakter`,
    en: `the password needs at least ${PASSWORD_MIN_LENGTH} characters`,
  },
  too_long: {
    id: `Kata sandi paling banyak ${PASSWORD_MAX_LENGTH} karakter`,
    en: `the password may have at most ${PASSWORD_MAX_LENGTH} characters`,
  },
  blank: {
    id: "Kata sandi tidak boleh hanya berisi spasi atau karakter kontrol",
    en: "the password cannot be only spaces or control characters",
  },
  same_as_current: {
    id: "Kata sandi baru sama dengan kata sandi sekarang",
    en: "the new password is the same as the current one",
  },
  contains_email: {
    id: "Kata sandi tidak boleh memuat alamat email Anda",
    en: "the password cannot contain your e-mail address",
  },
  too_guessable: {
    id: "Kata sandi terlalu mudah ditebak; pakai beberapa kata yang tidak berhubungan, atau lebih panjang",
    en: "the password is too easy to guess; use several unrelated words, or a longer one",
  },
};

export class PasswordPolicyError extends Error {
  constructor(
    readonly problem: PasswordProblem,
    /** The estimator's own hint, in Bahasa Indonesia, when it has one. */
    readonly hint: string | null = null,
  ) {
    const m = MESSAGES[problem];
    super(`${m.id} (${m.en})`);
    this.name = "PasswordPolicyError";
  }
}

let estimator: ZxcvbnFactory | undefined;
/** Built on first use: the dictionaries take a moment to load. */
function estimate(password: string, userInputs: string[]) {
  estimator ??= new ZxcvbnFactory({
    translations: id.translations,
    graphs: common.adjacencyGraphs,
    dictionary: { ...common.dictionary, ...en.dictionary, ...id.dictionary },
  });
  return estimator.check(password, userInputs);
}

export interface PasswordContext {
  /** The account's e-mail: neither it nor its name part may make up the password. */
  readonly email?: string | null;
  readonly name?: string | null;
  /** The password being replaced, if known. */
  readonly current?: string | null;
}

/** Throw PasswordPolicyError naming the first problem, or return. */
export function checkPasswordPolicy(password: string, context: PasswordContext = {}): void {
  if ([...password].length < PASSWORD_MIN_LENGTH) throw new PasswordPolicyError("too_short");
  if ([...password].length > PASSWORD_MAX_LENGTH) throw new PasswordPolicyError("too_long");
  // biome-ignore lint/suspicious/noControlCharactersInRegex: a password of controls is blank.
  if (password.replace(/[\s\u0000-\u001F\u007F]/g, "") === "") throw new PasswordPolicyError("blank");
  if (context.current && password === context.current) throw new PasswordPolicyError("same_as_current");
  const email = context.email?.trim().toLowerCase();
  const lower = password.toLowerCase();
  // The whole address, or its name part alone with digits and punctuation around it; a name part
  // inside other words only lowers the estimate (it is one of the estimator's user inputs).
  const local = email?.split("@")[0] ?? "";
  const letters = (v: string) => v.replace(/[^\p{L}]/gu, "");
  if (email && (lower.includes(email) || (local.length >= 3 && letters(lower) === letters(local))))
    throw new PasswordPolicyError("contains_email");
  const inputs = [email, email?.split("@")[0], ...(context.name?.split(/\s+/) ?? [])].filter(
    (v): v is string => Boolean(v && v.length >= 3),
  );
  const result = estimate(password, inputs);
  if (result.score < PASSWORD_MIN_SCORE)
    throw new PasswordPolicyError("too_guessable", result.feedback.warning ?? null);
}

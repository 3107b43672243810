import type { TFunction } from "i18next";
import type { Schemas } from "../api/types";

/**
 * Why an action the server says the user is permitted cannot be done now, in the user's language:
 * the server's `blocked` reason (core's rule), never a guess from the page.
 */
export function blockedReason(t: TFunction, why: Schemas["Blocked"], action?: "publish"): string {
  switch (why.code) {
    case "incomplete":
      // Publishing lacks final scores; submitting lacks the instansi's answers.
      return t(action === "publish" ? "blocked.incompletePublish" : "blocked.incomplete", {
        count: why.missing.length,
        codes: why.missing.slice(0, 12).join(", ") + (why.missing.length > 12 ? ", …" : ""),
      });
    case "stage_closed":
      return why.end ? t("blocked.stageClosedOn", { date: why.end }) : t("blocked.stageClosed");
    case "validation_open":
      return t("blocked.validationOpen", {
        count: why.indicators.length,
        codes: why.indicators.join(", "),
      });
    case "wrong_state":
      return t("blocked.wrongState", {
        states: why.states.map((s) => t(`states.${s}`)).join(", "),
      });
  }
}

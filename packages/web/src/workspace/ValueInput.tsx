import { TextInput } from "@mantine/core";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

/** "3,5" or "3.5" → 3.5; null for an empty field; NaN for anything else. */
export function parseValue(text: string): number | null {
  const t = text.trim();
  if (t === "") return null;
  if (!/^\d+([.,]\d+)?$/.test(t)) return Number.NaN;
  return Number(t.replace(",", "."));
}

function showValue(v: number | null, decimals: number, language: string): string {
  if (v === null) return "";
  const s = v.toFixed(decimals);
  return language === "id" ? s.replace(".", ",") : s;
}

/**
 * A decimal value on a framework's scale (Pemdi: 1,00–5,00 with two decimals), or any decimal such
 * as a target index, typed or pasted with a comma or a point ("3.5" is never read as 35); the level
 * cards above still set it to a whole level.
 */
export function ValueInput({
  value,
  onChange,
  min,
  max,
  decimals,
  label,
  description,
  w = 220,
}: {
  value: number | null;
  onChange: (value: number | null) => void;
  min: number;
  max: number;
  decimals: number;
  label?: string;
  description?: string | null;
  w?: number;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const show = (v: number | null) => showValue(v, decimals, language);
  const [text, setText] = useState(show(value));
  // A level chosen on a card (or a reload) replaces what is typed, unless it is the same value.
  useEffect(() => {
    setText((current) => (parseValue(current) === value ? current : showValue(value, decimals, language)));
  }, [value, decimals, language]);
  const parsed = parseValue(text);
  const tooPrecise =
    parsed !== null &&
    !Number.isNaN(parsed) &&
    Math.round(parsed * 10 ** decimals) / 10 ** decimals !== parsed;
  const error =
    parsed === null
      ? null
      : Number.isNaN(parsed)
        ? t("value.notANumber")
        : parsed < min || parsed > max || tooPrecise
          ? t("value.outOfRange", { min: show(min), max: show(max), decimals })
          : null;
  return (
    <TextInput
      label={label ?? t("value.label")}
      description={
        description === null
          ? undefined
          : (description ?? t("value.hint", { min: show(min), max: show(max), decimals }))
      }
      value={text}
      inputMode="decimal"
      w={w}
      error={error}
      onChange={(e) => {
        const next = e.currentTarget.value;
        setText(next);
        const v = parseValue(next);
        if (v === null) onChange(null);
        else if (!Number.isNaN(v)) onChange(v);
      }}
    />
  );
}

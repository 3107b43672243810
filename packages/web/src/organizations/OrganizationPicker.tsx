import { Select } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { Answer } from "../api/types";
import { api } from "../app/api";

interface Props {
  label: string;
  value: string | null;
  onChange: (id: string | null) => void;
  kinds?: string[];
  placeholder?: string;
  required?: boolean;
}

/** Pick an organization by typing part of its name (searches every name it has carried). */
export function OrganizationPicker({ label, value, onChange, kinds, placeholder, required }: Props) {
  const [search, setSearch] = useState("");
  const [debounced] = useDebouncedValue(search, 250);
  const [chosen, setChosen] = useState<{ value: string; label: string } | null>(null);
  const results = useQuery({
    queryKey: ["organization-picker", debounced, kinds],
    queryFn: () => {
      const params = new URLSearchParams({ pageSize: "20" });
      if (debounced.trim()) params.set("q", debounced.trim());
      for (const k of kinds ?? []) params.append("kind", k);
      return api<Answer<"/api/organizations">>("GET", `/api/organizations?${params}`);
    },
  });
  // A unit is named with the government it belongs to: many cities have a "Dinas Kominfo".
  const data = (results.data?.items ?? []).map((o) => ({
    value: o.id,
    label: o.kind === "unit" && o.parentName ? `${o.name} — ${o.parentName}` : o.name,
  }));
  if (chosen && !data.some((d) => d.value === chosen.value)) data.unshift(chosen);
  return (
    <Select
      label={label}
      placeholder={placeholder}
      required={required}
      searchable
      clearable
      filter={({ options }) => options}
      data={data}
      value={value}
      searchValue={search}
      onSearchChange={setSearch}
      onChange={(id, option) => {
        setChosen(id && option ? { value: id, label: option.label } : null);
        onChange(id);
      }}
      nothingFoundMessage="—"
    />
  );
}

import { MultiSelect, type MultiSelectProps } from "@mantine/core";
import { useRoles } from "../api/queries";

/** The firm's roles to choose one or more of; a choice clears the error it had. */
export function RolesSelect({ value, onChange, ...props }: Omit<MultiSelectProps, "data" | "value" | "onChange"> & {
  value: string[];
  onChange: (value: string[]) => void;
}) {
  const roles = useRoles();
  return (
    <MultiSelect
      required
      placeholder={roles.isPending ? "Loading roles…" : "Choose one or more roles"}
      data={(roles.data ?? []).map((role) => ({ value: role.id, label: role.name }))}
      value={value}
      onChange={onChange}
      searchable
      nothingFoundMessage="No role matches"
      comboboxProps={{ withinPortal: true }}
      {...props}
    />
  );
}

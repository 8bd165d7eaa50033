import { Button, Group, Select } from "@mantine/core";
import { IconFileExport, IconFilterOff } from "@tabler/icons-react";
import { useGroups, useRoles } from "../api/queries";
import type { UserFilters, UserSort, UserStatusFilter } from "../api/types";
import { ADDON_KEYS, ADDON_NAMES } from "../../shared/pricing";

export const FILTER_PARAMS = ["role_id", "group_id", "subscription_type", "addon"] as const satisfies readonly (keyof UserFilters)[];

const SUBSCRIPTIONS: { value: NonNullable<UserFilters["subscription_type"]>; label: string }[] = [
  { value: "attorney", label: "Attorney" },
  { value: "non_attorney", label: "Non-attorney" },
];

/** USR-6: the filters as the address bar holds them; an unknown subscription type is no filter. */
export function filtersOf(params: URLSearchParams): UserFilters {
  const subscription = SUBSCRIPTIONS.find((s) => s.value === params.get("subscription_type"))?.value;
  return {
    role_id: params.get("role_id") || undefined,
    group_id: params.get("group_id") || undefined,
    subscription_type: subscription,
    addon: ADDON_KEYS.find((key) => key === params.get("addon")),
  };
}

/** GET /users.csv: every user the list shows with these filters, not one page (USR-6). */
export function exportUrl(list: { status: UserStatusFilter; q: string; sort: UserSort; filters: UserFilters }): string {
  const query = new URLSearchParams({ status: list.status, sort: list.sort });
  if (list.q) query.set("q", list.q);
  for (const key of FILTER_PARAMS) {
    const value = list.filters[key];
    if (value) query.set(key, value);
  }
  return `/api/v1/users.csv?${query.toString()}`;
}

/** The role, group and subscription type to narrow the list to, and its export as CSV. */
export function UserFilterBar({ filters, onChange, exportHref }: {
  filters: UserFilters;
  onChange: (next: UserFilters) => void;
  exportHref: string;
}) {
  const roles = useRoles();
  const groups = useGroups();
  const archived = useGroups(true);
  const groupOptions = [
    ...(groups.data ?? []).map((g) => ({ value: g.id, label: g.name })),
    ...(archived.data ?? []).map((g) => ({ value: g.id, label: `${g.name} (archived)` })),
  ];
  const any = FILTER_PARAMS.some((key) => filters[key]);
  const common = { size: "xs", w: 180, clearable: true, comboboxProps: { withinPortal: true } } as const;
  return (
    <Group justify="space-between" px="md" py={10} gap="sm" wrap="wrap" style={{ borderBottom: "1px solid var(--mantine-color-gray-2)" }}>
      <Group gap="xs" wrap="wrap">
        <Select
          {...common}
          aria-label="Filter by role"
          placeholder="Any role"
          data={(roles.data ?? []).map((r) => ({ value: r.id, label: r.name }))}
          value={filters.role_id ?? null}
          onChange={(value) => onChange({ ...filters, role_id: value ?? undefined })}
        />
        <Select
          {...common}
          aria-label="Filter by group"
          placeholder="Any group"
          searchable
          nothingFoundMessage="No group matches"
          data={groupOptions}
          value={filters.group_id ?? null}
          onChange={(value) => onChange({ ...filters, group_id: value ?? undefined })}
        />
        <Select
          {...common}
          aria-label="Filter by subscription type"
          placeholder="Any subscription type"
          data={SUBSCRIPTIONS}
          value={filters.subscription_type ?? null}
          onChange={(value) => onChange({ ...filters, subscription_type: SUBSCRIPTIONS.find((s) => s.value === value)?.value })}
        />
        <Select
          {...common}
          aria-label="Filter by add-on"
          placeholder="Any add-on"
          data={ADDON_KEYS.map((key) => ({ value: key, label: ADDON_NAMES[key] }))}
          value={filters.addon ?? null}
          onChange={(value) => onChange({ ...filters, addon: ADDON_KEYS.find((key) => key === value) })}
        />
        {any && (
          <Button variant="subtle" color="gray" size="compact-xs" fw={500} leftSection={<IconFilterOff size={14} />} onClick={() => onChange({})}>
            Clear filters
          </Button>
        )}
      </Group>
      <Button component="a" href={exportHref} download variant="default" size="xs" leftSection={<IconFileExport size={14} stroke={1.7} />}>
        Export CSV
      </Button>
    </Group>
  );
}

/** GRP-4: custom billing rates per user or group, on a matter or a contact. */
import { ActionIcon, Button, Group, Input, NumberInput, Select, Stack, Text } from "@mantine/core";
import { IconPlus, IconTrash } from "@tabler/icons-react";
import { useEveryone } from "../api/practice";
import { useGroups } from "../api/queries";
import type { CustomRate, CustomRateInput } from "../api/types";

/** One rate as the form holds it: `who` is `user:<id>` or `group:<id>`, the rate in dollars. */
export interface RateRow {
  who: string | null;
  amount: number | string;
}

export const ratesOf = (rates: CustomRate[]): RateRow[] =>
  rates.map((r) => ({ who: r.user_id ? `user:${r.user_id}` : `group:${r.group_id}`, amount: r.rate_cents / 100 }));

/** The rows as the API takes them; rows without a person or group are left out. */
export function ratesBody(rows: RateRow[]): CustomRateInput[] {
  return rows
    .filter((r) => r.who)
    .map((r) => {
      const [kind, id] = r.who!.split(":") as ["user" | "group", string];
      const rate_cents = Math.round(Number(r.amount) * 100);
      return kind === "user" ? { user_id: id, rate_cents } : { group_id: id, rate_cents };
    });
}

/**
 * The rates editor: active users and the groups not excluded from custom rates are offered
 * (archived and excluded groups never are); a rate already set for someone no longer offered
 * keeps its name so it can be seen and removed.
 */
export function CustomRatesField({ value, onChange, current = [], error }: { value: RateRow[]; onChange: (rows: RateRow[]) => void; current?: CustomRate[]; error?: string }) {
  const people = useEveryone();
  const groups = useGroups();
  const userItems = (people.data?.active ?? []).map((u) => ({ value: `user:${u.id}`, label: u.name.trim() || u.email }));
  const groupItems = (groups.data ?? []).filter((g) => !g.exclude_from_custom_rates).map((g) => ({ value: `group:${g.id}`, label: g.name }));
  for (const r of current) {
    const key = r.user_id ? `user:${r.user_id}` : `group:${r.group_id}`;
    const list = r.user_id ? userItems : groupItems;
    if (!list.some((i) => i.value === key)) list.push({ value: key, label: r.user?.name ?? r.group?.name ?? "Unknown" });
  }
  const data = [
    { group: "People", items: userItems },
    { group: "Groups", items: groupItems },
  ];
  const set = (index: number, row: Partial<RateRow>) => onChange(value.map((r, i) => (i === index ? { ...r, ...row } : r)));
  return (
    <Input.Wrapper label="Custom billing rates" description="An hourly rate for a person or a group; a person's own rate wins over their group's." error={error}>
      <Stack gap="xs" mt={6}>
        {value.length === 0 && (
          <Text size="sm" c="dimmed">
            None: the standard rates apply.
          </Text>
        )}
        {value.map((row, index) => (
          <Group key={index} gap="xs" align="flex-end" wrap="nowrap" data-testid="rate-row">
            <Select
              label={`Rate ${index + 1}: person or group`}
              placeholder="Choose"
              searchable
              data={data.map((g) => ({ ...g, items: g.items.filter((i) => i.value === row.who || !value.some((r) => r.who === i.value)) }))}
              value={row.who}
              onChange={(who) => set(index, { who })}
              style={{ flex: 1 }}
              comboboxProps={{ withinPortal: true }}
            />
            <NumberInput label={`Rate ${index + 1}: per hour`} prefix="$" min={0} decimalScale={2} w={140} value={row.amount} onChange={(amount) => set(index, { amount })} />
            <ActionIcon variant="subtle" color="red.9" size="lg" mb={2} aria-label={`Remove rate ${index + 1}`} onClick={() => onChange(value.filter((_, i) => i !== index))}>
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
        ))}
        <Button variant="default" size="xs" w="fit-content" leftSection={<IconPlus size={14} />} onClick={() => onChange([...value, { who: null, amount: "" }])}>
          Add a rate
        </Button>
      </Stack>
    </Input.Wrapper>
  );
}

/** What creating or editing a group takes, and the feed's snapshot of a group (GRP-1). */
export interface GroupInput {
  name?: string;
  description?: string;
  exclude_from_custom_rates?: boolean;
  member_ids?: string[];
}

export const snapshot = (g: { name: string; description: string; excludeFromCustomRates: boolean; memberIds: string[] }) => ({
  name: g.name,
  description: g.description,
  exclude_from_custom_rates: g.excludeFromCustomRates,
  member_ids: [...g.memberIds].sort(),
});

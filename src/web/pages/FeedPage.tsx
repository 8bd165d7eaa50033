import { Button, Paper, Select, Switch } from "@mantine/core";
import { IconActivity, IconDownload, IconTags } from "@tabler/icons-react";
import { ACTIVITY_KINDS } from "../../shared/activity-kinds";
import { feedCsvUrl, useFeed } from "../api/feed";
import type { ActivityFilters } from "../api/types";
import { ActivityList } from "../components/ActivityList";
import { PageHeader } from "../components/PageHeader";
import { FilterBar, PagedListBody, PersonFilter, useUrlFilters } from "../components/PracticeParts";

const KIND_OPTIONS = Object.entries(ACTIVITY_KINDS)
  .map(([value, label]) => ({ value, label }))
  .sort((a, b) => a.label.localeCompare(b.label));

/** The firm feed (FEED-2, FEED-5): every change, newest first, filtered by person, kind or deletions only. */
export function FeedPage() {
  const [params, set] = useUrlFilters();
  const filters: ActivityFilters = {
    user_id: params.get("user_id") ?? undefined,
    kind: params.get("kind") ?? undefined,
    deletions_only: params.get("deletions_only") === "true" ? "true" : undefined,
  };
  const feed = useFeed(filters);
  const rows = feed.data?.pages.flatMap((p) => p.data) ?? [];
  return (
    <>
      <PageHeader
        title="Firm feed"
        description="Every change made in your firm, newest first: who made it, to what, and each field before and after. Entries cannot be edited or removed."
        actions={
          <Button component="a" href={feedCsvUrl(filters)} download variant="default" leftSection={<IconDownload size={16} />}>
            Export CSV
          </Button>
        }
      />
      <Paper withBorder>
        <FilterBar>
          <PersonFilter label="Person" value={filters.user_id} onChange={(id) => set("user_id", id)} />
          <Select
            label="Kind"
            size="xs"
            w={240}
            placeholder="Any kind"
            searchable
            clearable
            leftSection={<IconTags size={14} />}
            data={KIND_OPTIONS}
            value={filters.kind ?? null}
            onChange={(kind) => set("kind", kind ?? undefined)}
            nothingFoundMessage="No such kind"
          />
          <Switch
            label="Deletions only"
            size="sm"
            mb={4}
            checked={filters.deletions_only === "true"}
            onChange={(event) => set("deletions_only", event.currentTarget.checked ? "true" : undefined)}
          />
        </FilterBar>
        <PagedListBody
          list={feed}
          count={rows.length}
          noun="change"
          filtered={Boolean(filters.user_id || filters.kind || filters.deletions_only)}
          empty={{ icon: <IconActivity size={26} stroke={1.5} />, title: "No activity yet", text: "Changes made in your firm appear here as they happen." }}
        >
          <ActivityList items={rows} />
        </PagedListBody>
      </Paper>
    </>
  );
}

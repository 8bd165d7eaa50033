import { Paper, Stack, Text, Title } from "@mantine/core";
import { IconActivity } from "@tabler/icons-react";
import { useUserActivity } from "../api/feed";
import type { User } from "../api/types";
import { ActivityList } from "./ActivityList";
import { PagedListBody } from "./PracticeParts";

/** FEED-3: what this user did and what was done to them, on their page. */
export function UserActivityCard({ user }: { user: Pick<User, "id" | "name"> }) {
  const activity = useUserActivity(user.id);
  const rows = activity.data?.pages.flatMap((p) => p.data) ?? [];
  return (
    <Paper withBorder mt="lg" data-testid="user-activity">
      <Stack gap={2} p="lg" pb="sm">
        <Title order={2} fz="h4">
          Activity
        </Title>
        <Text size="sm" c="dimmed">
          What {user.name.trim() || "this user"} did, and what was done to their account, newest first.
        </Text>
      </Stack>
      <PagedListBody
        list={activity}
        count={rows.length}
        noun="change"
        filtered={false}
        empty={{ icon: <IconActivity size={26} stroke={1.5} />, title: "No activity yet", text: "Changes made by or to this user appear here." }}
      >
        <ActivityList items={rows} />
      </PagedListBody>
    </Paper>
  );
}

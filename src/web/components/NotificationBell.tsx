import { ActionIcon, Badge, Box, Button, Center, Group, Indicator, Loader, Popover, ScrollArea, Stack, Text, UnstyledButton } from "@mantine/core";
import { IconBell, IconBellOff } from "@tabler/icons-react";
import { useWindowEvent } from "@mantine/hooks";
import { useState } from "react";
import { useLiveNotifications, useMarkAllRead, useMarkRead, useNotifications } from "../api/notifications";
import type { Notification } from "../api/types";
import { formatDate, formatRelative } from "../format";
import { LoadError } from "./LoadError";

function NotificationItem({ n }: { n: Notification }) {
  const mark = useMarkRead(n.id);
  const unread = !n.read_at;
  return (
    <Box
      px="md"
      py="sm"
      data-testid="notification"
      data-unread={unread ? "true" : "false"}
      style={{ borderBottom: "1px solid var(--mantine-color-gray-2)", background: unread ? "var(--mantine-color-navy-0)" : undefined }}
    >
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Text size="sm" fw={unread ? 600 : 400}>
            {n.title}
          </Text>
          <Text size="sm">{n.body}</Text>
          <Text size="xs" c="dimmed" title={formatDate(n.created_at, true)}>
            {formatRelative(n.created_at)}
          </Text>
        </Stack>
        {unread && (
          <UnstyledButton
            onClick={() => mark.mutate()}
            disabled={mark.isPending}
            aria-label={`Mark read: ${n.title}`}
            style={{ fontSize: "var(--mantine-font-size-xs)", color: "var(--mantine-color-navy-8)", whiteSpace: "nowrap", fontWeight: 500 }}
          >
            Mark read
          </UnstyledButton>
        )}
      </Group>
    </Box>
  );
}

/** The list inside the bell, or on the personal home page. */
export function NotificationList({ maxHeight }: { maxHeight?: number }) {
  const list = useNotifications();
  if (list.isPending) {
    return (
      <Center py="lg">
        <Loader size="sm" aria-label="Loading notifications" />
      </Center>
    );
  }
  if (list.isError) return <LoadError error={list.error} title="Could not load notifications" onRetry={() => void list.refetch()} />;
  const items = list.data.pages.flatMap((p) => p.data);
  if (items.length === 0) {
    return (
      <Stack align="center" gap={6} py="xl" px="md">
        <IconBellOff size={24} stroke={1.5} color="var(--mantine-color-dimmed)" aria-hidden />
        <Text size="sm" c="dimmed">
          No notifications yet. You will be told here when something concerns you.
        </Text>
      </Stack>
    );
  }
  const body = (
    <>
      {items.map((n) => (
        <NotificationItem key={n.id} n={n} />
      ))}
      {list.hasNextPage && (
        <Center py="xs">
          <Button variant="subtle" size="xs" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
            Load more
          </Button>
        </Center>
      )}
    </>
  );
  return maxHeight ? <ScrollArea.Autosize mah={maxHeight}>{body}</ScrollArea.Autosize> : body;
}

/** How many of my notifications are unread, from the list's first page. */
export function useUnreadCount(): number {
  const list = useNotifications();
  return list.data?.pages[0]?.unread_count ?? 0;
}

/** "Mark all read", shown while anything is unread. */
export function MarkAllReadButton() {
  const unread = useUnreadCount();
  const markAll = useMarkAllRead();
  if (unread === 0) return null;
  return (
    <Button variant="subtle" size="xs" onClick={() => markAll.mutate()} loading={markAll.isPending}>
      Mark all read
    </Button>
  );
}

/** The bell in the header: unread count, the list in a popover, and the live stream's toasts. */
export function NotificationBell() {
  const live = useLiveNotifications();
  const unread = useUnreadCount();
  const [opened, setOpened] = useState(false);
  // Escape closes the list even when focus left it (a "Mark read" button disappears once used).
  useWindowEvent("keydown", (event) => {
    if (opened && event.key === "Escape") setOpened(false);
  });
  const label = unread > 0 ? `Notifications, ${unread} unread` : "Notifications";
  return (
    // The count sits outside the button's target, which carries the popover's ARIA attributes.
    <Indicator label={unread > 99 ? "99+" : unread} size={18} disabled={unread === 0} color="red.8" offset={4} data-testid="unread-count">
    <Popover width={380} position="bottom-end" shadow="md" opened={opened} onChange={setOpened} trapFocus returnFocus withinPortal>
      <Popover.Target>
        <ActionIcon variant="subtle" color="gray.8" size="lg" aria-label={label} onClick={() => setOpened((o) => !o)} data-testid="bell" data-live={live}>
          <IconBell size={20} stroke={1.6} />
        </ActionIcon>
      </Popover.Target>
      <Popover.Dropdown p={0} role="dialog" aria-label="Notifications">
        <Group justify="space-between" px="md" py="sm" style={{ borderBottom: "1px solid var(--mantine-color-gray-3)" }}>
          <Group gap="xs">
            <Text fw={600}>Notifications</Text>
            {unread > 0 && (
              <Badge size="sm" color="red.8" variant="light">
                {unread} unread
              </Badge>
            )}
          </Group>
          <MarkAllReadButton />
        </Group>
        <NotificationList maxHeight={420} />
      </Popover.Dropdown>
    </Popover>
    </Indicator>
  );
}

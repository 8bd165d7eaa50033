import { useState } from "react";
import { Badge, Button, Center, Code, Group, Loader, Menu, ActionIcon, Paper, Table, Text } from "@mantine/core";
import { modals } from "@mantine/modals";
import { IconDots, IconPlus, IconWebhook } from "@tabler/icons-react";
import { Navigate } from "react-router";
import { useCurrentUser } from "../api/queries";
import type { Webhook } from "../api/types";
import { useDeleteWebhook, useSetWebhookStatus, useWebhooks } from "../api/webhooks";
import { EmptyState } from "../components/EmptyState";
import { LoadError } from "../components/LoadError";
import { PageHeader } from "../components/PageHeader";
import { WebhookDeliveries } from "../components/WebhookDeliveries";
import { WebhookModal } from "../components/WebhookModal";
import { formatDate } from "../format";

function WebhookRow({ hook, onEdit, onDeliveries }: { hook: Webhook; onEdit: () => void; onDeliveries: () => void }) {
  const setStatus = useSetWebhookStatus();
  const remove = useDeleteWebhook();
  const confirmDelete = () =>
    modals.openConfirmModal({
      title: "Remove this endpoint?",
      children: (
        <Text size="sm">
          Nothing more is sent to <Code>{hook.url}</Code>, and its deliveries and their attempts are deleted.
        </Text>
      ),
      labels: { confirm: "Remove endpoint", cancel: "Cancel" },
      confirmProps: { color: "red" },
      onConfirm: () => remove.mutate(hook),
    });
  return (
    <Table.Tr>
      <Table.Td>
        <Text size="sm" fw={500} style={{ wordBreak: "break-all" }}>
          {hook.url}
        </Text>
        {hook.description && (
          <Text size="xs" c="dimmed">
            {hook.description}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Text size="sm">{hook.events.join(", ")}</Text>
      </Table.Td>
      <Table.Td>
        <Badge color={hook.status === "active" ? "teal.9" : "orange.9"} variant="light">
          {hook.status}
        </Badge>
        {hook.status === "paused" && hook.consecutive_failures > 0 && (
          <Text size="xs" c="dimmed">
            after {hook.consecutive_failures} failures
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Text size="sm">{formatDate(hook.created_at)}</Text>
      </Table.Td>
      <Table.Td ta="right">
        <Group gap="xs" justify="flex-end" wrap="nowrap">
          <Button size="xs" variant="default" onClick={onDeliveries}>
            Deliveries
          </Button>
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <ActionIcon variant="subtle" color="gray" aria-label={`Actions for ${hook.url}`}>
                <IconDots size={16} />
              </ActionIcon>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item onClick={onEdit}>Edit</Menu.Item>
              <Menu.Item onClick={() => setStatus.mutate(hook, hook.status === "active" ? "paused" : "active")}>
                {hook.status === "active" ? "Pause" : "Resume"}
              </Menu.Item>
              <Menu.Item color="red" onClick={confirmDelete}>
                Remove
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

/** Settings > Webhooks (WHK-1, WHK-2): endpoints, their events, deliveries and attempts. */
export function WebhooksPage() {
  const me = useCurrentUser();
  const hooks = useWebhooks();
  const [dialog, setDialog] = useState<{ hook?: Webhook } | null>(null);
  const [showing, setShowing] = useState<string | null>(null);
  if (!me.abilities.manage_firm) return <Navigate to="/settings/users" replace />;
  const list = hooks.data ?? [];
  const shown = list.find((h) => h.id === showing) ?? null;

  return (
    <>
      <PageHeader
        title="Webhooks"
        description="Chambers tells other systems what changes in your firm by sending signed HTTPS requests to the endpoints you add here. An endpoint that keeps failing is paused and administrators are told; its events wait until you resume it."
        actions={
          <Button leftSection={<IconPlus size={18} stroke={1.6} />} onClick={() => setDialog({})}>
            Add endpoint
          </Button>
        }
      />
      <WebhookModal opened={dialog !== null} hook={dialog?.hook} onClose={() => setDialog(null)} />
      <WebhookDeliveries hook={shown} onClose={() => setShowing(null)} />
      <Paper withBorder>
        {hooks.isPending ? (
          <Center py={64}>
            <Loader size="sm" aria-label="Loading webhooks" />
          </Center>
        ) : hooks.isError ? (
          <LoadError error={hooks.error} title="Could not load webhooks" onRetry={() => void hooks.refetch()} />
        ) : list.length === 0 ? (
          <EmptyState
            icon={<IconWebhook size={26} stroke={1.5} />}
            title="No endpoints yet"
            action={
              <Button variant="light" mt="xs" leftSection={<IconPlus size={16} />} onClick={() => setDialog({})}>
                Add endpoint
              </Button>
            }
          >
            Add an endpoint to keep a directory, a payroll or a document system in step with who joins and leaves.
          </EmptyState>
        ) : (
          <Table.ScrollContainer minWidth={720}>
            <Table verticalSpacing="sm" horizontalSpacing="md" aria-label="Webhook endpoints">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Endpoint</Table.Th>
                  <Table.Th>Events</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Added</Table.Th>
                  <Table.Th>
                    <span className="visually-hidden">Actions</span>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.map((hook) => (
                  <WebhookRow key={hook.id} hook={hook} onEdit={() => setDialog({ hook })} onDeliveries={() => setShowing(hook.id)} />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
    </>
  );
}

import { Accordion, Badge, Button, Center, Code, Group, Loader, Modal, Table, Text } from "@mantine/core";
import { IconSend } from "@tabler/icons-react";
import type { Webhook, WebhookDelivery } from "../api/types";
import { useRetryDelivery, useWebhookDeliveries } from "../api/webhooks";
import { formatDate } from "../format";
import { EmptyState } from "./EmptyState";
import { LoadError } from "./LoadError";

const STATUS_COLOR: Record<WebhookDelivery["status"], string> = { delivered: "teal.9", pending: "orange.9", sending: "blue.9", failed: "red.9" };

function Attempts({ delivery }: { delivery: WebhookDelivery }) {
  if (delivery.attempt_log.length === 0) return <Text size="sm" c="dimmed">Not attempted yet.</Text>;
  return (
    <Table verticalSpacing={4} fz="sm" aria-label="Attempts">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>When</Table.Th>
          <Table.Th>Answer</Table.Th>
          <Table.Th>Took</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {delivery.attempt_log.map((a, i) => (
          <Table.Tr key={i}>
            <Table.Td>{formatDate(a.at, true)}</Table.Td>
            <Table.Td>{a.error ?? `HTTP ${a.response_status ?? ""}`}</Table.Td>
            <Table.Td>{a.duration_ms} ms</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** WHK-1: an endpoint's newest deliveries, each with every attempt, and a retry button. */
export function WebhookDeliveries({ hook, onClose }: { hook: Webhook | null; onClose: () => void }) {
  const deliveries = useWebhookDeliveries(hook?.id ?? null);
  const retry = useRetryDelivery();
  const list = deliveries.data ?? [];
  return (
    <Modal opened={hook !== null} onClose={onClose} title={`Deliveries to ${hook?.url ?? ""}`} size="xl">
      {deliveries.isPending ? (
        <Center py="xl">
          <Loader size="sm" aria-label="Loading deliveries" />
        </Center>
      ) : deliveries.isError ? (
        <LoadError error={deliveries.error} title="Could not load the deliveries" onRetry={() => void deliveries.refetch()} />
      ) : list.length === 0 ? (
        <EmptyState icon={<IconSend size={26} stroke={1.5} />} title="Nothing sent yet">
          Deliveries appear here as the events this endpoint receives happen.
        </EmptyState>
      ) : (
        <Accordion variant="separated" chevronPosition="left">
          {list.map((d) => (
            <Accordion.Item key={d.id} value={d.id}>
              <Accordion.Control aria-label={`${d.event}, ${d.status}, ${formatDate(d.created_at, true)}`}>
                <Group justify="space-between" wrap="nowrap">
                  <Group gap="sm" wrap="nowrap">
                    <Code>{d.event}</Code>
                    <Badge color={STATUS_COLOR[d.status]} variant="light">{d.status}</Badge>
                  </Group>
                  <Text size="sm" c="dimmed">
                    {formatDate(d.created_at, true)} · {d.attempts === 1 ? "1 attempt" : `${d.attempts} attempts`}
                  </Text>
                </Group>
              </Accordion.Control>
              <Accordion.Panel>
                <Text size="xs" c="dimmed" mb="xs">
                  Event id <Code>{d.event_id}</Code>
                  {d.next_attempt_at && ` · next attempt ${formatDate(d.next_attempt_at, true)}`}
                </Text>
                <Attempts delivery={d} />
                {d.status !== "sending" && hook?.status === "active" && (
                  <Button size="xs" variant="default" mt="sm" loading={retry.isPending && retry.variables?.deliveryId === d.id} onClick={() => retry.mutate({ id: hook.id, deliveryId: d.id })}>
                    {d.status === "pending" ? "Send now" : "Send again"}
                  </Button>
                )}
              </Accordion.Panel>
            </Accordion.Item>
          ))}
        </Accordion>
      )}
    </Modal>
  );
}

import { Button, Center, Group, Loader, Paper, Stack, Table, Text, Title } from "@mantine/core";
import { IconReceipt } from "@tabler/icons-react";
import { useCharges, useLicenses } from "../api/queries";
import type { Charge } from "../api/types";
import { AddonsCard } from "../components/AddonsCard";
import { EmptyState } from "../components/EmptyState";
import { LoadError } from "../components/LoadError";
import { PageHeader } from "../components/PageHeader";
import { formatDate, formatMoney } from "../format";
import { ADDON_NAMES } from "../../shared/pricing";

const KIND: Record<Charge["kind"], string> = {
  subscription: "Subscription started",
  licenses: "Licenses added",
  renewal: "Renewal",
  addon_licenses: "Add-on licenses added",
  addon_renewal: "Add-on renewal",
  addon_trial_conversion: "Add-on trial converted",
};

/** The estimated next bill (LIC-10); hidden when the server does not let this user read licenses. */
function NextBill() {
  const licenses = useLicenses();
  if (!licenses.data) return null;
  const l = licenses.data;
  return (
    <Paper withBorder p="lg" data-testid="next-bill">
      <Group justify="space-between" align="flex-end" wrap="wrap" gap="md">
        <Stack gap={2}>
          <Text size="xs" c="dimmed" fw={500} tt="uppercase" style={{ letterSpacing: 0.4 }}>
            Estimated next bill
          </Text>
          <Text fz={30} fw={600} lh={1.2}>
            {formatMoney(l.next_bill_estimate_cents, l.currency)}
          </Text>
          <Text size="sm" c="dimmed">
            Due {formatDate(l.next_renewal_at)}, at {formatMoney(l.price_cents, l.currency)} per license per{" "}
            {l.plan === "annual" ? "year" : "month"}
          </Text>
        </Stack>
        <Stack gap={2} align="flex-end">
          <Text size="sm">{l.plan === "annual" ? "Annual" : "Monthly"} plan</Text>
          <Text size="sm" c="dimmed">
            Current period {formatDate(l.period_start)} – {formatDate(l.period_end)}
          </Text>
        </Stack>
      </Group>
    </Paper>
  );
}

function ChargeRow({ charge: c }: { charge: Charge }) {
  return (
    <Table.Tr data-testid="charge-row">
      <Table.Td>
        <Text size="sm">{formatDate(c.created_at)}</Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" fw={500}>
          {KIND[c.kind]}
          {c.addon ? `: ${ADDON_NAMES[c.addon]}` : ""}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{c.count}</Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" c="dimmed">
          {formatDate(c.period_start)} – {formatDate(c.period_end)}
        </Text>
      </Table.Td>
      <Table.Td ta="right">
        <Text size="sm" fw={500} style={{ fontVariantNumeric: "tabular-nums" }}>
          {formatMoney(c.amount_cents, c.currency)}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
}

function Charges() {
  const charges = useCharges();
  if (charges.isPending) {
    return (
      <Center py={48}>
        <Loader size="sm" aria-label="Loading charges" />
      </Center>
    );
  }
  if (charges.isError) return <LoadError error={charges.error} title="Could not load charges" onRetry={() => void charges.refetch()} />;
  const rows = charges.data.pages.flatMap((page) => page.data);
  if (rows.length === 0) {
    return (
      <EmptyState icon={<IconReceipt size={26} stroke={1.5} />} title="No charges yet">
        Charges appear here when the subscription starts or renews, and whenever licenses are bought.
      </EmptyState>
    );
  }
  return (
    <>
      <Table.ScrollContainer minWidth={720}>
        <Table verticalSpacing="sm" horizontalSpacing="md" aria-label="Charges">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Date</Table.Th>
              <Table.Th>Description</Table.Th>
              <Table.Th>Licenses</Table.Th>
              <Table.Th>Period</Table.Th>
              <Table.Th ta="right">Amount</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((charge) => (
              <ChargeRow key={charge.id} charge={charge} />
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {charges.hasNextPage && (
        <Group justify="center" p="sm" style={{ borderTop: "1px solid var(--mantine-color-gray-2)" }}>
          <Button variant="default" size="xs" onClick={() => void charges.fetchNextPage()} loading={charges.isFetchingNextPage}>
            Load more
          </Button>
        </Group>
      )}
    </>
  );
}

export function BillingPage() {
  return (
    <>
      <PageHeader title="Billing" description="What comes next on your firm's bill, your add-ons, and every charge made so far." />
      <Stack gap="lg">
        <NextBill />
        <AddonsCard />
        <Paper withBorder>
          <Stack gap={2} p="lg" pb="sm">
            <Title order={4}>Charges</Title>
            <Text size="sm" c="dimmed">
              Newest first. Licenses added during a period are charged only for the time left in it.
            </Text>
          </Stack>
          <Charges />
        </Paper>
      </Stack>
    </>
  );
}

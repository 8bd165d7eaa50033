import { useId, useState } from "react";
import { Button, Group, Loader, NumberInput, Stack, Text, Title } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { modals } from "@mantine/modals";
import { notifications } from "@mantine/notifications";
import { useIdempotencyKey } from "../api/idempotency";
import { notifyError } from "../api/mutations";
import { useBuyLicenses, useScheduleRemoval } from "../api/licenseMutations";
import { fieldName, isProblem, problemMessage } from "../api/problem";
import { useLicenseQuote } from "../api/queries";
import type { Licenses } from "../api/types";
import { formatDate, formatMoney, plural } from "../format";

const MAX = 10_000;

/** A whole number from 1 to `max`, or null. */
export function validCount(value: number | string, max = MAX): number | null {
  const n = Number(value);
  return value !== "" && Number.isInteger(n) && n >= 1 && n <= max ? n : null;
}

/** A count with its action beside it; the label sits above so the button lines up with the input. */
export function CountRow(props: {
  label: string;
  value: number | string;
  onChange: (value: number | string) => void;
  error?: string | null;
  disabled?: boolean;
  children: React.ReactNode;
}) {
  const id = useId();
  return (
    <Stack gap={4}>
      <Text component="label" htmlFor={id} size="sm" fw={500}>
        {props.label}
      </Text>
      <Group align="flex-start" gap="sm" wrap="nowrap">
        <NumberInput
          id={id}
          w={120}
          min={1}
          max={MAX}
          clampBehavior="none"
          allowDecimal={false}
          allowNegative={false}
          value={props.value}
          onChange={props.onChange}
          error={props.error}
          disabled={props.disabled}
          styles={{ error: { width: "max-content", maxWidth: 440 } }}
        />
        {props.children}
      </Group>
    </Stack>
  );
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Stack gap="xs">
      <Title order={5}>{title}</Title>
      {children}
    </Stack>
  );
}

/** Add licenses: a live, prorated quote first, then "Buy and pay" (LIC-3). */
export function AddLicenses({ licenses: l }: { licenses: Licenses }) {
  const [value, setValue] = useState<number | string>(1);
  const [debounced] = useDebouncedValue(value, 250);
  const count = validCount(debounced);
  const quote = useLicenseQuote(count);
  const buy = useBuyLicenses();
  const idempotency = useIdempotencyKey();
  const ready = quote.data && count !== null && quote.data.count === validCount(value);

  const purchase = () => {
    if (!ready) return;
    const q = quote.data;
    const amount = formatMoney(q.amount_cents, q.currency);
    // CON-3: the charge is made only once its amount has been confirmed.
    modals.openConfirmModal({
      title: "Confirm the purchase",
      children: (
        <Text size="sm" data-testid="purchase-confirmation">
          {q.count === 1 ? "1 license" : `${q.count} licenses`} will be added at once and <b>{amount}</b> charged now, prorated to{" "}
          {formatDate(l.period_end)}. From then on each renews at {formatMoney(l.price_cents, l.currency)} per {l.plan === "annual" ? "year" : "month"}.
        </Text>
      ),
      labels: { confirm: `Pay ${amount}`, cancel: "Cancel" },
      onConfirm: () => charge(q.count),
    });
  };

  const charge = (count: number) => {
    const body = { count };
    buy.mutate(
      { count: body.count, key: idempotency.keyFor(body) },
      {
        onSuccess: () => {
          idempotency.reset();
          setValue(1);
        },
        onError: (error) => notifyError("Could not buy licenses", error),
      },
    );
  };

  return (
    <Section title="Add licenses">
      <Text size="sm" c="dimmed">
        New licenses can be used at once. You pay now for the rest of the current period, then each renews at{" "}
        {formatMoney(l.price_cents, l.currency)} per {l.plan === "annual" ? "year" : "month"}.
      </Text>
      <CountRow
        label="Licenses to add"
        value={value}
        onChange={setValue}
        error={value !== "" && validCount(value) === null ? `From 1 to ${MAX}` : null}
      >
        <Button onClick={purchase} disabled={!ready} loading={buy.isPending} miw={200}>
          {ready ? `Buy and pay ${formatMoney(quote.data.amount_cents, quote.data.currency)}` : "Buy licenses"}
        </Button>
      </CountRow>
      <Text size="sm" component="div" data-testid="license-quote" mih={22}>
        {quote.isFetching && !ready ? (
          <Loader size={14} aria-label="Calculating the price" />
        ) : quote.isError ? (
          <Text span c="red" size="sm">{problemMessage(quote.error)}</Text>
        ) : ready ? (
          <>
            {plural(quote.data.count, "license")} for {formatMoney(quote.data.amount_cents, quote.data.currency)}, prorated to{" "}
            {formatDate(l.period_end)}.
          </>
        ) : null}
      </Text>
    </Section>
  );
}

/** Remove available licenses at the start of the next period (LIC-4). */
export function RemoveLicenses({ licenses: l }: { licenses: Licenses }) {
  const [value, setValue] = useState<number | string>(1);
  const [error, setError] = useState<string | null>(null);
  const remove = useScheduleRemoval();
  const none = l.available === 0;

  const schedule = () => {
    const count = validCount(value);
    if (count === null) return setError(`From 1 to ${MAX}`);
    setError(null);
    remove.mutate(count, {
      onSuccess: (data) => {
        setValue(1);
        notifications.show({
          color: "teal",
          message: `${plural(count, "license")} will be removed on ${formatDate(data.effective_at)}.`,
        });
      },
      onError: (problem) => {
        // The server is the judge of how many are free: its answer goes on the field.
        if (isProblem(problem, "no_available_license")) return setError(problem.detail);
        const onCount = isProblem(problem, "validation_failed") ? problem.errors.find((e) => fieldName(e.path) === "count") : undefined;
        if (onCount) return setError(onCount.message);
        notifyError("Could not schedule the removal", problem);
      },
    });
  };

  return (
    <Section title="Remove licenses">
      <Text size="sm" c="dimmed">
        Only available licenses can be removed. They stay until the current period ends and are removed on{" "}
        {formatDate(l.next_renewal_at)}, when the next period starts, so the next bill no longer includes them.
      </Text>
      <CountRow
        label="Licenses to remove"
        value={value}
        onChange={(v) => {
          setValue(v);
          setError(null);
        }}
        error={error}
        disabled={none}
      >
        <Button variant="default" onClick={schedule} loading={remove.isPending} disabled={none}>
          Schedule removal
        </Button>
      </CountRow>
      {none && (
        <Text size="xs" c="dimmed">
          No license is free to remove: every license is in use, held by an invitation or already pending removal.
        </Text>
      )}
    </Section>
  );
}

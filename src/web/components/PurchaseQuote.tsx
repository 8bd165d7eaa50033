import { Alert, Text } from "@mantine/core";
import { IconReceipt } from "@tabler/icons-react";
import type { Quote } from "../api/types";
import { formatDate, formatMoney } from "../format";

/** What a purchase of licenses will cost, shown before it is confirmed (LIC-7, CON-3). */
export function PurchaseQuote({ quote, periodEnd, title, then, testId }: {
  quote: Quote;
  periodEnd?: string;
  title: string;
  /** What happens once the purchase is confirmed. */
  then: string;
  testId: string;
}) {
  const what = quote.count === 1 ? "1 license will be bought" : `${quote.count} licenses will be bought`;
  return (
    <Alert color="navy" variant="light" icon={<IconReceipt size={18} />} title={title} data-testid={testId}>
      <Text size="sm">
        {what} now for <b>{formatMoney(quote.amount_cents, quote.currency)}</b>, prorated to{" "}
        {periodEnd ? formatDate(periodEnd) : "the end of the current period"}. {then}
      </Text>
    </Alert>
  );
}

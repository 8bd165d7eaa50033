import { Alert, Button, Group, Text } from "@mantine/core";
import { IconDownload, IconLock } from "@tabler/icons-react";
import { EXPORT_URL } from "../api/closing";
import { useCurrentUser } from "../api/queries";
import { formatDate } from "../format";

/**
 * CLS-2: across the console of a closed firm, what state it is in, until when, and the export.
 * Shown from GET /me's firm status; what may still be done comes from `abilities`.
 */
export function ClosedFirmBanner() {
  const me = useCurrentUser();
  if (me.firm.status !== "closed") return null;
  return (
    <Alert
      color="orange.9"
      variant="light"
      icon={<IconLock size={18} />}
      title="This account is closed and read-only"
      mb="lg"
      data-testid="closed-banner"
    >
      <Group justify="space-between" align="center" gap="md">
        <Text size="sm" maw={720}>
          Nothing can be changed, and nothing will be charged again. {me.firm.name}&apos;s data stays readable until{" "}
          <b data-testid="purge-date">{formatDate(me.firm.purge_at)}</b>, then it is deleted for good.
          {me.abilities.export_firm ? " Download the export to keep a copy." : ""}
        </Text>
        {me.abilities.export_firm && (
          <Button component="a" href={EXPORT_URL} download leftSection={<IconDownload size={16} />} data-testid="download-export">
            Download export
          </Button>
        )}
      </Group>
    </Alert>
  );
}

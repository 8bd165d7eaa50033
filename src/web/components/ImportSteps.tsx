import { Alert, Button, Group, Progress, Stack, Table, Text } from "@mantine/core";
import { IconAlertCircle, IconCircleCheck, IconDownload } from "@tabler/icons-react";
import { importErrorsUrl, type ImportProgress } from "../api/imports";
import type { ImportRun } from "../api/types";
import { formatMoney, plural } from "../format";

const people = (n: number) => plural(n, "person", "people");

/** IMP-8: how far the import has got, from its progress stream. */
export function ImportProgressStep({ fileName, progress }: { fileName: string; progress: ImportProgress | null }) {
  const rows = progress?.rows ?? 0;
  const processed = progress?.processed ?? 0;
  const share = rows > 0 ? Math.round((processed / rows) * 100) : 0;
  return (
    <Stack gap="sm" py="md" data-testid="import-progress">
      <Text size="sm" fw={500}>
        Importing {fileName}…
      </Text>
      <Progress value={share} size="lg" radius="xl" striped animated aria-label="Import progress" />
      <Text size="sm" c="dimmed" aria-live="polite">
        {rows > 0 ? `${processed.toLocaleString()} of ${people(rows)}` : "Checking the file…"}
      </Text>
      <Text size="xs" c="dimmed">
        Nobody is added until every person is in; you can keep this window open until it finishes.
      </Text>
    </Stack>
  );
}

const SHOWN_ERRORS = 6;

/** IMP-4: nothing was imported; what is wrong, and the file back with an `errors` column. */
function Failed({ run, onRetry }: { run: ImportRun; onRetry: () => void }) {
  const shown = run.errors.slice(0, SHOWN_ERRORS);
  const more = run.errors.length - shown.length;
  if (run.error_rows === 0) {
    return (
      <Stack gap="md">
        <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} title="The import did not finish" role="alert">
          Nothing was imported. Try again; if it keeps failing, split the file in two.
        </Alert>
        <Group justify="flex-end">
          <Button onClick={onRetry}>Try again</Button>
        </Group>
      </Stack>
    );
  }
  return (
    <Stack gap="md" data-testid="import-failed">
      <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} title="Nothing was imported" role="alert">
        {plural(run.error_rows, "row")} of {run.rows} {run.error_rows === 1 ? "needs" : "need"} fixing. Download the file with an{" "}
        <b>errors</b> column beside each row, fix those rows, and upload it again. Rows without errors can stay as they are.
      </Alert>
      <Table withTableBorder fz="sm" verticalSpacing={6} aria-label="Problems found">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={64}>Row</Table.Th>
            <Table.Th w={140}>Column</Table.Th>
            <Table.Th>Problem</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {shown.map((e) => (
            <Table.Tr key={`${e.row}-${e.column}-${e.message}`}>
              <Table.Td>{e.row}</Table.Td>
              <Table.Td>
                <Text span ff="monospace" fz="xs">
                  {e.column}
                </Text>
              </Table.Td>
              <Table.Td>{e.message}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {more > 0 && (
        <Text size="xs" c="dimmed" mt={-8}>
          and {plural(more, "more problem")}: the file has every one.
        </Text>
      )}
      <Group justify="flex-end" gap="sm">
        <Button variant="default" onClick={onRetry}>
          Upload the fixed file
        </Button>
        <Button component="a" href={importErrorsUrl(run.id)} download leftSection={<IconDownload size={16} />}>
          Download and fix
        </Button>
      </Group>
    </Stack>
  );
}

/** IMP-5: everyone was imported, invited now or with invitations to send later. */
function Completed({ run, onAnother, onShowInvited }: { run: ImportRun; onAnother: () => void; onShowInvited: () => void }) {
  return (
    <Stack gap="md" data-testid="import-completed">
      <Alert color="teal" variant="light" icon={<IconCircleCheck size={18} />} role="status">
        <Text size="sm" fw={600} mb={4}>
          {people(run.imported)} imported
        </Text>
        {run.send_welcome_email
          ? "Each of them was sent an invitation to join, valid for 24 hours."
          : "Their invitations are created but not sent: send them from the Invited tab when you are ready."}
        {run.charge && ` ${plural(run.charge.count, "license")} bought for ${formatMoney(run.charge.amount_cents, run.charge.currency)}.`}
      </Alert>
      <Group justify="flex-end" gap="sm">
        <Button variant="default" onClick={onAnother}>
          Import another file
        </Button>
        <Button onClick={onShowInvited}>Show invited users</Button>
      </Group>
    </Stack>
  );
}

/** The import as it ended. */
export function ImportResultStep(props: { run: ImportRun; onRetry: () => void; onAnother: () => void; onShowInvited: () => void }) {
  return props.run.status === "completed" ? <Completed {...props} /> : <Failed run={props.run} onRetry={props.onRetry} />;
}

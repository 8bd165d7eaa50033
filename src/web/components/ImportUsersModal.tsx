import { useState } from "react";
import { Alert, Anchor, Button, Code, Group, List, Modal, Radio, Stack, Text } from "@mantine/core";
import { IconDownload, IconInfoCircle } from "@tabler/icons-react";
import { LIMITS } from "../../shared/limits";
import { REQUIRED_COLUMN_NAMES } from "../../shared/import-columns";
import { useIdempotencyKey } from "../api/idempotency";
import { IMPORT_TEMPLATE_URL, useImportUsers, type ImportProgress } from "../api/imports";
import { isProblem, problemMessage, type FieldError } from "../api/problem";
import { useCurrentUser, useLicenses } from "../api/queries";
import type { ImportRun, Quote } from "../api/types";
import { plural } from "../format";
import { CsvDropZone } from "./CsvDropZone";
import { ImportProgressStep, ImportResultStep } from "./ImportSteps";
import { PurchaseQuote } from "./PurchaseQuote";
import { RolesSelect } from "./RolesSelect";

const MEGABYTES = LIMITS.importBytesMax / 1024 / 1024;
const HINT = `UTF-8, at most ${MEGABYTES} MB and ${LIMITS.importRowsMax.toLocaleString()} people.`;

type Welcome = "now" | "later";

/** What the server said was wrong with the file as a whole, and each point it named. */
interface Refusal {
  detail: string;
  points: FieldError[];
}

function refusalOf(error: unknown): Refusal {
  const detail = problemMessage(error);
  const points = isProblem(error) ? error.errors.filter((e) => e.message !== detail) : [];
  return { detail, points };
}

/**
 * IMP-1..8: many people invited at once from a CSV file. The file, the roles everyone gets and
 * the welcome email; then, when licenses are short, their price to confirm (LIC-7, CON-3); the
 * progress; and the result: everyone imported, or nobody, with the file back to fix.
 */
export function ImportUsersModal({ opened, onClose, onShowInvited }: { opened: boolean; onClose: () => void; onShowInvited: () => void }) {
  const me = useCurrentUser();
  const licenses = useLicenses();
  const idempotency = useIdempotencyKey();
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const upload = useImportUsers(setProgress);
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [roleIds, setRoleIds] = useState<string[]>([]);
  const [roleError, setRoleError] = useState<string | null>(null);
  const [welcome, setWelcome] = useState<Welcome>("now");
  const [quote, setQuote] = useState<Quote | null>(null);
  const [run, setRun] = useState<ImportRun | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);

  /** Back to the form for another file; the roles and the welcome choice stay. */
  const again = () => {
    setFile(null);
    setFileError(null);
    setQuote(null);
    setRun(null);
    setRefusal(null);
    setProgress(null);
  };
  const close = () => {
    if (upload.isPending) return;
    again();
    setRoleIds([]);
    setRoleError(null);
    setWelcome("now");
    onClose();
  };

  const choose = (chosen: File | null) => {
    setFile(chosen);
    setRefusal(null);
    setFileError(chosen && chosen.size > LIMITS.importBytesMax ? `This file is larger than ${MEGABYTES} MB. Split it into smaller files.` : null);
  };

  const start = (confirmPurchase: boolean) => {
    setRefusal(null);
    if (!file) setFileError("Choose the CSV file to import.");
    if (roleIds.length === 0) setRoleError("Choose at least one role.");
    if (!file || fileError || roleIds.length === 0) return;
    const request = { file, roleIds, sendWelcomeEmail: welcome === "now", confirmPurchase };
    const key = idempotency.keyFor({ name: file.name, size: file.size, modified: file.lastModified, roleIds, welcome, confirmPurchase });
    upload.mutate(
      { request, key },
      {
        onSuccess: (ended) => {
          idempotency.reset();
          setQuote(null);
          setRun(ended);
        },
        onError: (error) => {
          setProgress(null);
          if (isProblem(error, "license_purchase_required") && error.extra.quote) return setQuote(error.extra.quote as Quote);
          setQuote(null);
          setRefusal(refusalOf(error));
        },
      },
    );
  };

  const running = upload.isPending && progress !== null;
  return (
    <Modal
      opened={opened}
      onClose={close}
      title="Import users"
      size="lg"
      closeOnClickOutside={!upload.isPending}
      closeOnEscape={!upload.isPending}
      withCloseButton={!upload.isPending}
    >
      {run ? (
        <ImportResultStep run={run} onRetry={again} onAnother={again} onShowInvited={() => {
          close();
          onShowInvited();
        }} />
      ) : running ? (
        <ImportProgressStep fileName={file?.name ?? "the file"} progress={progress} />
      ) : quote ? (
        <Stack gap="md">
          {me.abilities.manage_licenses ? (
            <PurchaseQuote
              quote={quote}
              periodEnd={licenses.data?.period_end}
              title="Not enough free licenses"
              then="Everyone in the file is imported once you confirm."
              testId="import-quote"
            />
          ) : (
            <Alert color="orange.9" variant="light" icon={<IconInfoCircle size={18} />} title="Not enough free licenses" data-testid="import-quote">
              This file needs {plural(quote.count, "more license")} than are free. Ask someone who manages licenses to buy them, then
              import the file again.
            </Alert>
          )}
          <Text size="sm" c="dimmed">
            {file?.name}: each person holds a license from the moment they are invited.
          </Text>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => setQuote(null)} disabled={upload.isPending}>
              Back
            </Button>
            {me.abilities.manage_licenses && (
              <Button onClick={() => start(true)} loading={upload.isPending}>
                Confirm purchase and import
              </Button>
            )}
          </Group>
        </Stack>
      ) : (
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            Invite many people at once from a spreadsheet saved as CSV, one person a row, with the columns of the template. Every
            row needs{" "}
            {REQUIRED_COLUMN_NAMES.map((column, i) => (
              <span key={column}>
                {i > 0 && (i === REQUIRED_COLUMN_NAMES.length - 1 ? " and " : ", ")}
                <Code>{column}</Code>
              </span>
            ))}
            . If any row has a problem, nobody is imported, and you get the file back with what to fix.
          </Text>
          <Anchor href={IMPORT_TEMPLATE_URL} download size="sm" fw={500} display="inline-flex" style={{ alignItems: "center", gap: 6 }} w="fit-content">
            <IconDownload size={16} stroke={1.7} />
            Download the template
          </Anchor>
          {refusal && (
            <Alert color="red" variant="light" icon={<IconInfoCircle size={18} />} title="This file cannot be imported" role="alert" data-testid="import-refused">
              <Text size="sm">{refusal.detail}</Text>
              {refusal.points.length > 0 && (
                <List size="sm" mt={6} spacing={2}>
                  {refusal.points.map((p) => (
                    <List.Item key={`${p.path}-${p.message}`}>{p.message}</List.Item>
                  ))}
                </List>
              )}
            </Alert>
          )}
          <CsvDropZone label="CSV file" hint={HINT} file={file} error={fileError} onFile={choose} />
          <RolesSelect
            label="Roles"
            description="Every person in the file gets these roles."
            value={roleIds}
            onChange={(value) => {
              setRoleIds(value);
              setRoleError(null);
            }}
            error={roleError}
          />
          <Radio.Group label="Welcome email" value={welcome} onChange={(value) => setWelcome(value as Welcome)}>
            <Stack gap="sm" mt={8}>
              <Radio value="now" label="Send each person their invitation now" description="An email with a link to join, valid for 24 hours." />
              <Radio
                value="later"
                label="Create the invitations without sending them"
                description="Send them later from the Invited tab. Each invitation holds a license either way."
              />
            </Stack>
          </Radio.Group>
          <Group justify="flex-end" gap="sm" mt="xs">
            <Button variant="default" onClick={close} disabled={upload.isPending}>
              Cancel
            </Button>
            <Button onClick={() => start(false)} loading={upload.isPending}>
              Import
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

import { LIMITS } from "../../shared/limits";
import { useState } from "react";
import {
  ActionIcon, Alert, Button, Code, CopyButton, Group, Paper, Stack, Table, Text, TextInput, Title, Tooltip,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { modals } from "@mantine/modals";
import { IconCheck, IconCopy, IconKey } from "@tabler/icons-react";
import { applyProblemToForm } from "../api/forms";
import { useCreateToken, useRevokeToken } from "../api/mutations";
import { isProblem } from "../api/problem";
import { useTokens } from "../api/queries";
import type { ApiToken } from "../api/types";
import { formatDate } from "../format";
import { EmptyState } from "./EmptyState";

/** A token just created, shown once with a copy button. */
export function NewTokenNotice({ token, onDone }: { token: { name: string; token: string }; onDone: () => void }) {
  return (
    <Alert color="navy" variant="light" title={`Token “${token.name}” created`} icon={<IconKey size={18} />}>
      <Text size="sm" mb="xs">
        Copy it now and keep it somewhere safe: it will not be shown again.
      </Text>
      <Group gap="xs" wrap="nowrap" align="center">
        <Code
          block
          bg="white"
          fz="sm"
          style={{ flex: 1, wordBreak: "break-all", whiteSpace: "pre-wrap", border: "1px solid var(--mantine-color-gray-3)" }}
          data-testid="new-token"
        >
          {token.token}
        </Code>
        <CopyButton value={token.token}>
          {({ copied, copy }) => (
            <Tooltip label={copied ? "Copied" : "Copy token"}>
              <ActionIcon variant="default" color={copied ? "teal" : "gray"} onClick={copy} aria-label="Copy token" size="lg">
                {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
              </ActionIcon>
            </Tooltip>
          )}
        </CopyButton>
      </Group>
      <Button size="xs" variant="default" mt="sm" onClick={onDone}>
        I have saved it
      </Button>
    </Alert>
  );
}

function TokenRow({ token }: { token: ApiToken }) {
  const revoke = useRevokeToken();
  const confirm = () =>
    modals.openConfirmModal({
      title: "Revoke token?",
      children: <Text size="sm">Anything using “{token.name}” will stop working at once.</Text>,
      labels: { confirm: "Revoke", cancel: "Cancel" },
      confirmProps: { color: "red" },
      onConfirm: () => revoke.mutate(token.id),
    });
  return (
    <Table.Tr>
      <Table.Td>
        <Text size="sm" fw={500}>
          {token.name}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{formatDate(token.created_at)}</Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" c="dimmed">
          {token.last_seen_at ? formatDate(token.last_seen_at, true) : "Never used"}
        </Text>
      </Table.Td>
      <Table.Td ta="right">
        <Button size="xs" variant="default" onClick={confirm} loading={revoke.isPending}>
          Revoke
        </Button>
      </Table.Td>
    </Table.Tr>
  );
}

/** Personal API tokens: create (shown once), list, revoke. */
export function TokensCard() {
  const tokens = useTokens();
  const create = useCreateToken();
  const [fresh, setFresh] = useState<{ name: string; token: string } | null>(null);
  const [alert, setAlert] = useState<string | null>(null);
  const form = useForm({
    mode: "uncontrolled",
    initialValues: { name: "" },
    validate: { name: (v) => (v.trim() ? null : "Name the token, for example after the tool that will use it") },
  });

  const submit = form.onSubmit(({ name }) => {
    setAlert(null);
    create.mutate(name.trim(), {
      onSuccess: (data) => {
        setFresh({ name: data.name, token: data.token });
        form.reset();
      },
      onError: (error) => setAlert(applyProblemToForm(form, error)),
    });
  });

  const list = tokens.data?.data ?? [];
  return (
    <Paper withBorder>
      <Stack gap="md" p="lg">
        <Stack gap={2}>
          <Title order={4}>API tokens</Title>
          <Text size="sm" c="dimmed">
            Tokens let scripts and integrations act as you through the API. Treat each one like a password.
          </Text>
        </Stack>
        {fresh && <NewTokenNotice token={fresh} onDone={() => setFresh(null)} />}
        {alert && (
          <Alert color="red" variant="light">
            {alert}
          </Alert>
        )}
        <form onSubmit={submit} noValidate>
          <Group align="flex-start" gap="sm">
            <TextInput
              placeholder="Token name, e.g. Document sync"
              aria-label="Token name"
              maxLength={LIMITS.tokenNameMax}
              style={{ flex: 1, maxWidth: 420 }}
              key={form.key("name")}
              {...form.getInputProps("name")}
            />
            <Button type="submit" loading={create.isPending} leftSection={<IconKey size={16} />}>
              Create token
            </Button>
          </Group>
        </form>
      </Stack>
      {tokens.isError && !isProblem(tokens.error) ? (
        <Text size="sm" c="red" px="lg" pb="lg">
          Could not load your tokens.
        </Text>
      ) : list.length === 0 ? (
        tokens.isSuccess && (
          <EmptyState icon={<IconKey size={26} stroke={1.5} />} title="No API tokens">
            Create one above when an integration needs to reach Chambers on your behalf.
          </EmptyState>
        )
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table verticalSpacing="sm" horizontalSpacing="md" aria-label="API tokens">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Created</Table.Th>
                <Table.Th>Last used</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((token) => (
                <TokenRow key={token.id} token={token} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}

import { useState } from "react";
import {
  ActionIcon, Alert, Button, Center, Code, CopyButton, Group, List, Loader, Paper, Select, SimpleGrid, Stack, Table, Text, TextInput, Title, Tooltip,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { modals } from "@mantine/modals";
import { notifications } from "@mantine/notifications";
import { IconCheck, IconCopy, IconKey, IconPlugConnected } from "@tabler/icons-react";
import { LIMITS } from "../../shared/limits";
import { applyProblemToForm } from "../api/forms";
import { notifyError } from "../api/mutations";
import { useCreateScimToken, useRevokeScimToken, useScimSettings, useScimTokens, useUpdateScimSettings } from "../api/provisioning";
import { useCurrentUser, useRoles } from "../api/queries";
import type { ScimToken } from "../api/types";
import { EmptyState } from "../components/EmptyState";
import { LoadError } from "../components/LoadError";
import { PageHeader } from "../components/PageHeader";
import { OnceSecretNotice } from "../components/OnceSecretNotice";
import { formatDate } from "../format";

function CopyValue({ value, label }: { value: string; label: string }) {
  return (
    <Group gap="xs" wrap="nowrap">
      <Code fz="sm" style={{ wordBreak: "break-all" }} data-testid="scim-base-url">
        {value}
      </Code>
      <CopyButton value={value}>
        {({ copied, copy }) => (
          <Tooltip label={copied ? "Copied" : label}>
            <ActionIcon variant="default" onClick={copy} aria-label={label}>
              {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
            </ActionIcon>
          </Tooltip>
        )}
      </CopyButton>
    </Group>
  );
}

function ScimTokenRow({ token }: { token: ScimToken }) {
  const revoke = useRevokeScimToken();
  const confirm = () =>
    modals.openConfirmModal({
      title: "Revoke SCIM token?",
      children: <Text size="sm">The identity provider using “{token.name}” is refused from its next request. People and groups it created stay as they are.</Text>,
      labels: { confirm: "Revoke", cancel: "Cancel" },
      confirmProps: { color: "red" },
      onConfirm: () => revoke.mutate(token.id, { onError: (error) => notifyError("Could not revoke the token", error) }),
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
          {token.last_used_at ? formatDate(token.last_used_at, true) : "Never used"}
        </Text>
      </Table.Td>
      <Table.Td ta="right">
        <Button size="xs" variant="default" onClick={confirm} loading={revoke.isPending} aria-label={`Revoke ${token.name}`}>
          Revoke
        </Button>
      </Table.Td>
    </Table.Tr>
  );
}

function ScimTokensCard() {
  const tokens = useScimTokens();
  const create = useCreateScimToken();
  const [fresh, setFresh] = useState<{ name: string; token: string } | null>(null);
  const [alert, setAlert] = useState<string | null>(null);
  const form = useForm({
    mode: "uncontrolled",
    initialValues: { name: "" },
    validate: { name: (v) => (v.trim() ? null : "Name the token after the identity provider, for example Okta") },
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
  const list = tokens.data ?? [];
  return (
    <Paper withBorder>
      <Stack gap="md" p="lg">
        <Stack gap={2}>
          <Title order={3} fz="lg">
            SCIM tokens
          </Title>
          <Text size="sm" c="dimmed">
            An identity provider sends one of these with every request. Each reaches this firm only; revoke it when you disconnect the provider.
          </Text>
        </Stack>
        {fresh && <OnceSecretNotice title={`Token “${fresh.name}” created`} secret={fresh.token} what="token" testId="new-token" onDone={() => setFresh(null)} />}
        {alert && (
          <Alert color="red" variant="light">
            {alert}
          </Alert>
        )}
        <form onSubmit={submit} noValidate>
          <Group align="flex-start" gap="sm">
            <TextInput
              placeholder="Token name, e.g. Okta"
              aria-label="SCIM token name"
              maxLength={LIMITS.tokenNameMax}
              style={{ flex: 1, maxWidth: 420 }}
              key={form.key("name")}
              {...form.getInputProps("name")}
            />
            <Button type="submit" loading={create.isPending} leftSection={<IconKey size={16} />}>
              Create SCIM token
            </Button>
          </Group>
        </form>
      </Stack>
      {tokens.isError ? (
        <Text size="sm" c="red" px="lg" pb="lg">
          Could not load the SCIM tokens.
        </Text>
      ) : list.length === 0 ? (
        tokens.isSuccess && (
          <EmptyState icon={<IconPlugConnected size={26} stroke={1.5} />} title="No SCIM tokens">
            Create one when you connect Okta, Entra ID or another identity provider.
          </EmptyState>
        )
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table verticalSpacing="sm" horizontalSpacing="md" aria-label="SCIM tokens">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Created</Table.Th>
                <Table.Th>Last used</Table.Th>
                <Table.Th>
                  <span className="visually-hidden">Actions</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((token) => (
                <ScimTokenRow key={token.id} token={token} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}

function DefaultRoleCard({ current }: { current: string }) {
  const roles = useRoles();
  const update = useUpdateScimSettings();
  const [chosen, setChosen] = useState<string | null>(current);
  const save = () =>
    chosen &&
    update.mutate(chosen, {
      onSuccess: (data) => notifications.show({ color: "teal", closeButtonProps: { "aria-label": "Dismiss" }, message: `People your identity provider creates now get the ${data.default_role_name} role.` }),
      onError: (error) => notifyError("Could not save the default role", error),
    });
  return (
    <Paper withBorder p="lg">
      <Stack gap="sm">
        <Title order={3} fz="lg">
          Role for provisioned people
        </Title>
        <Text size="sm" c="dimmed">
          The role each person created by the identity provider starts with. Each takes a license; provisioning never buys one.
        </Text>
        <Group align="flex-end" gap="sm">
          <Select
            label="Default role"
            data={(roles.data ?? []).map((r) => ({ value: r.id, label: r.name }))}
            value={chosen}
            onChange={setChosen}
            allowDeselect={false}
            style={{ minWidth: 260 }}
          />
          <Button onClick={save} loading={update.isPending} disabled={!chosen || chosen === current}>
            Save
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function ProviderHelp({ baseUrl }: { baseUrl: string }) {
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }}>
      <Paper withBorder p="lg">
        <Title order={3} fz="lg" mb="xs">
          Okta
        </Title>
        <List size="sm" spacing={4}>
          <List.Item>In your app integration, turn on SCIM provisioning.</List.Item>
          <List.Item>SCIM connector base URL: {baseUrl}; unique identifier field: userName.</List.Item>
          <List.Item>Authentication mode: HTTP Header, with a SCIM token from this page.</List.Item>
          <List.Item>Enable Push New Users, Push Profile Updates, Deactivate Users and Push Groups.</List.Item>
        </List>
      </Paper>
      <Paper withBorder p="lg">
        <Title order={3} fz="lg" mb="xs">
          Microsoft Entra ID
        </Title>
        <List size="sm" spacing={4}>
          <List.Item>In your enterprise application, set Provisioning Mode to Automatic.</List.Item>
          <List.Item>Tenant URL: {baseUrl}; Secret Token: a SCIM token from this page.</List.Item>
          <List.Item>Test Connection, keep userPrincipalName mapped to userName, then start provisioning.</List.Item>
          <List.Item>Removing someone from the application deactivates them here; their work waits for reassignment.</List.Item>
        </List>
      </Paper>
    </SimpleGrid>
  );
}

/** Settings > Provisioning (SCIM-1): tokens, the base URL, the default role, and what identity providers need. */
export function ProvisioningPage() {
  const me = useCurrentUser();
  const settings = useScimSettings();
  if (!me.abilities.manage_firm) {
    return (
      <>
        <PageHeader title="Provisioning" />
        <Alert color="gray">Only administrators who manage the firm's settings can connect identity providers.</Alert>
      </>
    );
  }
  return (
    <>
      <PageHeader
        title="Provisioning"
        description="Let Okta, Microsoft Entra ID or another SCIM 2.0 identity provider create, update and deactivate your people and groups. Every change follows Chambers' rules and appears in the firm feed."
      />
      {settings.isPending ? (
        <Center py="xl">
          <Loader aria-label="Loading" />
        </Center>
      ) : settings.isError ? (
        <LoadError error={settings.error} onRetry={() => settings.refetch()} />
      ) : (
        <Stack gap="lg">
          <Paper withBorder p="lg">
            <Stack gap="xs">
              <Title order={3} fz="lg">
                SCIM base URL
              </Title>
              <Text size="sm" c="dimmed">
                Give this address to your identity provider, with a SCIM token as the bearer token.
              </Text>
              <CopyValue value={settings.data.base_url} label="Copy base URL" />
            </Stack>
          </Paper>
          <ScimTokensCard />
          <DefaultRoleCard key={settings.data.default_role_id} current={settings.data.default_role_id} />
          <ProviderHelp baseUrl={settings.data.base_url} />
        </Stack>
      )}
    </>
  );
}

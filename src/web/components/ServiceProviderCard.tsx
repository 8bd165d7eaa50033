import { ActionIcon, Anchor, Code, CopyButton, Group, Paper, Stack, Text, Title, Tooltip } from "@mantine/core";
import { IconCheck, IconCopy, IconDownload } from "@tabler/icons-react";
import type { SsoSettings } from "../api/types";

function CopyRow({ label, value }: { label: string; value: string }) {
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500}>
        {label}
      </Text>
      <Group gap="xs" wrap="nowrap">
        <Code block bg="white" fz="sm" style={{ flex: 1, wordBreak: "break-all", whiteSpace: "pre-wrap", border: "1px solid var(--mantine-color-gray-3)" }}>
          {value}
        </Code>
        <CopyButton value={value}>
          {({ copied, copy }) => (
            <Tooltip label={copied ? "Copied" : `Copy ${label.toLowerCase()}`}>
              <ActionIcon variant="default" color={copied ? "teal" : "gray"} onClick={copy} aria-label={`Copy ${label.toLowerCase()}`} size="lg">
                {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
              </ActionIcon>
            </Tooltip>
          )}
        </CopyButton>
      </Group>
    </Stack>
  );
}

/** SSO-1: what the identity provider needs to know about Chambers, to copy or download. */
export function ServiceProviderCard({ settings }: { settings: SsoSettings }) {
  return (
    <Paper withBorder p="lg" mb="lg" data-testid="sp-card">
      <Stack gap="md">
        <Stack gap={2}>
          <Title order={4}>1. Add Chambers to your identity provider</Title>
          <Text size="sm" c="dimmed">
            Create a SAML 2.0 app in Okta, Entra ID or your provider with these values, the NameID format set to email address
            and the NameID set to the person's login email. Assertions must be signed.
          </Text>
        </Stack>
        <CopyRow label="Entity ID (audience)" value={settings.sp_entity_id} />
        <CopyRow label="ACS URL (reply URL)" value={settings.acs_url} />
        <Group gap="xs">
          <IconDownload size={16} aria-hidden />
          <Anchor href={settings.metadata_url} download="chambers-saml-metadata.xml" size="sm" fw={500}>
            Download the metadata XML
          </Anchor>
          <Text size="sm" c="dimmed">
            (or give your provider its URL, the entity ID above)
          </Text>
        </Group>
      </Stack>
    </Paper>
  );
}

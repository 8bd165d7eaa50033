import { ActionIcon, Alert, Button, Code, CopyButton, Group, Text, Tooltip } from "@mantine/core";
import { IconCheck, IconCopy, IconKey } from "@tabler/icons-react";

/** A secret the server shows this once (an API token, a webhook's signing secret), with a copy button. */
export function OnceSecretNotice({ title, secret, what, testId, onDone }: {
  title: string;
  secret: string;
  /** What is copied, for the button's name: "token", "secret". */
  what: string;
  testId: string;
  onDone: () => void;
}) {
  return (
    <Alert color="navy" variant="light" title={title} icon={<IconKey size={18} />}>
      <Text size="sm" mb="xs">
        Copy it now and keep it somewhere safe: it will not be shown again.
      </Text>
      <Group gap="xs" wrap="nowrap" align="center">
        <Code
          block
          bg="white"
          fz="sm"
          style={{ flex: 1, wordBreak: "break-all", whiteSpace: "pre-wrap", border: "1px solid var(--mantine-color-gray-3)" }}
          data-testid={testId}
        >
          {secret}
        </Code>
        <CopyButton value={secret}>
          {({ copied, copy }) => (
            <Tooltip label={copied ? "Copied" : `Copy ${what}`}>
              <ActionIcon variant="default" color={copied ? "teal" : "gray"} onClick={copy} aria-label={`Copy ${what}`} size="lg">
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

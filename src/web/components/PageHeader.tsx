import { useDocumentTitle } from "@mantine/hooks";
import type { ReactNode } from "react";
import { Group, Stack, Text, Title } from "@mantine/core";

/** The title block at the top of a settings page. */
export function PageHeader({ title, description, actions, aside }: {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
  /** Shown beside the title, such as a status badge. */
  aside?: ReactNode;
}) {
  useDocumentTitle(`${title} · Chambers`);
  return (
    <Group justify="space-between" align="flex-end" mb="lg" wrap="wrap" gap="md">
      <Stack gap={4}>
        <Group gap="sm" align="center">
          <Title order={1} fz={26}>
            {title}
          </Title>
          {aside}
        </Group>
        {description && (
          <Text c="dimmed" size="sm" maw={640}>
            {description}
          </Text>
        )}
      </Stack>
      {actions}
    </Group>
  );
}

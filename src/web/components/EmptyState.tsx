import type { ReactNode } from "react";
import { Stack, Text, ThemeIcon, Title } from "@mantine/core";

/** A calm placeholder for an empty list: what is missing and why. */
export function EmptyState({ icon, title, children, action }: {
  icon: ReactNode;
  title: string;
  children?: ReactNode;
  action?: ReactNode;
}) {
  return (
    <Stack align="center" gap="xs" py={56} px="md" ta="center">
      <ThemeIcon size={52} radius="xl" variant="light" color="navy">
        {icon}
      </ThemeIcon>
      <Title order={4} mt="xs">
        {title}
      </Title>
      {children && (
        <Text size="sm" c="dimmed" maw={440}>
          {children}
        </Text>
      )}
      {action}
    </Stack>
  );
}

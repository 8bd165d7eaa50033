import { useDocumentTitle } from "@mantine/hooks";
import type { ReactNode } from "react";
import { Box, Center, Paper, Stack, Text, Title } from "@mantine/core";
import { Wordmark } from "./Wordmark";

/** The centred card of the public pages (sign-in, sign-up, mailed links); its title is the page's one h1. */
export function AuthLayout({ title, subtitle, children, footer, width = 440 }: {
  title: string;
  subtitle?: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
  width?: number;
}) {
  useDocumentTitle(`${title} · Chambers`);
  return (
    <Center mih="100vh" p="md">
      <Box w="100%" maw={width}>
        <Stack align="center" gap="lg" mb="lg">
          <Wordmark size="xl" />
        </Stack>
        <Paper withBorder shadow="sm" p={32}>
          <Title order={1} fz={22} mb={4}>
            {title}
          </Title>
          {subtitle && (
            <Text size="sm" c="dimmed" mb="lg">
              {subtitle}
            </Text>
          )}
          {children}
        </Paper>
        {footer && (
          <Text size="sm" c="dimmed" ta="center" mt="lg">
            {footer}
          </Text>
        )}
      </Box>
    </Center>
  );
}

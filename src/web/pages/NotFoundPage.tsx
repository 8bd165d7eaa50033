import { Button, Stack, Text, ThemeIcon } from "@mantine/core";
import { IconLock, IconMapPinQuestion } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { Link } from "react-router";
import { PageHeader } from "../components/PageHeader";

function Elsewhere({ icon, title, children }: { icon: ReactNode; title: string; children: ReactNode }) {
  return (
    <Stack align="center" gap="xs" py={56} ta="center">
      <ThemeIcon size={52} radius="xl" variant="light" color="navy" aria-hidden>
        {icon}
      </ThemeIcon>
      <PageHeader title={title} />
      <Text size="sm" c="dimmed" maw={460} mt={-12}>
        {children}
      </Text>
      <Button component={Link} to="/" mt="sm">
        Back to your start page
      </Button>
    </Stack>
  );
}

/** An address the console does not have: say so, with a way back (CON-2). */
export function NotFoundPage() {
  return (
    <Elsewhere icon={<IconMapPinQuestion size={26} stroke={1.5} />} title="Page not found">
      There is no page at this address. It may have been mistyped, or the link you followed is out of date.
    </Elsewhere>
  );
}

/** A page meant for a permission this person does not hold: explain, never fail (CON-2). */
export function NotAllowedPage() {
  return (
    <Elsewhere icon={<IconLock size={26} stroke={1.5} />} title="Not available to you">
      This page is for people whose roles allow it. If you need it, ask one of your firm&apos;s administrators.
    </Elsewhere>
  );
}

import { Paper, SimpleGrid, Text } from "@mantine/core";
import type { Licenses } from "../api/types";

function Stat({ label, value, hint }: { label: string; value: number; hint?: string }) {
  return (
    <Paper withBorder p="md" bg="gray.0" data-testid={`licenses-${label.toLowerCase().replace(/\s+/g, "-")}`}>
      <Text size="xs" c="dimmed" fw={500}>
        {label}
      </Text>
      <Text fz={24} fw={600} mt={2} lh={1.3}>
        {value}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed" mt={2}>
          {hint}
        </Text>
      )}
    </Paper>
  );
}

/** Total, in use, available and pending removal (LIC-2, LIC-10). */
export function LicenseStats({ licenses: l, cols = 4 }: { licenses: Licenses; cols?: 2 | 4 }) {
  return (
    <SimpleGrid cols={{ base: 2, md: cols }} spacing="md">
      <Stat label="Total" value={l.total} />
      <Stat label="In use" value={l.occupied} />
      <Stat label="Available" value={l.available} />
      <Stat label="Pending removal" value={l.pending_removal} />
    </SimpleGrid>
  );
}

import { Group, Text, ThemeIcon } from "@mantine/core";
import { IconBuildingBank } from "@tabler/icons-react";
import { wordmarkFont } from "../theme";

/** The product name, as shown in the header and on the sign-in pages. */
export function Wordmark({ size = "lg" }: { size?: "lg" | "xl" }) {
  const big = size === "xl";
  return (
    <Group gap={10} wrap="nowrap">
      <ThemeIcon size={big ? 40 : 32} radius="md" color="navy.9">
        <IconBuildingBank size={big ? 22 : 18} stroke={1.6} />
      </ThemeIcon>
      <Text fz={big ? 26 : 20} fw={600} c="navy.9" ff={wordmarkFont} style={{ letterSpacing: 0.2 }}>
        Chambers
      </Text>
    </Group>
  );
}

import { useId, useRef, useState, type DragEvent } from "react";
import { CloseButton, Group, Input, Paper, Text, ThemeIcon } from "@mantine/core";
import { IconFileSpreadsheet, IconUpload } from "@tabler/icons-react";

/** "12.4 KB", "3.1 MB". */
function sizeOf(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * A CSV file, dropped here or chosen by browsing. The file input itself stays in the page,
 * only drawn as the zone around it, so it is reached and opened from the keyboard.
 */
export function CsvDropZone({ label, hint, file, error, onFile }: {
  label: string;
  hint: string;
  file: File | null;
  error?: string | null;
  onFile: (file: File | null) => void;
}) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);

  const drag = (event: DragEvent, entering: boolean) => {
    event.preventDefault();
    setOver(entering);
  };
  const drop = (event: DragEvent) => {
    drag(event, false);
    const dropped = event.dataTransfer.files[0];
    if (dropped) onFile(dropped);
  };

  return (
    <Input.Wrapper label={label} required id={id} description={hint} error={error}>
      <div
        className="drop-zone"
        data-over={over || undefined}
        data-invalid={error ? true : undefined}
        data-testid="drop-zone"
        onClick={() => input.current?.click()}
        onDragOver={(event) => drag(event, true)}
        onDragLeave={(event) => drag(event, false)}
        onDrop={drop}
      >
        <input
          ref={input}
          id={id}
          type="file"
          accept=".csv,text/csv"
          className="visually-hidden"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error ${id}-description` : `${id}-description`}
          onClick={(event) => event.stopPropagation()}
          onChange={(event) => {
            onFile(event.currentTarget.files?.[0] ?? null);
            // The same file chosen again, once fixed, is a change too.
            event.currentTarget.value = "";
          }}
        />
        <ThemeIcon size={40} radius="xl" variant="light" color="navy">
          <IconUpload size={20} stroke={1.6} />
        </ThemeIcon>
        <Text size="sm" fw={500} mt={8}>
          Drop the CSV file here, or <span className="drop-zone-browse">browse</span>
        </Text>
      </div>
      {file && (
        <Paper withBorder px="sm" py={8} mt="xs" data-testid="chosen-file">
          <Group gap="sm" wrap="nowrap" justify="space-between">
            <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
              <IconFileSpreadsheet size={20} stroke={1.5} color="var(--mantine-color-teal-7)" style={{ flexShrink: 0 }} />
              <Text size="sm" fw={500} truncate="end">
                {file.name}
              </Text>
              <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
                {sizeOf(file.size)}
              </Text>
            </Group>
            <CloseButton size="sm" aria-label={`Remove ${file.name}`} onClick={() => onFile(null)} />
          </Group>
        </Paper>
      )}
    </Input.Wrapper>
  );
}

/** Pieces the practice lists (matters, tasks, calendar) share. */
import type { ReactNode } from "react";
import { Button, Center, Group, Input, Loader, SegmentedControl, Select, Stack, Table, Text, TextInput, Tooltip } from "@mantine/core";
import { useId } from "@mantine/hooks";
import { IconPencil, IconPlus, IconSearch, IconUser } from "@tabler/icons-react";
import { useSearchParams } from "react-router";
import { peopleOptions, useEveryone } from "../api/practice";
import type { Task, UserRef } from "../api/types";
import { plural } from "../format";
import { EmptyState } from "./EmptyState";
import { LoadError } from "./LoadError";

/** A user named on a record; the server already writes `(Inactive) First Last` for a deactivated one (PRC-3). */
export function PersonName({ person }: { person: UserRef | null | undefined }) {
  if (!person) return <Text size="sm" c="dimmed">—</Text>;
  const text = (
    <Text size="sm" c={person.inactive ? "dimmed" : undefined} fs={person.inactive ? "italic" : undefined} data-testid="person" data-inactive={person.inactive || undefined}>
      {person.name}
    </Text>
  );
  if (!person.inactive) return text;
  return (
    <Tooltip label="Deactivated: this work can be reassigned to an active user" withArrow>
      {text}
    </Tooltip>
  );
}

/** The bar above a list: its filters, wrapping on narrow screens. */
export function FilterBar({ children }: { children: ReactNode }) {
  return (
    <Group px="md" py="sm" gap="sm" wrap="wrap" align="flex-end" style={{ borderBottom: "1px solid var(--mantine-color-gray-2)" }}>
      {children}
    </Group>
  );
}

/** A person filter: active people, then the deactivated ones under their own heading. */
export function PersonFilter({ label, value, onChange }: { label: string; value: string | undefined; onChange: (id: string | undefined) => void }) {
  const people = useEveryone();
  return (
    <Select
      label={label}
      size="xs"
      w={220}
      placeholder="Anyone"
      searchable
      clearable
      leftSection={<IconUser size={14} />}
      data={peopleOptions(people.data)}
      value={value ?? null}
      onChange={(id) => onChange(id ?? undefined)}
      nothingFoundMessage="Nobody by that name"
    />
  );
}

interface PagedList {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  refetch: () => unknown;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
}

/**
 * The states of a paged list: loading, failed, empty (filtered or not), else the table and a
 * footer with how many are shown and "Load more" while the server has more.
 */
export function PagedListBody({ list, count, noun, filtered, empty, children }: {
  list: PagedList;
  count: number;
  /** The singular of what is listed: "matter". */
  noun: string;
  filtered: boolean;
  empty: { icon: ReactNode; title: string; text: string };
  children: ReactNode;
}) {
  if (list.isPending) {
    return (
      <Center py={64}>
        <Loader size="sm" aria-label={`Loading ${noun}s`} />
      </Center>
    );
  }
  if (list.isError) return <LoadError error={list.error} title={`Could not load ${noun}s`} onRetry={() => void list.refetch()} />;
  if (count === 0) {
    return filtered ? (
      <EmptyState icon={<IconSearch size={26} stroke={1.5} />} title={`No matching ${noun}s`}>
        Nothing here matches these filters. Clear one or more of them to see more.
      </EmptyState>
    ) : (
      <EmptyState icon={empty.icon} title={empty.title}>
        {empty.text}
      </EmptyState>
    );
  }
  return (
    <>
      {children}
      <ListFooter count={count} noun={noun} more={list.hasNextPage} loading={list.isFetchingNextPage} onMore={() => void list.fetchNextPage()} />
    </>
  );
}

/** How many rows are shown, and "Load more" while there are more. */
export function ListFooter({ count, noun, more, loading, onMore }: { count: number; noun: string; more: boolean; loading: boolean; onMore: () => void }) {
  return (
    <Group justify="space-between" px="md" py="sm" style={{ borderTop: "1px solid var(--mantine-color-gray-2)" }}>
      <Text size="xs" c="dimmed" data-testid="list-count">
        Showing {plural(count, noun)}
      </Text>
      {more && (
        <Button variant="default" size="xs" onClick={onMore} loading={loading}>
          Load more
        </Button>
      )}
    </Group>
  );
}

/** A list's filters kept in the address, so a filtered list can be linked to and reloaded. */
export function useUrlFilters() {
  const [params, setParams] = useSearchParams();
  const set = (name: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };
  return [params, set] as const;
}

/** A search box above a list. */
export function SearchFilter({ placeholder, value, onChange }: { placeholder: string; value: string; onChange: (value: string) => void }) {
  return (
    <TextInput
      label="Search"
      placeholder={placeholder}
      size="xs"
      w={240}
      leftSection={<IconSearch size={14} />}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
    />
  );
}

/** A choice among a few views of a list, with a visible label. */
export function SegmentFilter({ label, data, value, onChange }: {
  label: string;
  data: { value: string; label: string }[];
  value: string;
  onChange: (value: string) => void;
}) {
  const id = useId();
  return (
    <Stack gap={2}>
      <Input.Label size="xs" id={id}>
        {label}
      </Input.Label>
      <SegmentedControl size="xs" aria-labelledby={id} data={data} value={value} onChange={onChange} />
    </Stack>
  );
}

/** The matter a task or event belongs to, by number and description. */
export function MatterCell({ matter }: { matter: Task["matter"] }) {
  if (!matter) return <Text size="sm" c="dimmed">No matter</Text>;
  return (
    <Stack gap={0}>
      <Text size="sm" fw={600} ff="monospace">
        {matter.number}
      </Text>
      <Text size="xs" c="dimmed" lineClamp={1} maw={280}>
        {matter.description}
      </Text>
    </Stack>
  );
}

/** A column of a practice list: its heading, and a width when it should not flex. */
export interface Column {
  label: string;
  w?: number;
}

/** A practice list's table: scrolls sideways below `minWidth`; headings stay on one line. */
export function ListTable({ label, minWidth, columns, children }: { label: string; minWidth: number; columns: Column[]; children: ReactNode }) {
  return (
    <Table.ScrollContainer minWidth={minWidth}>
      <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            {columns.map((column) => (
              <Table.Th key={column.label} w={column.w} style={{ whiteSpace: "nowrap" }}>
                {column.label}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>{children}</Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** A row's edit button, named after what it edits. */
export function EditButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <Button variant="subtle" size="xs" leftSection={<IconPencil size={14} />} onClick={onClick} aria-label={label}>
      Edit
    </Button>
  );
}

/** A page's button that opens the dialog for a new record. */
export function NewButton({ children, onClick }: { children: ReactNode; onClick: () => void }) {
  return (
    <Button leftSection={<IconPlus size={16} />} onClick={onClick}>
      {children}
    </Button>
  );
}

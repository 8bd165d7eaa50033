import { useState } from "react";
import { Badge, Button, Center, Grid, Group, Loader, Paper, Stack, Text, Textarea, Title, UnstyledButton } from "@mantine/core";
import { IconMessages } from "@tabler/icons-react";
import { LIMITS } from "../../shared/limits";
import { notifyError } from "../api/mutations";
import { useMessages, usePostMessage, useThread, useThreads } from "../api/practiceMutations";
import type { Thread } from "../api/types";
import { formatDate, plural } from "../format";
import { EmptyState } from "../components/EmptyState";
import { LoadError } from "../components/LoadError";
import { PageHeader } from "../components/PageHeader";
import { ListFooter, NewButton, useUrlFilters } from "../components/PracticeParts";
import { ThreadModal } from "../components/ThreadModal";

/** Who takes part, colleagues then contacts; a deactivated colleague reads `(Inactive) …` (PRC-3). */
const participants = (thread: Thread) => [...thread.participant_users.map((u) => u.name), ...thread.participant_contacts.map((c) => c.name)].join(", ");

function ThreadList({ selected, onSelect }: { selected: string | undefined; onSelect: (id: string) => void }) {
  const threads = useThreads();
  const rows = threads.data?.pages.flatMap((p) => p.data) ?? [];
  if (threads.isPending) return <Center py="xl"><Loader size="sm" aria-label="Loading threads" /></Center>;
  if (threads.isError) return <LoadError error={threads.error} title="Could not load the threads" onRetry={() => void threads.refetch()} />;
  if (rows.length === 0) {
    return (
      <EmptyState icon={<IconMessages size={26} stroke={1.5} />} title="No threads yet">
        Threads you take part in, or that belong to a matter you may open, appear here.
      </EmptyState>
    );
  }
  return (
    <>
      <Stack gap={0} component="ul" style={{ listStyle: "none", margin: 0, padding: 0 }} aria-label="Threads">
        {rows.map((thread) => (
          <li key={thread.id}>
            <UnstyledButton
              onClick={() => onSelect(thread.id)}
              aria-current={thread.id === selected || undefined}
              data-testid="thread-row"
              w="100%"
              px="md"
              py="sm"
              style={{ borderBottom: "1px solid var(--mantine-color-gray-2)", background: thread.id === selected ? "var(--mantine-color-navy-0)" : undefined }}
            >
              <Group justify="space-between" wrap="nowrap" gap="xs">
                <Text size="sm" fw={600} lineClamp={1}>
                  {thread.subject}
                </Text>
                <Badge variant="light" color="gray.9" data-testid="message-count">
                  {plural(thread.message_count, "message")}
                </Badge>
              </Group>
              <Text size="xs" c="dimmed" lineClamp={1}>
                {thread.matter ? `${thread.matter.number} · ` : ""}
                {participants(thread)}
              </Text>
            </UnstyledButton>
          </li>
        ))}
      </Stack>
      <ListFooter count={rows.length} noun="thread" more={threads.hasNextPage} loading={threads.isFetchingNextPage} onMore={() => void threads.fetchNextPage()} />
    </>
  );
}

/** One thread: its messages, oldest first, and for those taking part a box to write. */
function ThreadView({ id }: { id: string }) {
  const thread = useThread(id);
  const messages = useMessages(id);
  const post = usePostMessage(id);
  const [body, setBody] = useState("");
  if (thread.isPending) return <Center py="xl"><Loader size="sm" aria-label="Loading the thread" /></Center>;
  if (thread.isError) return <LoadError error={thread.error} title="Could not load the thread" onRetry={() => void thread.refetch()} />;
  const t = thread.data;
  const send = () => post.mutate(body.trim(), { onSuccess: () => setBody(""), onError: (error) => notifyError("Could not send the message", error) });
  return (
    <Stack gap="md" p="md">
      <div>
        <Title order={3} fz="lg">
          {t.subject}
        </Title>
        <Text size="sm" c="dimmed">
          {t.matter ? `On ${t.matter.number} · ${t.matter.description}. ` : ""}With {participants(t)}.
        </Text>
      </div>
      <Stack gap="sm" component="ol" style={{ listStyle: "none", margin: 0, padding: 0 }} aria-label="Messages">
        {(messages.data ?? []).map((m) => (
          <Paper component="li" key={m.id} withBorder p="sm" data-testid="message">
            <Group justify="space-between" gap="xs">
              <Text size="sm" fw={600}>
                {m.author.name}
              </Text>
              <Text size="xs" c="dimmed">
                {formatDate(m.created_at, true)}
              </Text>
            </Group>
            <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
              {m.body}
            </Text>
          </Paper>
        ))}
        {messages.isSuccess && messages.data.length === 0 && (
          <Text size="sm" c="dimmed">
            No messages yet.
          </Text>
        )}
      </Stack>
      {t.abilities.post ? (
        <Stack gap="xs">
          <Textarea label="Write a message" autosize minRows={3} maxRows={10} maxLength={LIMITS.messageBodyMax} value={body} onChange={(e) => setBody(e.currentTarget.value)} />
          <Group justify="flex-end">
            <Button onClick={send} disabled={!body.trim()} loading={post.isPending}>
              Send
            </Button>
          </Group>
        </Stack>
      ) : (
        <Text size="sm" c="dimmed">
          You see this thread through its matter; only those taking part write to it.
        </Text>
      )}
    </Stack>
  );
}

/** Secure messages (PRC-8): the threads one sees, one open beside the list; who sees what is the server's (DEA-6). */
export function MessagesPage() {
  const [params, set] = useUrlFilters();
  const selected = params.get("thread") ?? undefined;
  const [creating, setCreating] = useState(false);
  return (
    <>
      <PageHeader
        title="Messages"
        description="Secure threads with colleagues and clients, on a matter or not."
        actions={<NewButton onClick={() => setCreating(true)}>New thread</NewButton>}
      />
      <ThreadModal
        opened={creating}
        onClose={() => setCreating(false)}
        onCreated={(thread) => {
          setCreating(false);
          set("thread", thread.id);
        }}
      />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Paper withBorder>
            <ThreadList selected={selected} onSelect={(id) => set("thread", id)} />
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Paper withBorder mih={200}>
            {selected ? (
              <ThreadView key={selected} id={selected} />
            ) : (
              <Text size="sm" c="dimmed" p="md">
                Choose a thread to read it.
              </Text>
            )}
          </Paper>
        </Grid.Col>
      </Grid>
    </>
  );
}

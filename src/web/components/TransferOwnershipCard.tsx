import { useState } from "react";
import { Alert, Button, Group, List, Paper, PasswordInput, Select, SimpleGrid, Stack, Text, TextInput, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { modals } from "@mantine/modals";
import { IconAlertCircle, IconCrown, IconInfoCircle } from "@tabler/icons-react";
import { applyProblemToForm } from "../api/forms";
import { useOwnershipCandidates, useTransferOwnership } from "../api/ownership";
import { fieldName, isProblem, problemMessage } from "../api/problem";
import { useCurrentUser } from "../api/queries";

interface Values {
  to_user_id: string;
  full_name: string;
  password: string;
}

/**
 * ACC-6: the primary subscriber hands the firm to another active administrator, with their
 * password and their full name typed exactly as on the account, after a confirmation.
 */
export function TransferOwnershipCard({ onTransferred }: { onTransferred: (name: string) => void }) {
  const me = useCurrentUser();
  const { candidates, isPending, error } = useOwnershipCandidates(me.id);
  const transfer = useTransferOwnership();
  const [alert, setAlert] = useState<string | null>(null);
  const form = useForm<Values>({
    mode: "uncontrolled",
    initialValues: { to_user_id: "", full_name: "", password: "" },
    validate: {
      to_user_id: (v) => (v ? null : "Choose the administrator who becomes the primary subscriber"),
      full_name: (v) => (v ? null : "Type your full name"),
      password: (v) => (v ? null : "Enter your password"),
    },
  });

  const send = (values: Values, name: string) => {
    setAlert(null);
    // Not mutate's callbacks: this card unmounts as soon as /me says the viewer is no longer the owner.
    transfer.mutateAsync(values).then(
      () => onTransferred(name),
      (err: unknown) => {
        if (isProblem(err) && err.errors.some((e) => fieldName(e.path) === "password")) form.setFieldValue("password", "");
        setAlert(applyProblemToForm(form, err));
      },
    );
  };

  const confirm = form.onSubmit((values) => {
    const name = candidates.find((c) => c.id === values.to_user_id)?.name ?? "The new owner";
    modals.openConfirmModal({
      title: "Transfer ownership?",
      children: (
        <Stack gap="xs">
          <Text size="sm">
            <b>{name}</b> becomes the primary subscriber of {me.firm.name}.
          </Text>
          <List size="sm" spacing={4}>
            <List.Item>You stay an administrator, with the roles you hold now.</List.Item>
            <List.Item>Only {name} can then transfer ownership or change their own profile, login email and roles.</List.Item>
            <List.Item>Other administrators can change your account, as for anyone else.</List.Item>
          </List>
        </Stack>
      ),
      labels: { confirm: "Transfer ownership", cancel: "Cancel" },
      confirmProps: { color: "red" },
      onConfirm: () => send(values, name),
    });
  });

  const options = candidates.map((c) => ({ value: c.id, label: c.name ? `${c.name} (${c.email})` : c.email }));
  const none = !isPending && !error && options.length === 0;
  return (
    <Paper withBorder p="lg" data-testid="transfer-ownership">
      <Stack gap={2} mb="md">
        <Title order={4}>Transfer ownership</Title>
        <Text size="sm" c="dimmed" maw={680}>
          Make another active administrator the primary subscriber of {me.firm.name}. You stay an administrator. To
          confirm it is you, type your full name exactly as it appears on your account and your password.
        </Text>
      </Stack>
      {none ? (
        <Alert color="gray" variant="light" icon={<IconInfoCircle size={18} />} maw={680} data-testid="no-ownership-candidates">
          No one else can take over yet: ownership goes only to an active administrator. Give someone the Administrator
          role on Manage users first; an invited person must accept their invitation.
        </Alert>
      ) : (
        <form onSubmit={confirm} noValidate>
          <Stack gap="md" maw={680}>
            {(alert || error) && (
              <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert">
                {alert ?? `Could not load the administrators. ${problemMessage(error)}`}
              </Alert>
            )}
            <Select
              label="New primary subscriber"
              required
              placeholder={isPending ? "Loading administrators…" : "Choose an administrator"}
              description="Only active administrators are listed."
              data={options}
              searchable
              nothingFoundMessage="No administrator matches"
              key={form.key("to_user_id")}
              {...form.getInputProps("to_user_id")}
            />
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
              <TextInput
                label="Your full name"
                required
                autoComplete="off"
                description="Exactly as on your account, including capitals."
                key={form.key("full_name")}
                {...form.getInputProps("full_name")}
              />
              <PasswordInput
                label="Your password"
                required
                autoComplete="current-password"
                description="The one you sign in with."
                key={form.key("password")}
                {...form.getInputProps("password")}
              />
            </SimpleGrid>
            <Group>
              <Button type="submit" color="red" variant="light" leftSection={<IconCrown size={16} />} loading={transfer.isPending}>
                Transfer ownership
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Paper>
  );
}

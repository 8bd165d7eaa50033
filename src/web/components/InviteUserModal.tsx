import { LIMITS } from "../../shared/limits";
import { useState } from "react";
import {
  Button, Fieldset, Group, Input, Modal, MultiSelect, Paper, SegmentedControl, SimpleGrid, Stack, Text, TextInput, Textarea,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { applyProblemToForm, EMAIL_SHAPE } from "../api/forms";
import { useIdempotencyKey } from "../api/idempotency";
import { useInviteUser } from "../api/invitationMutations";
import { isProblem } from "../api/problem";
import { useGroups, useLicenses, useRoles } from "../api/queries";
import type { InviteBody, Quote } from "../api/types";
import { formatMoney, plural } from "../format";
import { subscriptionLabel } from "./UserBadges";
import { FormAlert } from "./FormAlert";
import { PurchaseQuote } from "./PurchaseQuote";

const MESSAGE_MAX = LIMITS.invitationMessageMax;

interface Values {
  email: string;
  subscription_type: "attorney" | "non_attorney";
  role_ids: string[];
  group_ids: string[];
  first_name: string;
  last_name: string;
  message: string;
}

const INITIAL: Values = { email: "", subscription_type: "attorney", role_ids: [], group_ids: [], first_name: "", last_name: "", message: "" };

/** The request body: trimmed, optional fields left out when blank. */
function toBody(v: Values, confirmPurchase: boolean): InviteBody {
  const optional = (value: string) => (value.trim() ? value.trim() : undefined);
  return {
    email: v.email.trim(),
    subscription_type: v.subscription_type,
    role_ids: v.role_ids,
    group_ids: v.group_ids.length > 0 ? v.group_ids : undefined,
    first_name: optional(v.first_name),
    last_name: optional(v.last_name),
    message: optional(v.message),
    ...(confirmPurchase ? { confirm_purchase: true } : {}),
  };
}

/** Who is about to be invited, while the purchase waits for confirmation. */
function InviteSummary({ values: v, roleNames }: { values: Values; roleNames: Map<string, string> }) {
  const name = `${v.first_name.trim()} ${v.last_name.trim()}`.trim();
  return (
    <Paper withBorder p="md" bg="gray.0" data-testid="invite-summary">
      <Text size="sm" fw={500}>
        {name ? `${name} · ${v.email.trim()}` : v.email.trim()}
      </Text>
      <Text size="sm" c="dimmed">
        Subscription: {subscriptionLabel(v.subscription_type)} · {v.role_ids.length === 1 ? "Role" : "Roles"}:{" "}
        {v.role_ids.map((id) => roleNames.get(id) ?? id).join(", ")}
      </Text>
    </Paper>
  );
}

/** Invite one user (INV-1), buying a license first when none is free (LIC-7). */
export function InviteUserModal({ opened, onClose, onInvited }: { opened: boolean; onClose: () => void; onInvited: () => void }) {
  const roles = useRoles();
  const groups = useGroups();
  const licenses = useLicenses();
  const invite = useInviteUser();
  const idempotency = useIdempotencyKey();
  const [alert, setAlert] = useState<string | null>(null);
  const [quote, setQuote] = useState<Quote | null>(null);
  const form = useForm<Values>({
    mode: "uncontrolled",
    initialValues: INITIAL,
    validate: {
      email: (v) => (EMAIL_SHAPE.test(v.trim()) ? null : "Enter a valid email address"),
      role_ids: (v) => (v.length > 0 ? null : "Choose at least one role"),
      message: (v) => (v.length <= MESSAGE_MAX ? null : `Keep the message under ${MESSAGE_MAX} characters`),
    },
  });

  const close = () => {
    form.reset();
    setAlert(null);
    setQuote(null);
    onClose();
  };

  const send = (confirmPurchase: boolean) => {
    setAlert(null);
    const body = toBody(form.getValues(), confirmPurchase);
    invite.mutate(
      { body, key: idempotency.keyFor(body) },
      {
        onSuccess: (data) => {
          idempotency.reset();
          const bought = data.charge ? ` ${plural(data.charge.count, "license")} bought for ${formatMoney(data.charge.amount_cents, data.charge.currency)}.` : "";
          notifications.show({ color: "teal", title: "Invitation sent", message: `${data.user.email} has 24 hours to accept.${bought}` });
          close();
          onInvited();
        },
        onError: (error) => {
          if (isProblem(error, "license_purchase_required") && error.extra.quote) {
            setQuote(error.extra.quote as Quote);
            return;
          }
          setQuote(null);
          setAlert(applyProblemToForm(form, error));
        },
      },
    );
  };

  const roleOptions = (roles.data ?? []).map((role) => ({ value: role.id, label: role.name }));
  const roleNames = new Map(roleOptions.map((o) => [o.value, o.label]));
  const groupOptions = (groups.data ?? []).map((group) => ({ value: group.id, label: group.name }));
  return (
    <Modal opened={opened} onClose={close} title="Invite a user" size="lg" closeOnClickOutside={!invite.isPending}>
      <form onSubmit={form.onSubmit(() => send(false))} noValidate>
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            They receive an email with a link to choose their password, valid for 24 hours. Until it is accepted or
            revoked, the invitation holds a license.
          </Text>
          <FormAlert>{alert}</FormAlert>
          {quote && <InviteSummary values={form.getValues()} roleNames={roleNames} />}
          <Fieldset variant="unstyled" p={0} m={0} display={quote ? "none" : undefined}>
            <Stack gap="md">
              <TextInput label="Email" type="email" required autoComplete="off" data-autofocus key={form.key("email")} {...form.getInputProps("email")} />
              <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
                <TextInput label="First name" placeholder="Optional" key={form.key("first_name")} {...form.getInputProps("first_name")} />
                <TextInput label="Last name" placeholder="Optional" key={form.key("last_name")} {...form.getInputProps("last_name")} />
              </SimpleGrid>
              <Input.Wrapper label="Subscription type" required error={form.errors.subscription_type}>
                <SegmentedControl
                  fullWidth
                  mt={6}
                  aria-label="Subscription type"
                  data={[
                    { value: "attorney", label: "Attorney" },
                    { value: "non_attorney", label: "Non-attorney" },
                  ]}
                  key={form.key("subscription_type")}
                  {...form.getInputProps("subscription_type")}
                />
              </Input.Wrapper>
              <MultiSelect
                label="Roles"
                required
                description="What they may do. Their permissions are the sum of their roles."
                placeholder={roles.isPending ? "Loading roles…" : "Choose one or more roles"}
                data={roleOptions}
                searchable
                nothingFoundMessage="No role matches"
                comboboxProps={{ withinPortal: true }}
                key={form.key("role_ids")}
                {...form.getInputProps("role_ids")}
              />
              {groupOptions.length > 0 && (
                <MultiSelect
                  label="Groups"
                  placeholder="Optional"
                  data={groupOptions}
                  searchable
                  clearable
                  nothingFoundMessage="No group matches"
                  key={form.key("group_ids")}
                  {...form.getInputProps("group_ids")}
                />
              )}
              <Textarea
                label="Personal message"
                description="Optional; shown in the invitation email."
                autosize
                minRows={3}
                maxRows={8}
                maxLength={MESSAGE_MAX}
                key={form.key("message")}
                {...form.getInputProps("message")}
              />
            </Stack>
          </Fieldset>
          {quote && (
            <PurchaseQuote
              quote={quote}
              periodEnd={licenses.data?.period_end}
              title="No license is free"
              then="The invitation is sent once you confirm."
              testId="invite-quote"
            />
          )}
          <Group justify="flex-end" gap="sm" mt="xs">
            {quote ? (
              <>
                <Button variant="default" onClick={() => setQuote(null)} disabled={invite.isPending}>
                  Back
                </Button>
                <Button onClick={() => send(true)} loading={invite.isPending}>
                  Confirm purchase and invite
                </Button>
              </>
            ) : (
              <>
                <Button variant="default" onClick={close} disabled={invite.isPending}>
                  Cancel
                </Button>
                <Button type="submit" loading={invite.isPending}>
                  Send invitation
                </Button>
              </>
            )}
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

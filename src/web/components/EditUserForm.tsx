import { useMemo, useState, type ReactNode } from "react";
import {
  Alert, Button, Grid, Group, Input, MultiSelect, Paper, SegmentedControl, Select, Stack, Text, TextInput, Title,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { IconAlertCircle, IconRefresh } from "@tabler/icons-react";
import { applyProblemToForm } from "../api/forms";
import { isProblem } from "../api/problem";
import { useCurrentUser, useGroups, useRoles } from "../api/queries";
import { useUpdateUser, type VersionedUser } from "../api/userEdit";
import { editableOf, timeZoneOptions, toFormValues, toUpdateBody, type UserFormValues } from "./userFormValues";
import { FormAlert } from "./FormAlert";

function Section({ title, description, children }: { title: string; description: string; children: ReactNode }) {
  return (
    <Paper withBorder p="lg">
      <Title order={4}>{title}</Title>
      <Text size="sm" c="dimmed" mb="md">
        {description}
      </Text>
      {children}
    </Paper>
  );
}

/** Shown when the PATCH answered 412: someone saved this user after it was loaded here. */
function ConflictAlert({ onReload, reloading }: { onReload: () => void; reloading: boolean }) {
  return (
    <Alert color="orange.9" variant="light" icon={<IconAlertCircle size={18} />} title="Changed by someone else" role="alert" data-testid="conflict-alert">
      <Text size="sm">
        This user was changed by someone else after you opened this page, so your changes were not saved. Reload to
        see the latest version, then make your changes again.
      </Text>
      <Button size="xs" mt="sm" color="orange" leftSection={<IconRefresh size={14} />} onClick={onReload} loading={reloading}>
        Reload
      </Button>
    </Alert>
  );
}

/**
 * The Edit user form (USR-5): profile, subscription type, roles and groups. Each field is
 * enabled only when the record's `abilities` allow it, and the PATCH carries only what changed,
 * with If-Match set to the ETag the record came with.
 */
export function EditUserForm({ versioned, onReload, reloading }: { versioned: VersionedUser; onReload: () => void; reloading: boolean }) {
  const { user, etag } = versioned;
  const me = useCurrentUser();
  const roles = useRoles();
  const groups = useGroups();
  const update = useUpdateUser(user.id);
  const editable = editableOf(user);
  const initial = useMemo(() => toFormValues(user), [user]);
  const [alert, setAlert] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const form = useForm<UserFormValues>({
    initialValues: initial,
    validate: {
      first_name: (v) => (!editable.profile || v.trim() ? null : "Enter a first name"),
      last_name: (v) => (!editable.profile || v.trim() ? null : "Enter a last name"),
      role_ids: (v) => (!editable.roles || v.length > 0 ? null : "Every user holds at least one role"),
    },
  });
  const body = toUpdateBody(initial, form.values, editable);
  const changed = Object.keys(body).length > 0;
  const anyEditable = Object.values(editable).some(Boolean);

  const save = () => {
    setAlert(null);
    setConflict(false);
    update.mutate(
      { etag, body },
      {
        onError: (error) => {
          if (isProblem(error, "precondition_failed")) setConflict(true);
          else setAlert(applyProblemToForm(form, error));
        },
      },
    );
  };

  const zones = useMemo(() => timeZoneOptions(initial.time_zone), [initial.time_zone]);
  const roleOptions = (roles.data ?? []).map((role) => ({ value: role.id, label: role.name }));
  const activeGroups = groups.data ?? [];
  // Archived groups the user is still in stay listed so they are not dropped by accident (GRP-2).
  const groupOptions = [
    ...activeGroups.map((g) => ({ value: g.id, label: g.name })),
    ...user.groups.filter((g) => !activeGroups.some((a) => a.id === g.id)).map((g) => ({ value: g.id, label: `${g.name} (archived)`, disabled: true })),
  ];
  const text = (name: keyof UserFormValues, label: string, extra: object = {}) => (
    <TextInput label={label} disabled={!editable.profile} {...extra} {...form.getInputProps(name)} />
  );
  const self = user.id === me.id;

  return (
    <form onSubmit={form.onSubmit(save)} noValidate>
      <Stack gap="lg" maw={880} className="readable-disabled">
        {conflict && <ConflictAlert onReload={onReload} reloading={reloading} />}
        <FormAlert>{alert}</FormAlert>
        <Section title="Profile" description="Name, initials and contact details, shown across the firm.">
          <Grid gap="md">
            <Grid.Col span={{ base: 12, sm: 5 }}>{text("first_name", "First name", { required: true })}</Grid.Col>
            <Grid.Col span={{ base: 12, sm: 5 }}>{text("last_name", "Last name", { required: true })}</Grid.Col>
            <Grid.Col span={{ base: 12, sm: 2 }}>{text("initials", "Initials", { maxLength: 5, placeholder: editable.profile ? "Letters" : undefined })}</Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <Select
                label="Time zone"
                placeholder={editable.profile ? "Search time zones" : undefined}
                data={zones}
                searchable
                clearable
                limit={60}
                nothingFoundMessage="No time zone matches"
                disabled={!editable.profile}
                {...form.getInputProps("time_zone")}
                onChange={(value) => form.setFieldValue("time_zone", value ?? "")}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>{text("phone", "Phone", { type: "tel" })}</Grid.Col>
            <Grid.Col span={12}>{text("address", "Address")}</Grid.Col>
            <Grid.Col span={{ base: 12, sm: 4 }}>{text("city", "City")}</Grid.Col>
            <Grid.Col span={{ base: 12, sm: 3 }}>{text("state", "State or region")}</Grid.Col>
            <Grid.Col span={{ base: 6, sm: 2 }}>{text("zip", "ZIP code")}</Grid.Col>
            <Grid.Col span={{ base: 6, sm: 3 }}>{text("country", "Country")}</Grid.Col>
          </Grid>
        </Section>
        <Section title="Access" description="The license this user holds, what they may do, and the groups they belong to.">
          <Stack gap="md">
            <Input.Wrapper label="Subscription type" error={form.errors.subscription_type}>
              <SegmentedControl
                mt={6}
                w={320}
                display="flex"
                aria-label="Subscription type"
                disabled={!editable.subscription}
                data={[
                  { value: "attorney", label: "Attorney" },
                  { value: "non_attorney", label: "Non-attorney" },
                ]}
                {...form.getInputProps("subscription_type")}
              />
            </Input.Wrapper>
            <MultiSelect
              label="Roles"
              required={editable.roles}
              description={
                editable.roles
                  ? "Their permissions are the sum of their roles."
                  : self
                    ? me.abilities.manage_users
                      ? "Another administrator must change your roles."
                      : "Your firm's administrators decide your roles."
                    : "You cannot change this user's roles."
              }
              data={roleOptions.length ? roleOptions : user.roles.map((r) => ({ value: r.id, label: r.name }))}
              searchable
              disabled={!editable.roles}
              nothingFoundMessage="No role matches"
              {...form.getInputProps("role_ids")}
            />
            <MultiSelect
              label="Groups"
              description={editable.groups ? "Only active groups can be chosen." : "You cannot change this user's groups."}
              placeholder={form.values.group_ids.length ? undefined : "No groups"}
              data={groupOptions}
              searchable
              clearable
              disabled={!editable.groups}
              nothingFoundMessage="No group matches"
              {...form.getInputProps("group_ids")}
            />
          </Stack>
        </Section>
        {anyEditable && (
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => form.setValues(initial)} disabled={!changed || update.isPending}>
              Discard changes
            </Button>
            <Button type="submit" loading={update.isPending} disabled={!changed}>
              Save changes
            </Button>
          </Group>
        )}
      </Stack>
    </form>
  );
}

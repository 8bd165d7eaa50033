import { useState } from "react";
import {
  Anchor, Button, Divider, Group, Input, NumberInput, Paper, PasswordInput, SegmentedControl, SimpleGrid, Stack, Text, TextInput,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { Link } from "react-router";
import { applyProblemToForm } from "../api/forms";
import { useSignUp } from "../api/mutations";
import { isProblem } from "../api/problem";
import { AuthLayout } from "../components/AuthLayout";
import { FormAlert } from "../components/FormAlert";
import { DEFAULT_CURRENCY, DEFAULT_PRICE_CENTS } from "../../shared/pricing";
import { formatMoney } from "../format";

const PASSWORD_MIN = 12;
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

type Plan = "monthly" | "annual";

/** The price and terms of the chosen plan, before the firm is made (LIC-1, LIC-3). */
function PlanTerms({ plan, licenses }: { plan: Plan; licenses: number }) {
  const price = DEFAULT_PRICE_CENTS[plan];
  const period = plan === "monthly" ? "month" : "year";
  const count = Number.isInteger(licenses) && licenses >= 1 ? licenses : 1;
  return (
    <Paper withBorder p="sm" bg="gray.0" data-testid="plan-terms">
      <Text size="sm" fw={600}>
        {formatMoney(price, DEFAULT_CURRENCY)} per license per {period}
        {plan === "annual" && ` (${formatMoney(price / 12, DEFAULT_CURRENCY)} a month, billed yearly)`}
      </Text>
      <Text size="sm" mt={4}>
        {count === 1 ? "1 license" : `${count} licenses`}: {formatMoney(price * count, DEFAULT_CURRENCY)} charged today for the first {period}, then
        the same every {period} until you remove licenses.
      </Text>
      <Text size="xs" c="dimmed" mt={4}>
        Licenses added later are charged at once for the time left in the {period} (prorated). Licenses you remove stay until
        the {period} ends{plan === "annual" ? "; the annual plan can also drop unused licenses at renewal" : ""}.
      </Text>
    </Paper>
  );
}

export function SignUpPage() {
  const signUp = useSignUp();
  const [alert, setAlert] = useState<string | null>(null);
  const form = useForm({
    mode: "controlled",
    initialValues: {
      firm_name: "",
      first_name: "",
      last_name: "",
      email: "",
      password: "",
      plan: "monthly" as Plan,
      licenses: 1 as number | string,
    },
    validate: {
      firm_name: (v) => (v.trim() ? null : "Enter your firm's name"),
      first_name: (v) => (v.trim() ? null : "Enter your first name"),
      last_name: (v) => (v.trim() ? null : "Enter your last name"),
      email: (v) => (EMAIL_SHAPE.test(v.trim()) ? null : "Enter a valid email address"),
      password: (v) => (v.length >= PASSWORD_MIN ? null : `Use at least ${PASSWORD_MIN} characters`),
      licenses: (v) => (Number.isInteger(Number(v)) && Number(v) >= 1 ? null : "At least one license is needed"),
    },
  });

  const submit = form.onSubmit((values) => {
    setAlert(null);
    signUp.mutate(
      {
        firm_name: values.firm_name.trim(),
        first_name: values.first_name.trim(),
        last_name: values.last_name.trim(),
        email: values.email.trim(),
        password: values.password,
        plan: values.plan,
        licenses: Number(values.licenses),
      },
      {
        onError: (error) => {
          if (isProblem(error, "email_in_use")) {
            form.setFieldError("email", "This email already belongs to a Chambers account. Sign in instead.");
          } else setAlert(applyProblemToForm(form, error));
        },
      },
    );
  });

  return (
    <AuthLayout
      width={560}
      title="Create your firm account"
      subtitle="You will be the primary subscriber and your firm's first administrator."
      footer={
        <>
          Already have an account?{" "}
          <Anchor component={Link} to="/signin" fw={500}>
            Sign in
          </Anchor>
        </>
      }
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <FormAlert>{alert}</FormAlert>
          <TextInput
            label="Firm name"
            autoComplete="organization"
            autoFocus
            key={form.key("firm_name")}
            {...form.getInputProps("firm_name")}
          />
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
            <TextInput
              label="First name"
              autoComplete="given-name"
              key={form.key("first_name")}
              {...form.getInputProps("first_name")}
            />
            <TextInput
              label="Last name"
              autoComplete="family-name"
              key={form.key("last_name")}
              {...form.getInputProps("last_name")}
            />
          </SimpleGrid>
          <TextInput
            label="Work email"
            type="email"
            autoComplete="email"
            description="You will sign in with this address."
            key={form.key("email")}
            {...form.getInputProps("email")}
          />
          <PasswordInput
            label="Password"
            autoComplete="new-password"
            description={`At least ${PASSWORD_MIN} characters. A passphrase is easiest to remember.`}
            key={form.key("password")}
            {...form.getInputProps("password")}
          />
          <Divider label="Subscription" labelPosition="left" mt="xs" />
          <Group grow align="flex-start" gap="md">
            <Input.Wrapper label="Billing plan" description="You can add licenses at any time." error={form.errors.plan}>
              <SegmentedControl
                fullWidth
                mt={6}
                aria-label="Billing plan"
                data={[
                  { value: "monthly", label: "Monthly" },
                  { value: "annual", label: "Annual" },
                ]}
                key={form.key("plan")}
                {...form.getInputProps("plan")}
              />
            </Input.Wrapper>
            <NumberInput
              label="Number of licenses"
              description="One per person using Chambers."
              min={1}
              max={10000}
              allowDecimal={false}
              allowNegative={false}
              key={form.key("licenses")}
              {...form.getInputProps("licenses")}
            />
          </Group>
          <PlanTerms plan={form.values.plan} licenses={Number(form.values.licenses)} />
          <Button type="submit" fullWidth mt="xs" loading={signUp.isPending}>
            Create account
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}

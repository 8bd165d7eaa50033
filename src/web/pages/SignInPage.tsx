import { useState } from "react";
import { Alert, Anchor, Button, Divider, PasswordInput, Stack, TextInput } from "@mantine/core";
import { IconLogin2 } from "@tabler/icons-react";
import { useForm } from "@mantine/form";
import { Link, useSearchParams } from "react-router";
import { applyProblemToForm } from "../api/forms";
import { useSignIn } from "../api/mutations";
import { isProblem } from "../api/problem";
import { AuthLayout } from "../components/AuthLayout";
import { FormAlert } from "../components/FormAlert";
import { ssoErrorMessage } from "../ssoErrors";

/** Sign-in messages never say which of email or password was wrong (SEC-2). */
function signInMessage(error: unknown): string | null {
  if (isProblem(error, "invalid_credentials")) return "Email or password is incorrect.";
  if (isProblem(error, "sso_required")) return "Your firm signs in through single sign-on: use Sign in with SSO below.";
  if (isProblem(error, "rate_limited")) return "Too many sign-in attempts. Please wait a few minutes and try again.";
  if (isProblem(error, "firm_closed")) return "Your firm's account is closed: only its administrators can sign in now.";
  if (isProblem(error, "two_factor_invalid")) return "That code is not valid. Enter the code your app shows now, or an unused recovery code.";
  return null;
}

export function SignInPage() {
  const signIn = useSignIn();
  const [params] = useSearchParams();
  const ssoError = params.get("sso_error");
  const [alert, setAlert] = useState<string | null>(ssoError ? ssoErrorMessage(ssoError) : null);
  // CLS-2: the console lands here right after closing the account, which signed everyone out.
  const justClosed = params.get("closed") === "1";
  // SES-3: once the password is known right, the second step asks for the code.
  const [askCode, setAskCode] = useState(false);
  const form = useForm({
    mode: "uncontrolled",
    initialValues: { email: "", password: "", code: "" },
    validate: {
      email: (v) => (v.trim() ? null : "Enter your email"),
      password: (v) => (v ? null : "Enter your password"),
      code: (v) => (!askCode || v.trim() ? null : "Enter the code from your app"),
    },
  });

  const submit = form.onSubmit((values) => {
    setAlert(null);
    signIn.mutate(
      { email: values.email.trim(), password: values.password, ...(askCode ? { code: values.code.trim() } : {}) },
      {
        onError: (error) => {
          if (isProblem(error, "two_factor_required")) {
            setAskCode(true);
            return;
          }
          const message = signInMessage(error);
          if (askCode && isProblem(error, "two_factor_invalid")) {
            form.setFieldValue("code", "");
            setAlert(message);
          } else if (message) {
            setAskCode(false);
            form.setFieldValue("password", "");
            setAlert(message);
          } else setAlert(applyProblemToForm(form, error));
        },
      },
    );
  });

  /** SSO-3: the firm is found from the email; the browser leaves for its identity provider. */
  const withSso = () => {
    const email = form.getValues().email.trim();
    form.clearErrors();
    if (!email) {
      form.setFieldError("email", "Enter your email to sign in with SSO");
      return;
    }
    setAlert(null);
    window.location.assign(`/sso/saml/start?email=${encodeURIComponent(email)}`);
  };

  return (
    <AuthLayout
      title="Sign in"
      subtitle="Welcome back. Sign in to manage your firm."
      footer={
        <>
          New to Chambers?{" "}
          <Anchor component={Link} to="/signup" fw={500}>
            Create a firm account
          </Anchor>
        </>
      }
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {justClosed && !alert && (
            <Alert color="orange.9" variant="light" title="The account is closed" data-testid="closed-notice">
              Everyone has been signed out. Administrators can sign in again to read the data and download the export.
            </Alert>
          )}
          <FormAlert>{alert}</FormAlert>
          <TextInput
            label="Email"
            readOnly={askCode}
            type="email"
            autoComplete="username"
            autoFocus
            key={form.key("email")}
            {...form.getInputProps("email")}
          />
          <Stack gap={6}>
            <PasswordInput
              label="Password"
              readOnly={askCode}
              autoComplete="current-password"
              key={form.key("password")}
              {...form.getInputProps("password")}
            />
            <Anchor component={Link} to="/forgot-password" size="sm" fw={500} style={{ alignSelf: "flex-end" }}>
              Forgot password?
            </Anchor>
          </Stack>
          {askCode && (
            <TextInput
              label="Authentication code"
              description="The 6-digit code from your authenticator app, or one of your recovery codes."
              autoComplete="one-time-code"
              autoFocus
              data-testid="two-factor-code"
              key={form.key("code")}
              {...form.getInputProps("code")}
            />
          )}
          <Button type="submit" fullWidth mt="xs" loading={signIn.isPending}>
            {askCode ? "Verify and sign in" : "Sign in"}
          </Button>
          <Divider label="or" labelPosition="center" />
          <Button variant="default" fullWidth leftSection={<IconLogin2 size={16} />} onClick={withSso}>
            Sign in with SSO
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}

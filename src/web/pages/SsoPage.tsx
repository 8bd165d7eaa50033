import { Alert, Center, Loader } from "@mantine/core";
import { useSearchParams } from "react-router";
import { useSsoSettings } from "../api/sso";
import { LoadError } from "../components/LoadError";
import { PageHeader } from "../components/PageHeader";
import { ServiceProviderCard } from "../components/ServiceProviderCard";
import { SsoSettingsForm } from "../components/SsoSettingsForm";
import { ssoErrorMessage } from "../ssoErrors";

/** Settings > Single sign-on (SSO-1, SSO-2): for those who manage the firm's settings. */
export function SsoPage() {
  const settings = useSsoSettings();
  const [params] = useSearchParams();
  const error = params.get("sso_error");
  return (
    <>
      <PageHeader
        title="Single sign-on"
        description="Let your people sign in through your identity provider (Okta, Microsoft Entra ID, Google Workspace or any SAML 2.0 provider), and require it once it works."
      />
      {error && (
        <Alert color="red" variant="light" title="The test sign-in did not succeed" mb="lg" data-testid="sso-error">
          {ssoErrorMessage(error)}
        </Alert>
      )}
      {settings.isPending ? (
        <Center py={64}>
          <Loader size="sm" aria-label="Loading single sign-on settings" />
        </Center>
      ) : settings.isError ? (
        <LoadError error={settings.error} title="Could not load the single sign-on settings" onRetry={() => void settings.refetch()} />
      ) : (
        <>
          <ServiceProviderCard settings={settings.data} />
          <SsoSettingsForm settings={settings.data} />
        </>
      )}
    </>
  );
}

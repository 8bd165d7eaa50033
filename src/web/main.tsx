import "@mantine/core/styles.css";
import "@mantine/notifications/styles.css";
import "./global.css";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { MantineProvider } from "@mantine/core";
import { ModalsProvider } from "@mantine/modals";
import { Notifications } from "@mantine/notifications";
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { BrowserRouter } from "react-router";
import { App } from "./App";
import { isProblem } from "./api/problem";
import { keys } from "./api/queries";
import { returnFocusToMenuButtons } from "./focusReturn";
import { cssVariablesResolver, theme } from "./theme";

/** A 401 anywhere means the session ended (signed out elsewhere, revoked, expired). */
function onError(error: unknown) {
  if (isProblem(error) && error.status === 401 && error.code === "unauthenticated") {
    queryClient.setQueryData(keys.me, null);
  }
}

const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError }),
  // Every change the server accepts writes a feed entry (FEED-1): any feed on screen is re-read (CON-4).
  mutationCache: new MutationCache({ onError, onSuccess: () => void queryClient.invalidateQueries({ queryKey: ["feed"] }) }),
  defaultOptions: {
    queries: {
      retry: (count, error) => !isProblem(error) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});

returnFocusToMenuButtons();

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light">
      {/* Bottom right: a toast never covers a dialog's close button (CON-5). */}
      <Notifications position="bottom-right" />
      <QueryClientProvider client={queryClient}>
        {/* Inside the router: a dialog opened through `modals` may link to a page. */}
        <BrowserRouter>
          <ModalsProvider>
            <App />
          </ModalsProvider>
        </BrowserRouter>
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);

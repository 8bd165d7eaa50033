import {
  createTheme, darken, defaultVariantColorsResolver, parseThemeColor, rgba, type CSSVariablesResolver, type MantineColorsTuple, type VariantColorsResolver,
} from "@mantine/core";

/** A deep, quiet navy: the primary colour of the console. */
const navy: MantineColorsTuple = [
  "#eef3f9",
  "#dce4ef",
  "#b5c7de",
  "#8ba8cd",
  "#688dbf",
  "#527cb6",
  "#4573b3",
  "#36629d",
  "#2d578d",
  "#1f3a5f",
];

/**
 * `variant="light"` with a dark shade (`teal.9`) reads as that shade, darkened a fifth, on a faint
 * tint of it: at least 5:1 for every badge colour, under a dialog's overlay too (CON-5).
 * Mantine's own resolver fills the background with the shade itself and keeps the light text
 * colour, which on a dark shade leaves the label unreadable (a solid block).
 */
const variantColorResolver: VariantColorsResolver = (input) => {
  const parsed = parseThemeColor({ color: input.color ?? input.theme.primaryColor, theme: input.theme });
  if (input.variant === "light" && parsed.isThemeColor && parsed.shade !== undefined && parsed.shade >= 5) {
    return { ...defaultVariantColorsResolver(input), background: rgba(parsed.value, 0.1), hover: rgba(parsed.value, 0.14), color: darken(parsed.value, 0.2) };
  }
  return defaultVariantColorsResolver(input);
};

export const theme = createTheme({
  variantColorResolver,
  primaryColor: "navy",
  primaryShade: 8,
  colors: { navy },
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
  headings: {
    fontFamily:
      'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
    fontWeight: "600",
  },
  defaultRadius: "md",
  cursorType: "pointer",
  components: {
    Button: { defaultProps: { radius: "md" } },
    Paper: { defaultProps: { radius: "md" } },
    // The dialog's × needs a name for screen readers (axe-core's critical `button-name`, CON-5).
    Modal: { defaultProps: { closeButtonProps: { "aria-label": "Close" } }, styles: { title: { fontWeight: 600, fontSize: "var(--mantine-font-size-lg)" } } },
    // A notice's × needs a name too (axe-core's critical `button-name`, CON-5).
    Notification: { defaultProps: { closeButtonProps: { "aria-label": "Dismiss" } } },
    // Sentence-case badges read calmer than the default capitals.
    Badge: { defaultProps: { radius: "sm" }, styles: { root: { textTransform: "none", fontWeight: 600, minWidth: "max-content" } } },
  },
});

/** The serif used for the product's name only. */
export const wordmarkFont = 'Georgia, "Times New Roman", serif';

/**
 * Mantine's dimmed grey (#868e96) and error red (red-6) are 3.3:1 on white, below the 4.5:1 WCAG
 * AA asks of body text (axe-core's serious `color-contrast`, CON-5). These are 5.6:1 and 5.5:1.
 */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: { "--mantine-color-dimmed": "#626970", "--mantine-color-error": "var(--mantine-color-red-9)" },
  dark: {},
});

/**
 * CON-5: a dialog gives the focus back, when it closes, to whatever had it when it opened. For a
 * dialog opened from a menu item that is the item, gone with its menu by then, and the focus
 * would fall to the page's top. So, as a menu item is chosen, before its own handler runs, the
 * focus moves to the button that opened the menu (the menu is labelled by it): the dialog then
 * gives the focus back there.
 */
export function returnFocusToMenuButtons(root: Document = document): void {
  root.addEventListener(
    "click",
    (event) => {
      // Only for an item chosen from the keyboard (Enter or Space: a click with no count); a
      // pointer's click leaves the focus alone (moving it then upset the groups page's dialog).
      if (event instanceof MouseEvent && event.detail > 0) return;
      const item = event.target instanceof Element ? event.target.closest('[role="menuitem"]') : null;
      const buttonId = item?.closest('[role="menu"]')?.getAttribute("aria-labelledby");
      const button = buttonId ? root.getElementById(buttonId) : null;
      if (button instanceof HTMLElement) button.focus({ preventScroll: true });
    },
    // Capturing, so the focus has moved before React runs the item's handler.
    { capture: true },
  );
}

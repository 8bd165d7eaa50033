/** The frame every email is written in: HTML and plain text, with every value escaped. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

export interface EmailContent {
  to: string;
  subject: string;
  /** Paragraphs of plain text; escaped for HTML here. */
  paragraphs: string[];
  action?: { label: string; url: string };
  footer?: string;
}

export function renderEmail(c: EmailContent) {
  const paras = c.paragraphs.map((p) => `<p style="margin:0 0 16px;line-height:1.5">${escapeHtml(p).replace(/\n/g, "<br>")}</p>`).join("");
  const button = c.action
    ? `<p style="margin:24px 0"><a href="${escapeHtml(c.action.url)}" style="background:#1c3d5a;color:#fff;padding:10px 18px;border-radius:4px;text-decoration:none">${escapeHtml(c.action.label)}</a></p>`
    : "";
  const footer = escapeHtml(c.footer ?? "Sent by Chambers, your firm's practice management system.");
  const html = `<!doctype html><html><body style="font-family:Helvetica,Arial,sans-serif;color:#1f2933;background:#f5f7fa;padding:24px"><div style="max-width:560px;margin:auto;background:#fff;padding:32px;border-radius:6px">${paras}${button}<p style="color:#7b8794;font-size:12px;margin-top:32px">${footer}</p></div></body></html>`;
  const text = [...c.paragraphs, ...(c.action ? [`${c.action.label}: ${c.action.url}`] : []), "", c.footer ?? "Sent by Chambers."].join("\n\n");
  return { to: c.to, subject: c.subject, html, text };
}

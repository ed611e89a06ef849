import { markup, raw, type Html } from './html.js';

/** Only inline styles may apply; nothing may load, run or be fetched. */
const POLICY = "default-src 'none'; style-src 'unsafe-inline'";

/** What a report page holds: its parts are already escaped markup, the style plain CSS. */
export interface ReportPage {
  title: string;
  style: string;
  header: Html;
  /** Each section's id, heading and body, in the order they appear. */
  sections: ReadonlyArray<readonly [id: string, title: string, body: Html]>;
  /** What made the page, and from which folder, for the footer. */
  madeBy: { name: string; version: string };
  madeFrom: string;
}

/**
 * A whole report as one HTML file that needs nothing else: the content security policy
 * forbids scripts and anything fetched, so what is on the page is all there is.
 */
export function reportPage(page: ReportPage): string {
  const sections = page.sections.map(
    ([id, title, body]) => markup`<section id="${id}"><h2>${title}</h2>
${body}
</section>
`,
  );
  return markup`<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${POLICY}">
<title>${page.title}</title>
<style>${raw(page.style)}</style>
</head>
<body>
${page.header}
<main>
${sections}</main>
<footer>Made by ${page.madeBy.name} ${page.madeBy.version} from ${page.madeFrom}.</footer>
</body>
</html>
`.markup;
}

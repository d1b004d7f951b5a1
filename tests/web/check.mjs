// The portal edition in a real browser (issue 15): every page given is opened
// in headless Chromium at 360 px and 1280 px. It fails when axe-core reports a
// WCAG 2.1 A/AA violation, or when the document is wider than the viewport
// (the page would scroll sideways on a phone). Screenshots of both widths are
// written for people to look at.
//   node tests/web/check.mjs SCREENSHOT_DIR PAGE.html...
import { createRequire } from 'node:module';
import { mkdirSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import puppeteer from 'puppeteer-core';

const require = createRequire(import.meta.url);
const axePath = require.resolve('axe-core/axe.min.js');
const [shots, ...pages] = process.argv.slice(2);
if (!shots || pages.length === 0) {
	console.error('usage: node check.mjs SCREENSHOT_DIR PAGE.html...');
	process.exit(2);
}
mkdirSync(shots, { recursive: true });

const browser = await puppeteer.launch({
	executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
	headless: true,
	args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--allow-file-access-from-files'],
});
let failed = 0;
try {
	for (const file of pages) {
		const url = 'file://' + resolve(file);
		for (const width of [360, 1280]) {
			const page = await browser.newPage();
			await page.setViewport({ width, height: 800 });
			await page.goto(url, { waitUntil: 'load' });
			const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
			if (wide > 0) {
				console.log(`${file} at ${width} px: the document is ${wide} px wider than the viewport`);
				failed++;
			}
			const name = basename(file, '.html') + '-' + width + '.png';
			await page.screenshot({ path: resolve(shots, name), fullPage: false });
			if (width === 360) {
				await page.addScriptTag({ path: axePath });
				const result = await page.evaluate(async () =>
					await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }));
				for (const v of result.violations) {
					console.log(`${file}: axe ${v.id} (${v.impact}): ${v.help}; ${v.nodes.length} element(s), e.g. ${v.nodes[0].target.join(' ')}`);
					failed++;
				}
				console.log(`${file}: ${result.violations.length} axe violations, ${result.passes.length} rules passed`);
			}
			await page.close();
		}
	}
} finally {
	await browser.close();
}
process.exit(failed ? 1 : 0);

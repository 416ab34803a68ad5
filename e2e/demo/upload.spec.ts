import { expect, test } from '@playwright/test';
import { ORIGINS } from './demo.js';
import { screenshot } from './demo.js';

test.use({ viewport: { width: 1280, height: 1100 } });

const file = (name: string, text: string) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });

test.describe('dialer base upload against the Integra simulator', () => {
  test('a CSV with mistakes: the report names each line and field, and nothing can be uploaded', async ({ page }) => {
    await page.goto(`${ORIGINS.console}/upload.html`);
    const csv = [
      'phone;priority;name', //                    line 1
      '099123456;1;Ana', //                         line 2: fine
      '09912345A;2;Luis', //                        line 3: a letter in the phone
      '098765432;10000;Eva', //                     line 4: priority over 9999
      '"099555444";1;"two', //                     line 5-6: a line break inside a value
      'lines"',
      '099000111;1', //                             line 7: a cell missing
      'abc;1;Zed', //                               line 8: not a phone
    ].join('\r\n');
    await page.locator('#file').setInputFiles(file('leads.csv', csv));
    await expect(page.locator('#summary')).toContainText('nothing can be sent');
    const problems = page.locator('#problems tbody tr');
    await expect(problems).toHaveCount(5);
    const lines = await problems.evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset.line));
    expect(lines).toEqual(['3', '4', '5', '7', '8']);
    await expect(problems.nth(0).locator('td').nth(1)).toHaveText('phone');
    await expect(problems.nth(1).locator('td').nth(1)).toHaveText('priority');
    await expect(problems.nth(2).locator('td').nth(1)).toContainText('name');
    await expect(problems.nth(3).locator('td').nth(1)).toHaveText('row');
    await expect(page.locator('#upload')).toBeDisabled();
    await screenshot(page, 'upload-report');
  });

  test('a clean CSV: validated, uploaded, and the simulated platform shows what it received', async ({ page }) => {
    await page.goto(`${ORIGINS.console}/upload.html`);
    const filename = `leads_e2e_${Date.now().toString(36)}`;
    await page.locator('#filename').fill(filename);
    const csv = '\uFEFFphone,altPhones,priority,name,city\n099123456,M=0=098447120,1,Ana,Montevideo\n+59829001234,,5,"Gómez, Luis",Salto\n';
    await page.locator('#file').setInputFiles(file('leads.csv', csv));
    await expect(page.locator('#summary')).toContainText('2 contacts valid');
    await expect(page.locator('#problems')).toBeHidden();
    await expect(page.locator('#preview')).toContainText('Sales<-;099123456;name=Ana:city=Montevideo;M=0=098447120;1');
    await page.locator('#upload').click();
    await expect(page.locator('#upload-status')).toContainText(`Accepted by the platform: ${filename} (2 lines)`);
    const received = page.locator(`#received li[data-filename="${filename}"]`);
    await expect(received).toContainText('campaign Sales<- · cant 2 · by api');
    await expect(received).toContainText('Sales<-;+59829001234;name=Gómez, Luis:city=Salto;;5');
    await screenshot(page, 'upload-received');
  });
});

// Drives the Streamlog web console in a headless Chromium (Debian's package) through playwright-core:
//   node console.mjs <gateway base URL> <topic> <group> <screenshot path>
// The topic must exist with replication factor 3 and hold records "hello-0".."hello-4" in partition 0; the
// group must have committed an offset on it.
// Checks that the console loads, lists the topic, shows partition 0's ISR, browses its messages from an offset
// and from a time, produces a record that the browser then shows, adds an ACL and deletes it; saves a screenshot.
// Signs in with HTTP Basic as CONSOLE_USER / CONSOLE_PASSWORD (environment). Exits 1 with the reason on the
// first check that fails; every wait is bounded.
import { chromium } from 'playwright-core';

const [base, topic, group, screenshot] = process.argv.slice(2);
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const WAIT_MS = 20000;

function check(condition, message) {
  if (!condition) {
    throw new Error(message);
  }
}

const browser = await chromium.launch({
  executablePath,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--no-first-run', '--disable-dev-shm-usage',
    '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost']
});
try {
  const page = await browser.newPage({ viewport: { width: 1360, height: 1700 },
    httpCredentials: { username: process.env.CONSOLE_USER, password: process.env.CONSOLE_PASSWORD } });
  page.setDefaultTimeout(WAIT_MS);
  const problems = [];
  page.on('pageerror', error => problems.push(error.message));

  await page.goto(base + '/ui');
  await page.waitForSelector('body[data-loaded="true"]');
  check(problems.length === 0, 'script errors on load: ' + problems.join('; '));
  check((await page.textContent('#status')) === '', 'the console reported: ' + await page.textContent('#status'));
  check((await page.textContent('#cluster')).startsWith('cluster '), 'no cluster id shown');
  check(await page.locator('#brokers tbody tr').count() === 3, 'expected 3 brokers');

  await page.locator('#topics li', { hasText: topic }).first().click();
  await page.waitForSelector(`#partitions[data-topic="${topic}"]`);
  const isr = await page.textContent('#partitions tr[data-partition="0"] td.isr');
  const members = isr.split(',').map(s => s.trim()).sort();
  check(members.join(',') === '1,2,3', `partition 0's ISR shows "${isr}", expected brokers 1, 2 and 3`);

  await page.locator('#groups li', { hasText: group }).first().click();
  await page.waitForSelector(`#group-title:text-is("Group ${group}")`);
  await page.waitForSelector('#lags tbody tr');
  check((await page.locator('#lags tbody tr', { hasText: topic }).count()) > 0, 'no lag row of ' + topic);

  await page.fill('#browse input[name=topic]', topic);
  await page.fill('#browse input[name=partition]', '0');
  await page.fill('#browse input[name=offset]', '2');
  await page.click('#browse button');
  await page.waitForSelector('#messages[data-loaded]');
  const fromTwo = await page.locator('#messages td.value').allTextContents();
  check(fromTwo.length === 3 && fromTwo[0] === 'hello-2' && fromTwo[2] === 'hello-4',
    'browsing from offset 2 showed ' + JSON.stringify(fromTwo));

  await page.fill('#browse input[name=time]', '2000-01-01T00:00');
  await page.click('#browse button');
  await page.waitForFunction(() => document.querySelector('#browse input[name=offset]').value === '0'
    && document.querySelectorAll('#messages td.value').length === 5);
  const fromTime = await page.locator('#messages td.value').allTextContents();
  check(fromTime[0] === 'hello-0', 'browsing from a time before every record showed ' + JSON.stringify(fromTime));

  await page.fill('#produce input[name=topic]', topic);
  await page.fill('#produce input[name=partition]', '0');
  await page.fill('#produce input[name=key]', 'console-key');
  await page.fill('#produce input[name=value]', 'from the console');
  await page.click('#produce button');
  await page.waitForSelector('#produced:has-text("written to partition 0 at offset")');

  await page.fill('#browse input[name=time]', '');
  await page.fill('#browse input[name=offset]', '5');
  await page.click('#browse button');
  await page.waitForFunction(() => [...document.querySelectorAll('#messages td.value')]
    .some(td => td.textContent === 'from the console'));
  check(problems.length === 0, 'script errors: ' + problems.join('; '));

  check((await page.textContent('#acl-note')) === 'No ACLs.', 'the ACL note says ' + await page.textContent('#acl-note'));
  await page.selectOption('#acl select[name=resource_type]', 'TOPIC');
  await page.fill('#acl input[name=resource_name]', topic);
  await page.fill('#acl input[name=principal]', 'User:alice');
  await page.selectOption('#acl select[name=operation]', 'READ');
  await page.click('#acl button');
  await page.waitForSelector('#acls tbody tr:has-text("User:alice")');
  const added = await page.locator('#acls tbody tr', { hasText: 'User:alice' }).locator('td').allTextContents();
  check(added.slice(0, 7).join(' ') === `TOPIC ${topic} LITERAL User:alice * READ ALLOW`,
    'the ACL added shows as ' + JSON.stringify(added));

  await page.fill('#browse input[name=offset]', '0');
  await page.click('#browse button');
  await page.waitForFunction(() => document.querySelectorAll('#messages tbody tr').length === 6);
  await page.screenshot({ path: screenshot, fullPage: true });
  await page.locator('#acls tbody tr', { hasText: 'User:alice' }).locator('button').click();
  await page.waitForSelector('#acls tbody tr:has-text("User:alice")', { state: 'detached' });
  check(problems.length === 0, 'script errors: ' + problems.join('; '));
  console.log('console checks passed; screenshot ' + screenshot);
} catch (error) {
  console.error('console check failed: ' + error.message);
  process.exitCode = 1;
} finally {
  await browser.close();
}
